package incident

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// checkReferences rejects an entry whose decision maker, people or systems
// are not on the roster or in the register, because an entry cannot be
// changed once written and a mistyped id would stay on the record, and a
// decision whose decision maker is not a commander. A roster or register
// that is still empty checks nothing, so that an incident can be logged
// before either is imported. It looks up only the ids the entry names,
// through one-row reads, so that logging costs the same however long the
// roster is.
func checkReferences(ctx context.Context, r Reader, e *Entry) error {
	roster, err := r.HasStaff(ctx)
	if err != nil {
		return err
	}

	if roster {
		if err := checkDecisionMaker(ctx, r, e); err != nil {
			return err
		}

		bad, err := unknownStaff(ctx, r, e.People)
		if err != nil {
			return err
		}

		if bad != "" {
			return fmt.Errorf("%s not on the staff roster: check the staff ids", bad)
		}
	}

	bad, err := unknownSystems(ctx, r, e.Systems)
	if err != nil || bad == "" {
		return err
	}

	return fmt.Errorf("%s not in the system register: check the system ids", bad)
}

// checkDecisionMaker checks the decision maker of an entry written for
// someone else, which only a loggist or a commander may do; that a
// decision's decision maker is a commander; and that no entry is recorded
// above the command level its decision maker holds. The author was checked
// when the write was authorised.
func checkDecisionMaker(ctx context.Context, r Reader, e *Entry) error {
	if e.DecisionMaker != e.Author {
		if err := checkMayWriteFor(ctx, r, e.Author); err != nil {
			return err
		}
	}

	m, err := r.StaffByID(ctx, e.DecisionMaker)
	if errors.Is(err, ErrNotFound) {
		if e.DecisionMaker == e.Author {
			return nil // set-up before the author was on the roster
		}

		return fmt.Errorf("decision maker %q is not on the staff roster: give a staff id such as %s", e.DecisionMaker, exampleStaffID(ctx, r))
	}

	if err != nil {
		return err
	}

	return checkAuthority(e, m)
}

// checkAuthority refuses a decision whose decision maker m is not a
// commander, and an entry above the command level m holds: someone with
// no command level records entries at level none.
func checkAuthority(e *Entry, m StaffMember) error {
	if e.Kind == KindDecision && m.Access != AccessCommander {
		return fmt.Errorf("%s is a %s, and only a commander takes decisions: record it as an action or observation, "+
			"or name the commander who decided (a loggist writes for a commander with --for STAFF_ID, or W in the console)",
			e.DecisionMaker, m.Access)
	}

	held := m.Level
	if held == "" {
		held = LevelNone
	}

	if LevelRank(e.Level) < LevelRank(held) {
		return fmt.Errorf("%s is %s on the roster, so an entry in their name cannot be at %s level: "+
			"record it at %s or below, or name the %s commander whose decision or action it is", m.ID, held, e.Level, held, e.Level)
	}

	return nil
}

// checkMayWriteFor refuses an entry in someone else's name from an author
// who is neither a loggist nor a commander.
func checkMayWriteFor(ctx context.Context, r Reader, author string) error {
	a, err := r.StaffByID(ctx, author)
	if errors.Is(err, ErrNotFound) {
		return nil // set-up before the author was on the roster
	}

	if err != nil {
		return err
	}

	if a.Access != AccessLoggist && a.Access != AccessCommander {
		return fmt.Errorf("%s is a %s, and only a loggist or a commander records an entry in someone else's name: "+
			"record it as your own, or ask their loggist", a.ID, a.Access)
	}

	return nil
}

// exampleStaffID returns the first id on the roster, for a message.
func exampleStaffID(ctx context.Context, r Reader) string {
	staff, err := r.Staff(ctx)
	if err != nil || len(staff) == 0 {
		return "ST01"
	}

	return staff[0].ID
}

func unknownStaff(ctx context.Context, r Reader, ids []string) (string, error) {
	var bad []string

	for _, id := range ids {
		if _, err := r.StaffByID(ctx, id); errors.Is(err, ErrNotFound) {
			bad = append(bad, id)
		} else if err != nil {
			return "", err
		}
	}

	return listIDs(bad), nil
}

// unknownSystems names the ids not in the register, or none while the
// register is empty.
func unknownSystems(ctx context.Context, r Reader, ids []string) (string, error) {
	var bad []string

	for _, id := range ids {
		if _, err := r.SystemByID(ctx, id); errors.Is(err, ErrNotFound) {
			bad = append(bad, id)
		} else if err != nil {
			return "", err
		}
	}

	if len(bad) == 0 {
		return "", nil
	}

	if systems, err := r.Systems(ctx); err != nil || len(systems) == 0 {
		return "", err
	}

	return listIDs(bad), nil
}

// listIDs returns "X is" or "X, Y are" for ids, or "" when there are none.
func listIDs(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}

	switch len(quoted) {
	case 0:
		return ""
	case 1:
		return quoted[0] + " is"
	}

	return strings.Join(quoted, ", ") + " are"
}
