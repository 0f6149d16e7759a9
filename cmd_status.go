package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newStatusCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "status [--incident REF]",
		Short: "Print the incident at a glance: systems, tasks, deadlines, who is on duty and connected",
		Long: `Print the incident at a glance in plain text: its clock, systems by status
and those past their RTO, open and overdue tasks, running notification
deadlines, people on duty, who has a console open now, and the seal.

Over sitroom's SSH server it answers a session without a terminal:
ssh -T HOST status.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runStatus(ctx, cmd.OutOrStdout(), a, ref)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func runStatus(ctx context.Context, w io.Writer, a *app, ref string) error {
	inc, err := a.svc.ResolveIncident(ctx, ref)
	if err != nil {
		return err
	}

	board, err := a.svc.Board(ctx, inc.Ref)
	if err != nil {
		return err
	}

	people, err := a.svc.People(ctx, inc.Ref)
	if err != nil {
		return err
	}

	deadlines, err := a.svc.Deadlines(ctx, inc.Ref)
	if err != nil {
		return err
	}

	present, err := a.svc.Present(ctx, inc.ID)
	if err != nil {
		return err
	}

	seal, err := a.svc.SealOf(ctx, inc.Ref)
	if err != nil {
		return err
	}

	now, zone := board.Now, a.zone
	line := func(label, text string) { fmt.Fprintf(w, "%-11s %s\n", label, text) }

	title := incident.SanitizeLine(inc.Ref) + "  " + incident.SanitizeLine(inc.Title)
	if inc.Exercise {
		title = "EXERCISE  " + title
	}

	fmt.Fprintln(w, title)
	line("Declared", fmt.Sprintf("%s (%s ago), status %s", inc.DeclaredAt.In(zone).Format("Mon 2 Jan 15:04 MST"),
		shortDuration(now.Sub(inc.DeclaredAt)), inc.Status))
	line("You", a.actor.Label()+", "+actorRole(a.actor))
	line("Systems", systemsSummary(board))
	line("Past RTO", pastRTO(board))
	line("Tasks", tasksSummary(board))
	line("Deadlines", deadlinesSummary(deadlines, now, zone))
	line("On duty", dutySummary(people))
	line("Connected", presentSummary(present))
	line("Seal", seal.String())

	return nil
}

// actorRole writes "gold commander", "loggist for ST01" or "not on the
// roster (read only)".
func actorRole(a incident.Actor) string {
	switch {
	case !a.OnRoster && a.Setup:
		return "not on the roster, which is empty, so setting up"
	case !a.OnRoster:
		return "not on the roster, so read only"
	case a.ForID != "":
		return string(a.Access) + " for " + a.ForID
	case a.Level != incident.LevelNone && a.Level != "":
		return string(a.Level) + " " + string(a.Access)
	}

	return string(a.Access)
}

func systemsSummary(b incident.Board) string {
	counts := map[incident.SystemStatus]int{}
	for _, r := range b.Systems {
		counts[r.State.Status]++
	}

	var parts []string
	for _, st := range incident.SystemStatuses {
		if n := counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}

	if len(parts) == 0 {
		return "none in the register"
	}

	return strings.Join(parts, ", ")
}

func pastRTO(b incident.Board) string {
	var late []string

	for _, r := range b.Systems {
		if !r.State.OutSince.IsZero() && incident.RTOLeft(r.System, r.State, b.Now) < 0 {
			late = append(late, fmt.Sprintf("%s (out %s, RTO %gh)", incident.SanitizeLine(r.ID), shortDuration(r.State.OutFor(b.Now)), r.RTOHours))
		}
	}

	if len(late) == 0 {
		return "none"
	}

	return strings.Join(late, ", ")
}

func tasksSummary(b incident.Board) string {
	open, overdue, blocked := 0, 0, 0

	for _, t := range b.Tasks {
		if t.Status.Closed() {
			continue
		}

		open++

		if t.Overdue(b.Now) {
			overdue++
		}

		if t.Status == incident.TaskBlocked {
			blocked++
		}
	}

	return fmt.Sprintf("%d open, %d overdue, %d blocked", open, overdue, blocked)
}

func deadlinesSummary(ds []incident.Deadline, now time.Time, zone *time.Location) string {
	var parts []string

	for _, d := range ds {
		name := incident.SanitizeLine(d.Name)

		switch d.State(now) {
		case incident.DeadlineOpen, incident.DeadlineSoon:
			if d.ASAP() {
				parts = append(parts, name+" as soon as possible")
			} else {
				parts = append(parts, fmt.Sprintf("%s by %s (%s left)", name, d.Due().In(zone).Format("Mon 2 Jan 15:04 MST"), shortDuration(d.Left(now))))
			}
		case incident.DeadlineMissed:
			parts = append(parts, name+" MISSED")
		}
	}

	if len(parts) == 0 {
		return "none running"
	}

	return strings.Join(parts, "; ")
}

func dutySummary(p incident.People) string {
	return fmt.Sprintf("%d checked in", len(p.OnDuty()))
}

func presentSummary(list []incident.Presence) string {
	var names []string

	for _, p := range incident.Connected(list) {
		name := incident.SanitizeLine(p.Name)
		if name == "" {
			name = incident.SanitizeLine(p.StaffID)
		}

		names = append(names, fmt.Sprintf("%s (%s, %s)", name, p.Level, p.Via))
	}

	if len(names) == 0 {
		return "no console open"
	}

	return strings.Join(names, ", ")
}

// shortDuration writes d as "2d 03h", "3h 05m" or "12m".
func shortDuration(d time.Duration) string {
	if d < 0 {
		d = -d
	}

	mins := int64(d / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60

	switch {
	case days > 0:
		return fmt.Sprintf("%dd %02dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("%dh %02dm", hours, minutes)
	}

	return fmt.Sprintf("%dm", minutes)
}
