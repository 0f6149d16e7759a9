package incident

import "time"

// LateAfter is how long after it occurred an entry may be recorded before it
// counts as late and needs a reason for the delay. UK decision-logging
// practice asks for a record at the first reasonable opportunity.
const LateAfter = 10 * time.Minute

// Entry is one line of an incident's timeline. Entries are never changed or
// removed once written; a correction is a new entry whose Amends names the
// sequence number it corrects.
type Entry struct {
	ID         int64
	IncidentID int64
	Seq        int64 // 1, 2, 3… within the incident, assigned when written

	OccurredAt time.Time // when it happened, UTC
	RecordedAt time.Time // when it was written, UTC

	Author        string // identity of whoever typed it
	DecisionMaker string // whose decision or action it records; differs from Author for a loggist
	Level         Level
	Kind          Kind
	Text          string

	Rationale string     // why, for a decision
	Options   []string   // options considered and rejected, for a decision
	ReviewAt  *time.Time // when a decision should be reviewed, if set

	LateReason  string // why it was recorded more than LateAfter after it occurred
	Amends      int64  // sequence number of the entry this corrects; 0 when none
	AmendReason string // why the correction was made

	Systems []string // system ids this entry concerns
	Tasks   []string // task ids this entry concerns
	People  []string // staff ids this entry concerns

	Source string // where the entry came from when not typed live, such as "import timeline.csv line 7"

	PrevHash string // hex SHA-256 of the previous entry, empty for the first
	Hash     string // hex SHA-256 of this entry's canonical encoding
}

// Late reports whether the entry was recorded more than LateAfter after it
// occurred.
func (e *Entry) Late() bool {
	return e.RecordedAt.Sub(e.OccurredAt) > LateAfter
}

// IsAmendment reports whether the entry corrects an earlier one.
func (e *Entry) IsAmendment() bool { return e.Amends != 0 }
