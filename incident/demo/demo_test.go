package demo

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

var operator = incident.Actor{ID: "demo-operator", Level: incident.LevelNone}

// wantEntries is the declaration, the 125 scenario rows, the import's own
// entry and one entry for each containment step and check-in.
var wantEntries = int64(127 + len(scenarioStates) + len(scenarioCheckIns))

func newTestService(t *testing.T) *incident.Service {
	t.Helper()

	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sitroom.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}

	t.Cleanup(func() { db.Close() })

	return incident.NewService(db, nil)
}

func entryCount(t *testing.T, svc *incident.Service) int64 {
	t.Helper()

	seal, err := svc.SealOf(context.Background(), Ref)
	if err != nil {
		t.Fatalf("seal: %v", err)
	}

	return seal.Entries
}

func TestLoadScenario(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	res, err := Load(ctx, svc, operator)
	if err != nil {
		t.Fatalf("load: %v", err)
	}

	if res.AlreadyLoaded || res.Systems != 46 || res.Staff != 30 || res.Entries != 125 {
		t.Errorf("result = %+v, want 46 systems, 30 staff, 125 entries", res)
	}

	seal, err := svc.Verify(ctx, Ref)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}

	if seal.Entries != wantEntries || seal.Head != res.Seal.Head {
		t.Errorf("verified seal = %v, want %d entries and the head Load returned (%v)", seal, wantEntries, res.Seal)
	}

	inc, err := svc.ResolveIncident(ctx, "")
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}

	if inc.Ref != Ref || !inc.Exercise || inc.DeclaredBy != CommanderID || !inc.DeclaredAt.Equal(shiftDays(declaration.At, daysToShift(time.Now()))) {
		t.Errorf("incident = %+v, want the exercise %s declared by ST01 at %v", inc, Ref, declaration.At)
	}

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		first, err := r.EntryBySeq(ctx, inc.ID, 1)
		if !strings.HasPrefix(first.Text, "EXERCISE declared: ") {
			t.Errorf("first entry text = %q, want the exercise declaration", first.Text)
		}

		return err
	})
	if err != nil {
		t.Fatalf("read first entry: %v", err)
	}
}

func TestLoadTwice(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	first, err := Load(ctx, svc, operator)
	if err != nil {
		t.Fatalf("first load: %v", err)
	}

	second, err := Load(ctx, svc, operator)
	if err != nil {
		t.Fatalf("second load: %v", err)
	}

	if !second.AlreadyLoaded || second.Seal.Head != first.Seal.Head {
		t.Errorf("second load = %+v, want already loaded with head %s", second, first.Seal.Short())
	}

	if got := entryCount(t, svc); got != wantEntries {
		t.Errorf("entries = %d, want %d", got, wantEntries)
	}
}

func TestLoadCompletesDeclaredDemo(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	// As if an earlier load stopped after declaring the incident.
	if _, err := svc.Declare(ctx, operator, declaration); err != nil {
		t.Fatalf("declare: %v", err)
	}

	res, err := Load(ctx, svc, operator)
	if err != nil {
		t.Fatalf("load: %v", err)
	}

	if res.AlreadyLoaded || res.Entries != 125 {
		t.Errorf("result = %+v, want the 125 rows imported", res)
	}

	if got := entryCount(t, svc); got != wantEntries {
		t.Errorf("entries = %d, want %d with one declaration", got, wantEntries)
	}
}

func TestLoadRejectsOtherIncidents(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	if _, err := svc.Declare(ctx, operator, incident.NewIncident{Ref: "NBH-2026-001", Title: "Real"}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	_, err := Load(ctx, svc, operator)

	var others *OtherIncidentsError
	if !errors.As(err, &others) || len(others.Refs) != 1 || others.Refs[0] != "NBH-2026-001" {
		t.Fatalf("error = %v, want an *OtherIncidentsError naming NBH-2026-001", err)
	}

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		staff, err := r.Staff(ctx)
		if len(staff) != 0 {
			t.Errorf("roster = %d people, want 0 after the refusal", len(staff))
		}

		return err
	})
	if err != nil {
		t.Fatalf("read roster: %v", err)
	}
}

func TestLoadNeedsActor(t *testing.T) {
	_, err := Load(context.Background(), newTestService(t), incident.Actor{})
	if err == nil || !strings.Contains(err.Error(), "no identity") {
		t.Errorf("error = %v, want no identity", err)
	}
}

func TestDeclarationMatchesTimeline(t *testing.T) {
	tl, err := scenarioTimeline(time.Now(), 0)
	if err != nil {
		t.Fatalf("parse timeline: %v", err)
	}

	for _, row := range tl.Rows {
		if strings.HasPrefix(row.Text, "Critical incident declared") {
			if !row.OccurredAt.Equal(declaration.At) || row.Kind != incident.KindDecision || row.Actor != "ST01" {
				t.Errorf("declaration row = %+v, want ST01's decision at %v", row.ImportedEntry, declaration.At)
			}

			return
		}
	}

	t.Error("no timeline row records the declaration")
}

func TestFileUnknown(t *testing.T) {
	if _, err := File("missing.csv"); err == nil || !strings.Contains(err.Error(), "scenario file missing.csv") {
		t.Errorf("error = %v, want the missing name", err)
	}

	if data, err := File(InjectsFile); err != nil || !strings.HasPrefix(string(data), "id,minute_offset,") {
		t.Errorf("injects file = %.20q, %v", data, err)
	}
}

