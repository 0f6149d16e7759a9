package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// The Cmds of the people, comms and sitrep views. Like those in
// commands.go, each captures plain values and never the model.

// peopleMsg carries one read of the people picture, prepared for display.
type peopleMsg struct {
	generation int
	data       *peopleData
	err        error
}

func loadPeople(ctx context.Context, svc Service, ref string, generation int) tea.Cmd {
	return func() tea.Msg {
		p, err := svc.People(ctx, ref)
		if err != nil {
			return peopleMsg{generation: generation, err: err}
		}

		return peopleMsg{generation: generation, data: newPeopleData(p)}
	}
}

// commsMsg carries one read of the messages, the notification duties and
// the saved sitreps, prepared for display.
type commsMsg struct {
	generation int
	data       *commsData
	err        error
}

func loadComms(ctx context.Context, svc Service, ref string, incidentID int64, generation int) tea.Cmd {
	return func() tea.Msg {
		msgs, err := svc.Messages(ctx, ref)
		if err != nil {
			return commsMsg{generation: generation, err: err}
		}

		deadlines, err := svc.Deadlines(ctx, ref)
		if err != nil {
			return commsMsg{generation: generation, err: err}
		}

		var sitreps []incident.SitrepRecord
		err = svc.Store().Read(ctx, func(r incident.Reader) error {
			var err error
			sitreps, err = r.Sitreps(ctx, incidentID)

			return err
		})
		if err != nil {
			return commsMsg{generation: generation, err: err}
		}

		return commsMsg{generation: generation, data: newCommsData(msgs, deadlines, sitreps)}
	}
}

// writtenMsg carries the outcome of a write from the people, comms or
// sitrep views: the footer's confirmation, or the service's refusal.
type writtenMsg struct {
	popup  int    // the popup that sent it, or 0 for a key on a list
	action string // the change tried, for the log and a refusal, such as "approve M-3"
	done   string // the footer's confirmation after success
	area   writeArea
	err    error

	selectNum int64 // the message to select once the messages are read again, or 0
}

// writeArea is the part of the incident whose read a write makes stale,
// besides the timeline and the dashboard.
type writeArea int

const (
	areaPeople writeArea = iota
	areaComms
)

// writePeople runs one write about people and words its outcome.
func writePeople(popup int, action string, write func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		done, err := write()

		return writtenMsg{popup: popup, action: action, done: done, area: areaPeople, err: err}
	}
}

// writeComms runs one write about messages or duties and words its
// outcome.
func writeComms(popup int, action string, write func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		done, err := write()

		return writtenMsg{popup: popup, action: action, done: done, area: areaComms, err: err}
	}
}

// sentText words a sent message for the footer, with the duty it met.
func sentText(m incident.Message, met *incident.Deadline) string {
	text := m.Label() + " sent to " + incident.SanitizeLine(string(m.Audience))
	if met == nil {
		return text
	}

	state := "MET"
	if met.State(m.SentAt) == incident.DeadlineMetLate {
		state = "MET LATE"
	}

	return text + "; " + incident.SanitizeLine(met.Name) + " " + state
}

// sitrepMsg carries a situation report built without saving, for the
// preview, or why it could not be built.
type sitrepMsg struct {
	generation int
	rep        incident.Sitrep
	err        error
}

func buildSitrep(ctx context.Context, svc Service, ref string, in incident.SitrepInput, zone *time.Location, generation int) tea.Cmd {
	return func() tea.Msg {
		rep, err := svc.BuildSitrep(ctx, ref, in, zone)

		return sitrepMsg{generation: generation, rep: rep, err: err}
	}
}

// sitrepSavedMsg carries the saved report and its entry, or the refusal.
type sitrepSavedMsg struct {
	rep   incident.Sitrep
	entry incident.Entry
	err   error
}

func saveSitrep(ctx context.Context, svc Service, actor incident.Actor, ref string, in incident.SitrepInput, zone *time.Location) tea.Cmd {
	return func() tea.Msg {
		rep, e, err := svc.SaveSitrep(ctx, actor, ref, in, zone)

		return sitrepSavedMsg{rep: rep, entry: e, err: err}
	}
}
