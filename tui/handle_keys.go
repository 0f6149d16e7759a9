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

		if done && chosen == actionNone {
			m.pending = pendingChange{}
		}

		return m.apply(chosen)
	}

	if m.layout.TooSmall {
		if key.Matches(msg, g.Quit) {
			return m.requestQuit()
		}

		return nil
	}

	if m.popup != nil {
		return m.handlePopupKey(msg)
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

	switch {
	case m.view == viewTimeline && m.timeline.searching:
		return m.handleSearchKey(msg)
	case m.view == viewBoard && m.board.searching:
		return m.handleBoardSearchKey(msg)
	case m.view == viewTasks && m.tasks.searching:
		return m.handleTasksSearchKey(msg)
	case m.view == viewPeople && m.peopleList.searching:
		return m.handlePeopleSearchKey(msg)
	case m.view == viewComms && m.commsList.searching:
		return m.handleCommsSearchKey(msg)
	case m.view == viewSitrep && m.sitrep.editing:
		return m.handleSitrepEditKey(msg)
	}

	switch {
	case key.Matches(msg, g.Quit):
		return m.requestQuit()
	case key.Matches(msg, g.Help):
		m.showHelp = true

		return nil
	case key.Matches(msg, g.Dashboard):
		m.view, m.showHelp = viewDashboard, false

		return m.catchUp()
	case key.Matches(msg, g.Timeline):
		m.view, m.showHelp = viewTimeline, false

		return m.catchUp()
	case key.Matches(msg, g.Systems):
		m.view, m.showHelp = viewBoard, false

		return m.catchUp()
	case key.Matches(msg, g.Tasks):
		m.view, m.showHelp = viewTasks, false

		return m.catchUp()
	case key.Matches(msg, g.People):
		m.view, m.showHelp = viewPeople, false

		return m.catchUp()
	case key.Matches(msg, g.Comms):
		m.view, m.showHelp = viewComms, false

		return m.catchUp()
	case key.Matches(msg, g.Sitrep):
		m.view, m.showHelp = viewSitrep, false

		return m.openSitrep()
	case key.Matches(msg, g.New):
		m.showHelp = false

		return m.openForm()
	case key.Matches(msg, g.WriteFor):
		m.showHelp = false

		return m.openWriteForPopup()
	}

	if m.showHelp {
		return nil
	}

	switch m.view {
	case viewTimeline:
		return m.handleTimelineKey(msg)
	case viewBoard:
		return m.handleBoardKey(msg)
	case viewTasks:
		return m.handleTasksKey(msg)
	case viewPeople:
		return m.handlePeopleKey(msg)
	case viewComms:
		return m.handleCommsKey(msg)
	case viewSitrep:
		return m.handleSitrepKey(msg)
	}

	return nil
}

// handlePopupKey gives a key to the open popup and carries out its
// request: save, or close, with a confirmation first when closing would
// lose typing. A popup that is saving waits for the service's reply.
func (m *Model) handlePopupKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.popup
	if p.base().saving {
		return nil
	}

	cmd, outcome := p.update(msg)

	switch outcome {
	case outcomeSubmit:
		return tea.Batch(cmd, p.submit())
	case outcomeCancel:
		if p.dirty() {
			m.dialog = &dialog{question: "Close this and lose what you typed?", onYes: actionDiscardPopup}

			return cmd
		}

		m.popup = nil
	}

	return cmd
}

// handlePaste sends pasted text to whichever input has focus.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	switch {
	case m.dialog != nil:
		return nil
	case m.form != nil:
		return m.form.update(msg, m.now, m.opts.Zone)
	case m.popup != nil:
		if m.popup.base().saving {
			return nil
		}

		cmd, _ := m.popup.update(msg)

		return cmd
	case m.view == viewTimeline && m.timeline.searching:
		return m.updateSearch(msg)
	case m.view == viewBoard && m.board.searching:
		return m.updateBoardSearch(msg)
	case m.view == viewTasks && m.tasks.searching:
		return m.updateTasksSearch(msg)
	case m.view == viewPeople && m.peopleList.searching:
		return m.updatePeopleSearch(msg)
	case m.view == viewComms && m.commsList.searching:
		return m.updateCommsSearch(msg)
	case m.view == viewSitrep && m.sitrep.editing:
		return m.updateSitrepForm(msg)
	}

	return nil
}

// forwardToInput passes messages the root does not know, such as the text
// inputs' own internal messages, to the focused input.
func (m *Model) forwardToInput(msg tea.Msg) tea.Cmd {
	switch {
	case m.form != nil:
		return m.form.update(msg, m.now, m.opts.Zone)
	case m.popup != nil:
		cmd, _ := m.popup.update(msg)

		return cmd
	case m.timeline.searching:
		var cmd tea.Cmd
		m.timeline.search, cmd = m.timeline.search.Update(msg)

		return cmd
	case m.board.searching:
		var cmd tea.Cmd
		m.board.search, cmd = m.board.search.Update(msg)

		return cmd
	case m.tasks.searching:
		var cmd tea.Cmd
		m.tasks.search, cmd = m.tasks.search.Update(msg)

		return cmd
	case m.peopleList.searching:
		var cmd tea.Cmd
		m.peopleList.search, cmd = m.peopleList.search.Update(msg)

		return cmd
	case m.commsList.searching:
		var cmd tea.Cmd
		m.commsList.search, cmd = m.commsList.search.Update(msg)

		return cmd
	case m.sitrep.editing:
		cmd, _ := m.sitrep.handle(msg)

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

	if m.popup != nil && m.popup.dirty() {
		m.dialog = &dialog{question: "Quit and lose what you typed?", onYes: actionQuit}

		return nil
	}

	if m.sitrep.dirty() {
		m.dialog = &dialog{question: "Quit and lose the sitrep form you filled in?", onYes: actionQuit}

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
	case actionDiscardPopup:
		m.popup = nil
	case actionChangeTask:
		p := m.pending
		m.pending = pendingChange{}

		return m.saveTaskAction(p.task, p.taskAction, "")
	}

	return m.applyPeopleComms(a)
}
