package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// searchBoxKey handles the keys every view's text filter shares: Apply
// keeps the text and leaves the box, Cancel empties it and leaves. done
// reports that the key was one of these, and cleared that the filter text
// must now be emptied and the list rebuilt. Any other key is for the box.
func (m *Model) searchBoxKey(msg tea.KeyPressMsg, input *textinput.Model, searching *bool) (done, cleared bool) {
	switch {
	case key.Matches(msg, m.keys.Search.Apply):
		*searching = false
		input.Blur()

		return true, false
	case key.Matches(msg, m.keys.Search.Cancel):
		*searching = false
		input.Blur()
		input.SetValue("")

		return true, true
	}

	return false, false
}
