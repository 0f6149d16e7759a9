package incident

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// ChainVersion names the canonical encoding that entry hashes cover. A new
// encoding gets a new version, so old chains keep verifying.
const ChainVersion = "sitroom-entry-v1"

// CanonicalEncoding returns the bytes an entry's hash covers: the version
// tag, the incident reference, the previous hash and every recorded field
// in a fixed order, each as name, byte length and value. Length prefixes
// make the encoding unambiguous whatever the text holds.
func CanonicalEncoding(ref string, e *Entry) []byte {
	return appendCanonical(nil, ref, e)
}

// appendCanonical appends the canonical encoding of e to b.
func appendCanonical(b []byte, ref string, e *Entry) []byte {
	field := func(name, value string) {
		b = append(b, name...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(len(value)), 10)
		b = append(b, ':')
		b = append(b, value...)
		b = append(b, '\n')
	}

	list := func(name string, values []string) {
		field(name, strconv.Itoa(len(values)))
		for _, v := range values {
			field(name+"[]", v)
		}
	}

	field("version", ChainVersion)
	field("incident", ref)
	field("seq", strconv.FormatInt(e.Seq, 10))
	field("prev", e.PrevHash)
	field("occurred", formatChainTime(e.OccurredAt))
	field("recorded", formatChainTime(e.RecordedAt))
	field("author", e.Author)
	field("decision_maker", e.DecisionMaker)
	field("level", string(e.Level))
	field("kind", string(e.Kind))
	field("text", e.Text)
	field("rationale", e.Rationale)
	list("options", e.Options)

	review := ""
	if e.ReviewAt != nil {
		review = formatChainTime(*e.ReviewAt)
	}

	field("review", review)
	field("late_reason", e.LateReason)
	field("amends", strconv.FormatInt(e.Amends, 10))
	field("amend_reason", e.AmendReason)
	list("systems", e.Systems)
	list("tasks", e.Tasks)
	list("people", e.People)
	field("source", e.Source)

	return b
}

// encodingBuffers reuses encoding buffers across ComputeHash calls, so
// hashing a long chain allocates almost nothing.
var encodingBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

func formatChainTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
}

// ComputeHash returns the hex SHA-256 of the entry's canonical encoding.
func ComputeHash(ref string, e *Entry) string {
	buf := encodingBuffers.Get().(*[]byte)
	*buf = appendCanonical((*buf)[:0], ref, e)
	sum := sha256.Sum256(*buf)
	encodingBuffers.Put(buf)

	return hex.EncodeToString(sum[:])
}

// ChainError describes the first entry at which a chain fails to verify.
type ChainError struct {
	Ref    string
	Seq    int64 // sequence number of the first bad entry
	Reason string
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("incident %s: entry %d does not verify: %s", e.Ref, e.Seq, e.Reason)
}

// VerifyChain recomputes the chain over entries given in sequence order and
// returns a *ChainError naming the first entry that does not match: a gap or
// repeat in sequence numbers, a previous hash that is not the one before, or
// a stored hash that differs from the recomputed one.
func VerifyChain(ref string, entries []Entry) error {
	v := NewChainVerifier(ref)

	for i := range entries {
		if err := v.Check(&entries[i]); err != nil {
			return err
		}
	}

	return nil
}

// ChainVerifier checks entries one at a time, in sequence order, so that a
// long chain can be verified while it streams from storage.
type ChainVerifier struct {
	ref   string
	prev  string
	count int64
}

// NewChainVerifier returns a verifier for the chain of incident ref.
func NewChainVerifier(ref string) *ChainVerifier {
	return &ChainVerifier{ref: ref}
}

// Check verifies the next entry and returns a *ChainError when it does not
// follow from the entries checked before it.
func (v *ChainVerifier) Check(e *Entry) error {
	want := v.count + 1

	if e.Seq != want {
		return &ChainError{Ref: v.ref, Seq: e.Seq, Reason: fmt.Sprintf("expected sequence number %d here", want)}
	}

	if e.PrevHash != v.prev {
		return &ChainError{Ref: v.ref, Seq: e.Seq, Reason: "its previous hash does not match the entry before it"}
	}

	if ComputeHash(v.ref, e) != e.Hash {
		return &ChainError{Ref: v.ref, Seq: e.Seq, Reason: "its contents do not match its hash (changed after it was written)"}
	}

	v.prev = e.Hash
	v.count = e.Seq

	return nil
}

// Count returns how many entries have verified so far.
func (v *ChainVerifier) Count() int64 { return v.count }

// Head returns the hash of the last entry that verified.
func (v *ChainVerifier) Head() string { return v.prev }

// Seal is the head of an incident's chain, short enough to read out over a
// phone or write in a paper log. A seal recorded away from the host proves
// later that nothing before it changed.
type Seal struct {
	Ref     string
	Entries int64  // number of entries in the chain
	Head    string // full hex hash of the last entry; empty for an empty chain
	At      time.Time
}

// Short returns the first 16 hex digits of the head hash in groups of four,
// for reading aloud.
func (s Seal) Short() string {
	if len(s.Head) < 16 {
		return "none"
	}

	h := s.Head[:16]

	return h[0:4] + " " + h[4:8] + " " + h[8:12] + " " + h[12:16]
}

// String returns the one-line form used in sitreps and exports.
func (s Seal) String() string {
	return fmt.Sprintf("%s seal: %d entries, head %s", s.Ref, s.Entries, s.Short())
}
