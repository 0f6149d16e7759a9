package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// ShortHelp returns the few keys the footer shows for whatever has focus,
// most important first, but for the last, which the footer keeps whatever
// the width. Model implements help.KeyMap by asking the focused part for
// its keys. The timeline's and the detail's hints use shorter words than
// the full help, so that they fit beside the tabs at 60 columns.
func (m Model) ShortHelp() []key.Binding {
	g, tl, d := m.keys.Global, m.keys.Timeline, m.keys.Detail
	keysHint := hint(g.Help, g.Help.Help().Key, "keys")

	switch {
	case m.dialog != nil:
		return []key.Binding{m.keys.Dialog.Yes, m.keys.Dialog.No}
	case m.showHelp:
		return []key.Binding{g.Help}
	case m.form != nil:
		return []key.Binding{m.keys.Form.Save, m.keys.Form.Next, m.keys.Form.Cancel}
	case m.popup != nil:
		return []key.Binding{m.keys.Form.Save, hint(m.keys.Form.Cancel, "esc", "close")}
	case m.view == viewBoard || m.view == viewTasks:
		return m.containmentShortHelp(keysHint)
	case m.view == viewPeople || m.view == viewComms || m.view == viewSitrep:
		return m.peopleCommsShortHelp(keysHint)
	case m.view == viewTimeline && m.timeline.searching:
		return []key.Binding{m.keys.Search.Apply, m.keys.Search.Cancel}
	case m.view == viewTimeline && m.timeline.detail != nil:
		return []key.Binding{hint(d.Close, "esc", "back"), hint(d.Amend, "a", "correct"), hint(d.Down, "↓/j", "scroll"), keysHint}
	case m.view == viewTimeline:
		return []key.Binding{hint(tl.Open, "enter", "open"), hint(tl.Amend, "a", "correct"), hint(tl.Search, "/", "filter"), hint(g.New, "n", "new"), keysHint}
	}

	return []key.Binding{g.New, g.Help, g.Quit}
}

// hint returns a copy of b that the footer shows as keyLabel and desc.
func hint(b key.Binding, keyLabel, desc string) key.Binding {
	b.SetHelp(keyLabel, desc)

	return b
}

// FullHelp returns every key that works where the focus is, in columns.
func (m Model) FullHelp() [][]key.Binding {
	g, tl, f := m.keys.Global, m.keys.Timeline, m.keys.Form
	global := []key.Binding{g.Views, g.ViewsMore, g.New, g.Help, hint(g.Quit, "q", "quit, or ctrl+c")}
	if m.opts.Actor.Access == incident.AccessLoggist {
		global = append(global, g.WriteFor)
	}

	switch {
	case m.dialog != nil:
		return [][]key.Binding{{m.keys.Dialog.Yes, m.keys.Dialog.No, g.Interrupt}}
	case m.form != nil:
		help := key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "keys"))

		return [][]key.Binding{{f.Next, f.Prev, f.Choose, f.Newline}, {f.Save, f.Cancel, help, g.Interrupt}}
	case m.popup != nil:
		choose := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose"))

		return [][]key.Binding{{f.Save, f.Cancel, f.Next, f.Prev, choose, g.Interrupt}}
	case m.view == viewBoard || m.view == viewTasks:
		return m.containmentFullHelp(global)
	case m.view == viewPeople || m.view == viewComms || m.view == viewSitrep:
		return m.peopleCommsFullHelp(global)
	case m.view == viewTimeline && m.timeline.searching:
		return [][]key.Binding{{m.keys.Search.Apply, m.keys.Search.Cancel, g.Interrupt}}
	case m.view == viewTimeline && m.timeline.detail != nil:
		d := m.keys.Detail

		return [][]key.Binding{{d.Close, d.Amend, d.Up, d.Down, d.PageUp, d.PageDown}, global}
	case m.view == viewTimeline:
		return [][]key.Binding{
			{tl.Up, tl.Down, tl.PageUp, tl.PageDown, tl.Top, tl.Bottom},
			{tl.Open, tl.Amend, tl.Search, tl.Kind, tl.Level, tl.Clear},
			global,
		}
	}

	return [][]key.Binding{global}
}

// helpView lays the key columns out side by side, starting a new row of
// columns when the next one would not fit the width.
func (m Model) helpView() string {
	l, st := m.layout, m.styles
	lines := []string{st.Heading.Render("Keys that work here"), ""}

	var row []string
	rowWidth := 0
	flush := func() {
		if len(row) > 0 {
			lines = append(lines, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n")...)
			lines = append(lines, "")
		}

		row, rowWidth = nil, 0
	}

	for _, group := range m.FullHelp() {
		col := m.help.FullHelpView([][]key.Binding{group})
		w := lipgloss.Width(col) + 4

		if rowWidth > 0 && rowWidth+w > l.Width {
			flush()
		}

		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(col))
		rowWidth += w
	}

	flush()
	lines = append(lines, st.Subtle.Render("Press ? or esc to close (f1 in the form)."))

	return block(lines, l.Width, l.BodyHeight)
}
