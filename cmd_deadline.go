package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newDeadlineCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("deadline", "List, start and add notification duties and their clocks",
		`A notification duty is a message that must reach an audience within a time
of a start event: for example a personal-data breach report to the ICO
within 72 hours of becoming aware of the breach. Its clock starts with
'sitroom deadline start', recorded as a decision with its rationale, and a
message sent to its audience ('sitroom comms send') meets it.

Every incident starts with four duties, not started: the ICO personal-data
breach report (72h), the NCSC initial notice (24h) and full incident report
(72h), and the NHS England notification (as soon as possible).`,
		newDeadlineListCommand(g), newDeadlineStartCommand(g), newDeadlineAddCommand(g))
}

func newDeadlineListCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "list",
		Short: "List notification duties: when each started, when it falls due, and whether it was met",
		Long: `List the incident's notification duties: id, name, audience, start event, time
allowed, when the clock started and when the duty falls due (display zone),
and its state: not started, OPEN or SOON (6 hours or less left) with the
time left, MISSED, MET, or MET LATE.

A duty is due its time allowed after the start, in elapsed time: a 72-hour
clock that runs across a clock change still lasts 72 hours. The default
duties have no id until one of them is first started; name them by a part of
their name instead, for example: sitroom deadline start ICO.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				all, err := a.svc.Deadlines(ctx, ref)
				if err != nil {
					return err
				}

				return writeDeadlineTable(cmd.OutOrStdout(), all, a)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

// maxStartEventWidth is the width, in characters, beyond which the
// deadline table cuts the start event with an ellipsis.
const maxStartEventWidth = 44

func writeDeadlineTable(w io.Writer, all []incident.Deadline, a *app) error {
	now := a.svc.Now()

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDUTY\tAUDIENCE\tSTART EVENT\tWITHIN\tSTARTED\tDUE\tSTATE")

	for _, d := range all {
		id, started := "-", "-"

		if d.ID != 0 {
			id = strconv.FormatInt(d.ID, 10)
		}

		if d.Started() {
			started = d.StartedAt.In(a.zone).Format(dayLayout)
		}

		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", id, incident.SanitizeLine(d.Name), incident.SanitizeLine(string(d.Audience)),
			cut(incident.SanitizeLine(orDash(d.StartEvent)), maxStartEventWidth), withinWords(d), started, dueWords(d, a),
			deadlineStateWords(d, now, a))
	}

	return tw.Flush()
}

// withinWords shows the time a duty allows: "72h", or "as soon as
// possible" for zero.
func withinWords(d incident.Deadline) string {
	if d.ASAP() {
		return "as soon as possible"
	}

	return formatHours(d.Within.Hours())
}

// dueWords shows when a duty falls due in the display zone, "as soon as
// possible" for a duty with no time allowed, or "-" before it starts.
func dueWords(d incident.Deadline, a *app) string {
	switch {
	case d.ASAP():
		return "as soon as possible"
	case !d.Started():
		return "-"
	}

	return d.Due().In(a.zone).Format(dayLayout)
}

// deadlineStateWords shows the state of a duty at now.
func deadlineStateWords(d incident.Deadline, now time.Time, a *app) string {
	switch d.State(now) {
	case incident.DeadlineNotStarted:
		return "not started"
	case incident.DeadlineMet:
		return "MET " + d.MetAt.In(a.zone).Format(dayLayout) + metByWords(d)
	case incident.DeadlineMetLate:
		return fmt.Sprintf("MET LATE %s%s, %s after it fell due", d.MetAt.In(a.zone).Format(dayLayout), metByWords(d),
			incident.FormatDuration(d.MetAt.Sub(d.Due())))
	case incident.DeadlineMissed:
		return "MISSED, over by " + incident.FormatDuration(-d.Left(now))
	}

	if d.ASAP() {
		return "OPEN, clock running " + incident.FormatDuration(now.Sub(d.StartedAt))
	}

	word := "OPEN"
	if d.State(now) == incident.DeadlineSoon {
		word = "SOON"
	}

	return word + ", " + incident.FormatDuration(d.Left(now)) + " left"
}

// limitWords shows a duty's time limit: "as soon as possible", "within
// 72h" before it starts, or "by Mon 26 Oct 08:20 GMT (within 72h)".
func limitWords(d incident.Deadline, a *app) string {
	switch {
	case d.ASAP():
		return "as soon as possible"
	case !d.Started():
		return "within " + withinWords(d)
	}

	return "by " + dueWords(d, a) + " (within " + withinWords(d) + ")"
}

func metByWords(d incident.Deadline) string {
	if d.MetBy == 0 {
		return ""
	}

	return fmt.Sprintf(" (M-%d)", d.MetBy)
}

func newDeadlineStartCommand(g *globalFlags) *cobra.Command {
	var ref, aware, rationale, lateReason string
	var correct bool

	cmd := &cobra.Command{
		Use:   "start WHICH [--aware TIME] --rationale TEXT [--late-reason TEXT] [--correct]",
		Short: "Start a notification duty's clock at the moment of awareness",
		Long: `Start the clock of the notification duty WHICH (its id, or a part of its name
that only it has, such as ICO) and record it as a decision with its
rationale, for example why the incident counts as a personal-data breach.

