package incident_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestTransitionTable(t *testing.T) {
	allowed := map[incident.SystemStatus][]incident.SystemStatus{
		incident.SystemOperational: {incident.SystemSuspected, incident.SystemCompromised, incident.SystemIsolated, incident.SystemShutDown},
		incident.SystemSuspected:   {incident.SystemOperational, incident.SystemCompromised, incident.SystemIsolated, incident.SystemShutDown},
		incident.SystemCompromised: {incident.SystemIsolated, incident.SystemShutDown},
		incident.SystemIsolated:    {incident.SystemCompromised, incident.SystemShutDown, incident.SystemRebuilding, incident.SystemValidating},
		incident.SystemShutDown:    {incident.SystemSuspected, incident.SystemCompromised, incident.SystemIsolated, incident.SystemRebuilding, incident.SystemValidating},
		incident.SystemRebuilding:  {incident.SystemCompromised, incident.SystemValidating},
		incident.SystemValidating:  {incident.SystemCompromised, incident.SystemRebuilding, incident.SystemRestored},
		incident.SystemRestored:    {incident.SystemSuspected, incident.SystemCompromised, incident.SystemIsolated, incident.SystemShutDown},
	}

	// Every pair of statuses, 64 in all, is either allowed or rejected
	// with a message naming the allowed next statuses.
	for _, from := range incident.SystemStatuses {
		ok := map[incident.SystemStatus]bool{}
		for _, to := range allowed[from] {
			ok[to] = true
		}

		for _, to := range incident.SystemStatuses {
			err := incident.CheckTransition("EPR", from, to)

			if ok[to] && err != nil {
				t.Errorf("%s → %s rejected: %v", from, to, err)
			}

			if !ok[to] {
				if err == nil {
					t.Errorf("%s → %s allowed, want rejected", from, to)

					continue
				}

				for _, next := range allowed[from] {
					if !strings.Contains(err.Error(), string(next)) {
						t.Errorf("%s → %s message %q does not name allowed %s", from, to, err, next)
					}
				}
			}
		}
	}
}

func TestParseSystemStatus(t *testing.T) {
	for in, want := range map[string]incident.SystemStatus{
		"Isolated": incident.SystemIsolated, "shutdown": incident.SystemShutDown, "shut down": incident.SystemShutDown,
		" restored ": incident.SystemRestored,
	} {
		if got, err := incident.ParseSystemStatus(in); err != nil || got != want {
			t.Errorf("ParseSystemStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}

	if _, err := incident.ParseSystemStatus("fixed"); err == nil || !strings.Contains(err.Error(), `"fixed"`) {
		t.Errorf("ParseSystemStatus(fixed) error = %v", err)
	}
}

// containmentFixture is a fixture with a small register and roster.
func containmentFixture(t *testing.T) *fixture {
	t.Helper()

	f := newFixture(t)
	f.declare(t, "NBH-1")
	ctx := context.Background()

	if err := f.svc.ImportStaff(ctx, silver, "staff.csv", []incident.StaffMember{
		{ID: "ST01", Name: "Siân", Level: incident.LevelGold},
		{ID: "ST09", Name: "Marcus", Level: incident.LevelSilver},
		{ID: "ST10", Name: "Mateo", Level: incident.LevelBronze},
	}); err != nil {
		t.Fatalf("import staff: %v", err)
	}

	if err := f.svc.ImportSystems(ctx, silver, "systems.csv", []incident.System{
		{ID: "NET", Name: "Core network", Criticality: 5, RTOHours: 2},
		{ID: "AD", Name: "Active Directory", Criticality: 5, RTOHours: 4, DependsOn: []string{"NET"}},
		{ID: "EPR", Name: "Electronic patient record", Criticality: 5, RTOHours: 8, DependsOn: []string{"AD", "NET"}},
	}); err != nil {
		t.Fatalf("import systems: %v", err)
	}

	return f
}

var bronze = incident.Actor{ID: "ST10", Name: "Mateo", Level: incident.LevelBronze}

func (f *fixture) move(t *testing.T, id string, to incident.SystemStatus) {
	t.Helper()

	if _, err := f.svc.SetSystemStatus(context.Background(), silver, "", incident.StatusChange{SystemID: id, To: to, Reason: "test"}); err != nil {
		t.Fatalf("move %s to %s: %v", id, to, err)
	}
}

func TestStatusChangeWritesEntry(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	e, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemIsolated, Reason: "EDR alert"})
	if err != nil {
		t.Fatalf("isolate: %v", err)
	}

	if e.Kind != incident.KindContainment || e.Author != "ST09" || len(e.Systems) != 1 || e.Systems[0] != "EPR" {
		t.Errorf("entry = kind %s author %s systems %v", e.Kind, e.Author, e.Systems)
	}

	if !strings.Contains(e.Text, "operational → isolated") || !strings.Contains(e.Text, "EDR alert") {
		t.Errorf("entry text %q", e.Text)
	}

	if _, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemRebuilding}); err == nil {
		t.Error("status change without a reason was accepted")
	}

	_, err = f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemRebuilding, Reason: "x", Expect: incident.SystemOperational})
	if !errors.Is(err, incident.ErrConflict) {
		t.Errorf("change based on a stale status: %v, want ErrConflict", err)
	}

	if _, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "NOPE", To: incident.SystemIsolated, Reason: "x"}); !errors.Is(err, incident.ErrNotFound) {
		t.Errorf("unknown system: %v, want ErrNotFound", err)
	}
}

