package tui

import (
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/themes"
)

// The inputs' cursors do not blink: a blinking cursor redraws the screen
// twice a second, which a slow SSH link notices.

func textInputStyles(st themes.Styles) textinput.Styles {
	var s textinput.Styles

	s.Focused = textinput.StyleState{Text: st.Base, Placeholder: st.Subtle, Suggestion: st.Subtle, Prompt: st.Accent}
	s.Blurred = textinput.StyleState{Text: st.Base, Placeholder: st.Subtle, Suggestion: st.Subtle, Prompt: st.Subtle}
	s.Cursor = textinput.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}

	return s
}

func textAreaStyles(st themes.Styles) textarea.Styles {
	var s textarea.Styles

	plain := lipgloss.NewStyle()
	s.Focused = textarea.StyleState{Base: plain, Text: st.Base, Placeholder: st.Subtle, Prompt: st.Accent, CursorLine: plain, EndOfBuffer: st.Subtle}
	s.Blurred = textarea.StyleState{Base: plain, Text: st.Base, Placeholder: st.Subtle, Prompt: st.Subtle, CursorLine: plain, EndOfBuffer: st.Subtle}
	s.Cursor = textarea.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}

	return s
}
