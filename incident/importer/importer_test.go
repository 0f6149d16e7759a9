package importer

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

var testNow = time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC)

// newTestImporter returns an importer on a fresh database holding the
// scenario's register and roster and one open incident, NBH-T.
func newTestImporter(t *testing.T) Importer {
	t.Helper()
	ctx := context.Background()

	svc := newTestService(t, testNow)
	im := Importer{Service: svc, Actor: incident.Actor{ID: "ST22", Level: incident.LevelNone, ForID: "ST01", ForLevel: incident.LevelGold}, Zone: london(t)}

	if _, err := im.Systems(ctx, "systems.csv", scenarioFile(t, "systems.csv"), false); err != nil {
		t.Fatalf("import systems: %v", err)
	}

	if _, err := im.Staff(ctx, "staff.csv", scenarioFile(t, "staff.csv"), false); err != nil {
		t.Fatalf("import staff: %v", err)
	}

	declared := time.Date(2026, time.June, 11, 5, 0, 0, 0, time.UTC)
	if _, err := svc.Declare(ctx, im.Actor, incident.NewIncident{Ref: "NBH-T", Title: "Test", At: declared}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	return im
}

// entries returns every entry of NBH-T in sequence order.
func entries(t *testing.T, im Importer) []incident.Entry {
	t.Helper()
	ctx := context.Background()

	var out []incident.Entry

	err := im.Service.Store().Read(ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(ctx, "NBH-T")
		if err != nil {
			return err
		}

		return r.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID}, func(e *incident.Entry) error {
			out = append(out, *e)

			return nil
		})
	})
	if err != nil {
		t.Fatalf("read entries: %v", err)
	}

	return out
}

func TestImporterRegisterCounts(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t, testNow)

	// The roster is changed by the strategic commander, who is on it.
	im := Importer{Service: svc, Actor: incident.Actor{ID: "ST01", Level: incident.LevelGold, Access: incident.AccessCommander, OnRoster: true}}

	dry, err := im.Staff(ctx, "staff.csv", scenarioFile(t, "staff.csv"), true)
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}

	if dry != (RegisterResult{Rows: 30, Added: 30}) {
		t.Errorf("dry run = %+v, want 30 to add", dry)
	}

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		staff, err := r.Staff(ctx)
		if len(staff) != 0 {
			t.Errorf("roster after dry run = %d people, want 0", len(staff))
		}

		return err
	})
	if err != nil {
		t.Fatalf("read roster: %v", err)
	}

	if _, err := im.Staff(ctx, "staff.csv", scenarioFile(t, "staff.csv"), false); err != nil {
		t.Fatalf("import: %v", err)
	}

	again, err := im.Staff(ctx, "more.csv", csvText("id,name,command_level", "ST01,Siân Pritchard-Evans,silver", "ST99,Alex Doe,"), false)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}

	if again != (RegisterResult{Rows: 2, Added: 1, Replaced: 1}) {
		t.Errorf("second import = %+v, want 1 added and 1 replaced", again)
	}

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		m, err := r.StaffByID(ctx, "ST01")
		if m.Level != incident.LevelSilver {
			t.Errorf("ST01 level = %q, want silver from the second file", m.Level)
		}

		return err
	})
	if err != nil {
		t.Fatalf("read ST01: %v", err)
	}
}

func TestImporterSystemsProblemWritesNothing(t *testing.T) {
	ctx := context.Background()
	svc := newTestService(t, testNow)
	im := Importer{Service: svc, Actor: incident.Actor{ID: "ST22", ForID: "ST01", ForLevel: incident.LevelGold}}

	data := append(scenarioFile(t, "systems.csv"), []byte("LAST,Broken row,,,9,,4,1,,,\n")...)

	_, err := im.Systems(ctx, "systems.csv", data, false)
	wantProblem(t, err, 48, "criticality", `invalid criticality "9"`)

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		systems, err := r.Systems(ctx)
		if len(systems) != 0 {
			t.Errorf("register = %d systems, want 0 after a rejected file", len(systems))
		}

		return err
	})
	if err != nil {
		t.Fatalf("read register: %v", err)
	}
}

func TestImporterTimeline(t *testing.T) {
	ctx := context.Background()
	im := newTestImporter(t)
	data := scenarioFile(t, "timeline.csv")

	res, err := im.Timeline(ctx, "timeline.csv", data, TimelineImport{Ref: "NBH-T"})
	if err != nil {
		t.Fatalf("import: %v", err)
	}

	if res.Ref != "NBH-T" || res.Rows != 125 || res.Duplicates != 0 {
		t.Errorf("result = %+v, want 125 rows into NBH-T", res)
	}

	if res.Seal.Entries != 127 {
		t.Errorf("seal entries = %d, want 127 (declaration, 125 rows, import note)", res.Seal.Entries)
	}

	all := entries(t, im)
	if len(all) != 127 {
		t.Fatalf("entries = %d, want 127", len(all))
	}

	if got := all[1]; got.Seq != 2 || got.Author != "ST14" || got.DecisionMaker != "ST14" || !strings.HasPrefix(got.Source, "timeline.csv line 2, SHA-256 ") {
		t.Errorf("first imported entry = %+v", got)
	}

	note := all[126]
	if note.Kind != incident.KindSystem || note.Author != "ST22" || !strings.HasPrefix(note.Text, "Imported 125 timeline entries from timeline.csv (SHA-256 ") {
		t.Errorf("import note = %+v", note)
	}

	if _, err := im.Service.Verify(ctx, "NBH-T"); err != nil {
		t.Errorf("verify after import: %v", err)
	}
}