func signAll(t *testing.T, f *fixture, id string, checks []incident.GateCheck) {
	t.Helper()

	for _, c := range checks {
		if _, err := f.svc.SignGateCheck(context.Background(), bronze, "", id, c, "checked: "+string(c)); err != nil {
			t.Fatalf("sign %s: %v", c, err)
		}
	}
}

func TestGateRefusesWithFiveOfSix(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)
	f.move(t, "EPR", incident.SystemRebuilding)
	f.move(t, "EPR", incident.SystemValidating)
	signAll(t, f, "EPR", incident.GateChecks[:5])

	_, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemRestored, Reason: "back"})
	if err == nil || !strings.Contains(err.Error(), "lacks 1 of 6 checks (owner-sign-off)") {
		t.Fatalf("restore with five of six signed: %v, want refusal naming owner-sign-off", err)
	}

	signAll(t, f, "EPR", incident.GateChecks[5:])

	if _, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemRestored, Reason: "back"}); err != nil {
		t.Fatalf("restore with six of six signed: %v", err)
	}

	if _, err := f.svc.SignGateCheck(ctx, bronze, "", "EPR", incident.GateMonitoring, "x"); err == nil {
		t.Error("signing the gate of a restored system was accepted")
	}
}

func TestGateAgainAfterReinfection(t *testing.T) {
	f := containmentFixture(t)

	f.move(t, "NET", incident.SystemIsolated)
	f.move(t, "NET", incident.SystemValidating)
	signAll(t, f, "NET", incident.GateChecks)
	f.move(t, "NET", incident.SystemRestored)
	f.move(t, "NET", incident.SystemCompromised)
	f.move(t, "NET", incident.SystemIsolated)
	f.move(t, "NET", incident.SystemValidating)

	_, err := f.svc.SetSystemStatus(context.Background(), silver, "", incident.StatusChange{SystemID: "NET", To: incident.SystemRestored, Reason: "back"})
	if err == nil || !strings.Contains(err.Error(), "lacks 6 of 6") {
		t.Errorf("restore after reinfection with the old signatures: %v, want all six missing", err)
	}
}

func TestGateOverride(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)
	f.move(t, "EPR", incident.SystemValidating)
	signAll(t, f, "EPR", incident.GateChecks[:2])

	if _, err := f.svc.OverrideGate(ctx, bronze, "", incident.GateOverride{SystemID: "EPR", Rationale: "clinical need"}); err == nil || !strings.Contains(err.Error(), "gold or silver") {
		t.Errorf("bronze override: %v, want refusal", err)
	}

	if _, err := f.svc.OverrideGate(ctx, silver, "", incident.GateOverride{SystemID: "EPR"}); !errors.Is(err, incident.ErrNoRationale) {
		t.Errorf("override without rationale: %v, want ErrNoRationale", err)
	}

	e, err := f.svc.OverrideGate(ctx, silver, "", incident.GateOverride{SystemID: "EPR", Rationale: "ED cannot run safely on paper overnight"})
	if err != nil {
		t.Fatalf("silver override: %v", err)
	}

	if e.Kind != incident.KindDecision || !strings.Contains(e.Text, "OVERRIDDEN") || !strings.Contains(e.Text, "credentials-reset") {
		t.Errorf("override entry kind %s text %q", e.Kind, e.Text)
	}

	if _, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemRestored, Reason: "override"}); err != nil {
		t.Fatalf("restore after override: %v", err)
	}

	board, err := f.svc.Board(ctx, "")
	if err != nil {
		t.Fatalf("board: %v", err)
	}

	for _, row := range board.Systems {
		if row.ID == "EPR" && row.State.OverrideSeq != e.Seq {
			t.Errorf("board override seq = %d, want %d", row.State.OverrideSeq, e.Seq)
		}
	}
}