--aware is when the trust became aware of the start event: 14:32, -2h or a
full timestamp, read in the display zone (default now). The clock runs from
then, so a start recorded more than 10 minutes after the moment of
awareness needs --late-reason.

--correct moves a clock that was started at the wrong time to --aware, as a
decision with its rationale. The first start stays on the timeline, and a
message that met the duty is judged again, so it may now read as late.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				var at time.Time

				if aware != "" {
					var err error
					if at, err = incident.ParseTime(aware, a.svc.Now(), a.zone); err != nil {
						return err
					}
				}

				var d incident.Deadline
				var err error

				if correct {
					d, err = a.svc.CorrectDeadlineStart(ctx, a.actor, ref, args[0], at, rationale)
				} else {
					d, err = a.svc.StartDeadline(ctx, a.actor, ref, args[0], at, rationale, lateReason)
				}

				if err != nil {
					return withFlagHint(err)
				}

				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "clock started for %s (id %d, entry %d): aware %s\n", incident.SanitizeLine(d.Name), d.ID, d.StartSeq,
					d.StartedAt.In(a.zone).Format(dayLayout))
				fmt.Fprintf(w, "report to %s %s; %s\n", d.Audience, limitWords(d, a), deadlineStateWords(d, a.svc.Now(), a))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&aware, "aware", "", "when the trust became aware: 14:32, -2h or a timestamp (default now)")
	f.StringVar(&rationale, "rationale", "", "why the clock starts, for example why this is a personal-data breach (required)")
	f.StringVar(&lateReason, "late-reason", "", "why the start is recorded more than 10 minutes after the moment of awareness")
	f.BoolVar(&correct, "correct", false, "move a clock started at the wrong time to --aware")

	return cmd
}

func newDeadlineAddCommand(g *globalFlags) *cobra.Command {
	var ref, name, audience, within, startEvent string

	cmd := &cobra.Command{
		Use:   "add --name TEXT --audience A --within DURATION [--start-event TEXT]",
		Short: "Add a notification duty beyond the defaults",
		Long: `Add a notification duty to the incident, not yet started: a message that must
reach --audience within --within of --start-event. --within takes 72h, 90m
or 3d; 0 means as soon as possible.

--audience is one of: ` + audienceWords + `.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			aud, err := incident.ParseAudience(audience)
			if err != nil {
				return err
			}

			limit, err := parseWithin(within)
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				d, err := a.svc.AddDeadline(ctx, a.actor, ref, incident.Deadline{
					Name: name, Audience: aud, StartEvent: strings.TrimSpace(startEvent), Within: limit,
				})
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "notification duty %d added: %s, to %s %s\n", d.ID, incident.SanitizeLine(d.Name),
					d.Audience, limitWords(d, a))
				fmt.Fprintf(cmd.ErrOrStderr(), "start its clock with: sitroom deadline start %d --rationale TEXT%s\n", d.ID, incidentFlag(ref))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&name, "name", "", "what must be sent, such as \"Cyber insurer notification\" (required)")
	f.StringVar(&audience, "audience", "", "who it must reach, such as ICB or suppliers (required)")
	f.StringVar(&within, "within", "", "time allowed from the start event: 72h, 90m or 3d; 0 for as soon as possible (required)")
	f.StringVar(&startEvent, "start-event", "", "what starts the clock, such as \"becoming aware of the breach\"")
	_ = cmd.MarkFlagRequired("name")
	_ = cmd.MarkFlagRequired("audience")
	_ = cmd.MarkFlagRequired("within")

	return cmd
}

// parseWithin reads a duty's time allowed: a Go duration such as 72h or
// 90m, a whole number of days such as 3d, or 0 for as soon as possible.
func parseWithin(s string) (time.Duration, error) {
	v := strings.TrimSpace(s)
	if v == "0" {
		return 0, nil
	}

	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err == nil && n > 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}

	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("invalid --within %q: give the time allowed as 72h, 90m or 3d, or 0 for as soon as possible", s)
	}

	return d, nil
}
