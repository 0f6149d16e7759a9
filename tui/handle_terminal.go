package tui

import tea "charm.land/bubbletea/v2"

// handleResize recomputes the layout and lets each part fit itself to it.
func (m *Model) handleResize(msg tea.WindowSizeMsg) tea.Cmd {
	m.layout = newLayout(msg.Width, msg.Height)
	m.help.SetWidth(msg.Width)

	if m.layout.TooSmall {
		return nil
	}

	m.timeline.resize(&m.entries, m.layout, m.styles, m.opts.Zone)
	if m.form != nil {
		m.form.resize(m.layout)
	}

	m.board.resize(m.cont, m.layout)
	m.tasks.resize(m.cont, m.layout)
	m.peopleList.resize(m.people, m.layout)
	m.commsList.resize(m.comms, m.layout)
	m.sitrep.resize(m.layout)
	m.renderSystemDetail()
	m.renderTaskDetail()
	m.renderPersonDetail()
	m.renderMessageDetail()

	if m.popup != nil {
		m.popup.resize(m.layout.Width)
	}

	return m.restoreDraft()
}

// handleBackground picks light or dark colours from the terminal's reply.
func (m *Model) handleBackground(msg tea.BackgroundColorMsg) tea.Cmd {
	m.theme.DarkBackground = msg.IsDark()
	m.applyTheme()

	return nil
}

// handleProfile switches to the monochrome theme when the terminal has no
// colour.
func (m *Model) handleProfile(msg tea.ColorProfileMsg) tea.Cmd {
	m.theme.Profile = msg.Profile
	m.applyTheme()

	return nil
}
