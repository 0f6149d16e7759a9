package tui

import "charm.land/bubbles/v2/key"

// containmentShortHelp returns the footer's keys on the board and the
// tasks, in words short enough to fit beside the tabs at 60 columns.
func (m Model) containmentShortHelp(keysHint key.Binding) []key.Binding {
	b, t, p, s := m.keys.Board, m.keys.Tasks, m.keys.Pane, m.keys.Search

	switch {
	case m.view == viewBoard && m.board.searching, m.view == viewTasks && m.tasks.searching:
		return []key.Binding{s.Apply, s.Cancel}
	case m.view == viewBoard && m.board.detail != nil:
		return []key.Binding{hint(p.Close, "esc", "back"), hint(b.Change, "c", "status"), hint(b.Gate, "g", "gate"), hint(p.Down, "↓", "scroll"), keysHint}
	case m.view == viewBoard:
		return []key.Binding{hint(b.Open, "enter", "open"), hint(b.Change, "c", "status"), hint(b.Gate, "g", "gate"),
			hint(b.Sort, "s", "sort"), hint(b.Search, "/", "filter"), keysHint}
	case m.tasks.detail != nil:
		return []key.Binding{hint(p.Close, "esc", "back"), hint(t.Start, "s", "start"), hint(t.Done, "d", "done"), keysHint}
	}

	return []key.Binding{hint(t.Start, "s", "start"), hint(t.Done, "d", "done"), hint(t.Block, "b", "block"),
		hint(t.Assign, "o", "owner"), hint(t.Add, "t", "new"), hint(t.Mine, "m", "mine"), keysHint}
}

// containmentFullHelp returns every key of the board or the tasks, in
// columns, with the global keys last.
func (m Model) containmentFullHelp(global []key.Binding) [][]key.Binding {
	b, t, p, s := m.keys.Board, m.keys.Tasks, m.keys.Pane, m.keys.Search
	g := m.keys.Global
	pane := []key.Binding{p.Close, p.Up, p.Down, p.PageUp, p.PageDown}

	switch {
	case m.view == viewBoard && m.board.searching, m.view == viewTasks && m.tasks.searching:
		return [][]key.Binding{{s.Apply, s.Cancel, g.Interrupt}}
	case m.view == viewBoard && m.board.detail != nil:
		return [][]key.Binding{pane, {b.Change, b.Gate, b.AddTask}, global}
	case m.view == viewBoard:
		return [][]key.Binding{
			moveKeys(b.listKeys),
			{b.Open, b.Change, b.Gate, b.AddTask},
			{b.Sort, b.Status, b.Search, b.Clear},
			global,
		}
	case m.tasks.detail != nil:
		return [][]key.Binding{pane, {t.Start, t.Done, t.Block, t.Cancel, t.Reopen, t.Assign}, global}
	}

	return [][]key.Binding{
		append(moveKeys(t.listKeys), t.Open),
		{t.Start, t.Done, t.Block, t.Cancel, t.Reopen, t.Assign, t.Add},
		{t.Mine, t.Status, t.Owner, t.Level, t.System, t.Search, t.Clear},
		global,
	}
}

func moveKeys(k listKeys) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}
