package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleTimelineKey moves through the list, opens an entry or changes the
// filters.
func (m *Model) handleTimelineKey(msg tea.KeyPressMsg) tea.Cmd {
	t, set, l := &m.timeline, &m.entries, m.layout

	if t.detail != nil {
		return m.handleDetailKey(msg)
	}

	k := m.keys.Timeline
	page := max(1, l.ListHeight-1)

	switch {
	case key.Matches(msg, k.Up):
		t.moveTo(set, t.cursor-1, l.ListHeight)
	case key.Matches(msg, k.Down):
		t.moveTo(set, t.cursor+1, l.ListHeight)
	case key.Matches(msg, k.PageUp):
		t.moveTo(set, t.cursor-page, l.ListHeight)
	case key.Matches(msg, k.PageDown):
		t.moveTo(set, t.cursor+page, l.ListHeight)
	case key.Matches(msg, k.Top):
		t.moveTo(set, 0, l.ListHeight)
	case key.Matches(msg, k.Bottom):
		t.moveTo(set, t.count(set)-1, l.ListHeight)
	case key.Matches(msg, k.Open):
		if r := t.rowAt(set, t.cursor); r != nil {
			t.detail = &detail{row: r}
			t.detail.render(set, m.styles, m.opts.Zone, l.Width, l.BodyHeight-filterRows)
		}
	case key.Matches(msg, k.Amend):
		if r := t.rowAt(set, t.cursor); r != nil {
			return m.openAmendForm(r.entry)
		}
	case key.Matches(msg, k.Search):
		t.searching = true

		return t.search.Focus()
	case key.Matches(msg, k.Kind):
		t.filter.kind = nextKind(t.filter.kind)
		t.applyFilter(set, l)
	case key.Matches(msg, k.Level):
		t.filter.level = nextLevel(t.filter.level)
		t.applyFilter(set, l)
	case key.Matches(msg, k.Clear):
		t.filter = filter{}
		t.search.SetValue("")
		t.applyFilter(set, l)
	}

	return nil
}

// handleSearchKey edits the text filter, narrowing the list as it changes.
func (m *Model) handleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	t := &m.timeline

	done, cleared := m.searchBoxKey(msg, &t.search, &t.searching)
	if cleared {
		t.filter.text = ""
		t.applyFilter(&m.entries, m.layout)
	}

	if done {
		return nil
	}

	return m.updateSearch(msg)
}

// updateSearch passes msg to the text filter's input and applies its new
// value.
func (m *Model) updateSearch(msg tea.Msg) tea.Cmd {
	t := &m.timeline

	var cmd tea.Cmd
	t.search, cmd = t.search.Update(msg)

	if text := strings.ToLower(strings.TrimSpace(t.search.Value())); text != t.filter.text {
		t.filter.text = text
		t.applyFilter(&m.entries, m.layout)
	}

	return cmd
}

// handleDetailKey scrolls or closes the whole-entry pane.
func (m *Model) handleDetailKey(msg tea.KeyPressMsg) tea.Cmd {
	d, k := m.timeline.detail, m.keys.Detail
	page := max(1, m.layout.BodyHeight-filterRows-1)

	switch {
	case key.Matches(msg, k.Close):
		m.timeline.detail = nil
	case key.Matches(msg, k.Amend):
		return m.openAmendForm(d.row.entry)
	case key.Matches(msg, k.Up):
		d.scroll(-1)
	case key.Matches(msg, k.Down):
		d.scroll(1)
	case key.Matches(msg, k.PageUp):
		d.scroll(-page)
	case key.Matches(msg, k.PageDown):
		d.scroll(page)
	}

	return nil
}
