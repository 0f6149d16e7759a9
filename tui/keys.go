package tui

import "charm.land/bubbles/v2/key"

// keyMap contains every key binding of the console, grouped by where it
// works. The root matches global keys first, then the focused part's.
type keyMap struct {
	Global   globalKeys
	Timeline timelineKeys
	Search   searchKeys
	Detail   detailKeys
	Board    boardKeys
	Tasks    taskKeys
	People   peopleKeys
	Comms    commsKeys
	Sitrep   sitrepKeys
	Pane     paneKeys
	Form     formKeys
	Dialog   dialogKeys
}

type globalKeys struct {
	Dashboard key.Binding
	Timeline  key.Binding
	Systems   key.Binding
	Tasks     key.Binding
	People    key.Binding
	Comms     key.Binding
	Sitrep    key.Binding
	Views     key.Binding // 1 to 3 as one line of the full help
	ViewsMore key.Binding // 4 to 7 likewise
	New       key.Binding
	WriteFor  key.Binding // a loggist chooses the commander they write for
	Help      key.Binding
	Quit      key.Binding
	Interrupt key.Binding // ctrl+c, which works even while typing
}

type timelineKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Amend    key.Binding
	Search   key.Binding
	Kind     key.Binding
	Level    key.Binding
	Clear    key.Binding
}

type searchKeys struct {
	Apply  key.Binding
	Cancel key.Binding
}

type detailKeys struct {
	Close    key.Binding
	Amend    key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
}

// listKeys move through the board's and the tasks' lists.
type listKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
}

type boardKeys struct {
	listKeys

	Sort    key.Binding
	Status  key.Binding
	Search  key.Binding
	Clear   key.Binding
	Change  key.Binding
	Gate    key.Binding
	AddTask key.Binding
}

type taskKeys struct {
	listKeys

	Start  key.Binding
	Done   key.Binding
	Block  key.Binding
	Cancel key.Binding
	Reopen key.Binding
	Assign key.Binding
	Add    key.Binding
	Mine   key.Binding
	Status key.Binding
	Owner  key.Binding
	Level  key.Binding
	System key.Binding
	Search key.Binding
	Clear  key.Binding
}

type peopleKeys struct {
	listKeys

	CheckIn   key.Binding
	Welfare   key.Binding
	Rest      key.Binding
	RollCall  key.Binding
	Missing   key.Binding
	CloseRoll key.Binding
	OnDuty    key.Binding
	Search    key.Binding
	Clear     key.Binding
}

type commsKeys struct {
	listKeys

	New      key.Binding
	Approve  key.Binding
	Send     key.Binding
	Ack      key.Binding
	Deadline key.Binding
	Status   key.Binding
	Search   key.Binding
	Clear    key.Binding
}

type sitrepKeys struct {
	Edit     key.Binding
	Save     key.Binding
	Leave    key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
}

// paneKeys scroll and close a system's or a task's detail.
type paneKeys struct {
	Close    key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
}

type formKeys struct {
	Next    key.Binding
	Prev    key.Binding
	Choose  key.Binding
	Newline key.Binding
	Save    key.Binding
	Cancel  key.Binding
}

type dialogKeys struct {
	Yes key.Binding
	No  key.Binding
}

