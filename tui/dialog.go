package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/themes"
)

// action is the step a confirmation requests permission for. The dialog
// returns it and the root carries it out, so the dialog changes no state
// itself.
type action int

const (
	actionNone action = iota
	actionQuit
	actionDiscardForm
	actionDiscardPopup // close the popup, losing what was typed in it
	actionCancelTask   // cancel the task in Model.cancelling
)

// dialog is a yes-or-no question shown over the current view.
type dialog struct {
	question string
	onYes    action
}

// handleKey returns the action chosen and whether the dialog is finished.
func (d *dialog) handleKey(msg tea.KeyPressMsg, keys dialogKeys) (action, bool) {
	switch {
	case key.Matches(msg, keys.Yes):
		return d.onYes, true
	case key.Matches(msg, keys.No):
		return actionNone, true
	}

	return actionNone, false
}

func (d *dialog) view(st themes.Styles, width int) string {
	body := st.Heading.Render(d.question) + "\n\n" +
		st.HelpKey.Render("y") + " " + st.HelpDesc.Render("yes") + "    " +
		st.HelpKey.Render("n") + " " + st.HelpDesc.Render("no, go back")

	return st.Dialog.Width(min(width, 56)).Render(body)
}

// overlayCentre draws box over the middle of base, a width×height screen.
func overlayCentre(base, box string, width, height int) string {
	x := max(0, (width-lipgloss.Width(box))/2)
	y := max(0, (height-lipgloss.Height(box))/2)

	canvas := lipgloss.NewCanvas(width, height)
	canvas.Compose(lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	))

	return canvas.Render()
}
