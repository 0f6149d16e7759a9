package export

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// chainOf logs entries so that the fixture holds a chain of n entries, and
// returns them in sequence order.
func chainOf(t *testing.T, n int) (*fixture, []incident.Entry) {
	t.Helper()

	f := newFixture(t, false)
	for i := 2; i <= n; i++ {
		f.log(incident.NewEntry{Text: "entry", Systems: []string{"EPR"}})
	}

	return f, f.entries()
}

func TestChainCheckIntactSeal(t *testing.T) {
	f, entries := chainOf(t, 6)

	seal, err := f.svc.Verify(f.ctx, f.ref)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}

	check := newChainCheck(f.ref, int64(len(entries)))
	for _, i := range rand.Perm(len(entries)) {
		check.add(&entries[i])
	}

	got, broken := check.result(seal.At)
	if broken != nil {
		t.Fatalf("intact chain reported broken: %v", broken)
	}

	if got.Entries != seal.Entries || got.Head != seal.Head || got.Ref != seal.Ref {
		t.Errorf("seal = %+v, want %+v", got, seal)
	}
}

// TestChainCheckMatchesVerifier tampers with a chain in each way the chain
// rules catch and checks that chainCheck, fed the entries shuffled, names
// the same entry as incident.VerifyChain fed them in sequence order.
func TestChainCheckMatchesVerifier(t *testing.T) {
	f, intact := chainOf(t, 6)

	cases := map[string]func([]incident.Entry) []incident.Entry{
		"text changed": func(es []incident.Entry) []incident.Entry {
			es[3].Text = "rewritten"

			return es
		},
		"text and hash changed": func(es []incident.Entry) []incident.Entry {
			es[2].Text = "rewritten"
			es[2].Hash = incident.ComputeHash(f.ref, &es[2])

			return es
		},
		"previous hash changed": func(es []incident.Entry) []incident.Entry {
			es[4].PrevHash = es[2].Hash

			return es
		},
		"previous hash not hex": func(es []incident.Entry) []incident.Entry {
			es[1].PrevHash = "zz"

			return es
		},
		"previous hash upper case": func(es []incident.Entry) []incident.Entry {
			es[3].PrevHash = strings.ToUpper(es[3].PrevHash)

			return es
		},
		"entry removed": func(es []incident.Entry) []incident.Entry {
			return slices.Delete(es, 2, 3)
		},
		"last entry removed": func(es []incident.Entry) []incident.Entry {
			return es[:len(es)-1]
		},
		"entry repeated": func(es []incident.Entry) []incident.Entry {
			return append(es, es[3])
		},
		"first entry has a previous hash": func(es []incident.Entry) []incident.Entry {
			es[0].PrevHash = es[1].Hash

			return es
		},
		"sequence number zero": func(es []incident.Entry) []incident.Entry {
			es[0].Seq = 0

			return es
		},
		"review time added": func(es []incident.Entry) []incident.Entry {
			at := es[1].OccurredAt
			es[1].ReviewAt = &at

			return es
		},
		"system added": func(es []incident.Entry) []incident.Entry {
			es[5].Systems = append(es[5].Systems, "LIMS")

			return es
		},
	}

	for name, tamper := range cases {
		entries := tamper(slices.Clone(intact))

		ordered := slices.Clone(entries)
		slices.SortStableFunc(ordered, func(a, b incident.Entry) int { return int(a.Seq - b.Seq) })

		want := incident.VerifyChain(f.ref, ordered)

		check := newChainCheck(f.ref, int64(len(entries)))
		for _, i := range rand.Perm(len(entries)) {
			check.add(&entries[i])
		}

		_, got := check.result(f.now)

		switch {
		case want == nil && got == nil:
		case want == nil || got == nil:
			t.Errorf("%s: chainCheck says %v, VerifyChain says %v", name, got, want)
		case got.Seq != want.(*incident.ChainError).Seq:
			t.Errorf("%s: chainCheck names entry %d (%s), VerifyChain entry %d (%v)", name, got.Seq, got.Reason,
				want.(*incident.ChainError).Seq, want)
		}

		if name != "last entry removed" && got == nil {
			t.Errorf("%s: tampering went unnoticed", name)
		}
	}
}