func TestOutageAcrossClockChange(t *testing.T) {
	f := containmentFixture(t)
	loc := london(t)

	start, err := incident.ParseTime("2026-10-25 00:30", f.now, loc)
	if err != nil {
		t.Fatalf("parse start: %v", err)
	}

	end, err := incident.ParseTime("2026-10-25 03:30", f.now, loc)
	if err != nil {
		t.Fatalf("parse end: %v", err)
	}

	f.now = start
	f.move(t, "NET", incident.SystemIsolated)

	board, err := f.svc.Board(context.Background(), "")
	if err != nil {
		t.Fatalf("board: %v", err)
	}

	for _, row := range board.Systems {
		if row.ID != "NET" {
			continue
		}

		if got := row.State.OutFor(end); got != 4*time.Hour {
			t.Errorf("outage 00:30 to 03:30 local on 25 October lasted %s, want 4h", got)
		}

		if got := incident.RTOLeft(row.System, row.State, end); got != -2*time.Hour {
			t.Errorf("RTO left at 03:30 = %s, want -2h (2h RTO breached by 2h)", got)
		}
	}
}

func TestOverrideUsesRosterLevel(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)

	cases := []struct {
		name    string
		actor   incident.Actor
		o       incident.GateOverride
		wantErr string
	}{
		{"bronze claiming silver", bronze, incident.GateOverride{Level: incident.LevelSilver}, "ST10 is bronze on the roster, not silver"},
		{"someone off the roster", incident.Actor{ID: "NOBODY", Level: incident.LevelGold}, incident.GateOverride{}, `NOBODY is not on the staff roster, so may read but not write`},
		{"loggist for a bronze", bronze, incident.GateOverride{DecisionMaker: "ST10"}, "ST10 is bronze"},
	}

	for _, c := range cases {
		c.o.SystemID, c.o.Rationale = "EPR", "clinical need"

		if _, err := f.svc.OverrideGate(ctx, c.actor, "", c.o); err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: %v, want %q", c.name, err, c.wantErr)
		}
	}

	// A bronze loggist records a silver commander's decision at silver
	// level without typing it.
	e, err := f.svc.OverrideGate(ctx, bronze, "", incident.GateOverride{SystemID: "EPR", Rationale: "clinical need", DecisionMaker: "ST09"})
	if err != nil || e.Level != incident.LevelSilver || e.Author != "ST10" || e.DecisionMaker != "ST09" {
		t.Errorf("override logged for silver: %+v, %v", e, err)
	}
}

func TestGateSignerOnRoster(t *testing.T) {
	f := containmentFixture(t)

	f.move(t, "EPR", incident.SystemIsolated)

	_, err := f.svc.SignGateCheck(context.Background(), incident.Actor{ID: "root"}, "", "EPR", incident.GateScanClean, "clean")
	if err == nil || !strings.Contains(err.Error(), `root is not on the staff roster`) {
		t.Errorf("signature by an identity off the roster: %v", err)
	}
}

func TestRestoreWaitsForOpenTasks(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)

	if _, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{{Title: "Rebuild", SystemID: "EPR"}}); err != nil {
		t.Fatalf("add: %v", err)
	}

	f.move(t, "EPR", incident.SystemValidating)
	signAll(t, f, "EPR", incident.GateChecks)

	_, err := f.svc.SetSystemStatus(ctx, silver, "", incident.StatusChange{SystemID: "EPR", To: incident.SystemRestored, Reason: "back"})
	if err == nil || !strings.Contains(err.Error(), "recovery tasks T-1 (todo) are open") {
		t.Fatalf("restore with an open task: %v", err)
	}

	if _, err := f.svc.ChangeTask(ctx, silver, "", incident.TaskChange{Num: 1, Action: incident.TaskCancel, Note: "not needed"}); err != nil {
		t.Fatalf("cancel: %v", err)
	}

	f.move(t, "EPR", incident.SystemRestored)
}
