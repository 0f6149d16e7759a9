package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// timelineColumns is the header of a timeline file. The actor is who
// recorded the row; decision_maker, when given, is whose decision or action
// it records, as when a loggist writes for a commander.
var timelineColumns = columns{
	required: []string{"occurred_at", "recorded_at", "actor", "kind", "text"},
	optional: []string{"command_level", "system_ids", "decision_maker", "rationale", "options", "late_reason"},
}

// clockSkew is how far past the importing host's clock a row's times may
// be, to allow for the clock of the machine that wrote the file.
const clockSkew = 2 * time.Minute

// TimelineOptions are the zone, clock, roster and register that
// ParseTimeline checks rows against.
type TimelineOptions struct {
	Zone    *time.Location         // zone for times written without a UTC offset
	Now     time.Time              // no row may occur or be recorded after this, beyond clockSkew
	Staff   []incident.StaffMember // the roster: every actor must be on it
	Systems []incident.System      // the register: every system id must be in it
}

// Timeline is a timeline file that has been read and checked.
type Timeline struct {
	File   string // file name as given
	Digest string // hex SHA-256 of the file as read
	Rows   []TimelineRow
}

// TimelineRow is one row of a timeline file.
type TimelineRow struct {
	Line int // line the row starts on
	incident.ImportedEntry
}

// Entries returns the rows in file order, ready for
// incident.Service.ImportEntries.
func (t *Timeline) Entries() []incident.ImportedEntry {
	out := make([]incident.ImportedEntry, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.ImportedEntry
	}

	return out
}

// Label names the file and its full digest, for the entry that records the
// import. The digest lets a reviewer match the entries to the original file.
func (t *Timeline) Label() string {
	return fmt.Sprintf("%s (SHA-256 %s)", filepath.Base(t.File), t.Digest)
}

// ParseTimeline reads a timeline file named file. Each row names the staff
// member who acted (the actor, on the roster), the command level they acted
// at (their roster level when blank), the entry kind, the text and any
// systems (in the register). Rows keep the file's order. The error is a
// *ProblemsError listing what is wrong.
func ParseTimeline(file string, data []byte, opts TimelineOptions) (*Timeline, error) {
	sum := sha256.Sum256(data)
	tl := &Timeline{File: file, Digest: hex.EncodeToString(sum[:])}

	problems := newProblemList(file)
	refs := newReferences(opts.Staff, opts.Systems)

	for _, row := range readTable(data, timelineColumns, problems) {
		entry, ok := parseTimelineRow(row, opts, refs, problems)
		if !ok {
			continue
		}

		entry.Source = fmt.Sprintf("%s line %d, SHA-256 %s", filepath.Base(file), row.line, tl.Digest[:16])
		tl.Rows = append(tl.Rows, TimelineRow{Line: row.line, ImportedEntry: entry})
	}

	if err := problems.result(); err != nil {
		return nil, err
	}

	return tl, nil
}

