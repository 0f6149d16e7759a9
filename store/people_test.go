package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// bst is a zone an hour ahead of UTC, so a time written in it must read
// back as the same instant in UTC.
var bst = time.FixedZone("BST", 3600)

// at returns a time on the test day in BST, with nanoseconds so that a
// store rounding to seconds or milliseconds would fail the round trips.
func at(hour, minute int) time.Time {
	return time.Date(2026, 3, 29, hour, minute, 0, 123456789, bst)
}

// testIncident opens a fresh database with testRef declared and returns
// its id.
func testIncident(t *testing.T) (*DB, int64) {
	t.Helper()

	db, _ := newTestService(t)

	var id int64
	err := db.Read(context.Background(), func(r incident.Reader) error {
		inc, err := r.IncidentByRef(context.Background(), testRef)
		id = inc.ID

		return err
	})
	if err != nil {
		t.Fatalf("read incident %s: %v", testRef, err)
	}

	return db, id
}

// update runs fn in one write transaction and fails the test on an error.
func update(t *testing.T, db *DB, fn func(ctx context.Context, tx incident.Tx) error) {
	t.Helper()

	ctx := context.Background()
	if err := db.Update(ctx, func(tx incident.Tx) error { return fn(ctx, tx) }); err != nil {
		t.Fatalf("update: %v", err)
	}
}

// readBack runs fn in a read transaction and returns its result.
func readBack[T any](t *testing.T, db *DB, fn func(ctx context.Context, r incident.Reader) (T, error)) T {
	t.Helper()

	ctx := context.Background()
	var out T

	err := db.Read(ctx, func(r incident.Reader) error {
		var err error
		out, err = fn(ctx, r)

		return err
	})
	if err != nil {
		t.Fatalf("read: %v", err)
	}

	return out
}

func TestWelfareIntervalSet(t *testing.T) {
	db, id := testIncident(t)

	welfare := func(ctx context.Context, r incident.Reader) (time.Duration, error) { return r.WelfareInterval(ctx, id) }

	if got := readBack(t, db, welfare); got != 0 {
		t.Errorf("welfare interval before any is set = %s, want 0", got)
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		return tx.SetWelfareInterval(ctx, id, 90*time.Minute+40*time.Second)
	})

	if got := readBack(t, db, welfare); got != 91*time.Minute {
		t.Errorf("welfare interval after setting 90m40s = %s, want 1h31m0s", got)
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		return tx.SetWelfareInterval(ctx, id, 45*time.Minute)
	})

	if got := readBack(t, db, welfare); got != 45*time.Minute {
		t.Errorf("welfare interval after setting it again = %s, want 45m0s", got)
	}

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.SetWelfareInterval(context.Background(), id, -time.Minute)
	})
	if err == nil {
		t.Error("SetWelfareInterval(-1m) succeeded, want an error")
	}

	if got := readBack(t, db, welfare); got != 45*time.Minute {
		t.Errorf("welfare interval after a rejected negative = %s, want 45m0s", got)
	}
}

func TestDutyRoundTrip(t *testing.T) {
	db, id := testIncident(t)

	open := incident.Duty{
		IncidentID: id, StaffID: "ST07", OnSince: at(8, 0), Location: "Incident room B",
		Route: incident.RouteRadio, Contact: "channel 3", LastWelfare: at(8, 0),
	}
	closed := incident.Duty{
		IncidentID: id, StaffID: "ST02", OnSince: at(6, 30), OffAt: at(7, 45), Location: "Switchboard",
		Route: incident.RouteLandline, Contact: "x4410", LastWelfare: at(7, 0), RestSeq: 4,
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.InsertDuty(ctx, &open); err != nil {
			return err
		}

		return tx.InsertDuty(ctx, &closed)
	})

	if open.ID == 0 || closed.ID == 0 || open.ID == closed.ID {
		t.Fatalf("duty ids after insert = %d and %d, want two different non-zero ids", open.ID, closed.ID)
	}

	duties := func(ctx context.Context, r incident.Reader) ([]incident.Duty, error) { return r.Duties(ctx, id) }

	// Check-in order puts the 06:30 spell first, though it was stored second.
	want := []incident.Duty{utcDuty(closed), utcDuty(open)}
	if got := readBack(t, db, duties); !reflect.DeepEqual(got, want) {
		t.Errorf("duties after insert =\n%+v\nwant\n%+v", got, want)
	}

	if got := readBack(t, db, duties); !got[1].OnDuty() || got[0].OnDuty() {
		t.Errorf("on duty after insert = %v and %v, want false for the closed spell and true for the open one",
			got[0].OnDuty(), got[1].OnDuty())
	}

	open.OffAt, open.Location, open.Route, open.Contact = at(20, 15), "Ward 9", incident.RouteRunner, "ask the nurse in charge"
	open.LastWelfare, open.RestSeq = at(19, 5), 12
	closed.OffAt = time.Time{}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.UpdateDuty(ctx, open); err != nil {
			return err
		}

		return tx.UpdateDuty(ctx, closed)
	})

	want = []incident.Duty{utcDuty(closed), utcDuty(open)}
	if got := readBack(t, db, duties); !reflect.DeepEqual(got, want) {
		t.Errorf("duties after update =\n%+v\nwant\n%+v", got, want)
	}
}