func defaultKeyMap() keyMap {
	bind := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}

	return keyMap{
		Global: globalKeys{
			Dashboard: bind("1", "dashboard", "1"),
			Timeline:  bind("2", "timeline", "2"),
			Systems:   bind("3", "systems board", "3"),
			Tasks:     bind("4", "tasks", "4"),
			People:    bind("5", "people", "5"),
			Comms:     bind("6", "comms", "6"),
			Sitrep:    bind("7", "sitrep", "7"),
			Views:     bind("1-3", "dashboard, timeline, systems", "1", "2", "3"),
			ViewsMore: bind("4-7", "tasks, people, comms, sitrep", "4", "5", "6", "7"),
			New:       bind("n", "new entry", "n"),
			WriteFor:  bind("W", "loggist: write for a commander", "W"),
			Help:      bind("?/f1", "keys", "?", "f1"),
			Quit:      bind("q", "quit", "q"),
			Interrupt: bind("ctrl+c", "quit", "ctrl+c"),
		},
		Timeline: timelineKeys{
			Up:       bind("↑/k", "up", "up", "k"),
			Down:     bind("↓/j", "down", "down", "j"),
			PageUp:   bind("pgup", "page up", "pgup", "ctrl+b"),
			PageDown: bind("pgdn", "page down", "pgdown", "ctrl+f", "space"),
			Top:      bind("home/g", "first", "home", "g"),
			Bottom:   bind("end/G", "last, follow new", "end", "G"),
			Open:     bind("enter", "whole entry", "enter"),
			Amend:    bind("a", "correct entry", "a"),
			Search:   bind("/", "text filter", "/"),
			Kind:     bind("K", "kind filter", "K"),
			Level:    bind("L", "level filter", "L"),
			Clear:    bind("x", "clear filters", "x"),
		},
		Search: searchKeys{
			Apply:  bind("enter", "keep filter", "enter"),
			Cancel: bind("esc", "clear filter", "esc"),
		},
		Detail: detailKeys{
			Close:    bind("esc/enter", "back to list", "esc", "enter", "backspace"),
			Amend:    bind("a", "correct entry", "a"),
			Up:       bind("↑/k", "scroll up", "up", "k"),
			Down:     bind("↓/j", "scroll down", "down", "j"),
			PageUp:   bind("pgup", "page up", "pgup"),
			PageDown: bind("pgdn", "page down", "pgdown", "space"),
		},
		Board: boardKeys{
			listKeys: newListKeys(bind, "whole system"),
			Sort:     bind("s", "next order", "s"),
			Status:   bind("f", "status filter", "f"),
			Search:   bind("/", "text filter", "/"),
			Clear:    bind("x", "clear filters", "x"),
			Change:   bind("c", "change status", "c"),
			Gate:     bind("g", "gate check", "g"),
			AddTask:  bind("t", "new task", "t"),
		},
		Tasks: taskKeys{
			listKeys: newListKeys(bind, "whole task"),
			Start:    bind("s", "start", "s"),
			Done:     bind("d", "done (y/n)", "d"),
			Block:    bind("b", "block (note)", "b"),
			Cancel:   bind("x", "cancel (y/n)", "x"),
			Reopen:   bind("r", "reopen", "r"),
			Assign:   bind("o", "assign owner", "o"),
			Add:      bind("t", "new task", "t"),
			Mine:     bind("m", "only my tasks", "m"),
			Status:   bind("f", "status filter", "f"),
			Owner:    bind("O", "owner filter", "O"),
			Level:    bind("L", "level filter", "L"),
			System:   bind("Y", "system filter", "Y"),
			Search:   bind("/", "text filter", "/"),
			Clear:    bind("X", "clear filters", "X"),
		},
		People: peopleKeys{
			listKeys:  newListKeys(bind, "whole person"),
			CheckIn:   bind("c", "check in or out", "c"),
			Welfare:   bind("w", "welfare check", "w"),
			Rest:      bind("R", "rest decision", "R"),
			RollCall:  bind("r", "roll call: start, or mark here", "r"),
			Missing:   bind("M", "roll call: mark missing", "M"),
			CloseRoll: bind("C", "roll call: close", "C"),
			OnDuty:    bind("f", "on duty or all", "f"),
			Search:    bind("/", "text filter", "/"),
			Clear:     bind("x", "clear filters", "x"),
		},
		Comms: commsKeys{
			listKeys: newListKeys(bind, "whole message"),
			New:      bind("t", "new message", "t"),
			Approve:  bind("A", "approve (y/n)", "A"),
			Send:     bind("S", "send (y/n)", "S"),
			Ack:      bind("K", "acknowledged", "K"),
			Deadline: bind("D", "start a deadline clock", "D"),
			Status:   bind("f", "status filter", "f"),
			Search:   bind("/", "text filter", "/"),
			Clear:    bind("x", "clear filters", "x"),
		},
		Sitrep: sitrepKeys{
			Edit:     bind("e/enter", "edit the form", "e", "enter"),
			Save:     bind("ctrl+s", "save sitrep (y/n)", "ctrl+s"),
			Leave:    bind("esc", "leave the form", "esc"),
			Up:       bind("↑/k", "scroll up", "up", "k"),
			Down:     bind("↓/j", "scroll down", "down", "j"),
			PageUp:   bind("pgup", "page up", "pgup"),
			PageDown: bind("pgdn", "page down", "pgdown", "space"),
		},
		Pane: paneKeys{
			Close:    bind("esc/enter", "back to the list", "esc", "enter", "backspace"),
			Up:       bind("↑/k", "scroll up", "up", "k"),
			Down:     bind("↓/j", "scroll down", "down", "j"),
			PageUp:   bind("pgup", "page up", "pgup"),
			PageDown: bind("pgdn", "page down", "pgdown", "space"),
		},
		Form: formKeys{
			Next:    bind("tab/enter", "next field", "tab", "enter"),
			Prev:    bind("shift+tab", "previous field", "shift+tab"),
			Choose:  bind("←/→ or letter", "choose kind/level", "left", "right"),
			Newline: bind("ctrl+j", "new line in text", "ctrl+j", "alt+enter"),
			Save:    bind("ctrl+s", "save", "ctrl+s"),
			Cancel:  bind("esc", "cancel", "esc"),
		},
		Dialog: dialogKeys{
			Yes: bind("y", "yes", "y", "Y"),
			No:  bind("n/esc", "no", "n", "N", "esc"),
		},
	}
}

// newListKeys returns the moves shared by the board and the tasks, with
// enter opening what openDesc names.
func newListKeys(bind func(help, desc string, keys ...string) key.Binding, openDesc string) listKeys {
	return listKeys{
		Up:       bind("↑/k", "up", "up", "k"),
		Down:     bind("↓/j", "down", "down", "j"),
		PageUp:   bind("pgup", "page up", "pgup", "ctrl+b"),
		PageDown: bind("pgdn", "page down", "pgdown", "ctrl+f", "space"),
		Top:      bind("home", "first", "home"),
		Bottom:   bind("end", "last", "end"),
		Open:     bind("enter", openDesc, "enter"),
	}
}
