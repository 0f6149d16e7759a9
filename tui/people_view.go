package tui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// peopleView draws the people: the filter line, the open roll call, the
// column names and the rows that fit, or one person's detail. Like the
// board it reads only the rows on screen.
func (m Model) peopleView() string {
	l, p, st := m.layout, &m.peopleList, m.styles

	lines := make([]string, 0, l.BodyHeight)
	lines = append(lines, m.peopleFilterLine())

	switch {
	case p.detail != nil:
		lines = append(lines, p.detail.visible()...)
	case m.peopleErr != nil && m.people == nil:
		lines = append(lines, "", st.Error.Render("Could not read who is on duty: "+incident.SanitizeLine(m.peopleErr.Error())))
	case m.people == nil:
		lines = append(lines, "", st.Subtle.Render("Reading who is on duty…"))
	case len(m.people.all) == 0:
		lines = append(lines, "", st.Subtle.Render("Nobody is on the roster yet. Import it with: sitroom import staff FILE"))
	default:
		if line := m.people.rollLine; line != "" {
			style := st.Warning
			if len(m.people.missing) == 0 {
				style = st.Success
			}

			lines = append(lines, style.Render(truncate(line, l.Width))) // cut first: the missing can be thousands
		}

		if len(p.visible) == 0 {
			lines = append(lines, "", st.Subtle.Render("Nobody matches these filters. Press x to clear them."))

			break
		}

		lines = append(lines, m.peopleHeader())
		for i := p.cur.offset; i < len(p.visible) && i < p.cur.offset+p.height; i++ {
			lines = append(lines, m.personRow(p.visible[i], i == p.cur.cursor))
		}
	}

	return block(lines, l.Width, l.BodyHeight)
}

func (m Model) peopleHeader() string {
	c := m.peopleList.cols
	cells := []string{fit("", c.Marker) + fit("id", c.ID), fit("name", c.Name)}

	for _, col := range []struct {
		name  string
		width int
	}{
		{"level", c.Level}, {"since", c.Since}, {"on duty", c.Duty}, {"welfare", c.Welfare}, {"roll call", c.Roll},
		{"where and contact", c.Where}, {"role", c.Role},
	} {
		if col.width > 0 {
			cells = append(cells, fit(col.name, col.width))
		}
	}

	return m.styles.Subtle.Render(strings.Join(cells, " "))
}

// personRow draws one person on one line.
func (m Model) personRow(it *personItem, selected bool) string {
	st, c, now := m.styles, m.peopleList.cols, m.now
	gap := segment{text: " "}

	marker := "  "
	if selected {
		marker = "› "
	}

	nameStyle := st.Base
	if !it.on {
		nameStyle = st.Subtle
	}

	segs := []segment{
		{text: marker, style: st.Accent},
		{text: fit(it.id, c.ID), style: st.Heading}, gap,
		{text: fit(it.name, c.Name), style: nameStyle}, gap,
	}

	if c.Level > 0 {
		segs = append(segs, segment{text: fit(levelCell(it.member.Level), c.Level), style: st.Level(it.member.Level)}, gap)
	}

	if c.Since > 0 {
		since, style := "–", st.Subtle
		if it.on {
			since, style = clockOrDate(it.duty.OnSince, now, m.opts.Zone), st.Base
		}

		segs = append(segs, segment{text: fit(since, c.Since), style: style}, gap)
	}

	duty, alert := dutyWords(it, now)
	dutyStyle := st.Duty(alert)
	if !it.on {
		dutyStyle = st.Subtle
	}

	segs = append(segs, segment{text: fit(fitWords(duty, c.Duty), c.Duty), style: dutyStyle}, gap)

	welfare, overdue := m.welfareWords(it)
	welfareStyle := st.Base
	switch {
	case overdue:
		welfareStyle = st.Overdue
	case !it.on:
		welfareStyle = st.Subtle
	}

	segs = append(segs, segment{text: fit(fitWords(welfare, c.Welfare), c.Welfare), style: welfareStyle})

	if c.Roll > 0 {
		text, style := m.rollCallMark(it)
		segs = append(segs, gap, segment{text: fit(text, c.Roll), style: style})
	}

	if c.Where > 0 {
		segs = append(segs, gap, segment{text: fit(it.where, c.Where), style: st.Base})
	}

	if c.Role > 0 {
		segs = append(segs, gap, segment{text: fit(it.role, c.Role), style: st.Subtle})
	}

	return renderSegments(segs, st, selected)
}