func TestDutyUpdateMissing(t *testing.T) {
	db, id := testIncident(t)

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.UpdateDuty(context.Background(), incident.Duty{ID: 99, IncidentID: id, StaffID: "ST07"})
	})
	if !errors.Is(err, incident.ErrNotFound) {
		t.Errorf("UpdateDuty of id 99 error = %v, want one wrapping ErrNotFound", err)
	}
}

func utcDuty(d incident.Duty) incident.Duty {
	d.OnSince, d.OffAt, d.LastWelfare = utc(d.OnSince), utc(d.OffAt), utc(d.LastWelfare)

	return d
}

// utc returns t in UTC, leaving the zero time as it is.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}

	return t.UTC()
}

func TestRollCallRoundTrip(t *testing.T) {
	db, id := testIncident(t)

	first := incident.RollCall{
		IncidentID: id, Num: 1, StartedAt: at(9, 0), StartedBy: "ST05", Expected: []string{"ST01", "ST02", "ST07"},
	}
	second := incident.RollCall{
		IncidentID: id, Num: 2, StartedAt: at(10, 0), StartedBy: "ST01",
		Marks: map[string]incident.RollMark{"ST09": {StaffID: "ST09", Accounted: true, At: at(10, 1), By: "ST01"}},
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.InsertRollCall(ctx, &first); err != nil {
			return err
		}

		return tx.InsertRollCall(ctx, &second)
	})

	if first.ID == 0 || second.ID == 0 || first.ID == second.ID {
		t.Fatalf("roll call ids after insert = %d and %d, want two different non-zero ids", first.ID, second.ID)
	}

	rollCalls := func(ctx context.Context, r incident.Reader) ([]incident.RollCall, error) { return r.RollCalls(ctx, id) }

	got := readBack(t, db, rollCalls)
	if len(got) != 2 {
		t.Fatalf("roll calls after insert = %d, want 2", len(got))
	}

	if got[0].Marks == nil || len(got[0].Marks) != 0 {
		t.Errorf("marks of roll call 1 before any mark = %#v, want an empty, non-nil map", got[0].Marks)
	}

	if !got[0].Open() || !reflect.DeepEqual(got[0].Expected, first.Expected) {
		t.Errorf("roll call 1 after insert: open %v, expected %q; want open with %q", got[0].Open(), got[0].Expected, first.Expected)
	}

	if len(got[1].Expected) != 0 {
		t.Errorf("roll call 2 expected = %q, want none", got[1].Expected)
	}

	if want := second.Marks; !reflect.DeepEqual(got[1].Marks, utcMarks(want)) {
		t.Errorf("marks of roll call 2, stored with it = %+v, want %+v", got[1].Marks, utcMarks(want))
	}

	// ST02 is first marked missing and then found, and the second mark
	// replaces the first in every field.
	missing := incident.RollMark{StaffID: "ST02", Accounted: false, At: at(9, 5), By: "ST05", Note: "not answering radio"}
	found := incident.RollMark{StaffID: "ST02", Accounted: true, At: at(9, 20), By: "ST07", Note: "found in pharmacy"}
	present := incident.RollMark{StaffID: "ST01", Accounted: true, At: at(9, 2), By: "ST05"}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		for _, m := range []incident.RollMark{missing, present} {
			if err := tx.PutRollMark(ctx, first.ID, m); err != nil {
				return err
			}
		}

		return nil
	})

	if got := readBack(t, db, rollCalls); !reflect.DeepEqual(got[0].Missing(), []string{"ST02", "ST07"}) {
		t.Errorf("missing after the first marks = %q, want ST02 and ST07", got[0].Missing())
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.PutRollMark(ctx, first.ID, found); err != nil {
			return err
		}

		return tx.CloseRollCall(ctx, first.ID, at(9, 30))
	})

	first.ClosedAt = at(9, 30)
	first.Marks = map[string]incident.RollMark{"ST01": present, "ST02": found}
	second.Marks = utcMarks(second.Marks)

	want := []incident.RollCall{utcRollCall(first), utcRollCall(second)}
	if got := readBack(t, db, rollCalls); !reflect.DeepEqual(got, want) {
		t.Errorf("roll calls after marks and close =\n%+v\nwant\n%+v", got, want)
	}
}

func TestRollCallCloseMissing(t *testing.T) {
	db, _ := testIncident(t)

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.CloseRollCall(context.Background(), 99, at(9, 0))
	})
	if !errors.Is(err, incident.ErrNotFound) {
		t.Errorf("CloseRollCall of id 99 error = %v, want one wrapping ErrNotFound", err)
	}
}

func TestRollMarkUnknownCall(t *testing.T) {
	db, _ := testIncident(t)

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.PutRollMark(context.Background(), 99, incident.RollMark{StaffID: "ST01", At: at(9, 0), By: "ST05"})
	})
	if err == nil {
		t.Error("PutRollMark on roll call 99, which does not exist, succeeded; want a foreign key error")
	}
}

func utcRollCall(rc incident.RollCall) incident.RollCall {
	rc.StartedAt, rc.ClosedAt = utc(rc.StartedAt), utc(rc.ClosedAt)
	rc.Marks = utcMarks(rc.Marks)

	return rc
}

func utcMarks(marks map[string]incident.RollMark) map[string]incident.RollMark {
	out := make(map[string]incident.RollMark, len(marks))
	for id, m := range marks {
		m.At = utc(m.At)
		out[id] = m
	}

	return out
}