func TestImporterTimelineDryRun(t *testing.T) {
	im := newTestImporter(t)

	res, err := im.Timeline(context.Background(), "timeline.csv", scenarioFile(t, "timeline.csv"), TimelineImport{DryRun: true})
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}

	if res.Rows != 125 || res.Ref != "NBH-T" {
		t.Errorf("result = %+v, want 125 rows for the only open incident", res)
	}

	if got := len(entries(t, im)); got != 1 {
		t.Errorf("entries after dry run = %d, want only the declaration", got)
	}
}

func TestImporterTimelineTwice(t *testing.T) {
	ctx := context.Background()
	im := newTestImporter(t)
	data := scenarioFile(t, "timeline.csv")

	if _, err := im.Timeline(ctx, "timeline.csv", data, TimelineImport{}); err != nil {
		t.Fatalf("first import: %v", err)
	}

	_, err := im.Timeline(ctx, "copy.csv", data, TimelineImport{})

	var dupErr *DuplicateError
	if !errors.As(err, &dupErr) {
		t.Fatalf("second import error = %v, want a *DuplicateError", err)
	}

	if !dupErr.AllImported() || dupErr.FirstSeq != 2 || dupErr.LastSeq != 126 {
		t.Errorf("duplicates = %+v, want all rows, as entries 2 to 126", dupErr)
	}

	if !strings.Contains(err.Error(), "all 125 rows in copy.csv are already on the timeline of NBH-T as entries 2 to 126") {
		t.Errorf("message = %s", err)
	}

	if got := len(entries(t, im)); got != 127 {
		t.Errorf("entries after rejected import = %d, want 127", got)
	}
}

func TestImporterTimelinePartlyImported(t *testing.T) {
	ctx := context.Background()
	im := newTestImporter(t)

	first := csvText(timelineHeader, "2026-06-11T05:38:00+01:00,2026-06-11T05:39:00+01:00,ST01,,action,Rang the lab,")
	if _, err := im.Timeline(ctx, "a.csv", first, TimelineImport{}); err != nil {
		t.Fatalf("first import: %v", err)
	}

	second := csvText(timelineHeader,
		"2026-06-11T05:50:00+01:00,2026-06-11T05:51:00+01:00,ST01,,action,Rang the partner,",
		"2026-06-11T05:38:00+01:00,2026-06-11T05:40:00+01:00,ST01,,action,Rang the lab,",
	)

	_, err := im.Timeline(ctx, "b.csv", second, TimelineImport{})

	var dupErr *DuplicateError
	if !errors.As(err, &dupErr) {
		t.Fatalf("error = %v, want a *DuplicateError", err)
	}

	if dupErr.AllImported() || dupErr.Found != 1 || dupErr.Listed[0] != (Duplicate{Line: 3, Seq: 2}) {
		t.Errorf("duplicates = %+v, want line 3 as entry 2", dupErr)
	}

	if !strings.Contains(err.Error(), "line 3 is already entry 2") {
		t.Errorf("message = %s", err)
	}

	res, err := im.Timeline(ctx, "b.csv", second, TimelineImport{AllowDuplicates: true})
	if err != nil {
		t.Fatalf("import allowing duplicates: %v", err)
	}

	if res.Rows != 2 || res.Duplicates != 1 {
		t.Errorf("result = %+v, want 2 rows, 1 duplicate", res)
	}

	// Declaration, first file and its note, second file and its note.
	if got := len(entries(t, im)); got != 6 {
		t.Errorf("entries = %d, want 6", got)
	}
}

func TestImporterTimelineRepeatedRow(t *testing.T) {
	row := "2026-06-11T05:38:00+01:00,2026-06-11T05:39:00+01:00,ST01,,action,Rang the lab,"

	_, err := newTestImporter(t).Timeline(context.Background(), "a.csv", csvText(timelineHeader, row, row), TimelineImport{})

	var dupErr *DuplicateError
	if !errors.As(err, &dupErr) {
		t.Fatalf("error = %v, want a *DuplicateError", err)
	}

	if dupErr.Listed[0] != (Duplicate{Line: 3, FirstLine: 2}) {
		t.Errorf("duplicate = %+v, want line 3 repeating line 2", dupErr.Listed[0])
	}

	if !strings.Contains(err.Error(), "line 3 repeats line 2") {
		t.Errorf("message = %s", err)
	}
}

func TestImporterTimelineProblemWritesNothing(t *testing.T) {
	im := newTestImporter(t)
	data := append(scenarioFile(t, "timeline.csv"), []byte("2026-06-14T06:00:00+01:00,2026-06-14T06:01:00+01:00,ST77,none,action,Unknown person,\n")...)

	_, err := im.Timeline(context.Background(), "timeline.csv", data, TimelineImport{})
	wantProblem(t, err, 127, "actor", `staff member "ST77" is not on the roster`)

	if got := len(entries(t, im)); got != 1 {
		t.Errorf("entries = %d, want only the declaration", got)
	}
}

func TestImporterTimelineNeedsActor(t *testing.T) {
	im := newTestImporter(t)
	im.Actor = incident.Actor{}

	_, err := im.Timeline(context.Background(), "timeline.csv", scenarioFile(t, "timeline.csv"), TimelineImport{})
	if err == nil || !strings.Contains(err.Error(), "no identity to record the import under") {
		t.Errorf("error = %v, want no identity", err)
	}
}

func TestImporterTimelineUnknownIncident(t *testing.T) {
	_, err := newTestImporter(t).Timeline(context.Background(), "timeline.csv", scenarioFile(t, "timeline.csv"), TimelineImport{Ref: "NBH-X"})
	if err == nil || !strings.Contains(err.Error(), "incident NBH-X not found") {
		t.Errorf("error = %v, want incident not found", err)
	}
}
