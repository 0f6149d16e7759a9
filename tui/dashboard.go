package tui

import (
	"strconv"
	"strings"

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

// dashboardView draws the incident, its systems by containment status, the
// latest entries and the late ones, and the seal.
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
		"",
	}

	lines = append(lines, m.systemLines()...)
	lines = append(lines, "", st.Heading.Render("Latest entries")+st.Subtle.Render("  newest recorded first"))
	lines = append(lines, m.recentLines(m.entries.latest, l.LatestRows)...)

	lateTitle := st.Heading.Render("Late entries ") + st.Late.Render(groupThousands(m.entries.lateCount)) +
		st.Subtle.Render("  recorded more than "+incident.FormatDuration(incident.LateAfter)+" after they occurred")
	lines = append(lines, "", lateTitle)
	lines = append(lines, m.recentLines(m.entries.late, l.LateRows)...)

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

// recentLines draws up to n entries compactly, without the decision
// maker. An entry that did not occur today shows its date with its time.
func (m Model) recentLines(rows []*row, n int) []string {
	st := m.styles
	if len(rows) == 0 {
		return padRows([]string{st.Subtle.Render("  none")}, n)
	}

	c := columns{Marker: markerCols, Seq: seqCols, Level: levelCols, Kind: kindCols}
	c.Text = m.layout.Width - markerCols - dateTimeCols - seqCols - levelCols - kindCols - 4*gapCols

	today := m.now.In(m.opts.Zone).Format(dayMonth)
	lines := make([]string, 0, n)

	for _, r := range rows[:min(n, len(rows))] {
		when := r.entry.OccurredAt.In(m.opts.Zone).Format(dayMonth + " 15:04")
		if strings.HasPrefix(when, today+" ") {
			when = strings.Repeat(" ", dateTimeCols-timeCols) + r.clock
		}

		lines = append(lines, renderRow(r, &m.entries, st, c, false, when))
	}

	return padRows(lines, n)
}

// dayMonth is the layout of the date the dashboard puts before a time
// that is not today, padded so that every date is the same width.
const dayMonth = "_2 Jan"

// dateTimeCols is the width of "11 Jun 14:32".
const dateTimeCols = 12

// padRows returns exactly n lines: blank ones added or extra ones dropped.
func padRows(lines []string, n int) []string {
	for len(lines) < n {
		lines = append(lines, "")
	}

	return lines[:n]
}
