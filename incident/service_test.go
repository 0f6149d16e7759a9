package incident_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// fixture is a service over a real SQLite file whose clock the test moves.
type fixture struct {
	svc *incident.Service
	db  *store.DB
	now time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()

	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}

	t.Cleanup(func() { db.Close() })

	f := &fixture{db: db, now: time.Date(2026, 6, 11, 8, 0, 0, 0, time.UTC)}
	f.svc = incident.NewService(db, func() time.Time { return f.now })

	return f
}

var silver = incident.Actor{ID: "ST09", Name: "Marcus Delacroix-Bennett", Level: incident.LevelSilver}

func (f *fixture) declare(t *testing.T, ref string) incident.Incident {
	t.Helper()

	inc, err := f.svc.Declare(context.Background(), silver, incident.NewIncident{Ref: ref, Title: "Pathology partner ransomware"})
	if err != nil {
		t.Fatalf("declare %s: %v", ref, err)
	}

	return inc
}

func (f *fixture) entries(t *testing.T, inc incident.Incident) []incident.Entry {
	t.Helper()

	var out []incident.Entry

	err := f.db.Read(context.Background(), func(r incident.Reader) error {
		return r.ScanEntries(context.Background(), incident.EntryQuery{IncidentID: inc.ID}, func(e *incident.Entry) error {
			out = append(out, *e)

			return nil
		})
	})
	if err != nil {
		t.Fatalf("read entries: %v", err)
	}

	return out
}

func TestDeclareWritesFirstEntry(t *testing.T) {
	f := newFixture(t)
	inc := f.declare(t, "NBH-1")

	got := f.entries(t, inc)
	if len(got) != 1 {
		t.Fatalf("%d entries after declaring, want 1", len(got))
	}

	e := got[0]
	if e.Seq != 1 || e.PrevHash != "" || e.Kind != incident.KindSystem || e.Author != "ST09" {
		t.Errorf("first entry = seq %d prev %q kind %s author %s", e.Seq, e.PrevHash, e.Kind, e.Author)
	}

	if !strings.Contains(e.Text, "Pathology partner ransomware") {
		t.Errorf("declaration text %q does not name the incident", e.Text)
	}
}

func TestDeclareDuplicateRef(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")

	_, err := f.svc.Declare(context.Background(), silver, incident.NewIncident{Ref: "NBH-1", Title: "again"})
	if err == nil || !strings.Contains(err.Error(), "NBH-1 already exists") {
		t.Errorf("second declare error = %v, want 'already exists'", err)
	}
}

func TestLogRules(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")
	ctx := context.Background()

	cases := []struct {
		name    string
		in      incident.NewEntry
		wantErr string
	}{
		{"empty text", incident.NewEntry{Text: "  "}, "no text"},
		{"decision without rationale", incident.NewEntry{Kind: incident.KindDecision, Text: "Cut the VPN"}, "no rationale"},
		{"late without reason", incident.NewEntry{Text: "VPN cut", OccurredAt: f.now.Add(-11 * time.Minute)}, "late"},
		{"future", incident.NewEntry{Text: "VPN cut", OccurredAt: f.now.Add(time.Hour)}, "in the future"},
		{"late with reason", incident.NewEntry{Text: "VPN cut", OccurredAt: f.now.Add(-time.Hour), LateReason: "on the phone"}, ""},
		{"ten minutes is not late", incident.NewEntry{Text: "VPN cut", OccurredAt: f.now.Add(-10 * time.Minute)}, ""},
		{"decision with rationale", incident.NewEntry{Kind: incident.KindDecision, Text: "Cut the VPN", Rationale: "likeliest route in"}, ""},
	}

	for _, c := range cases {
		_, err := f.svc.Log(ctx, silver, "", c.in)

		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: error = %v, want one containing %q", c.name, err, c.wantErr)
		}
	}
}

