package tui

import (
	"slices"
	"sort"
)

// keepRecent is how many of the newest and of the newest late entries the
// set keeps for the dashboard, more than any screen shows.
const keepRecent = 12

// resortAfter is how many out-of-order rows one batch may bring before the
// set re-sorts everything instead of inserting each one.
const resortAfter = 64

// entrySet is the incident's timeline in reading order (occurred time, then
// sequence number), with what the dashboard shows of it kept up to date as
// rows arrive. Entries are append-only, so rows are only ever added.
type entrySet struct {
	rows []*row

	maxID  int64 // largest row id seen, so the next fetch requests only larger ones
	maxSeq int64
	gen    int // counts batches that brought rows, so that drawn rows know to redraw

	correctedBy map[int64]int64   // sequence number to the latest entry that corrects it
	corrections map[int64][]int64 // sequence number to every entry that corrects it, in arrival order
	amends      map[int64]int64   // a correction's sequence number to the one it corrects

	latest    []*row // newest recorded first
	late      []*row // late entries, newest recorded first
	lateCount int
}

// add places the rows not seen before and returns how many there were.
// A batch arrives in reading order, not id order. A row whose id is not
// above the maxID from before the batch is a repeat from an overlapping
// fetch and is skipped.
func (s *entrySet) add(batch []*row) int {
	var fresh, outOfOrder []*row

	seen := s.maxID
	for _, r := range batch {
		if r.entry.ID <= seen {
			continue
		}

		s.maxID = max(s.maxID, r.entry.ID)
		s.maxSeq = max(s.maxSeq, r.entry.Seq)
		s.gen++
		s.note(r)
		fresh = append(fresh, r)
	}

	for _, r := range fresh {
		if n := len(s.rows); n == 0 || !r.before(s.rows[n-1]) {
			s.rows = append(s.rows, r)
		} else {
			outOfOrder = append(outOfOrder, r)
		}
	}

	if len(outOfOrder) > resortAfter {
		s.rows = append(s.rows, outOfOrder...)
		slices.SortFunc(s.rows, compareRows)

		return len(fresh)
	}

	for _, r := range outOfOrder {
		i := sort.Search(len(s.rows), func(i int) bool { return r.before(s.rows[i]) })
		s.rows = slices.Insert(s.rows, i, r)
	}

	return len(fresh)
}

// note updates the amendment links and the dashboard's recent lists.
func (s *entrySet) note(r *row) {
	if r.entry.Amends != 0 {
		if s.correctedBy == nil {
			s.correctedBy, s.corrections, s.amends = map[int64]int64{}, map[int64][]int64{}, map[int64]int64{}
		}

		s.amends[r.entry.Seq] = r.entry.Amends

		if r.entry.Seq > s.correctedBy[r.entry.Amends] {
			s.correctedBy[r.entry.Amends] = r.entry.Seq
		}

		s.corrections[r.entry.Amends] = append(s.corrections[r.entry.Amends], r.entry.Seq)
	}

	s.latest = insertRecent(s.latest, r)

	if r.entry.Late() {
		s.lateCount++
		s.late = insertRecent(s.late, r)
	}
}

// insertRecent inserts r into list, newest recorded first, keeping at most
// keepRecent rows.
func insertRecent(list []*row, r *row) []*row {
	i := sort.Search(len(list), func(i int) bool { return r.recordedAfter(list[i]) })
	if i >= keepRecent {
		return list
	}

	list = slices.Insert(list, i, r)
	if len(list) > keepRecent {
		list = list[:keepRecent]
	}

	return list
}

// indexOf returns r's position in rows, or -1 when it is not there.
func (s *entrySet) indexOf(r *row) int {
	i := sort.Search(len(s.rows), func(i int) bool { return !s.rows[i].before(r) })
	if i < len(s.rows) && s.rows[i] == r {
		return i
	}

	return -1
}

// findSeq returns the row with sequence number seq, or nil. It scans every
// row, so call it once per event (such as a save), never per frame.
func (s *entrySet) findSeq(seq int64) *row {
	for i := len(s.rows) - 1; i >= 0; i-- {
		if s.rows[i].entry.Seq == seq {
			return s.rows[i]
		}
	}

	return nil
}

// correctionChain returns the sequence numbers from the first entry of the
// chain of corrections that r belongs to, through r, to the latest
// correction, following the latest correction at each step. It returns nil
// when r neither corrects nor is corrected.
func (s *entrySet) correctionChain(r *row) []int64 {
	e := &r.entry
	if _, corrected := s.correctedBy[e.Seq]; !corrected && e.Amends == 0 {
		return nil
	}

	// The service gives a correction a larger sequence number than the
	// entry it corrects, so neither walk can loop. The length limit guards
	// against a database written by something else.
	limit := len(s.amends) + 1

	var back []int64
	for seq := e.Amends; seq != 0 && len(back) < limit; seq = s.amends[seq] {
		back = append(back, seq)
	}

	slices.Reverse(back)
	chain := append(back, e.Seq)

	for next, ok := s.correctedBy[e.Seq]; ok && len(chain) < 2*limit; next, ok = s.correctedBy[next] {
		chain = append(chain, next)
	}

	return chain
}

func compareRows(a, b *row) int {
	switch {
	case a.before(b):
		return -1
	case b.before(a):
		return 1
	}

	return 0
}
