package tui

import "charm.land/bubbles/v2/key"

// peopleCommsShortHelp returns the footer's keys in the people, comms and
// sitrep views, in words short enough to fit beside the tabs at 60
// columns.
func (m Model) peopleCommsShortHelp(keysHint key.Binding) []key.Binding {
	p, c, s, pane, search := m.keys.People, m.keys.Comms, m.keys.Sitrep, m.keys.Pane, m.keys.Search

	switch {
	case m.view == viewPeople && m.peopleList.searching, m.view == viewComms && m.commsList.searching:
		return []key.Binding{search.Apply, search.Cancel}
	case m.view == viewPeople && m.peopleList.detail != nil:
		return []key.Binding{hint(pane.Close, "esc", "back"), hint(p.CheckIn, "c", "in/out"), hint(p.Welfare, "w", "welfare"), keysHint}
	case m.view == viewPeople:
		return []key.Binding{hint(p.CheckIn, "c", "in/out"), hint(p.Welfare, "w", "welfare"), hint(p.Rest, "R", "rest"),
			hint(p.RollCall, "r", "roll call"), hint(p.OnDuty, "f", "on duty"), keysHint}
	case m.view == viewComms && m.commsList.detail != nil:
		return []key.Binding{hint(pane.Close, "esc", "back"), hint(c.Approve, "A", "approve"), hint(c.Send, "S", "send"), keysHint}
	case m.view == viewComms:
		return []key.Binding{hint(c.New, "t", "new"), hint(c.Approve, "A", "approve"), hint(c.Send, "S", "send"),
			hint(c.Deadline, "D", "clock"), hint(c.Ack, "K", "ack"), keysHint}
	case m.sitrep.editing:
		return []key.Binding{hint(m.keys.Form.Next, "tab", "next"), hint(s.Leave, "esc", "done"), hint(s.Save, "ctrl+s", "save")}
	}

	return []key.Binding{hint(s.Edit, "e", "edit"), hint(s.Save, "ctrl+s", "save"), hint(s.Down, "↓", "scroll"), keysHint}
}

// peopleCommsFullHelp returns every key of the people, comms or sitrep
// view, in columns, with the global keys last.
func (m Model) peopleCommsFullHelp(global []key.Binding) [][]key.Binding {
	p, c, s, pane, search := m.keys.People, m.keys.Comms, m.keys.Sitrep, m.keys.Pane, m.keys.Search
	g := m.keys.Global
	scroll := []key.Binding{pane.Close, pane.Up, pane.Down, pane.PageUp, pane.PageDown}

	switch {
	case m.view == viewPeople && m.peopleList.searching, m.view == viewComms && m.commsList.searching:
		return [][]key.Binding{{search.Apply, search.Cancel, g.Interrupt}}
	case m.view == viewPeople && m.peopleList.detail != nil:
		return [][]key.Binding{scroll, {p.CheckIn, p.Welfare, p.Rest, p.RollCall, p.Missing}, global}
	case m.view == viewPeople:
		return [][]key.Binding{
			append(moveKeys(p.listKeys), p.Open),
			{p.CheckIn, p.Welfare, p.Rest, p.RollCall, p.Missing, p.CloseRoll},
			{p.OnDuty, p.Search, p.Clear},
			global,
		}
	case m.view == viewComms && m.commsList.detail != nil:
		return [][]key.Binding{scroll, {c.Approve, c.Send, c.Ack}, global}
	case m.view == viewComms:
		return [][]key.Binding{
			append(moveKeys(c.listKeys), c.Open),
			{c.New, c.Approve, c.Send, c.Ack, c.Deadline},
			{c.Status, c.Search, c.Clear},
			global,
		}
	case m.sitrep.editing:
		f := m.keys.Form

		return [][]key.Binding{{f.Next, f.Prev, s.Leave, s.Save, g.Interrupt}}
	}

	return [][]key.Binding{{s.Edit, s.Save, s.Up, s.Down, s.PageUp, s.PageDown}, global}
}
