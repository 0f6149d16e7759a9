// Package demo loads the Northbridge scenario, a fictional ransomware
// attack on a hospital trust through its pathology partner, as an exercise
// incident: its system register, its staff roster and about 72 hours of
// timeline. Every person, organisation and event in it is invented.
package demo

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/importer"
)

// Ref is the reference of the demo incident.
const Ref = "NBH-2026-014"

// CommanderID is the staff id of the scenario's strategic (gold) commander.
const CommanderID = "ST01"

// Names of the scenario files.
const (
	SystemsFile  = "systems.csv"
	StaffFile    = "staff.csv"
	TimelineFile = "timeline.csv"
	InjectsFile  = "scenario_exercise.csv" // exercise injects, which Load does not use
)

//go:embed scenario/*.csv
var scenario embed.FS

// File returns the contents of one scenario file, named as in the
// constants above.
func File(name string) ([]byte, error) {
	data, err := scenario.ReadFile("scenario/" + name)
	if err != nil {
		return nil, fmt.Errorf("scenario file %s: %w", name, err)
	}

	return data, nil
}

// Commander returns the scenario's strategic commander as the roster file
// describes them, to act as on the demo when no identity is given.
func Commander() (incident.Actor, error) {
	data, err := File(StaffFile)
	if err != nil {
		return incident.Actor{}, err
	}

	staff, err := importer.ParseStaff(StaffFile, data)
	if err != nil {
		return incident.Actor{}, err
	}

	for _, m := range staff {
		if m.ID == CommanderID {
			return incident.Actor{ID: m.ID, Name: m.Name, Level: m.Level, Access: incident.DefaultAccess(m.Role, m.Level), OnRoster: true}, nil
		}
	}

	return incident.Actor{}, fmt.Errorf("scenario file %s has no staff member %s", StaffFile, CommanderID)
}

// loader is who the demo is loaded as: actor when they are a commander on
// the scenario roster, else the scenario's strategic commander, because
// once the roster is in only people on it may write.
func loader(actor incident.Actor) (incident.Actor, error) {
	data, err := File(StaffFile)
	if err != nil {
		return incident.Actor{}, err
	}

	staff, err := importer.ParseStaff(StaffFile, data)
	if err != nil {
		return incident.Actor{}, err
	}

	for _, m := range staff {
		if m.ID == actor.ID && incident.DefaultAccess(m.Role, m.Level) == incident.AccessCommander {
			return actor, nil
		}
	}

	return Commander()
}

// declaration is the demo incident as the scenario's strategic commander
// declared it. The time matches the timeline row that records the decision.
var declaration = incident.NewIncident{
	Ref:      Ref,
	Title:    "Ransomware at pathology partner: LIMS and transfusion IT lost",
	Kind:     "ransomware (supplier-borne)",
	Severity: "critical",
	Exercise: true,
	At:       time.Date(2026, time.June, 11, 5, 55, 0, 0, time.UTC), // 06:55 BST
}

// Result is the outcome of Load.
type Result struct {
	Ref           string
	AlreadyLoaded bool // the demo was there before, and Load wrote nothing
	Systems       int  // systems in the register file
	Staff         int  // staff members in the roster file
	Entries       int  // timeline rows imported
	States        int  // containment steps recorded, each with its own entry
	CheckIns      int  // people put on duty, each with their own entry
	Seal          incident.Seal
}

// OtherIncidentsError rejects loading the demo beside other incidents, so
// that a fictional exercise never mixes with a real incident's records.
type OtherIncidentsError struct {
	Refs []string
}

func (e *OtherIncidentsError) Error() string {
	return fmt.Sprintf("the database already holds incident %s: load the demo into a new database file instead",
		strings.Join(e.Refs, ", "))
}

