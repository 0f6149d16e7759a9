package tui

import "charm.land/lipgloss/v2"

// footer draws the view tabs on the left and, on the right, the latest
// message or the few keys that matter most.
func (m Model) footer() string {
	st := m.styles

	tab := func(label string, id viewID) string {
		if m.view == id && m.form == nil && !m.showHelp {
			return st.TabActive.Render(label)
		}

		return st.TabInactive.Render(label)
	}

	left := tab("1 Dashboard", viewDashboard) + "  " + tab("2 Timeline", viewTimeline)

	room := m.layout.Width - lipgloss.Width(left) - 2

	var right string
	switch {
	case m.flash != "" && m.flashErr:
		right = st.Error.Render(m.flash)
	case m.flash != "":
		right = st.Success.Render(m.flash)
	default:
		h := m.help
		h.SetWidth(room)
		right = h.ShortHelpView(m.ShortHelp())
	}

	if lipgloss.Width(right) > room {
		return truncate(right, m.layout.Width) // a long message matters more than the tabs
	}

	return spread(left, right, m.layout.Width)
}
