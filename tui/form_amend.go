package tui

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// newAmendForm opens the form on a copy of orig, every editable field
// prefilled from it and the occurred time written in zone, ready to save as
// a correction of orig.
func newAmendForm(orig incident.Entry, zone *time.Location, st themes.Styles, l layout, newline key.Binding) *entryForm {
	f := newEntryForm(orig.Level, st, l, newline)
	f.amends = &orig
	f.kind = orig.Kind

	// The limits on typing must not cut an original that is longer.
	text, rationale := incident.Sanitize(orig.Text), incident.Sanitize(orig.Rationale)
	options := incident.SanitizeLine(strings.Join(orig.Options, optionSeparator+" "))
	f.text.CharLimit = max(f.text.CharLimit, utf8.RuneCountInString(text))
	f.rationale.CharLimit = max(f.rationale.CharLimit, utf8.RuneCountInString(rationale))
	f.options.CharLimit = max(f.options.CharLimit, utf8.RuneCountInString(options))

	f.text.SetValue(text)
	f.rationale.SetValue(rationale)
	f.options.SetValue(options)
	f.occurred.SetValue(occurredText(orig.OccurredAt, zone))

	f.initial = f.values()

	return f
}

// occurredText writes t in zone as the form's occurred field shows it: to
// the minute, or to the second when it has seconds. A wall time that the
// clock change makes ambiguous gets its UTC offset, so that the text still
// names one instant if the user edits it.
func occurredText(t time.Time, zone *time.Location) string {
	local := t.In(zone)

	layout := "2006-01-02 15:04"
	if local.Second() != 0 {
		layout = "2006-01-02 15:04:05"
	}

	wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
	if _, err := incident.LocalTime(wall, zone); err != nil {
		return local.Format(layout + "-07:00")
	}

	return local.Format(layout)
}

// keepsOccurred reports whether a correction's occurred field still holds
// the text it opened with, so the original's exact instant applies.
func (f *entryForm) keepsOccurred() bool {
	return f.amends != nil && strings.TrimSpace(f.occurred.Value()) == strings.TrimSpace(f.initial.occurred)
}

// carryOver copies into in what the form shows nothing of but the
// correction must keep: whose decision it records, the systems, tasks and
// people it concerns, and a decision's review time.
func (f *entryForm) carryOver(in *incident.NewEntry) {
	orig := f.amends

	in.DecisionMaker = orig.DecisionMaker
	in.Systems = slices.Clone(orig.Systems)
	in.Tasks = slices.Clone(orig.Tasks)
	in.People = slices.Clone(orig.People)

	if f.kind == incident.KindDecision && orig.ReviewAt != nil {
		at := *orig.ReviewAt
		in.ReviewAt = &at
	}
}