// Load writes the scenario's register and roster, declares the demo
// incident as an exercise in the name of the scenario's strategic
// commander, and imports its timeline, recording actor as the one who
// imported it. Loading again finds the demo complete and writes nothing; a
// load that stopped part of the way is completed.
func Load(ctx context.Context, svc *incident.Service, actor incident.Actor) (Result, error) {
	if actor.ID == "" {
		return Result{}, errors.New("no identity to record the demo under: give --as STAFF_ID or set SITROOM_USER")
	}

	exists, err := demoExists(ctx, svc)
	if err != nil {
		return Result{}, err
	}

	actor, err = loader(actor)
	if err != nil {
		return Result{}, err
	}

	// Every scenario time carries its UTC offset, so no zone is needed to
	// read it.
	im := importer.Importer{Service: svc, Actor: actor, Zone: time.UTC}
	result := Result{Ref: Ref}

	// A first load moves the scenario to end just before now; a later
	// load keeps the shift the first one chose.
	days := daysToShift(svc.Now())
	if exists {
		if days, err = existingShift(ctx, svc); err != nil {
			return result, err
		}
	}

	if exists {
		loaded, err := timelineLoaded(ctx, svc, days)
		if err != nil {
			return result, err
		}

		if loaded {
			// A load that stopped before the containment steps finishes them.
			if result.States, err = applyStates(ctx, svc, days); err != nil {
				return result, err
			}

			if result.CheckIns, err = applyCheckIns(ctx, svc, days); err != nil {
				return result, err
			}

			result.AlreadyLoaded = result.States == 0 && result.CheckIns == 0
			result.Seal, err = svc.SealOf(ctx, Ref)

			return result, err
		}
	}

	if result.Systems, err = importFile(ctx, SystemsFile, im.Systems); err != nil {
		return result, err
	}

	if result.Staff, err = importFile(ctx, StaffFile, im.Staff); err != nil {
		return result, err
	}

	if !exists {
		declared := declaration
		declared.At = shiftDays(declaration.At, days)

		// The scenario's strategic commander declared it, whoever loads it.
		commander, err := Commander()
		if err != nil {
			return result, err
		}

		if _, err := svc.Declare(ctx, commander, declared); err != nil {
			return result, err
		}
	}

	timeline, err := shiftedTimeline(days)
	if err != nil {
		return result, err
	}

	imported, err := im.Timeline(ctx, TimelineFile, timeline, importer.TimelineImport{Ref: Ref})
	if err != nil {
		return result, err
	}

	result.Entries = imported.Rows

	if result.States, err = applyStates(ctx, svc, days); err != nil {
		return result, err
	}

	if result.CheckIns, err = applyCheckIns(ctx, svc, days); err != nil {
		return result, err
	}

	result.Seal, err = svc.SealOf(ctx, Ref)

	return result, err
}

// demoExists reports whether the demo incident is in the database, and
// fails when any other incident is.
func demoExists(ctx context.Context, svc *incident.Service) (bool, error) {
	var all []incident.Incident

	err := svc.Store().Read(ctx, func(r incident.Reader) error {
		var err error
		all, err = r.Incidents(ctx)

		return err
	})
	if err != nil {
		return false, fmt.Errorf("list incidents before loading the demo: %w", err)
	}

	exists := false
	var others []string

	// A real incident that happens to use the demo's reference is another
	// incident, not an earlier load of the demo.
	for _, inc := range all {
		if inc.Ref == Ref && inc.Exercise {
			exists = true
		} else {
			others = append(others, inc.Ref)
		}
	}

	if len(others) > 0 {
		return false, &OtherIncidentsError{Refs: others}
	}

	return exists, nil
}

// timelineLoaded reports whether every scenario timeline row is already on
// the demo incident. Some rows but not all means the timeline was changed
// by hand, which Load does not repair.
func timelineLoaded(ctx context.Context, svc *incident.Service, days int) (bool, error) {
	tl, err := scenarioTimeline(svc.Now(), days)
	if err != nil {
		return false, err
	}

	inc, err := svc.ResolveIncident(ctx, Ref)
	if err != nil {
		return false, err
	}

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		return importer.FindDuplicates(ctx, r, inc, tl)
	})

	var dupErr *importer.DuplicateError
	if errors.As(err, &dupErr) && dupErr.AllImported() {
		return true, nil
	}

	return false, err
}

// scenarioTimeline parses the scenario timeline against the scenario's own
// roster and register, whatever the database holds.
func scenarioTimeline(now time.Time, days int) (*importer.Timeline, error) {
	var data [3][]byte

	for i, name := range []string{StaffFile, SystemsFile} {
		var err error
		if data[i], err = File(name); err != nil {
			return nil, err
		}
	}

	var err error
	if data[2], err = shiftedTimeline(days); err != nil {
		return nil, err
	}

	staff, err := importer.ParseStaff(StaffFile, data[0])
	if err != nil {
		return nil, err
	}

	systems, err := importer.ParseSystems(SystemsFile, data[1], nil)
	if err != nil {
		return nil, err
	}

	return importer.ParseTimeline(TimelineFile, data[2], importer.TimelineOptions{
		Zone: time.UTC, Now: now, Staff: staff, Systems: systems,
	})
}

// shiftedTimeline returns the scenario timeline file moved by days.
func shiftedTimeline(days int) ([]byte, error) {
	data, err := File(TimelineFile)
	if err != nil {
		return nil, err
	}

	return shiftTimeline(data, days)
}

// importFile imports one register or roster file and returns its row count.
func importFile(ctx context.Context, name string, load func(context.Context, string, []byte, bool) (importer.RegisterResult, error)) (int, error) {
	data, err := File(name)
	if err != nil {
		return 0, err
	}

	res, err := load(ctx, name, data, false)

	return res.Rows, err
}
