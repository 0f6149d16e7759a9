package tui

import (
	"strconv"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// statusBar draws three lines that every screen shows. The first names the
// incident, with EXERCISE first when it is one so that no width can cut it
// off. The second gives the incident clock, local and UTC time, and who is
// at the keyboard with their level. The third, when the terminal is tall
// enough, says who is connected now; otherwise the first line gives their
// number. A display zone that is UTC itself gets
// one clock, not two that match.
func (m Model) statusBar() string {
	st, w, inc := m.styles, m.layout.Width, m.inc

	left := ""
	if inc.Exercise {
		left = st.Exercise.Render(" EXERCISE ") + " "
	}

	left += st.Heading.Render(incident.SanitizeLine(inc.Ref)) + "  " + st.Base.Render(incident.SanitizeLine(inc.Title))
	right := st.Subtle.Render("status ") + st.Accent.Render(string(inc.Status))
	if !m.layout.PresenceLine && m.presentRead {
		right = st.Subtle.Render(strconv.Itoa(len(m.presentPeople()))+" here · ") + right
	}
	if inc.Exercise {
		right += " " + st.Exercise.Render(" EXERCISE ")
	}

	line1 := spread(left, right, w)

	clocks := st.Heading.Render(incidentClock(inc.DeclaredAt, m.now)) + "   " + st.Base.Render(wallClock(m.now, m.opts.Zone))
	if !isUTC(m.now, m.opts.Zone) {
		clocks += "   " + st.Subtle.Render(m.now.UTC().Format("15:04:05 UTC"))
	}

	room := w - ansi.StringWidth(clocks) - 2

	countdown := m.countdown(room)

	bar := line1 + "\n" + spread(clocks+countdown, m.whoLabel(room-ansi.StringWidth(countdown)), w)
	if m.layout.PresenceLine {
		bar += "\n" + m.presenceLine()
	}

	return bar
}

// countdown draws the most urgent notification deadline after the clocks,
// as "  ICO 71h 12m left", in its state's colour, in the longest form that
// leaves room cells for the user's id and level. It gives way before the
// clocks do, and is empty when no clock is running.
func (m Model) countdown(room int) string {
	if m.comms == nil {
		return ""
	}

	it := m.comms.urgent(m.now)
	if it == nil {
		return ""
	}

	a := m.opts.Actor
	short := ansi.StringWidth(incident.SanitizeLine(a.ID)+" · "+levelWord(a.Level)) + 2
	style := m.styles.Deadline(it.d.State(m.now))

	for _, text := range deadlineBadges(it.d, m.now) {
		if 2+ansi.StringWidth(text)+short <= room {
			return "  " + style.Render(text)
		}
	}

	return ""
}

// whoLabel writes the user as "Name (ID) · level", dropping the name when
// that would not fit in width cells.
func (m Model) whoLabel(width int) string {
	st, a := m.styles, m.opts.Actor
	id := incident.SanitizeLine(a.ID)
	level := st.Level(a.Level).Render(levelWord(a.Level))
	tail := st.Subtle.Render(" · ") + level

	switch {
	case a.ForID != "":
		tail = st.Subtle.Render(" · for ") + st.Base.Render(incident.SanitizeLine(a.ForID)) + " " + st.Level(a.ForLevel).Render(levelWord(a.ForLevel))
	case a.Access == incident.AccessObserver:
		tail = st.Subtle.Render(" · observer, read only")
	case !a.CanWrite():
		tail = st.Subtle.Render(" · read only")
	}

	if a.Name != "" {
		full := st.Base.Render(incident.SanitizeLine(a.Name)+" ("+id+")") + tail
		if ansi.StringWidth(full) <= width {
			return full
		}
	}

	return st.Base.Render(id) + tail
}
