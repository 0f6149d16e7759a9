package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// The Cmds of the systems board and the tasks. Like those in commands.go,
// each captures plain values and never the model.

// boardMsg carries one read of the containment board, prepared for
// display, or the error that stopped the read.
type boardMsg struct {
	generation int // drops a reply that a newer request has overtaken
	data       *containment
	err        error
}

// loadBoard reads the board and the roster, which the owner picker offers.
func loadBoard(ctx context.Context, svc Service, ref string, generation int) tea.Cmd {
	return func() tea.Msg {
		b, err := svc.Board(ctx, ref)
		if err != nil {
			return boardMsg{generation: generation, err: err}
		}

		var staff []incident.StaffMember
		err = svc.Store().Read(ctx, func(r incident.Reader) error {
			var err error
			staff, err = r.Staff(ctx)

			return err
		})
		if err != nil {
			return boardMsg{generation: generation, err: err}
		}

		return boardMsg{generation: generation, data: newContainment(b, staff)}
	}
}

// statusSavedMsg carries the entry that recorded a status change, or why
// the service refused it.
type statusSavedMsg struct {
	popup    int // the popup that sent the change, or 0
	systemID string
	from, to incident.SystemStatus
	entry    incident.Entry
	err      error
}

func saveStatus(ctx context.Context, svc Service, actor incident.Actor, ref string, popup int, ch incident.StatusChange) tea.Cmd {
	return func() tea.Msg {
		e, err := svc.SetSystemStatus(ctx, actor, ref, ch)

		return statusSavedMsg{popup: popup, systemID: ch.SystemID, from: ch.Expect, to: ch.To, entry: e, err: err}
	}
}

// gateSignedMsg carries the entry that recorded a gate check, or why the
// service refused it.
type gateSignedMsg struct {
	popup    int
	systemID string
	check    incident.GateCheck
	entry    incident.Entry
	err      error
}

func signGate(ctx context.Context, svc Service, actor incident.Actor, ref string, popup int, systemID string, check incident.GateCheck, note string) tea.Cmd {
	return func() tea.Msg {
		e, err := svc.SignGateCheck(ctx, actor, ref, systemID, check, note)

		return gateSignedMsg{popup: popup, systemID: systemID, check: check, entry: e, err: err}
	}
}

// tasksAddedMsg carries the tasks the service created, or why it created
// none.
type tasksAddedMsg struct {
	popup int
	tasks []incident.Task
	err   error
}

func addTasks(ctx context.Context, svc Service, actor incident.Actor, ref string, popup int, in []incident.NewTask) tea.Cmd {
	return func() tea.Msg {
		tasks, err := svc.AddTasks(ctx, actor, ref, in)

		return tasksAddedMsg{popup: popup, tasks: tasks, err: err}
	}
}

// taskChangedMsg carries a task as changed, or why the service refused the
// change.
type taskChangedMsg struct {
	popup  int // the popup that sent the change, or 0 for a key on the list
	change incident.TaskChange
	task   incident.Task
	err    error
}

func changeTask(ctx context.Context, svc Service, actor incident.Actor, ref string, popup int, ch incident.TaskChange) tea.Cmd {
	return func() tea.Msg {
		t, err := svc.ChangeTask(ctx, actor, ref, ch)

		return taskChangedMsg{popup: popup, change: ch, task: t, err: err}
	}
}