func TestCommander(t *testing.T) {
	got, err := Commander()
	if err != nil {
		t.Fatalf("commander: %v", err)
	}

	want := incident.Actor{ID: "ST01", Name: "Siân Pritchard-Evans", Level: incident.LevelGold, Access: incident.AccessCommander, OnRoster: true}
	if got != want {
		t.Errorf("commander = %+v, want %+v", got, want)
	}
}

func TestLoadShiftsScenarioToNow(t *testing.T) {
	ctx := context.Background()

	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "sitroom.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}

	t.Cleanup(func() { db.Close() })

	now := time.Date(2026, time.December, 4, 20, 0, 0, 0, time.UTC)
	svc := incident.NewService(db, func() time.Time { return now })

	if _, err := Load(ctx, svc, operator); err != nil {
		t.Fatalf("load: %v", err)
	}

	inc, err := svc.ResolveIncident(ctx, Ref)
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}

	local := inc.DeclaredAt.In(scenarioZone())
	if got := local.Format("2006-01-02 15:04 MST"); got != "2026-12-01 06:55 GMT" {
		t.Errorf("declared at %s, want 2026-12-01 06:55 GMT (same wall-clock time, 173 days on)", got)
	}

	var last incident.Entry

	err = db.Read(ctx, func(r incident.Reader) error {
		return r.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID, Order: incident.ByOccurred}, func(e *incident.Entry) error {
			if e.Kind != incident.KindSystem {
				last = *e
			}

			return nil
		})
	})
	if err != nil {
		t.Fatalf("read entries: %v", err)
	}

	if got := last.OccurredAt.In(scenarioZone()).Format("2006-01-02 15:04"); got != "2026-12-04 05:25" {
		t.Errorf("last scenario entry occurred %s, want 2026-12-04 05:25, the morning before now", got)
	}

	if gap := now.Sub(last.OccurredAt); gap < 0 || gap > 24*time.Hour {
		t.Errorf("last entry is %s before now, want within a day", gap)
	}
}

func TestLoadRefusesRealIncidentWithDemoRef(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	if _, err := svc.Declare(ctx, operator, incident.NewIncident{Ref: Ref, Title: "A real incident"}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	_, err := Load(ctx, svc, operator)

	var others *OtherIncidentsError
	if !errors.As(err, &others) || len(others.Refs) != 1 || others.Refs[0] != Ref {
		t.Errorf("load beside a real %s: %v, want OtherIncidentsError naming it", Ref, err)
	}
}

func TestLoadAppliesContainmentStates(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	res, err := Load(ctx, svc, operator)
	if err != nil {
		t.Fatalf("load: %v", err)
	}

	if res.States != len(scenarioStates) {
		t.Errorf("states recorded = %d, want %d", res.States, len(scenarioStates))
	}

	board, err := svc.Board(ctx, Ref)
	if err != nil {
		t.Fatalf("board: %v", err)
	}

	want := map[string]incident.SystemStatus{
		"LIMS": incident.SystemShutDown, "AD": incident.SystemValidating, "EPR": incident.SystemValidating,
		"INT-ENG": incident.SystemRebuilding, "BACKUP": incident.SystemIsolated, "NET-CORE": incident.SystemOperational,
	}

	out := 0
	for _, row := range board.Systems {
		if w, ok := want[row.ID]; ok && row.State.Status != w {
			t.Errorf("%s is %s, want %s", row.ID, row.State.Status, w)
		}

		if row.State.Status.OutOfService() {
			out++
		}
	}

	if out != 12 {
		t.Errorf("%d systems out of service, want 12", out)
	}

	for _, row := range board.Systems {
		if row.ID == "EPR" && row.State.ChangedBy != "ST18" {
			t.Errorf("EPR last changed by %s, want ST18 who signed off read-only use", row.State.ChangedBy)
		}
	}
}

func TestSitrepFromScenario(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t)

	if _, err := Load(ctx, svc, operator); err != nil {
		t.Fatalf("load: %v", err)
	}

	commander, err := Commander()
	if err != nil {
		t.Fatalf("commander: %v", err)
	}

	if _, err := svc.StartDeadline(ctx, commander, Ref, "ICO", time.Time{}, "FS-02 held staff and patient data", ""); err != nil {
		t.Fatalf("start ICO clock: %v", err)
	}

	rep, err := svc.BuildSitrep(ctx, Ref, incident.SitrepInput{}, time.UTC)
	if err != nil {
		t.Fatalf("sitrep: %v", err)
	}

	seal, err := svc.SealOf(ctx, Ref)
	if err != nil {
		t.Fatalf("seal: %v", err)
	}

	for _, want := range []string{
		"EXERCISE", "SYSTEMS: 12 of 46 in the register out of service",
		"LIMS (Laboratory information management system (partner)) shut down (precaution)",
		"EPR (Electronic patient record) validating", "AD (Active Directory domain services) validating",
		"ICO personal-data breach report (to ICO): OPEN, due", "NCSC initial notice (to NCSC): not started",
		"SEAL before this sitrep: " + strconv.FormatInt(seal.Entries, 10) + " entries, head " + seal.Short(),
	} {
		if !strings.Contains(rep.Text, want) {
			t.Errorf("sitrep lacks %q:\n%s", want, rep.Text)
		}
	}
}
