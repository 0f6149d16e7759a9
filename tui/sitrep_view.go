package tui

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// sitrepView draws the sitrep screen: a line of keys, the form, a rule
// and the report built from the form and the incident's state, scrolled.
func (m Model) sitrepView() string {
	l, s, st := m.layout, &m.sitrep, m.styles

	lines := make([]string, 0, l.BodyHeight)
	lines = append(lines, m.sitrepTopLine())
	// While the form does not have the keys, no field is marked as focused.
	form := s.fieldSet
	if !s.editing {
		form.focus = -1
	}

	lines = append(lines, padRows(form.lines(st, l.Width, sitrepLabelCols), sitrepFormRows-1)...)
	lines = append(lines, st.Subtle.Render(strings.Repeat("─", l.Width)))

	switch {
	case s.err != nil:
		lines = append(lines, st.Error.Render("Could not build the sitrep: "+incident.SanitizeLine(s.err.Error())))
	case !s.built:
		lines = append(lines, st.Subtle.Render("Building the sitrep…"))
	default:
		for _, line := range s.preview.visible() {
			lines = append(lines, " "+st.Base.Render(line))
		}
	}

	return block(lines, l.Width, l.BodyHeight)
}

// sitrepTopLine names the report and the keys, and when the last one was
// saved.
func (m Model) sitrepTopLine() string {
	s, st := &m.sitrep, m.styles

	left := st.Heading.Render("SITREP "+itoa(int(s.rep.Num))) + st.Subtle.Render(" preview · e edit the form · ctrl+s save")
	if s.editing {
		left = st.Heading.Render("Editing") + st.Subtle.Render(" · tab next · esc done · ctrl+s save")
	}

	if s.saving {
		left = st.Subtle.Render("Saving…")
	}

	right := st.Subtle.Render("none saved yet")
	if m.comms != nil && m.comms.lastSitrep != nil {
		last := m.comms.lastSitrep
		right = st.Subtle.Render("last: SITREP " + itoa(int(last.Num)) + " " + clockOrDate(last.At, m.now, m.opts.Zone))
	}

	if s.preview.top > 0 || len(s.preview.lines) > s.preview.height {
		right = st.Subtle.Render(itoa(s.preview.top+1)+"/"+itoa(len(s.preview.lines))+" · ") + right
	}

	return spread(left, right, m.layout.Width)
}