func parseTimelineRow(row record, opts TimelineOptions, refs references, problems *problemList) (incident.ImportedEntry, bool) {
	before := problems.count()
	e := incident.ImportedEntry{Actor: row.value("actor"), Text: row.value("text")}

	occurred, okOccurred := parseRowTime(row, "occurred_at", opts, problems)
	recorded, okRecorded := parseRowTime(row, "recorded_at", opts, problems)
	e.OccurredAt, e.RecordedAt = occurred, recorded

	if okOccurred && okRecorded && recorded.Before(occurred) {
		problems.add(row.line, "recorded_at", "recorded at %s, before it occurred at %s: check the two columns are not swapped",
			recorded.In(opts.Zone).Format(time.RFC3339), occurred.In(opts.Zone).Format(time.RFC3339))
	}

	member, onRoster := refs.staff[e.Actor]

	switch {
	case e.Actor == "":
		problems.add(row.line, "actor", "missing actor: give the staff id of whoever acted")
	case !onRoster:
		problems.add(row.line, "actor", "staff member %q is not on the roster: import the staff file first, or correct the id", e.Actor)
	}

	var err error
	if e.Kind, err = incident.ParseKind(row.value("kind")); err != nil {
		problems.add(row.line, "kind", "%v", err)
	} else if e.Kind == incident.KindSystem {
		problems.add(row.line, "kind", "kind system is kept for entries sitroom writes itself: use observation or action")
	}

	e.Level = member.Level
	if level := row.value("command_level"); level != "" {
		if e.Level, err = incident.ParseLevel(level); err != nil {
			problems.add(row.line, "command_level", "%v", err)
		}
	}

	if e.Level == "" {
		e.Level = incident.LevelNone
	}

	if e.Text == "" {
		problems.add(row.line, "text", "missing text: say what happened")
	}

	if maker := row.value("decision_maker"); maker != "" {
		if _, ok := refs.staff[maker]; !ok {
			problems.add(row.line, "decision_maker", "staff member %q is not on the roster: import the staff file first, or correct the id", maker)
		}

		e.DecisionMaker = maker
	}

	e.Rationale = row.value("rationale")
	if e.Rationale == "" && e.Kind == incident.KindDecision {
		e.Rationale = rationaleInText(e.Text)
	}

	// Options are sentences that may hold commas, so only ';' separates them.
	for _, option := range strings.Split(row.value("options"), ";") {
		if option = strings.TrimSpace(option); option != "" {
			e.Options = append(e.Options, option)
		}
	}

	e.LateReason = row.value("late_reason")

	e.Systems = refs.checkSystems(row, problems)

	return e, problems.count() == before
}

func parseRowTime(row record, column string, opts TimelineOptions, problems *problemList) (time.Time, bool) {
	value := row.value(column)
	if value == "" {
		problems.add(row.line, column, "missing time")

		return time.Time{}, false
	}

	t, err := parseFileTime(value, opts.Zone)
	if err != nil {
		problems.add(row.line, column, "%v", err)

		return time.Time{}, false
	}

	if t.After(opts.Now.Add(clockSkew)) {
		problems.add(row.line, column, "time %s is in the future: check the date and the UTC offset", t.In(opts.Zone).Format(time.RFC3339))

		return time.Time{}, false
	}

	return t, true
}

// references holds the roster and register that timeline rows must name.
type references struct {
	staff        map[string]incident.StaffMember
	systems      map[string]bool
	systemsByKey map[string]string // lower-case id to id, to suggest the right case
}

func newReferences(staff []incident.StaffMember, systems []incident.System) references {
	refs := references{
		staff:        map[string]incident.StaffMember{},
		systems:      map[string]bool{},
		systemsByKey: map[string]string{},
	}

	for _, m := range staff {
		refs.staff[m.ID] = m
	}

	for _, s := range systems {
		refs.systems[s.ID] = true
		refs.systemsByKey[strings.ToLower(s.ID)] = s.ID
	}

	return refs
}

// checkSystems returns the row's system ids, adding a problem for each one
// that is not in the register.
func (refs references) checkSystems(row record, problems *problemList) []string {
	var ids []string

	for _, id := range splitList(row.value("system_ids")) {
		if refs.systems[id] {
			ids = append(ids, id)

			continue
		}

		if match, ok := refs.systemsByKey[strings.ToLower(id)]; ok {
			problems.add(row.line, "system_ids", "unknown system %q: did you mean %s?", id, match)

			continue
		}

		problems.add(row.line, "system_ids", "unknown system %q: import the system register first, or correct the id", id)
	}

	return ids
}

// rationaleInText returns what follows "Rationale:" in a decision's text,
// the way paper logs and the scenario files write it when the file has no
// rationale column, or "" when the text has no such part. The text itself
// is kept whole.
func rationaleInText(text string) string {
	_, after, found := strings.Cut(text, "Rationale:")
	if !found {
		return ""
	}

	return strings.TrimSpace(after)
}
