package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newRollCallCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("rollcall", "Account for everyone on duty: start, mark, close and show a roll call",
		`A roll call asks everyone on duty when it starts to be accounted for, for
example after an evacuation or a fire alarm. Mark each person as they
answer; closing the roll call prints, and records on the timeline, who is
still missing: those marked --missing and those who never answered. One
roll call runs at a time.`,
		newRollCallStartCommand(g), newRollCallMarkCommand(g), newRollCallCloseCommand(g), newRollCallStatusCommand(g))
}

func newRollCallStartCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "start",
		Short: "Start a roll call of everyone on duty now",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				rc, err := a.svc.StartRollCall(ctx, a.actor, ref)
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "roll call %d started: %d on duty to account for: %s\n", rc.Num, len(rc.Expected),
					incident.SanitizeLine(strings.Join(rc.Expected, ", ")))
				fmt.Fprintf(cmd.ErrOrStderr(), "mark each person with: sitroom rollcall mark STAFF_ID [--missing]%s\n", incidentFlag(ref))

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func newRollCallMarkCommand(g *globalFlags) *cobra.Command {
	var ref, note string
	var missing bool

	cmd := &cobra.Command{
		Use:   "mark STAFF_ID [--missing] [--note TEXT]",
		Short: "Mark someone accounted for in the open roll call, or missing with --missing",
		Long: `Mark the staff member with STAFF_ID accounted for in the open roll call, or
not accounted for with --missing. A later mark of the same person replaces
the earlier one; both stay on the timeline.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				_, m, _, err := rosterMember(ctx, a, ref, args[0])
				if err != nil {
					return err
				}

				rc, err := a.svc.MarkRollCall(ctx, a.actor, ref, m.ID, !missing, note)
				if err != nil {
					return err
				}

				word := "accounted for"
				if missing {
					word = "NOT accounted for"
				}

				fmt.Fprintf(cmd.OutOrStdout(), "roll call %d: %s %s; %d of %d answered\n", rc.Num, memberLabel(m), word,
					len(rc.Marks), len(rc.Expected))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.BoolVar(&missing, "missing", false, "mark them not accounted for")
	f.StringVar(&note, "note", "", "where they were seen, or who vouched for them")

	return cmd
}

func newRollCallCloseCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "close",
		Short: "Close the open roll call and print who is missing",
		Long: `Close the open roll call and print who is missing, one a line, with where they
were working and how to reach them: those marked --missing and those who
never answered.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				rc, err := a.svc.CloseRollCall(ctx, a.actor, ref)
				if err != nil {
					return err
				}

				p, err := a.svc.People(ctx, ref)
				if err != nil {
					return err
				}

				return writeRollCallClosed(cmd.OutOrStdout(), rc, p)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func writeRollCallClosed(w io.Writer, rc incident.RollCall, p incident.People) error {
	missing := rc.Missing()
	if len(missing) == 0 {
		_, err := fmt.Fprintf(w, "roll call %d closed: all %d accounted for\n", rc.Num, len(rc.Expected))

		return err
	}

	fmt.Fprintf(w, "roll call %d closed: %d of %d accounted for, %d MISSING\n", rc.Num, len(rc.Expected)-len(missing),
		len(rc.Expected), len(missing))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)

	for _, id := range missing {
		m, _ := findStaff(p.Staff, id)
		m.ID = id
		d := lastDuty(p.Duties, id)

		fmt.Fprintf(tw, "MISSING\t%s\t%s\t%s\t%s\t%s\n", incident.SanitizeLine(id), cut(incident.SanitizeLine(orDash(m.Name)), maxNameWidth),
			cut(incident.SanitizeLine(orDash(d.Location)), maxLocationWidth), cut(contactWords(d), maxContactWidth), markWords(rc, id))
	}

	return tw.Flush()
}

// lastDuty returns the latest spell on duty of staffID.
func lastDuty(duties []incident.Duty, staffID string) incident.Duty {
	var last incident.Duty

	for _, d := range duties {
		if d.StaffID == staffID {
			last = d
		}
	}

	return last
}

// markWords shows one person's answer to a roll call, with its note.
func markWords(rc incident.RollCall, staffID string) string {
	m, ok := rc.Marks[staffID]

	switch {
	case !ok && rc.Open():
		return "no answer yet"
	case !ok:
		return "no answer"
	}

	word := "accounted for"
	if !m.Accounted {
		word = "marked missing"
	}

	if m.Note != "" {
		word += ": " + incident.SanitizeLine(m.Note)
	}

	return word
}

func newRollCallStatusCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the open roll call, or the last one: each person's answer",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				p, err := a.svc.People(ctx, ref)
				if err != nil {
					return err
				}

				return writeRollCallStatus(cmd.OutOrStdout(), p, a)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func writeRollCallStatus(w io.Writer, p incident.People, a *app) error {
	if len(p.Calls) == 0 {
		_, err := fmt.Fprintln(w, "no roll call yet: start one with 'sitroom rollcall start'")

		return err
	}

	rc, open := p.OpenRollCall()
	if !open {
		rc = p.Calls[len(p.Calls)-1]
	}

	state := "OPEN"
	if !open {
		state = "closed " + rc.ClosedAt.In(a.zone).Format(dayLayout)
	}

	starter, _ := findStaff(p.Staff, rc.StartedBy)
	starter.ID = rc.StartedBy

	missing := rc.Missing()
	fmt.Fprintf(w, "roll call %d, started %s by %s, %s: %d of %d accounted for\n", rc.Num, rc.StartedAt.In(a.zone).Format(dayLayout),
		memberLabel(starter), state, len(rc.Expected)-len(missing), len(rc.Expected))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tANSWER\tMARKED AT\tBY")

	for _, id := range rc.Expected {
		m, _ := findStaff(p.Staff, id)
		at, by := "-", "-"

		if mark, ok := rc.Marks[id]; ok {
			at, by = mark.At.In(a.zone).Format(dayLayout), incident.SanitizeLine(mark.By)
		}

		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", incident.SanitizeLine(id), cut(incident.SanitizeLine(orDash(m.Name)), maxNameWidth),
			markWords(rc, id), at, by)
	}

	return tw.Flush()
}
