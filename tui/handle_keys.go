package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleKey matches keys in order: ctrl+c, an open question, then (unless
// something is taking typed text) the global keys, and last the focused
// view's own keys.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.keys.Global

	if key.Matches(msg, g.Interrupt) {
		if m.dialog != nil && m.dialog.onYes == actionQuit {
			return tea.Quit // a second ctrl+c does not ask again
		}

		return m.requestQuit()
	}

	if m.dialog != nil {
		chosen, done := m.dialog.handleKey(msg, m.keys.Dialog)
		if done {
			m.dialog = nil
		}

		return m.apply(chosen)
	}

	if m.layout.TooSmall {
		if key.Matches(msg, g.Quit) {
			return m.requestQuit()
		}

		return nil
	}

	if m.showHelp && (key.Matches(msg, g.Help) || msg.String() == "esc") {
		m.showHelp = false

		return nil
	}

	if m.form != nil {
		if msg.String() == "f1" {
			m.showHelp = true

			return nil
		}

		if m.showHelp {
			return nil
		}

		return m.handleFormKey(msg)
	}

	if m.view == viewTimeline && m.timeline.searching {
		return m.handleSearchKey(msg)
	}

	switch {
	case key.Matches(msg, g.Quit):
		return m.requestQuit()
	case key.Matches(msg, g.Help):
		m.showHelp = true

		return nil
	case key.Matches(msg, g.Dashboard):
		m.view, m.showHelp = viewDashboard, false

		return nil
	case key.Matches(msg, g.Timeline):
		m.view, m.showHelp = viewTimeline, false

		return nil
	case key.Matches(msg, g.New):
		m.showHelp = false

		return m.openForm()
	}

	if m.showHelp {
		return nil
	}

	if m.view == viewTimeline {
		return m.handleTimelineKey(msg)
	}

	return nil
}

// handlePaste sends pasted text to whichever input has focus.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	switch {
	case m.dialog != nil:
		return nil
	case m.form != nil:
		return m.form.update(msg, m.now, m.opts.Zone)
	case m.view == viewTimeline && m.timeline.searching:
		return m.updateSearch(msg)
	}

	return nil
}

// forwardToInput passes messages the root does not know, such as the text
// inputs' own internal messages, to the focused input.
func (m *Model) forwardToInput(msg tea.Msg) tea.Cmd {
	switch {
	case m.form != nil:
		return m.form.update(msg, m.now, m.opts.Zone)
	case m.timeline.searching:
		var cmd tea.Cmd
		m.timeline.search, cmd = m.timeline.search.Update(msg)

		return cmd
	}

	return nil
}

// requestQuit quits at once, or opens a confirmation first when a form
// contains unsaved text.
func (m *Model) requestQuit() tea.Cmd {
	if m.form != nil && m.form.dirty() {
		question := "Quit and discard the entry you are writing?"
		if m.form.amends != nil {
			question = "Quit and discard the correction you are writing?"
		}

		m.dialog = &dialog{question: question, onYes: actionQuit}

		return nil
	}

	return tea.Quit
}

// apply carries out what a confirmation returned.
func (m *Model) apply(a action) tea.Cmd {
	switch a {
	case actionQuit:
		return tea.Quit
	case actionDiscardForm:
		m.form = nil
	}

	return nil
}
