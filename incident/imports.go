package incident

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ImportedEntry is one timeline row read from a file: who recorded it and
// when, as the file says.
type ImportedEntry struct {
	OccurredAt time.Time
	RecordedAt time.Time
	Actor      string // staff id of whoever recorded it
	Level      Level
	Kind       Kind
	Text       string
	Systems    []string
	Source     string // file and line, for example "timeline.csv line 7"

	DecisionMaker string // whose decision or action it records; empty means the actor
	Rationale     string
	Options       []string
	LateReason    string
}

// ImportSystems adds or replaces the given systems in the register in one
// transaction. source names the file for error messages.
func (s *Service) ImportSystems(ctx context.Context, actor Actor, source string, systems []System) error {
	err := s.updateAsCommander(ctx, actor, func(tx Tx) error {
		for _, sys := range systems {
			if err := tx.PutSystem(ctx, sys); err != nil {
				return fmt.Errorf("system %s: %w", sys.ID, err)
			}
		}

		return nil
	})
	if err != nil {
		return fmt.Errorf("import systems from %s: %w", source, err)
	}

	return nil
}

// ImportStaff adds or replaces the given staff members on the roster in one
// transaction.
func (s *Service) ImportStaff(ctx context.Context, actor Actor, source string, staff []StaffMember) error {
	err := s.updateAsCommander(ctx, actor, func(tx Tx) error {
		for _, m := range staff {
			if err := keepAccess(ctx, tx, &m); err != nil {
				return err
			}

			if err := tx.PutStaff(ctx, m); err != nil {
				return fmt.Errorf("staff member %s: %w", m.ID, err)
			}
		}

		return checkLogins(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("import staff from %s: %w", source, err)
	}

	return nil
}

// ClearLogin in a roster's login column removes a person's login; a blank
// login keeps the one they have.
const ClearLogin = "-"

// keepAccess fills a blank access or login from what the roster holds for
// m, so that a roster file without those columns changes nobody's access,
// and gives someone new the default access for their title and level.
func keepAccess(ctx context.Context, tx Tx, m *StaffMember) error {
	old, err := tx.StaffByID(ctx, m.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}

	found := err == nil

	switch {
	case m.Access != "":
	case found:
		m.Access = old.Access
	default:
		m.Access = DefaultAccess(m.Role, m.Level)
	}

	switch {
	case m.Login == ClearLogin:
		m.Login = ""
	case m.Login == "" && found:
		m.Login = old.Login
	}

	return nil
}

// checkLogins refuses a roster on which two people share a login, because
// the host account would then act as whichever comes first.
func checkLogins(ctx context.Context, tx Tx) error {
	staff, err := tx.Staff(ctx)
	if err != nil {
		return err
	}

	owner := map[string]string{}
	for _, m := range staff {
		if m.Login == "" {
			continue
		}

		if first, taken := owner[m.Login]; taken {
			return fmt.Errorf("login %q is given to both %s and %s: a login identifies one person, so give one of them another, or - to remove it",
				m.Login, first, m.ID)
		}

		owner[m.Login] = m.ID
	}

	return nil
}

// ImportEntries appends rows read from a timeline file to the incident, in
// the order given, followed by one system entry that records who imported
// them. All rows and that entry commit together or not at all. Rows keep
// their own occurred and recorded times; a row recorded late keeps whatever
// late reason the file gives, which may be none.
func (s *Service) ImportEntries(ctx context.Context, actor Actor, ref, source string, rows []ImportedEntry) (int, error) {
	now := s.Now()

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		// Rows name other people as authors, so importing them is writing
		// in their names: a loggist's or a commander's work.
		if err := checkMayWriteFor(ctx, tx, actor.ID); err != nil {
			return err
		}

		for _, row := range rows {
			maker := row.DecisionMaker
			if maker == "" {
				maker = row.Actor
			}

			e := Entry{
				OccurredAt: row.OccurredAt, RecordedAt: row.RecordedAt, Author: row.Actor,
				DecisionMaker: maker, Level: row.Level, Kind: row.Kind, Text: row.Text,
				Rationale: row.Rationale, Options: cleanList(row.Options), LateReason: row.LateReason,
				Systems: cleanList(row.Systems), Source: row.Source,
			}

			if err := checkImportedRow(ctx, tx, &e); err != nil {
				return fmt.Errorf("%s: %w", row.Source, err)
			}

			if err := appendEntry(ctx, tx, inc, &e); err != nil {
				return fmt.Errorf("%s: %w", row.Source, err)
			}
		}

		note := Entry{
			OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(),
			Level: actorLevel(actor), Kind: KindSystem,
			Text: fmt.Sprintf("Imported %d timeline entries from %s", len(rows), source),
		}

		return appendEntry(ctx, tx, inc, &note)
	})
	if err != nil {
		return 0, fmt.Errorf("import timeline from %s: %w", source, err)
	}

	return len(rows), nil
}

// actorLevel is the level the actor's writes are recorded at: the level of
// the commander a loggist writes for, else the actor's own.
func actorLevel(a Actor) Level {
	if a.ForID != "" && a.ForLevel != "" {
		return a.ForLevel
	}

	if a.Level == "" {
		return LevelNone
	}

	return a.Level
}

// checkImportedRow holds a row from a timeline file to the rules a typed
// entry meets about who decided what at which level, once the roster has
// people on it. The row's author is whoever the file names, not the
// importer.
func checkImportedRow(ctx context.Context, tx Tx, e *Entry) error {
	roster, err := tx.HasStaff(ctx)
	if err != nil || !roster {
		return err
	}

	m, err := tx.StaffByID(ctx, e.DecisionMaker)
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%q is not on the staff roster: import the roster first, or correct the id", e.DecisionMaker)
	}

	if err != nil {
		return err
	}

	return checkAuthority(e, m)
}
