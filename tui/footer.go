package tui

import "charm.land/lipgloss/v2"

// tabsFullFrom is the width from which every tab in the footer shows its
// name.
const tabsFullFrom = 140

// footer draws the view tabs on the left and, on the right, the latest
// message or the few keys that matter most.
func (m Model) footer() string {
	st := m.styles

	// Below tabsFullFrom columns an inactive tab shows only its number,
	// which leaves room for the keys; ? lists what each number opens.
	compact := m.layout.Width < tabsFullFrom
	tab := func(number, name string, id viewID) string {
		if m.view == id && m.form == nil && !m.showHelp {
			return st.TabActive.Render(number + " " + name)
		}

		if compact {
			return st.TabInactive.Render(number)
		}

		return st.TabInactive.Render(number + " " + name)
	}

	left := tab("1", "Dashboard", viewDashboard) + " " + tab("2", "Timeline", viewTimeline) + " " +
		tab("3", "Systems", viewBoard) + " " + tab("4", "Tasks", viewTasks) + " " + tab("5", "People", viewPeople) + " " +
		tab("6", "Comms", viewComms) + " " + tab("7", "Sitrep", viewSitrep)

	room := m.layout.Width - lipgloss.Width(left) - 2

	var right string
	switch {
	case m.flash != "" && m.flashErr:
		right = st.Error.Render(m.flash)
	case m.flash != "":
		right = st.Success.Render(m.flash)
	default:
		right = m.shortHelpView(room)
	}

	if lipgloss.Width(right) > room {
		return truncate(right, m.layout.Width) // a long message matters more than the tabs
	}

	return spread(left, right, m.layout.Width)
}

// shortHelpView draws the footer's keys in at most width cells, leaving out
// whole hints from the second last backwards and keeping the last, which
// leads to every other key. It does not rely on help.Model's own width
// limit, which in bubbles v2.1.1 still adds a hint that does not fit when
// there is no room left for its ellipsis.
func (m Model) shortHelpView(width int) string {
	h := m.help
	h.SetWidth(0)

	bindings := m.ShortHelp()
	view := h.ShortHelpView(bindings)

	for lipgloss.Width(view) > width && len(bindings) > 1 {
		bindings = append(bindings[:len(bindings)-2:len(bindings)-2], bindings[len(bindings)-1])
		view = h.ShortHelpView(bindings)
	}

	return view
}
