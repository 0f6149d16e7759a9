package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
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
	actionChangeTask   // the task change in Model.pending
	actionStartRollCall
	actionCloseRollCall
	actionApproveMessage // the message in Model.pending
	actionSendMessage    // the message in Model.pending
	actionSaveSitrep
)

// pendingChange is the change the open confirmation makes on yes, with its
// subject as the user saw it when they requested the change.
type pendingChange struct {
	task       incident.Task
	taskAction incident.TaskAction
	message    incident.Message
}

// dialog is a yes-or-no question shown over the current view, or with
// notice set, a message such as a refusal that any of its keys closes.
type dialog struct {
	question string
	onYes    action
	notice   bool
}

// handleKey returns the action chosen and whether the dialog is finished.
func (d *dialog) handleKey(msg tea.KeyPressMsg, keys dialogKeys) (action, bool) {
	if d.notice {
		switch msg.String() {
		case "enter", "esc", "space", "y", "n":
			return actionNone, true
		}

		return actionNone, false
	}

	switch {
	case key.Matches(msg, keys.Yes):
		return d.onYes, true
	case key.Matches(msg, keys.No):
		return actionNone, true
	}

	return actionNone, false
}

func (d *dialog) view(st themes.Styles, width int) string {
	// The text is wrapped here, at spaces only, because lipgloss would
	// also break after a hyphen and split an id such as M-1.
	if d.notice {
		width = min(width, 64)
		body := st.Error.Render(strings.Join(wrapWords(d.question, width-4), "\n")) + "\n\n" +
			st.HelpKey.Render("enter") + " " + st.HelpDesc.Render("close")

		return st.Dialog.Width(width).Render(body)
	}

	body := st.Heading.Render(strings.Join(wrapWords(d.question, min(width, 56)-4), "\n")) + "\n\n" +
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