func TestLogDefaultsAndLoggist(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")

	loggist := incident.Actor{ID: "ST22", Level: incident.LevelNone}

	e, err := f.svc.Log(context.Background(), loggist, "NBH-1", incident.NewEntry{
		Kind: incident.KindDecision, Text: "Stand up the ICC", Rationale: "site-wide impact",
		DecisionMaker: "ST01", Level: incident.LevelGold, Options: []string{"wait for supplier", " "},
	})
	if err != nil {
		t.Fatalf("log: %v", err)
	}

	if e.Author != "ST22" || e.DecisionMaker != "ST01" || e.Level != incident.LevelGold {
		t.Errorf("author %s maker %s level %s, want ST22 ST01 gold", e.Author, e.DecisionMaker, e.Level)
	}

	if len(e.Options) != 1 || e.Options[0] != "wait for supplier" {
		t.Errorf("options = %q, want the one non-blank option", e.Options)
	}

	if e.Seq != 2 || !e.RecordedAt.Equal(f.now) || !e.OccurredAt.Equal(f.now) {
		t.Errorf("seq %d recorded %s occurred %s", e.Seq, e.RecordedAt, e.OccurredAt)
	}
}

func TestLogNeedsIncidentChoice(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")
	f.declare(t, "NBH-2")

	_, err := f.svc.Log(context.Background(), silver, "", incident.NewEntry{Text: "x"})
	if err == nil || !strings.Contains(err.Error(), "NBH-1, NBH-2") {
		t.Errorf("error = %v, want one naming both open incidents", err)
	}

	if _, err := f.svc.Log(context.Background(), silver, "NBH-9", incident.NewEntry{Text: "x"}); err == nil || !strings.Contains(err.Error(), "NBH-9 not found") {
		t.Errorf("unknown incident error = %v", err)
	}

	inc, err := f.svc.ResolveIncident(context.Background(), "nbh-2")
	if err != nil || inc.Ref != "NBH-2" {
		t.Errorf("resolve nbh-2 = %s, %v; want NBH-2 whatever the case", inc.Ref, err)
	}
}

func TestAmendKeepsOriginal(t *testing.T) {
	f := newFixture(t)
	inc := f.declare(t, "NBH-1")
	ctx := context.Background()

	orig, err := f.svc.Log(ctx, silver, "", incident.NewEntry{Kind: incident.KindAction, Text: "VPN cut at 06:13"})
	if err != nil {
		t.Fatalf("log: %v", err)
	}

	f.now = f.now.Add(30 * time.Minute)

	fix, err := f.svc.Amend(ctx, silver, "", orig.Seq, "wrong time read off the firewall log", incident.NewEntry{Text: "VPN cut at 06:31"})
	if err != nil {
		t.Fatalf("amend: %v", err)
	}

	if fix.Amends != orig.Seq || fix.Kind != incident.KindAction || !fix.OccurredAt.Equal(orig.OccurredAt) {
		t.Errorf("correction amends %d kind %s occurred %s", fix.Amends, fix.Kind, fix.OccurredAt)
	}

	got := f.entries(t, inc)
	if len(got) != 3 || got[1].Text != "VPN cut at 06:13" || got[2].Text != "VPN cut at 06:31" {
		t.Fatalf("timeline after amendment: %+v", got)
	}

	if _, err := f.svc.Amend(ctx, silver, "", orig.Seq, "", incident.NewEntry{Text: "x"}); err == nil {
		t.Error("amendment without a reason was accepted")
	}

	if _, err := f.svc.Amend(ctx, silver, "", 99, "typo", incident.NewEntry{Text: "x"}); !errors.Is(err, incident.ErrNotFound) {
		t.Errorf("amending a missing entry: %v, want ErrNotFound", err)
	}
}

