package incident_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestDutyBoundaries(t *testing.T) {
	on := time.Date(2026, 6, 11, 6, 0, 0, 0, time.UTC)
	d := incident.Duty{OnSince: on, LastWelfare: on}

	cases := []struct {
		after   time.Duration
		alert   incident.DutyAlert
		overdue bool
	}{
		{2 * time.Hour, incident.DutyFine, false},
		{2*time.Hour + time.Second, incident.DutyFine, true},
		{12*time.Hour - time.Second, incident.DutyFine, true},
		{12 * time.Hour, incident.DutyLong, true},
		{14*time.Hour - time.Second, incident.DutyLong, true},
		{14 * time.Hour, incident.DutyRestNeeded, true},
	}

	for _, c := range cases {
		now := on.Add(c.after)

		if got := d.Alert(now); got != c.alert {
			t.Errorf("after %s: alert %d, want %d", c.after, got, c.alert)
		}

		if got := d.WelfareOverdue(now, 0); got != c.overdue {
			t.Errorf("after %s: welfare overdue %v, want %v", c.after, got, c.overdue)
		}
	}

	d.RestSeq = 9
	if got := d.Alert(on.Add(15 * time.Hour)); got != incident.DutyRestDecided {
		t.Errorf("with a rest decision: alert %d, want DutyRestDecided", got)
	}

	if d.WelfareOverdue(on.Add(90*time.Minute), time.Hour) != true {
		t.Error("a one-hour interval is not overdue at 90 minutes")
	}
}

func peopleFixture(t *testing.T) *fixture {
	t.Helper()

	f := containmentFixture(t)
	ctx := context.Background()

	for _, id := range []string{"ST01", "ST09", "ST10"} {
		if _, err := f.svc.CheckInPerson(ctx, silver, "", incident.CheckIn{StaffID: id, Location: "ICC"}, ""); err != nil {
			t.Fatalf("check in %s: %v", id, err)
		}
	}

	return f
}

func TestCheckInOutAndWelfare(t *testing.T) {
	f := peopleFixture(t)
	ctx := context.Background()

	if _, err := f.svc.CheckInPerson(ctx, silver, "", incident.CheckIn{StaffID: "ST10"}, ""); err == nil || !strings.Contains(err.Error(), "already on duty") {
		t.Errorf("second check-in: %v", err)
	}

	if _, err := f.svc.CheckInPerson(ctx, silver, "", incident.CheckIn{StaffID: "ST99"}, ""); err == nil || !strings.Contains(err.Error(), "not on the roster") {
		t.Errorf("unknown person: %v", err)
	}

	f.now = f.now.Add(3 * time.Hour)

	p, err := f.svc.People(ctx, "")
	if err != nil {
		t.Fatalf("people: %v", err)
	}

	d, _ := p.Current("ST10")
	if !d.WelfareOverdue(p.Now, p.Welfare) {
		t.Error("welfare not overdue after 3h with the default 2h interval")
	}

	if _, err := f.svc.WelfareCheck(ctx, silver, "", "ST10", "tired but fine"); err != nil {
		t.Fatalf("welfare check: %v", err)
	}

	p, _ = f.svc.People(ctx, "")
	if d, _ = p.Current("ST10"); d.WelfareOverdue(p.Now, p.Welfare) {
		t.Error("welfare still overdue right after a check")
	}

	out, err := f.svc.CheckOutPerson(ctx, silver, "", "ST10", "handed over to nights")
	if err != nil || out.Hours(f.now) != 3*time.Hour {
		t.Errorf("check out: %+v, %v; want a 3h spell", out, err)
	}

	p, _ = f.svc.People(ctx, "")
	if len(p.OnDuty()) != 2 {
		t.Errorf("%d on duty after a check-out, want 2", len(p.OnDuty()))
	}
}

func TestRollCallTwoMissing(t *testing.T) {
	f := peopleFixture(t)
	ctx := context.Background()

	rc, err := f.svc.StartRollCall(ctx, silver, "")
	if err != nil || len(rc.Expected) != 3 {
		t.Fatalf("start: %+v, %v", rc, err)
	}

	if _, err := f.svc.StartRollCall(ctx, silver, ""); err == nil {
		t.Error("a second roll call started while one was open")
	}

	if _, err := f.svc.MarkRollCall(ctx, silver, "", "ST09", true, ""); err != nil {
		t.Fatalf("mark: %v", err)
	}

	if _, err := f.svc.MarkRollCall(ctx, silver, "", "ST10", false, "not answering radio"); err != nil {
		t.Fatalf("mark: %v", err)
	}

	closed, err := f.svc.CloseRollCall(ctx, silver, "")
	if err != nil {
		t.Fatalf("close: %v", err)
	}

	if got := strings.Join(closed.Missing(), " "); got != "ST01 ST10" {
		t.Errorf("missing = %q, want exactly ST01 ST10", got)
	}

	seal, _ := f.svc.SealOf(ctx, "")
	var last incident.Entry

	_ = f.db.Read(ctx, func(r incident.Reader) error {
		inc, _ := r.IncidentByRef(ctx, "NBH-1")
		last, _ = r.EntryBySeq(ctx, inc.ID, seal.Entries)

		return nil
	})

	if !strings.Contains(last.Text, "MISSING: ST01, ST10") {
		t.Errorf("closing entry = %q", last.Text)
	}
}

func TestRestDecisionSettlesInsistence(t *testing.T) {
	f := peopleFixture(t)
	ctx := context.Background()
	f.now = f.now.Add(14 * time.Hour)

	p, _ := f.svc.People(ctx, "")
	if d, _ := p.Current("ST09"); d.Alert(p.Now) != incident.DutyRestNeeded {
		t.Fatalf("alert at 14h = %d, want DutyRestNeeded", d.Alert(p.Now))
	}

	if _, err := f.svc.RestDecision(ctx, incident.Actor{ID: "ST01", Level: incident.LevelGold}, "", "ST09", "stand down at 22:00", "handover to the night tactical commander"); err != nil {
		t.Fatalf("rest decision: %v", err)
	}

	p, _ = f.svc.People(ctx, "")
	if d, _ := p.Current("ST09"); d.Alert(p.Now) != incident.DutyRestDecided {
		t.Errorf("alert after the decision = %d, want DutyRestDecided", d.Alert(p.Now))
	}
}

func TestHandoverNote(t *testing.T) {
	f := peopleFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)

	if _, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{{Title: "Rebuild EPR", SystemID: "EPR", Owner: "ST10"}, {Title: "Other", Owner: "ST09"}}); err != nil {
		t.Fatalf("add: %v", err)
	}

	if _, err := f.svc.StartDeadline(ctx, silver, "", "ICO", time.Time{}, "patient data on the share", ""); err != nil {
		t.Fatalf("start: %v", err)
	}

	h, e, err := f.svc.RecordHandover(ctx, bronze, "", "ST10", "ST09", "night shift quiet", time.UTC)
	if err != nil {
		t.Fatalf("handover: %v", err)
	}

	for _, want := range []string{"Handover from Mateo (ST10) to Marcus (ST09)", "T-1 Rebuild EPR (todo, due", "EPR isolated for", "ICO personal-data breach report due", "night shift quiet"} {
		if !strings.Contains(h.Text, want) {
			t.Errorf("handover lacks %q:\n%s", want, h.Text)
		}
	}

	if strings.Contains(h.Text, "T-2") {
		t.Errorf("handover lists someone else's task:\n%s", h.Text)
	}

	if e.Kind != incident.KindCheckIn || len(e.People) != 2 {
		t.Errorf("entry kind %s people %v", e.Kind, e.People)
	}
}
