package incident

import (
	"context"
	"fmt"
	"strings"
)

// RecordError reports a record beside the chain that disagrees with it:
// the hash chain verifies, but the incident's row, or a row that points at
// an entry, was changed or its entry removed.
type RecordError struct {
	Ref    string
	Reason string
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("incident %s: %s", e.Ref, e.Reason)
}

// checkRecords compares what the chain records with the rows beside it
// that it does not cover. The incident's title and exercise flag must match
// its declaration. The entries that saved sitreps, system states and gate
// signatures point at must be in the chain, which an entry cut from its end
// would leave dangling.
//
// NOTE: the contents of those rows (a system's status, a task, a message)
// are not replayed from the timeline, so a row changed directly in SQLite
// still passes.
func checkRecords(ctx context.Context, r Reader, inc Incident, first *Entry, head int64) error {
	if first != nil && !MatchesDeclaration(first.Text, inc.Title, inc.Exercise) {
		return &RecordError{Ref: inc.Ref, Reason: "its title or exercise flag differs from its declaration, entry 1, so the incident's row was changed"}
	}

	sitreps, err := r.Sitreps(ctx, inc.ID)
	if err != nil {
		return err
	}

	for _, s := range sitreps {
		if s.EntrySeq > head {
			return &RecordError{Ref: inc.Ref, Reason: fmt.Sprintf("sitrep %d points at entry %d but the chain ends at %d, so entries were removed from its end", s.Num, s.EntrySeq, head)}
		}
	}

	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return err
	}

	for _, st := range states {
		if st.EntrySeq > head {
			return &RecordError{Ref: inc.Ref, Reason: fmt.Sprintf("the state of %s points at entry %d but the chain ends at %d, so entries were removed from its end", st.SystemID, st.EntrySeq, head)}
		}
	}

	sigs, err := r.GateSignatures(ctx, inc.ID)
	if err != nil {
		return err
	}

	for _, sig := range sigs {
		if sig.EntrySeq > head {
			return &RecordError{Ref: inc.Ref, Reason: fmt.Sprintf("a gate signature for %s points at entry %d but the chain ends at %d, so entries were removed from its end", sig.SystemID, sig.EntrySeq, head)}
		}
	}

	return nil
}

// Declaration texts start with one of these, which Declare writes.
const (
	declaredPrefix         = "Incident declared: "
	exerciseDeclaredPrefix = "EXERCISE declared: "
)

// DeclarationText returns the text of the entry that declares an incident
// with title, as Declare writes it.
func DeclarationText(title string, exercise bool) string {
	if exercise {
		return exerciseDeclaredPrefix + title
	}

	return declaredPrefix + title
}

// MatchesDeclaration reports whether text, the first entry of a timeline,
// agrees with the title and exercise flag stored beside the chain. A first
// entry that is no declaration, as an imported timeline may have, has
// nothing to compare and matches.
func MatchesDeclaration(text, title string, exercise bool) bool {
	if !strings.HasPrefix(text, declaredPrefix) && !strings.HasPrefix(text, exerciseDeclaredPrefix) {
		return true
	}

	return text == DeclarationText(title, exercise)
}
