package importer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Importer reads files and writes them through a Service on behalf of one
// actor. Each method checks the whole file before it writes anything.
type Importer struct {
	Service *incident.Service
	Actor   incident.Actor
	Zone    *time.Location // zone for timeline times written without a UTC offset; nil means the host's
}

// RegisterResult counts what an import of systems or staff did, or would do.
type RegisterResult struct {
	Rows     int // rows in the file
	Added    int // rows whose id was not stored before
	Replaced int // rows that replace a stored record with the same id
}

// Systems adds the systems in a register file to the register, replacing
// stored systems with the same id. With dryRun it only checks the file and
// counts.
func (im Importer) Systems(ctx context.Context, file string, data []byte, dryRun bool) (RegisterResult, error) {
	var register []incident.System

	err := im.Service.Store().Read(ctx, func(r incident.Reader) error {
		var err error
		register, err = r.Systems(ctx)

		return err
	})
	if err != nil {
		return RegisterResult{}, fmt.Errorf("read the system register before importing %s: %w", file, err)
	}

	// NOTE: the dependency check runs on this snapshot, so a register
	// import committed by another process in between goes unchecked.
	systems, err := ParseSystems(file, data, register)
	if err != nil {
		return RegisterResult{}, err
	}

	stored := map[string]bool{}
	for _, s := range register {
		stored[s.ID] = true
	}

	result := RegisterResult{Rows: len(systems)}
	for _, s := range systems {
		result.count(stored[s.ID])
	}

	if dryRun {
		return result, nil
	}

	return result, im.Service.ImportSystems(ctx, im.Actor, file, systems)
}

// Staff adds the people in a roster file to the roster, replacing stored
// staff members with the same id. With dryRun it only checks the file and
// counts.
func (im Importer) Staff(ctx context.Context, file string, data []byte, dryRun bool) (RegisterResult, error) {
	staff, err := ParseStaff(file, data)
	if err != nil {
		return RegisterResult{}, err
	}

	var roster []incident.StaffMember

	err = im.Service.Store().Read(ctx, func(r incident.Reader) error {
		var err error
		roster, err = r.Staff(ctx)

		return err
	})
	if err != nil {
		return RegisterResult{}, fmt.Errorf("read the staff roster before importing %s: %w", file, err)
	}

	stored := map[string]bool{}
	for _, m := range roster {
		stored[m.ID] = true
	}

	result := RegisterResult{Rows: len(staff)}
	for _, m := range staff {
		result.count(stored[m.ID])
	}

	if dryRun {
		return result, nil
	}

	return result, im.Service.ImportStaff(ctx, im.Actor, file, staff)
}

func (r *RegisterResult) count(replaces bool) {
	if replaces {
		r.Replaced++
	} else {
		r.Added++
	}
}

// TimelineImport chooses how a timeline file is imported.
type TimelineImport struct {
	Ref             string // incident reference; empty means the only open incident
	DryRun          bool   // check the file and count, but write nothing
	AllowDuplicates bool   // import rows that repeat existing entries instead of rejecting the file
}

// TimelineResult is the outcome of a timeline import, or of its dry run.
type TimelineResult struct {
	Ref        string
	Rows       int           // rows in the file
	Duplicates int           // rows that repeat entries, imported because duplicates were allowed
	Seal       incident.Seal // the chain head after the import; zero after a dry run
}

// Timeline appends the rows of a timeline file to an incident, followed by
// one entry that records who imported which file. A file with any row that
// repeats an entry already on the timeline, or an earlier row, is rejected
// with a *DuplicateError unless opts.AllowDuplicates is set.
func (im Importer) Timeline(ctx context.Context, file string, data []byte, opts TimelineImport) (TimelineResult, error) {
	if im.Actor.ID == "" {
		return TimelineResult{}, errors.New("no identity to record the import under: give --as STAFF_ID or set SITROOM_USER")
	}

	zone := im.Zone
	if zone == nil {
		zone = time.Local
	}

	inc, err := im.Service.ResolveIncident(ctx, opts.Ref)
	if err != nil {
		return TimelineResult{}, err
	}

	var tl *Timeline
	var dupErr *DuplicateError

	err = im.Service.Store().Read(ctx, func(r incident.Reader) error {
		var err error

		parseOpts := TimelineOptions{Zone: zone, Now: im.Service.Now()}
		if parseOpts.Staff, err = r.Staff(ctx); err != nil {
			return err
		}

		if parseOpts.Systems, err = r.Systems(ctx); err != nil {
			return err
		}

		if tl, err = ParseTimeline(file, data, parseOpts); err != nil {
			return err
		}

		err = FindDuplicates(ctx, r, inc, tl)
		if errors.As(err, &dupErr) && opts.AllowDuplicates {
			return nil
		}

		return err
	})
	if err != nil {
		return TimelineResult{}, err
	}

	result := TimelineResult{Ref: inc.Ref, Rows: len(tl.Rows)}
	if dupErr != nil {
		result.Duplicates = dupErr.Found
	}

	if opts.DryRun {
		return result, nil
	}

	// NOTE: the duplicate check reads a snapshot before this write, so the
	// same file imported by two processes at the same moment can land twice.
	if _, err := im.Service.ImportEntries(ctx, im.Actor, inc.Ref, tl.Label(), tl.Entries()); err != nil {
		return result, err
	}

	result.Seal, err = im.Service.SealOf(ctx, inc.Ref)
	if err != nil {
		return result, fmt.Errorf("%d entries were imported into %s, but reading its seal failed: run 'sitroom seal': %w", result.Rows, inc.Ref, err)
	}

	return result, nil
}
