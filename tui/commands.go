package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Every Cmd here captures plain values (ids, a context, the service, which
// is safe for concurrent use) and never the model, so nothing it reads can
// change while it runs.

// entriesMsg carries the entries read after afterID, already prepared for
// display, or the error that stopped the read.
type entriesMsg struct {
	afterID int64
	rows    []*row
	err     error
}

// fetchEntries reads the incident's entries with a row id above afterID:
// the whole timeline when afterID is 0, else only what is new.
func fetchEntries(ctx context.Context, svc Service, incidentID, afterID int64, zone *time.Location) tea.Cmd {
	return func() tea.Msg {
		var rows []*row

		q := incident.EntryQuery{IncidentID: incidentID, AfterID: afterID, Order: incident.ByOccurred}
		err := svc.Store().Read(ctx, func(r incident.Reader) error {
			return r.ScanEntries(ctx, q, func(e *incident.Entry) error {
				rows = append(rows, newRow(*e, zone)) // ScanEntries reuses e, so copy it

				return nil
			})
		})

		return entriesMsg{afterID: afterID, rows: rows, err: err}
	}
}

// dashboardMsg carries the incident as stored now, its systems counted by
// containment status, and its seal.
type dashboardMsg struct {
	generation int // drops a reply that a newer request has overtaken
	incident   incident.Incident
	systems    int
	counts     map[incident.SystemStatus]int
	seal       incident.Seal
	err        error
}

// loadDashboard reads what the dashboard shows besides entries. A system
// with no recorded status counts as operational.
func loadDashboard(ctx context.Context, svc Service, ref string, generation int) tea.Cmd {
	return func() tea.Msg {
		msg := dashboardMsg{generation: generation, counts: map[incident.SystemStatus]int{}}

		msg.err = svc.Store().Read(ctx, func(r incident.Reader) error {
			inc, err := r.IncidentByRef(ctx, ref)
			if err != nil {
				return err
			}

			systems, err := r.Systems(ctx)
			if err != nil {
				return err
			}

			statuses, err := r.SystemStatuses(ctx, inc.ID)
			if err != nil {
				return err
			}

			msg.incident, msg.systems = inc, len(systems)
			for _, s := range systems {
				status, ok := statuses[s.ID]
				if !ok || status == "" {
					status = incident.SystemOperational
				}

				msg.counts[status]++
			}

			return nil
		})
		if msg.err != nil {
			return msg
		}

		msg.seal, msg.err = svc.SealOf(ctx, ref)

		return msg
	}
}

// savedMsg carries the entry the service wrote, or why it refused it.
// For a correction, entry.Amends is the sequence number it corrects.
type savedMsg struct {
	entry incident.Entry
	err   error
}

func saveEntry(ctx context.Context, svc Service, actor incident.Actor, ref string, in incident.NewEntry) tea.Cmd {
	return func() tea.Msg {
		e, err := svc.Log(ctx, actor, ref, in)

		return savedMsg{entry: e, err: err}
	}
}

// saveAmendment appends a correction to entry seq, giving reason for it.
func saveAmendment(ctx context.Context, svc Service, actor incident.Actor, ref string, seq int64, reason string, in incident.NewEntry) tea.Cmd {
	return func() tea.Msg {
		e, err := svc.Amend(ctx, actor, ref, seq, reason, in)

		return savedMsg{entry: e, err: err}
	}
}

// changeMsg reports that another connection committed to the database, or
// with closed set, that change notifications have ended.
type changeMsg struct {
	closed bool
}

// waitForChange waits for one signal on changes. The root issues it again
// after each signal, so one goroutine at most is ever waiting.
func waitForChange(changes <-chan struct{}) tea.Cmd {
	if changes == nil {
		return nil
	}

	return func() tea.Msg {
		_, ok := <-changes

		return changeMsg{closed: !ok}
	}
}

// clockMsg moves the clocks on. It arrives once a second, on the second.
type clockMsg struct{}

func tickClock() tea.Cmd {
	return tea.Every(time.Second, func(time.Time) tea.Msg { return clockMsg{} })
}

// readsMsg carries the replies of reads run together, so that the screen
// is drawn once for all of them rather than once for each.
type readsMsg []tea.Msg

// readTogether runs the reads one after another in one command. Each
// must be a read that returns its reply promptly: never a wait.
func readTogether(reads ...tea.Cmd) tea.Cmd {
	var todo []tea.Cmd

	for _, r := range reads {
		if r != nil {
			todo = append(todo, r)
		}
	}

	if len(todo) == 0 {
		return nil
	}

	return func() tea.Msg {
		replies := make(readsMsg, 0, len(todo))
		for _, r := range todo {
			replies = append(replies, r())
		}

		return replies
	}
}
