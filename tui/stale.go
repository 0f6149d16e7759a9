package tui

import tea "charm.land/bubbletea/v2"

// A change by another connection re-reads only what the view on screen
// shows, and marks the rest stale, to be read when the user turns to it.
// With many consoles open and changes arriving every second, this keeps a
// console on the timeline from re-reading the whole board, the people and
// the dashboard each time. Entries, presence and comms are always read:
// the timeline counts new entries, and the status bar shows who is
// connected and the most urgent deadline.

// staleData marks what a change left unread.
type staleData struct {
	dash, board, people bool
}

// needs reports which reads the current view draws from.
func (m *Model) needs() staleData {
	switch m.view {
	case viewDashboard:
		return staleData{dash: true, board: true, people: true}
	case viewBoard, viewTasks:
		return staleData{board: true}
	case viewPeople:
		return staleData{people: true}
	}

	return staleData{}
}

// refreshForView starts the reads the current view needs and marks the
// others stale.
func (m *Model) refreshForView() []tea.Cmd {
	need := m.needs()
	m.stale.dash = m.stale.dash || !need.dash
	m.stale.board = m.stale.board || !need.board
	m.stale.people = m.stale.people || !need.people

	return m.readStale(need)
}

// readStale starts the reads in need, clearing their stale marks.
func (m *Model) readStale(need staleData) []tea.Cmd {
	var cmds []tea.Cmd

	if need.dash {
		m.stale.dash = false
		cmds = append(cmds, m.refreshDashboard())
	}

	if need.board {
		m.stale.board = false
		cmds = append(cmds, m.refreshBoard())
	}

	if need.people {
		m.stale.people = false
		cmds = append(cmds, m.refreshPeople())
	}

	return cmds
}

// catchUp reads what the view just turned to needs and a change left
// unread.
func (m *Model) catchUp() tea.Cmd {
	need := m.needs()
	need.dash = need.dash && m.stale.dash
	need.board = need.board && m.stale.board
	need.people = need.people && m.stale.people

	return readTogether(m.readStale(need)...)
}
