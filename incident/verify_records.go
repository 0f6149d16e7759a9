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
// that it does not cover: the incident's title and exercise flag against
// its declaration, and the entries that saved sitreps, system states and
// gate signatures point at against the chain's length, which an entry cut
// from the end of the chain would leave dangling.
func checkRecords(ctx context.Context, r Reader, inc Incident, first *Entry, head int64) error {
	if first != nil && (strings.HasPrefix(first.Text, "Incident declared: ") || strings.HasPrefix(first.Text, "EXERCISE declared: ")) {
		want := "Incident declared: " + inc.Title
		if inc.Exercise {
			want = "EXERCISE declared: " + inc.Title
		}

		if first.Text != want {
			return &RecordError{Ref: inc.Ref, Reason: "its title or exercise flag differs from its declaration, entry 1, so the incident's row was changed"}
		}
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
