package tui

import (
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func testRow(id, seq int64, occurred time.Time) *row {
	return newRow(incident.Entry{ID: id, Seq: seq, OccurredAt: occurred, RecordedAt: occurred, Text: "entry"}, time.UTC)
}

func seqs(s *entrySet) []int64 {
	out := make([]int64, len(s.rows))
	for i, r := range s.rows {
		out[i] = r.entry.Seq
	}

	return out
}

func TestEntrySetLateArrival(t *testing.T) {
	var s entrySet
	s.add([]*row{testRow(1, 1, testNow), testRow(2, 2, testNow.Add(time.Minute)), testRow(3, 3, testNow.Add(2*time.Minute))})
	s.add([]*row{testRow(4, 4, testNow.Add(30*time.Second))})

	want := []int64{1, 4, 2, 3}
	if got := seqs(&s); !equalInts(got, want) {
		t.Errorf("order after a late arrival = %v, want %v", got, want)
	}
}

func TestEntrySetSameTimeBySeq(t *testing.T) {
	var s entrySet
	s.add([]*row{testRow(2, 2, testNow), testRow(1, 1, testNow)})

	if got := seqs(&s); !equalInts(got, []int64{1, 2}) {
		t.Errorf("entries at the same time ordered %v, want by sequence number", got)
	}
}

func TestEntrySetSkipsRepeats(t *testing.T) {
	var s entrySet
	s.add([]*row{testRow(1, 1, testNow), testRow(2, 2, testNow)})

	if n := s.add([]*row{testRow(2, 2, testNow), testRow(3, 3, testNow)}); n != 1 {
		t.Errorf("overlapping batch added %d rows, want 1", n)
	}

	if len(s.rows) != 3 || s.maxID != 3 {
		t.Errorf("after an overlapping batch: %d rows, maxID %d; want 3 and 3", len(s.rows), s.maxID)
	}
}

func TestEntrySetManyOutOfOrder(t *testing.T) {
	var s entrySet
	s.add([]*row{testRow(1, 1, testNow.Add(time.Hour))})

	var batch []*row
	for i := int64(0); i < 200; i++ {
		batch = append(batch, testRow(i+2, i+2, testNow.Add(time.Duration(200-i)*time.Second)))
	}

	s.add(batch)

	for i := 1; i < len(s.rows); i++ {
		if s.rows[i].before(s.rows[i-1]) {
			t.Fatalf("row %d (#%d) is before row %d (#%d)", i, s.rows[i].entry.Seq, i-1, s.rows[i-1].entry.Seq)
		}
	}
}

func TestEntrySetRecentAndLate(t *testing.T) {
	var s entrySet
	var batch []*row

	for i := int64(1); i <= 20; i++ {
		r := testRow(i, i, testNow.Add(time.Duration(i)*time.Minute))
		if i%5 == 0 {
			r.entry.RecordedAt = r.entry.OccurredAt.Add(time.Hour) // late
		}

		batch = append(batch, r)
	}

	s.add(batch)

	if s.lateCount != 4 {
		t.Errorf("lateCount = %d, want 4", s.lateCount)
	}

	if len(s.latest) != keepRecent || s.latest[0].entry.Seq != 20 {
		t.Errorf("latest holds %d rows starting at #%d, want %d starting at #20", len(s.latest), s.latest[0].entry.Seq, keepRecent)
	}

	if got := []int64{s.late[0].entry.Seq, s.late[3].entry.Seq}; got[0] != 20 || got[1] != 5 {
		t.Errorf("late rows newest first = %v…, want #20 first and #5 last", got)
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}

	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}

	return true
}
