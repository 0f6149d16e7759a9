package incident

import (
	"context"
	"fmt"
	"slices"
)

// SetProcessCheck sets how the service tells whether the process holding a
// console is still running, so that a console killed without closing drops
// off the presence line. nil means every process counts as running.
func (s *Service) SetProcessCheck(alive func(pid int) bool) {
	s.alive = alive
}

func (s *Service) running(pid int) bool {
	return s.alive == nil || s.alive(pid)
}

// Join records an open console, first removing the rows of consoles whose
// process has gone. Presence is not part of the incident record, so it
// writes no timeline entry, and anyone who may read may join.
func (s *Service) Join(ctx context.Context, p Presence) error {
	err := s.store.Update(ctx, func(tx Tx) error {
		rows, err := tx.Presence(ctx, p.IncidentID)
		if err != nil {
			return err
		}

		for _, old := range rows {
			if !s.running(old.PID) {
				if err := tx.DeletePresence(ctx, old.ID); err != nil {
					return err
				}
			}
		}

		return tx.PutPresence(ctx, p)
	})
	if err != nil {
		return fmt.Errorf("join incident %d as %s: %w", p.IncidentID, p.StaffID, err)
	}

	return nil
}

// Leave removes the console with id from the presence line.
func (s *Service) Leave(ctx context.Context, id string) error {
	err := s.store.Update(ctx, func(tx Tx) error {
		return tx.DeletePresence(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("leave console %s: %w", id, err)
	}

	return nil
}

// Present returns the consoles open on the incident whose process is still
// running, in the order they opened.
func (s *Service) Present(ctx context.Context, incidentID int64) ([]Presence, error) {
	var rows []Presence

	err := s.store.Read(ctx, func(r Reader) error {
		var err error
		rows, err = r.Presence(ctx, incidentID)

		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read who is connected: %w", err)
	}

	live := rows[:0]
	for _, p := range rows {
		if s.running(p.PID) {
			live = append(live, p)
		}
	}

	return live, nil
}

// KeepDraft stores a half-typed entry for the same person's next console
// on the incident. It is not part of the record and writes no entry.
func (s *Service) KeepDraft(ctx context.Context, d Draft) error {
	err := s.store.Update(ctx, func(tx Tx) error {
		return tx.PutDraft(ctx, d)
	})
	if err != nil {
		return fmt.Errorf("keep the unsaved entry of %s: %w", d.StaffID, err)
	}

	return nil
}

// TakeDraft returns the person's kept draft on the incident and removes
// it, so that it is offered once.
func (s *Service) TakeDraft(ctx context.Context, staffID string, incidentID int64) (Draft, bool, error) {
	var d Draft
	var found bool

	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if d, found, err = tx.Draft(ctx, staffID, incidentID); err != nil || !found {
			return err
		}

		return tx.DeleteDraft(ctx, staffID, incidentID)
	})
	if err != nil {
		return Draft{}, false, fmt.Errorf("read the unsaved entry of %s: %w", staffID, err)
	}

	return d, found, nil
}

// Connected returns each person in list once, with the first of their
// consoles, most senior command level first and otherwise in list order.
func Connected(list []Presence) []Presence {
	seen := map[string]bool{}
	out := make([]Presence, 0, len(list))

	for _, p := range list {
		if !seen[p.StaffID] {
			seen[p.StaffID] = true
			out = append(out, p)
		}
	}

	slices.SortStableFunc(out, func(a, b Presence) int { return LevelRank(a.Level) - LevelRank(b.Level) })

	return out
}
