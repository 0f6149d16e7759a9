package export

import (
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// chainCheck verifies an incident's hash chain from entries that arrive in
// any order, so an export can verify the very entries it writes, in the
// same read, without a second pass in sequence order. It applies the rules
// of incident.ChainVerifier. Sequence numbers run 1, 2, 3… without gaps or
// repeats. Each entry's previous hash is the hash of the entry before it,
// or empty for the first. Each entry's hash is incident.ComputeHash of its
// contents.
//
// NOTE: it keeps 80 bytes per entry (sequence number, both hashes and
// flags) until result is called: 8 MB for 100,000 entries.
type chainCheck struct {
	ref   string
	links []chainLink
}

type chainLink struct {
	seq       int64
	hash      [32]byte
	prev      [32]byte
	prevEmpty bool // the stored previous hash is empty, as only the first entry's may be
	prevValid bool // the stored previous hash is empty or 64 hex digits
	contentOK bool // the stored hash matches the recomputed one
}

// maxPrealloc caps the room newChainCheck reserves, so a damaged sequence
// number cannot make it reserve gigabytes.
const maxPrealloc = 1 << 22

// newChainCheck returns a check for the chain of incident ref. expected is
// how many entries the caller expects, used only to reserve room.
func newChainCheck(ref string, expected int64) *chainCheck {
	return &chainCheck{ref: ref, links: make([]chainLink, 0, min(max(expected, 0), maxPrealloc))}
}

// add recomputes e's hash and records its links. It is the costly part of
// verification: one SHA-256 over the entry's canonical encoding.
func (c *chainCheck) add(e *incident.Entry) {
	link := chainLink{seq: e.Seq, prevEmpty: e.PrevHash == ""}

	// A stored hash equal to the recomputed one is 64 hex digits, so it
	// decodes; one that differs is never compared again.
	if incident.ComputeHash(c.ref, e) == e.Hash {
		link.contentOK = decodeHash(e.Hash, &link.hash)
	}

	link.prevValid = link.prevEmpty || decodeHash(e.PrevHash, &link.prev)
	c.links = append(c.links, link)
}

// decodeHash reads 64 lower-case hex digits, the form ComputeHash writes,
// into out. Upper case is rejected, because the chain compares hashes as
// strings. It works on the string directly, because converting each hash to
// []byte for hex.Decode costs an allocation per entry.
func decodeHash(s string, out *[32]byte) bool {
	if len(s) != 2*len(out) {
		return false
	}

	for i := range out {
		hi, ok1 := hexValue(s[2*i])
		lo, ok2 := hexValue(s[2*i+1])

		if !ok1 || !ok2 {
			return false
		}

		out[i] = hi<<4 | lo
	}

	return true
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}

	return 0, false
}

// result returns the seal of the whole chain when every entry verified.
// Otherwise it returns the seal of the entries before the first one, in
// sequence order, that fails, together with a *ChainError naming it.
func (c *chainCheck) result(at time.Time) (incident.Seal, *incident.ChainError) {
	slices.SortFunc(c.links, func(a, b chainLink) int {
		switch {
		case a.seq < b.seq:
			return -1
		case a.seq > b.seq:
			return 1
		}

		return 0
	})

	seal := incident.Seal{Ref: c.ref, At: at}

	for i := range c.links {
		link := &c.links[i]
		want := int64(i) + 1

		// Like incident.ChainVerifier, name the entry found where the
		// next one was expected.
		if reason := c.fault(i, want); reason != "" {
			return seal, &incident.ChainError{Ref: c.ref, Seq: link.seq, Reason: reason}
		}

		seal.Entries = want
		seal.Head = hex.EncodeToString(link.hash[:])
	}

	return seal, nil
}

// fault returns why links[i], which should have sequence number want, does
// not verify, or "" when it does. The checks run in incident.ChainVerifier's
// order: sequence number, previous hash, contents.
func (c *chainCheck) fault(i int, want int64) string {
	link := &c.links[i]

	switch {
	case link.seq < 1:
		return "its sequence number is not positive"
	case link.seq < want:
		return "two entries have this sequence number"
	case link.seq > want:
		return fmt.Sprintf("expected sequence number %d here: no entry has that number", want)
	case !link.prevValid:
		return "its previous hash is not a SHA-256 hash"
	case want == 1 && !link.prevEmpty:
		return "it is the first entry but has a previous hash"
	case want > 1 && (link.prevEmpty || link.prev != c.links[i-1].hash):
		return "its previous hash does not match the entry before it"
	case !link.contentOK:
		return "its contents do not match its hash (changed after it was written)"
	}

	return ""
}
