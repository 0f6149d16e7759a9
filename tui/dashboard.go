package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// dashData is the dashboard's data besides entries, as last read.
type dashData struct {
	loaded  bool
	systems int
	counts  map[incident.SystemStatus]int
	seal    incident.Seal
	err     error
}

// statusWords are the short words the dashboard's grid uses for each
// containment status.
var statusWords = map[incident.SystemStatus]string{
	incident.SystemShutDown: "shut down",
}

// dashboardView draws the incident and its seal, its systems by
// containment status, RTO breaches, the next RTOs, overdue tasks and gate
// overrides, then the latest entries and the late ones.
func (m Model) dashboardView() string {
	l, st, inc := m.layout, m.styles, m.inc
	zone := m.opts.Zone

	label := func(s string) string { return st.FieldLabel.Render(fit(s, 10)) }

	status := st.Accent.Render(string(inc.Status))
	if inc.Severity != "" {
		status += st.Subtle.Render(" · severity ") + st.Base.Render(incident.SanitizeLine(inc.Severity))
	}

	if inc.Kind != "" {
		status += st.Subtle.Render(" · ") + st.Base.Render(incident.SanitizeLine(inc.Kind))
	}

	seal := st.Subtle.Render("reading…")
	if m.dash.loaded {
		seal = st.Base.Render(groupThousands(int(m.dash.seal.Entries))+" entries · head ") + st.Heading.Render(m.dash.seal.Short())
	}

	lines := []string{
		label("Incident") + st.Heading.Render(incident.SanitizeLine(inc.Ref)) + "  " + st.Base.Render(incident.SanitizeLine(inc.Title)),
		label("Status") + status,
		label("Declared") + st.Base.Render(dateTime(inc.DeclaredAt, zone)+" by "+incident.SanitizeLine(inc.DeclaredBy)),
		label("Seal") + seal,
	}

	// Blank separators give way as the height shrinks: first the one
	// after the incident, then the one before the late entries.
	blank := func(from int) {
		if l.DashBlanks >= from {
			lines = append(lines, "")
		}
	}

	latest := m.entries.latest[:min(l.LatestRows, len(m.entries.latest))]
	late := m.entries.late[:min(l.LateRows, len(m.entries.late))]
	whenWidth := m.recordedWidth(latest, late)

	blank(3)
	lines = append(lines, m.systemLines()...)
	lines = append(lines, m.containmentLines()...)
	lines = append(lines, m.peopleCommsLines()...)
	blank(1)

	latestTitle := st.Heading.Render("Latest entries") + st.Subtle.Render("  times are when recorded, newest first")
	if !l.LateShown {
		// No room for the late entries' own section: their count stays.
		latestTitle = st.Heading.Render("Latest entries") + st.Subtle.Render(" · ") +
			st.Late.Render(groupThousands(m.entries.lateCount)+" LATE") + st.Subtle.Render(" · newest recorded first")
	}

	// Below makerFrom columns the full badge would leave the text too
	// little room, and the occurred time must not give way to plain LATE.
	lateLabel := "LATE, occurred "
	if l.Width < makerFrom {
		lateLabel = "LATE, occ. "
	}

	lines = append(lines, latestTitle)
	lines = append(lines, m.recentLines(latest, l.LatestRows, whenWidth, lateLabel)...)

	if !l.LateShown {
		return block(lines, l.Width, l.BodyHeight)
	}

	lateTitle := st.Heading.Render("Late entries ") + st.Late.Render(groupThousands(m.entries.lateCount)) +
		st.Subtle.Render("  recorded more than "+incident.FormatDuration(incident.LateAfter)+" after they occurred")
	blank(2)
	lines = append(lines, lateTitle)
	lines = append(lines, m.recentLines(late, l.LateRows, whenWidth, "occurred ")...)

	return block(lines, l.Width, l.BodyHeight)
}