// dutyWords returns how long it has been on duty at now, longest first,
// with the words that go with the alert: "12h+" from
// incident.DutyWarnAfter, and REST DECISION NEEDED from
// incident.DutyRestAfter until a rest decision is logged.
func dutyWords(it *personItem, now time.Time) ([]string, incident.DutyAlert) {
	if !it.on {
		return []string{"off duty", "off"}, incident.DutyFine
	}

	hours := shortDuration(it.duty.Hours(now))
	warn := strconv.Itoa(int(incident.DutyWarnAfter/time.Hour)) + "h+"

	switch alert := it.duty.Alert(now); alert {
	case incident.DutyLong:
		return []string{hours + " " + warn, warn}, alert
	case incident.DutyRestNeeded:
		return []string{hours + " REST DECISION NEEDED", "REST DECISION NEEDED"}, alert
	case incident.DutyRestDecided:
		return []string{hours + " rest decided", hours + " " + warn}, alert
	}

	return []string{hours}, incident.DutyFine
}

// welfareWords returns when its next welfare check is due, longest first,
// or how long it is overdue, and whether it is.
func (m Model) welfareWords(it *personItem) ([]string, bool) {
	if !it.on {
		return []string{"–"}, false
	}

	interval := m.people.people.Welfare
	due := it.duty.WelfareDue(interval)

	if it.duty.WelfareOverdue(m.now, interval) {
		return []string{"OVERDUE " + shortDuration(m.now.Sub(due)), "OVERDUE"}, true
	}

	return []string{"due " + clockOrDate(due, m.now, m.opts.Zone), "in " + shortDuration(due.Sub(m.now))}, false
}

// rollCallMark returns the roll call cell of it while a roll call is
// open: accounted for, MISSING, not marked yet, or blank for someone who
// was not on duty when it started. With none open, it marks those still on
// duty whom the last roll call found missing.
func (m Model) rollCallMark(it *personItem) (string, lipgloss.Style) {
	st, rc := m.styles, m.people.open

	// Someone missing at the last roll call stays flagged until the next
	// one, so a closed roll call cannot hide them.
	if rc == nil {
		if last := m.people.latest; last != nil && it.on && slices.Contains(last.Missing(), it.member.ID) {
			return "✕ MISSING", st.Error
		}

		return "", st.Base
	}

	if !m.people.expected[it.member.ID] {
		return "", st.Base
	}

	mark, ok := rc.Marks[it.member.ID]

	switch {
	case !ok:
		return "? no answer", st.Warning
	case mark.Accounted:
		return "✓ accounted", st.Success
	}

	return "✕ MISSING", st.Error
}

// peopleFilterLine shows the filters, how many are on duty, and how many
// are overdue a welfare check or need a rest decision.
func (m Model) peopleFilterLine() string {
	p, st := &m.peopleList, m.styles

	if p.detail != nil {
		return st.Subtle.Render("Person detail · esc back to the people")
	}

	show := "everyone"
	if p.onDutyOnly {
		show = "on duty"
	}

	left := st.Subtle.Render("show ") + st.Accent.Render(show) + st.Subtle.Render(" · ")

	switch {
	case p.searching:
		left += p.search.View()
	case p.text != "":
		left += st.Subtle.Render("text ") + st.Accent.Render(strconv.Quote(p.search.Value()))
	default:
		left += st.Subtle.Render("f on duty · / to search")
	}

	if m.people == nil {
		return left
	}

	right := groupThousands(len(m.people.onDuty)) + " on duty"
	if p.filtered() {
		right = groupThousands(len(p.visible)) + " shown · " + right
	}

	if n := m.people.welfareOverdueAt(m.now); n > 0 {
		right += st.Subtle.Render(" · ") + st.Overdue.Render(groupThousands(n)+" welfare OVERDUE")
	}

	if n := m.people.restNeededAt(m.now); n > 0 {
		right += st.Subtle.Render(" · ") + st.Duty(incident.DutyRestNeeded).Render(groupThousands(n)+" REST DECISION NEEDED")
	}

	return spread(left, right, m.layout.Width)
}
