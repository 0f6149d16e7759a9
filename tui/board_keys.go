package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleBoardKey moves through the board, changes its order and filters,
// opens a system, or opens a popup that changes the selected system.
func (m *Model) handleBoardKey(msg tea.KeyPressMsg) tea.Cmd {
	b, k := &m.board, m.keys.Board

	if b.detail != nil {
		return m.handleSystemPaneKey(msg)
	}

	if moved := m.moveInList(msg, k.listKeys, &b.cur, len(b.visible), m.layout.BoardListHeight); moved {
		if it := b.at(b.cur.cursor); it != nil {
			b.selected = it.row.ID
		}

		return nil
	}

	switch {
	case key.Matches(msg, k.Sort):
		b.sort = (b.sort + 1) % sortCount
		m.rebuildBoard()
	case key.Matches(msg, k.Status):
		b.status = cycle(boardStatusFilters, b.status, 1, true)
		m.rebuildBoard()
	case key.Matches(msg, k.Clear):
		b.status, b.text = "", ""
		b.search.SetValue("")
		m.rebuildBoard()
	case key.Matches(msg, k.Search):
		b.searching = true

		return b.search.Focus()
	}

	it := b.at(b.cur.cursor)
	if it == nil {
		return nil
	}

	switch {
	case key.Matches(msg, k.Open):
		b.detail = &systemPane{id: it.row.ID}
		m.renderSystemDetail()
	case key.Matches(msg, k.Change):
		return m.openStatusPopup(it)
	case key.Matches(msg, k.Gate):
		return m.openGatePopup(it)
	case key.Matches(msg, k.AddTask):
		return m.openAddTaskPopup(it.row.ID)
	}

	return nil
}

// handleSystemPaneKey scrolls or closes a system's detail. The keys that
// change the system work there too.
func (m *Model) handleSystemPaneKey(msg tea.KeyPressMsg) tea.Cmd {
	p, k := m.board.detail, m.keys.Board

	if m.scrollPane(msg, &p.pane) {
		return nil
	}

	if key.Matches(msg, m.keys.Pane.Close) {
		m.board.detail = nil

		return nil
	}

	it := m.cont.byID[p.id]
	if it == nil {
		return nil
	}

	switch {
	case key.Matches(msg, k.Change):
		return m.openStatusPopup(it)
	case key.Matches(msg, k.Gate):
		return m.openGatePopup(it)
	case key.Matches(msg, k.AddTask):
		return m.openAddTaskPopup(it.row.ID)
	}

	return nil
}

// rebuildBoard applies a changed order or filter.
func (m *Model) rebuildBoard() {
	if m.cont != nil {
		m.board.rebuild(m.cont, m.layout)
	}
}

// moveInList applies a movement key to a list of n rows drawn height at a
// time, and reports whether msg was one.
func (m *Model) moveInList(msg tea.KeyPressMsg, k listKeys, c *listCursor, n, height int) bool {
	page := max(1, height-1)

	switch {
	case key.Matches(msg, k.Up):
		c.moveTo(c.cursor-1, n, height)
	case key.Matches(msg, k.Down):
		c.moveTo(c.cursor+1, n, height)
	case key.Matches(msg, k.PageUp):
		c.moveTo(c.cursor-page, n, height)
	case key.Matches(msg, k.PageDown):
		c.moveTo(c.cursor+page, n, height)
	case key.Matches(msg, k.Top):
		c.moveTo(0, n, height)
	case key.Matches(msg, k.Bottom):
		c.moveTo(n-1, n, height)
	default:
		return false
	}

	return true
}

// scrollPane applies a scrolling key to a detail pane and reports whether
// msg was one.
func (m *Model) scrollPane(msg tea.KeyPressMsg, p *pane) bool {
	k := m.keys.Pane
	page := max(1, p.height-1)

	switch {
	case key.Matches(msg, k.Up):
		p.scroll(-1)
	case key.Matches(msg, k.Down):
		p.scroll(1)
	case key.Matches(msg, k.PageUp):
		p.scroll(-page)
	case key.Matches(msg, k.PageDown):
		p.scroll(page)
	default:
		return false
	}

	return true
}

// handleBoardSearchKey edits the board's text filter, narrowing the list
// as it changes.
func (m *Model) handleBoardSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	b := &m.board

	done, cleared := m.searchBoxKey(msg, &b.search, &b.searching)
	if cleared {
		b.text = ""
		m.rebuildBoard()
	}

	if done {
		return nil
	}

	return m.updateBoardSearch(msg)
}

func (m *Model) updateBoardSearch(msg tea.Msg) tea.Cmd {
	b := &m.board

	var cmd tea.Cmd
	b.search, cmd = b.search.Update(msg)

	if text := strings.ToLower(strings.TrimSpace(b.search.Value())); text != b.text {
		b.text = text
		m.rebuildBoard()
	}

	return cmd
}