// systemLines draws the systems heading and the count for every status,
// in a grid of exactly layout.StatusRows rows.
func (m Model) systemLines() []string {
	l, st := m.layout, m.styles
	heading := st.Heading.Render("Systems") + st.Subtle.Render("  "+groupThousands(m.dash.systems)+" in the register")

	switch {
	case m.dash.err != nil:
		return padRows([]string{heading, st.Error.Render("Could not read systems: " + incident.SanitizeLine(m.dash.err.Error()))}, l.StatusRows+1)
	case !m.dash.loaded:
		return padRows([]string{heading, st.Subtle.Render("Reading…")}, l.StatusRows+1)
	case m.dash.systems == 0:
		return padRows([]string{heading, st.Subtle.Render("No systems in the register yet.")}, l.StatusRows+1)
	}

	cells := make([]string, 0, len(incident.SystemStatuses))
	for _, s := range incident.SystemStatuses {
		word := statusWords[s]
		if word == "" {
			word = string(s)
		}

		count := m.dash.counts[s]
		style := st.SystemStatus(s)
		if count == 0 {
			style = st.Subtle
		}

		cells = append(cells, style.Render(fit(word, 11))+" "+style.Render(padLeft(strconv.Itoa(count), 4))+"   ")
	}

	lines := []string{heading}
	for i := 0; i < len(cells); i += l.StatusColumns {
		lines = append(lines, strings.Join(cells[i:min(i+l.StatusColumns, len(cells))], ""))
	}

	return lines
}

// recentLines draws up to n entries compactly, without the decision maker
// and, below makerFrom columns, without the level. Each row shows when it
// was recorded, which is the lists' order, in a column whenWidth wide. A
// late row's badge is lateLabel and when it occurred, or only LATE where
// that leaves too little room for the text.
func (m Model) recentLines(rows []*row, n, whenWidth int, lateLabel string) []string {
	st := m.styles
	if len(rows) == 0 {
		return padRows([]string{st.Subtle.Render("  none")}, n)
	}

	c := columns{Marker: markerCols, Seq: seqCols, Level: levelCols, Kind: kindCols}
	if m.layout.Width < makerFrom {
		c.Level = 0
	}

	c.Text = m.layout.Width - markerCols - whenWidth - seqCols - kindCols - 3*gapCols
	if c.Level > 0 {
		c.Text -= c.Level + gapCols
	}

	lines := make([]string, 0, n)
	for _, r := range rows[:min(n, len(rows))] {
		alt := rowText{when: padLeft(m.shortTime(r.entry.RecordedAt), whenWidth)}
		if r.entry.Late() {
			alt.late = lateLabel + m.shortTime(r.entry.OccurredAt)
		}

		lines = append(lines, renderRow(r, &m.entries, st, c, false, alt))
	}

	return padRows(lines, n)
}

// shortTime writes t in the display zone as "14:32" when it is today, else
// as "10 Jun 14:32".
func (m Model) shortTime(t time.Time) string {
	local, today := t.In(m.opts.Zone), m.now.In(m.opts.Zone)
	if local.YearDay() == today.YearDay() && local.Year() == today.Year() {
		return local.Format("15:04")
	}

	return local.Format("2 Jan 15:04")
}

// recordedWidth returns the width of the recorded-time column: room for a
// date when any row shown in either list was not recorded today, else
// only for HH:MM.
func (m Model) recordedWidth(lists ...[]*row) int {
	for _, rows := range lists {
		for _, r := range rows {
			if len(m.shortTime(r.entry.RecordedAt)) > timeCols {
				return dateTimeCols
			}
		}
	}

	return timeCols
}

// dateTimeCols is the width of "11 Jun 14:32".
const dateTimeCols = 12

// padRows returns exactly n lines: blank ones added or extra ones dropped.
func padRows(lines []string, n int) []string {
	for len(lines) < n {
		lines = append(lines, "")
	}

	return lines[:n]
}
