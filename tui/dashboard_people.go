package tui

import (
	"strconv"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// dashItem is one item of a dashboard line, with its own style.
type dashItem struct {
	text  string
	style lipgloss.Style
}

// joinItems joins items with " · " within width cells, leaving out whole
// items from the end that do not fit, so that the most urgent, which come
// first, stay.
func (m Model) joinItems(items []dashItem, width int) string {
	out, used := "", 0
	sep := m.styles.Subtle.Render(" · ")

	for i, it := range items {
		w := ansi.StringWidth(it.text)
		if i > 0 {
			w += 3
		}

		if used+w > width {
			break
		}

		if i > 0 {
			out += sep
		}

		out += it.style.Render(it.text)
		used += w
	}

	return out
}

// peopleCommsLines draws exactly peopleCommsRows lines: who is on duty
// with the welfare and rest alerts, the notification deadlines running or
// missed, and the last sitrep with the next meeting.
func (m Model) peopleCommsLines() []string {
	st := m.styles
	label := func(s string) string { return st.FieldLabel.Render(fit(s, containLabelCols)) }
	room := m.layout.Width - containLabelCols

	return []string{
		label("On duty") + m.onDutyItems(room),
		label("Deadlines") + m.deadlineItems(room),
		label("Sitrep") + m.sitrepItems(room),
	}
}

func (m Model) onDutyItems(room int) string {
	st, p, now := m.styles, m.people, m.now

	switch {
	case p == nil && m.peopleErr != nil:
		return st.Error.Render("Could not read who is on duty: " + incident.SanitizeLine(m.peopleErr.Error()))
	case p == nil:
		return st.Subtle.Render("reading…")
	case len(p.onDuty) == 0:
		return st.Subtle.Render("nobody checked in: 5 then c checks people in")
	}

	items := []dashItem{{groupThousands(len(p.onDuty)) + " on duty", st.Base}}

	if n := p.restNeededAt(now); n > 0 {
		items = append(items, dashItem{groupThousands(n) + " REST DECISION NEEDED", st.Duty(incident.DutyRestNeeded)})
	}

	if n := p.welfareOverdueAt(now); n > 0 {
		items = append(items, dashItem{groupThousands(n) + " welfare OVERDUE", st.Overdue})
	}

	if n := p.onDutyLongerAt(now, incident.DutyWarnAfter); n > 0 {
		hours := strconv.Itoa(int(incident.DutyWarnAfter / time.Hour))
		items = append(items, dashItem{groupThousands(n) + " over " + hours + "h", st.Duty(incident.DutyLong)})
	}

	if rc := p.open; rc != nil {
		expected := len(rc.Expected)
		items = append(items, dashItem{"roll call " + itoa(int(rc.Num)) + ": " + itoa(expected-len(p.missing)) + " of " + itoa(expected), st.Warning})
	}

	return m.joinItems(items, room)
}

func (m Model) deadlineItems(room int) string {
	st, c, now := m.styles, m.comms, m.now

	switch {
	case c == nil && m.commsErr != nil:
		return st.Error.Render("Could not read the deadlines: " + incident.SanitizeLine(m.commsErr.Error()))
	case c == nil:
		return st.Subtle.Render("reading…")
	}

	var items []dashItem

	// Missed ones first, then those as soon as possible, then the rest by
	// due time: the order of urgency.
	missed := c.missedAt(now)
	for _, it := range c.timed[:missed] {
		items = append(items, dashItem{deadlineBadges(it.d, now)[0], st.Deadline(incident.DeadlineMissed)})
	}

	for _, it := range c.asap {
		items = append(items, dashItem{deadlineBadges(it.d, now)[0], st.Deadline(it.d.State(now))})
	}

	for _, it := range c.timed[missed:] {
		items = append(items, dashItem{deadlineBadges(it.d, now)[0], st.Deadline(it.d.State(now))})
	}

	met, waiting := 0, 0
	for _, it := range c.deadlines {
		switch {
		case it.d.Met():
			met++
		case !it.d.Started():
			waiting++
		}
	}

	if len(items) == 0 {
		items = append(items, dashItem{"none running", st.Subtle})
	}

	if met > 0 {
		items = append(items, dashItem{groupThousands(met) + " MET", st.Deadline(incident.DeadlineMet)})
	}

	if waiting > 0 {
		items = append(items, dashItem{groupThousands(waiting) + " not started", st.Subtle})
	}

	return m.joinItems(items, room)
}

func (m Model) sitrepItems(room int) string {
	st, c, now, zone := m.styles, m.comms, m.now, m.opts.Zone

	switch {
	case c == nil:
		return st.Subtle.Render("reading…")
	case c.lastSitrep == nil:
		return st.Subtle.Render("none saved yet: 7 writes one")
	}

	last := c.lastSitrep
	items := []dashItem{{"SITREP " + itoa(int(last.Num)) + " " + clockOrDate(last.At, now, zone) + ", " + shortDuration(now.Sub(last.At)) + " ago", st.Base}}

	switch next := last.NextMeeting; {
	case next.IsZero():
		items = append(items, dashItem{"next meeting not set", st.Subtle})
	case next.Before(now):
		items = append(items, dashItem{"next meeting was " + clockOrDate(next, now, zone), st.Warning})
	default:
		items = append(items, dashItem{"next meeting " + clockOrDate(next, now, zone) + ", in " + shortDuration(next.Sub(now)), st.Accent})
	}

	return m.joinItems(items, room)
}
