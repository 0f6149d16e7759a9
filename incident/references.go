package incident

import (
	"context"
	"fmt"
	"strings"
)

// checkReferences rejects an entry whose decision maker, people or systems
// are not on the roster or in the register, because an entry cannot be
// changed once written and a mistyped id would stay on the record. A
// roster or register that is still empty checks nothing, so that an
// incident can be logged before either is imported.
func checkReferences(ctx context.Context, r Reader, e *Entry) error {
	staff, err := r.Staff(ctx)
	if err != nil {
		return err
	}

	if len(staff) > 0 {
		known := make(map[string]bool, len(staff))
		access := make(map[string]Access, len(staff))
		for _, m := range staff {
			known[m.ID] = true
			access[m.ID] = m.Access
		}

		// The author was checked when the write was authorised.
		if e.DecisionMaker != e.Author && !known[e.DecisionMaker] {
			return fmt.Errorf("decision maker %q is not on the staff roster: give a staff id such as %s", e.DecisionMaker, staff[0].ID)
		}

		if e.Kind == KindDecision && known[e.DecisionMaker] && access[e.DecisionMaker] != AccessCommander {
			return fmt.Errorf("%s is a %s, and only a commander takes decisions: record it as an action or observation, "+
				"or name the commander who decided (a loggist writes for a commander with --for STAFF_ID, or W in the console)",
				e.DecisionMaker, access[e.DecisionMaker])
		}

		if bad := unknownIDs(e.People, known); bad != "" {
			return fmt.Errorf("%s not on the staff roster: check the staff ids", bad)
		}
	}

	systems, err := r.Systems(ctx)
	if err != nil {
		return err
	}

	if len(systems) > 0 {
		known := make(map[string]bool, len(systems))
		for _, s := range systems {
			known[s.ID] = true
		}

		if bad := unknownIDs(e.Systems, known); bad != "" {
			return fmt.Errorf("%s not in the system register: check the system ids", bad)
		}
	}

	return nil
}

// unknownIDs returns "X is" or "X, Y are" for the ids not in known, or ""
// when all are known.
func unknownIDs(ids []string, known map[string]bool) string {
	var bad []string

	for _, id := range ids {
		if !known[id] {
			bad = append(bad, fmt.Sprintf("%q", id))
		}
	}

	switch len(bad) {
	case 0:
		return ""
	case 1:
		return bad[0] + " is"
	}

	return strings.Join(bad, ", ") + " are"
}