func TestVerifyAndSeal(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")
	ctx := context.Background()

	for i := range 5 {
		if _, err := f.svc.Log(ctx, silver, "", incident.NewEntry{Text: "entry " + string(rune('a'+i))}); err != nil {
			t.Fatalf("log: %v", err)
		}
	}

	seal, err := f.svc.Verify(ctx, "")
	if err != nil {
		t.Fatalf("verify: %v", err)
	}

	stored, err := f.svc.SealOf(ctx, "NBH-1")
	if err != nil {
		t.Fatalf("seal: %v", err)
	}

	if seal.Entries != 6 || seal.Head != stored.Head || len(seal.Head) != 64 {
		t.Errorf("verified seal %+v, stored %+v", seal, stored)
	}

	if !strings.Contains(seal.String(), "6 entries") || len(strings.ReplaceAll(seal.Short(), " ", "")) != 16 {
		t.Errorf("seal text %q", seal.String())
	}
}

func TestChainsArePerIncident(t *testing.T) {
	f := newFixture(t)
	a := f.declare(t, "NBH-1")
	b := f.declare(t, "NBH-2")

	if _, err := f.svc.Log(context.Background(), silver, "NBH-2", incident.NewEntry{Text: "only in two"}); err != nil {
		t.Fatalf("log: %v", err)
	}

	if n := len(f.entries(t, a)); n != 1 {
		t.Errorf("NBH-1 has %d entries, want 1", n)
	}

	eb := f.entries(t, b)
	if len(eb) != 2 || eb[1].Seq != 2 || eb[1].PrevHash != eb[0].Hash {
		t.Errorf("NBH-2 chain: %+v", eb)
	}
}

func TestLogInvalidUTF8StillVerifies(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")
	ctx := context.Background()

	e, err := f.svc.Log(ctx, silver, "", incident.NewEntry{
		Kind: incident.KindDecision, Text: "bad \xc3 byte", Rationale: "r", Options: []string{"\xc3"},
	})
	if err != nil {
		t.Fatalf("log: %v", err)
	}

	if e.Text != "bad \uFFFD byte" || e.Options[0] != "\uFFFD" {
		t.Errorf("text %q options %q, want U+FFFD in place of the bad byte", e.Text, e.Options)
	}

	if _, err := f.svc.Verify(ctx, ""); err != nil {
		t.Errorf("verify after invalid UTF-8: %v", err)
	}
}

func TestLogRejectsUnknownReferences(t *testing.T) {
	f := newFixture(t)
	f.declare(t, "NBH-1")
	ctx := context.Background()

	// With an empty roster and register nothing is checked.
	if _, err := f.svc.Log(ctx, silver, "", incident.NewEntry{Text: "early", DecisionMaker: "ST77", Systems: []string{"NOPE"}}); err != nil {
		t.Fatalf("log before any roster: %v", err)
	}

	if err := f.svc.ImportStaff(ctx, silver, "staff.csv", []incident.StaffMember{{ID: "ST01", Name: "Siân", Level: incident.LevelGold}, {ID: silver.ID, Name: "Silver", Level: incident.LevelSilver}}); err != nil {
		t.Fatalf("import staff: %v", err)
	}

	if err := f.svc.ImportSystems(ctx, silver, "systems.csv", []incident.System{{ID: "LIMS", Name: "LIMS"}}); err != nil {
		t.Fatalf("import systems: %v", err)
	}

	cases := []struct {
		name    string
		in      incident.NewEntry
		wantErr string
	}{
		{"unknown decision maker", incident.NewEntry{Text: "x", DecisionMaker: "ST77"}, `decision maker "ST77" is not on the staff roster`},
		{"unknown system", incident.NewEntry{Text: "x", Systems: []string{"LIMS", "NOPE"}}, `"NOPE" is not in the system register`},
		{"unknown people", incident.NewEntry{Text: "x", People: []string{"ST98", "ST99"}}, `"ST98", "ST99" are not on the staff roster`},
		{"known references", incident.NewEntry{Text: "x", DecisionMaker: "ST01", Systems: []string{"LIMS"}, People: []string{"ST01"}}, ""},
	}

	for _, c := range cases {
		_, err := f.svc.Log(ctx, silver, "", c.in)

		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: error = %v, want one containing %s", c.name, err, c.wantErr)
		}
	}
}
