package archive

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Import reads an archive from r and brings in, in one transaction, what
// the database lacks: the incident when it is new here, the entries after
// the last one held here, systems and staff not yet registered, and the
// incident's state as the archive has it. An archive whose chain does not
// verify, or that disagrees with the entries held here, changes nothing.
// An archive no longer than the timeline here changes nothing either, so
// importing one twice is harmless. Only a gold or silver commander may
// import, or anyone while the roster is empty.
func Import(ctx context.Context, svc *incident.Service, actor incident.Actor, r io.Reader) (Summary, error) {
	c, err := read(r)
	if err != nil {
		return Summary{}, err
	}

	sum := Summary{Ref: c.incident.Ref, Entries: int64(len(c.entries))}

	err = svc.UpdateAsCommander(ctx, actor, func(tx incident.Tx) error {
		inc, created, err := placeIncident(ctx, tx, c.incident)
		if err != nil {
			return err
		}

		sum.Created = created

		added, err := appendEntries(ctx, tx, inc, c.entries)
		if err != nil || added == 0 {
			return err // nothing new: the state here is at least as recent
		}

		sum.Added = added

		if err := addRegister(ctx, tx, c); err != nil {
			return err
		}

		return applyState(ctx, tx, inc, c)
	})
	if err != nil {
		return sum, fmt.Errorf("import archive of %s: %w", c.incident.Ref, err)
	}

	if n := len(c.entries); n > 0 {
		sum.Seal = incident.Seal{Ref: c.incident.Ref, Entries: int64(n), Head: c.entries[n-1].Hash}
	}

	return sum, nil
}

// placeIncident finds the incident here, or creates it. An incident here
// with the same reference but another declaration is a different one.
func placeIncident(ctx context.Context, tx incident.Tx, from incident.Incident) (incident.Incident, bool, error) {
	here, err := tx.IncidentByRef(ctx, from.Ref)
	if err == nil {
		if !here.DeclaredAt.Equal(from.DeclaredAt) {
			return here, false, fmt.Errorf("incident %s here was declared at %s and the archive's at %s: they are different incidents; nothing was imported",
				from.Ref, here.DeclaredAt.Format("2006-01-02 15:04 MST"), from.DeclaredAt.Format("2006-01-02 15:04 MST"))
		}

		return here, false, nil
	}

	if !errors.Is(err, incident.ErrNotFound) {
		return here, false, err
	}

	inc := from
	inc.ID = 0

	if err := tx.InsertIncident(ctx, &inc); err != nil {
		return inc, false, err
	}

	return inc, true, nil
}

// appendEntries adds the archive's entries after the last one here, once
// the entries both hold agree.
func appendEntries(ctx context.Context, tx incident.Tx, inc incident.Incident, entries []incident.Entry) (int64, error) {
	seq, _, err := tx.ChainHead(ctx, inc.ID)
	if err != nil {
		return 0, err
	}

	both := min(seq, int64(len(entries)))
	if both > 0 {
		here, err := tx.EntryBySeq(ctx, inc.ID, both)
		if err != nil {
			return 0, err
		}

		if here.Hash != entries[both-1].Hash {
			return 0, fmt.Errorf("entry %d of %s here differs from the archive's: the two timelines have parted, so nothing was imported; "+
				"keep both and compare them with sitroom export", both, inc.Ref)
		}
	}

	var added int64

	for i := seq; i < int64(len(entries)); i++ {
		e := entries[i]
		e.ID, e.IncidentID = 0, inc.ID

		if err := tx.InsertEntry(ctx, &e); err != nil {
			return added, err
		}

		added++
	}

	return added, nil
}

// addRegister adds the systems and staff the register and roster here
// lack, leaving those already here as they are.
func addRegister(ctx context.Context, tx incident.Tx, c *contents) error {
	for _, s := range c.systems {
		if _, err := tx.SystemByID(ctx, s.ID); errors.Is(err, incident.ErrNotFound) {
			if err := tx.PutSystem(ctx, s); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}

	for _, m := range c.staff {
		if _, err := tx.StaffByID(ctx, m.ID); errors.Is(err, incident.ErrNotFound) {
			if err := tx.PutStaff(ctx, m); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}

	return nil
}
