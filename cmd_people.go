package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

// dayLayout shows an instant in the display zone with its weekday, as the
// sitrep does, for times within a few days of now.
const dayLayout = "Mon 2 Jan 15:04 MST"

// rosterMember reads the incident's people picture and finds the staff
// member with id, matched exactly and else ignoring case. An id the roster
// lacks is returned unchanged with found false, so that the service rejects
// it with its own message.
func rosterMember(ctx context.Context, a *app, ref, id string) (incident.People, incident.StaffMember, bool, error) {
	p, err := a.svc.People(ctx, ref)
	if err != nil {
		return incident.People{}, incident.StaffMember{}, false, err
	}

	m, found := findStaff(p.Staff, id)
	if !found {
		m.ID = strings.TrimSpace(id)
	}

	return p, m, found, nil
}

func findStaff(staff []incident.StaffMember, id string) (incident.StaffMember, bool) {
	id = strings.TrimSpace(id)

	for _, m := range staff {
		if m.ID == id {
			return m, true
		}
	}

	for _, m := range staff {
		if strings.EqualFold(m.ID, id) {
			return m, true
		}
	}

	return incident.StaffMember{}, false
}

// memberLabel returns "ST10 Mateo Nuñez", or the id alone when the roster
// has no name, sanitised for the terminal.
func memberLabel(m incident.StaffMember) string {
	if m.Name == "" {
		return incident.SanitizeLine(m.ID)
	}

	return incident.SanitizeLine(m.ID + " " + m.Name)
}

func newCheckInCommand(g *globalFlags) *cobra.Command {
	var ref, location, route, contact, at, lateReason string

	cmd := &cobra.Command{
		Use:   "checkin STAFF_ID [--location TEXT] [--route mobile|radio|landline|runner] [--contact TEXT] [--at TIME --late-reason TEXT]",
		Short: "Put a staff member on duty, with where they are and how to reach them",
		Long: `Put the staff member with STAFF_ID on duty in the incident and record the
check-in on the timeline under the acting identity (--as).

--route says how to reach them without email or Teams: mobile (the default),
radio, landline or runner. --contact gives the number, radio channel or
where a runner finds them; with the mobile route and no --contact, the
roster's phone number is used.

--at takes 14:32, -3h or a full timestamp, read in the display zone; a
check-in recorded more than 10 minutes after it happened needs
--late-reason. The first welfare check falls due one welfare interval after
the check-in (2h unless 'sitroom welfare --every' changed it).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := incident.ParseContactRoute(route)
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				in := incident.CheckIn{Location: location, Route: r, Contact: contact}

				if at != "" {
					if in.At, err = incident.ParseTime(at, a.svc.Now(), a.zone); err != nil {
						return err
					}
				}

				return runCheckIn(ctx, cmd.OutOrStdout(), a, ref, args[0], in, lateReason)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&location, "location", "", "where they are working, for example \"Incident Coordination Centre\"")
	f.StringVar(&route, "route", "mobile", "how to reach them: mobile, radio, landline or runner")
	f.StringVar(&contact, "contact", "", "number, radio channel or where a runner finds them (default for mobile: the roster's phone)")
	f.StringVar(&at, "at", "", "when they came on duty: 14:32, -3h or a timestamp (default now)")
	f.StringVar(&lateReason, "late-reason", "", "why the check-in is recorded more than 10 minutes after it happened")

	return cmd
}

func runCheckIn(ctx context.Context, w io.Writer, a *app, ref, staffID string, in incident.CheckIn, lateReason string) error {
	p, m, found, err := rosterMember(ctx, a, ref, staffID)
	if err != nil {
		return err
	}

	in.StaffID = m.ID
	if found && in.Route == incident.RouteMobile && strings.TrimSpace(in.Contact) == "" {
		in.Contact = m.Phone
	}

	d, err := a.svc.CheckInPerson(ctx, a.actor, ref, in, lateReason)
	if err != nil {
		return withFlagHint(err)
	}

	where := ""
	if d.Location != "" {
		where = " at " + incident.SanitizeLine(d.Location)
	}

	fmt.Fprintf(w, "%s on duty since %s%s; contact by %s\n", memberLabel(m), d.OnSince.In(a.zone).Format(dayLayout),
		where, contactWords(d))
	fmt.Fprintf(w, "welfare check %s\n", welfareWords(d, a.svc.Now(), p.Welfare, a.zone))

	return nil
}

// contactWords shows a contact route and its detail, such as "radio ch 3".
func contactWords(d incident.Duty) string {
	if d.Contact == "" {
		return string(d.Route)
	}

	return string(d.Route) + " " + incident.SanitizeLine(d.Contact)
}

// welfareWords shows when a person's next welfare check is due, or how long
// it is overdue.
func welfareWords(d incident.Duty, now time.Time, interval time.Duration, zone *time.Location) string {
	due := d.WelfareDue(interval)
	if d.WelfareOverdue(now, interval) {
		return "OVERDUE by " + incident.FormatDuration(now.Sub(due))
	}

	return "due " + due.In(zone).Format(dayLayout)
}

func newCheckOutCommand(g *globalFlags) *cobra.Command {
	var ref, note string

	cmd := &cobra.Command{
		Use:   "checkout STAFF_ID [--note TEXT]",
		Short: "Take a staff member off duty and record the hours they did",
		Long: `Take the staff member with STAFF_ID off duty now and record on the timeline
how long they were on duty, with --note if given (for example who took
over).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				_, m, _, err := rosterMember(ctx, a, ref, args[0])
				if err != nil {
					return err
				}

				d, err := a.svc.CheckOutPerson(ctx, a.actor, ref, m.ID, note)
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "%s checked out at %s after %s on duty\n", memberLabel(m),
					d.OffAt.In(a.zone).Format(dayLayout), incident.FormatDuration(d.Hours(d.OffAt)))

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	cmd.Flags().StringVar(&note, "note", "", "a note for the timeline, such as who took over")

	return cmd
}

func newWelfareCommand(g *globalFlags) *cobra.Command {
	var ref, note, every string

	cmd := &cobra.Command{
		Use:   "welfare STAFF_ID [--note TEXT] | welfare --every DURATION",
		Short: "Record a welfare check of someone on duty, or set how often checks fall due",
		Long: `Record that someone checked on the staff member with STAFF_ID, who must be on
duty; their next check falls due one welfare interval later.

With --every and no STAFF_ID, set the welfare interval for the incident
instead, between 15m and 12h (for example 90m or 1h30m). The interval
starts at 2h.`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case every != "" && len(args) > 0:
				return fmt.Errorf("give either a STAFF_ID to record a welfare check or --every to set the interval, not both")
			case every == "" && len(args) != 1:
				return fmt.Errorf("give one STAFF_ID to record a welfare check, for example: sitroom welfare ST10, or --every 90m to set the interval")
			case every != "" && note != "":
				return fmt.Errorf("--note goes with a welfare check of one person, not with --every")
			}

			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if every != "" {
				interval, err := time.ParseDuration(strings.TrimSpace(every))
				if err != nil {
					return fmt.Errorf("invalid --every %q: give a duration such as 90m or 1h30m", every)
				}

				return withApp(cmd, g, func(ctx context.Context, a *app) error {
					return runWelfareInterval(ctx, cmd.OutOrStdout(), a, ref, interval)
				})
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				p, m, _, err := rosterMember(ctx, a, ref, args[0])
				if err != nil {
					return err
				}

				d, err := a.svc.WelfareCheck(ctx, a.actor, ref, m.ID, note)
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "welfare check of %s recorded after %s on duty; next due %s\n", memberLabel(m),
					incident.FormatDuration(d.Hours(d.LastWelfare)), d.WelfareDue(p.Welfare).In(a.zone).Format(dayLayout))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&note, "note", "", "how they are, or what was agreed, for the timeline")
	f.StringVar(&every, "every", "", "set the welfare interval instead, for example 90m (between 15m and 12h)")

	return cmd
}

func runWelfareInterval(ctx context.Context, w io.Writer, a *app, ref string, interval time.Duration) error {
	p, err := a.svc.People(ctx, ref)
	if err != nil {
		return err
	}

	if err := a.svc.SetWelfareInterval(ctx, a.actor, ref, interval); err != nil {
		return err
	}

	overdue := 0
	now := a.svc.Now()

	for _, d := range p.OnDuty() {
		if d.WelfareOverdue(now, interval) {
			overdue++
		}
	}

	fmt.Fprintf(w, "welfare checks now due every %s (was %s); %d of %d on duty overdue\n",
		incident.FormatDuration(interval), incident.FormatDuration(p.Welfare), overdue, len(p.OnDuty()))

	return nil
}

func newRestCommand(g *globalFlags) *cobra.Command {
	var ref, decision, rationale string

	cmd := &cobra.Command{
		Use:   "rest STAFF_ID --decision TEXT --rationale TEXT",
		Short: "Record a decision about the rest of someone long on duty",
		Long: `Record, as a decision of the acting identity (--as), what is to happen about
the rest of the staff member with STAFF_ID, who must be on duty: for example
"stood down for 10 hours" or "stays until 22:00 handover". From 14 hours on
duty 'sitroom people' shows REST DECISION NEEDED until such a decision is
recorded.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(decision) == "" {
				return fmt.Errorf("no rest decision for %s: say what is to happen with --decision TEXT", args[0])
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				_, m, _, err := rosterMember(ctx, a, ref, args[0])
				if err != nil {
					return err
				}

				e, err := a.svc.RestDecision(ctx, a.actor, ref, m.ID, decision, rationale)
				if err != nil {
					return withFlagHint(err)
				}

				fmt.Fprintf(cmd.OutOrStdout(), "rest decision for %s recorded (entry %d): %s\n", memberLabel(m), e.Seq,
					incident.SanitizeLine(strings.TrimSpace(decision)))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&decision, "decision", "", "what is to happen, for example \"stood down for 10 hours\" (required)")
	f.StringVar(&rationale, "rationale", "", "why (required)")

	return cmd
}

func newPeopleCommand(g *globalFlags) *cobra.Command {
	var ref string
	var all bool

	cmd := &cobra.Command{
		Use:   "people [--all]",
		Short: "List who is on duty: since when, where, how to reach them, welfare",
		Long: `List the staff on duty in check-in order: id, name, command level, role,
on duty since (display zone), hours on duty, location, contact route and
detail, and when the next welfare check is due (OVERDUE once past it).

Hours on duty are marked 12h+ from 12 hours, and REST DECISION NEEDED from
14 hours until a rest decision is recorded with 'sitroom rest'.

--all lists the whole roster in roster order, with "off duty" for those
not on duty.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				p, err := a.svc.People(ctx, ref)
				if err != nil {
					return err
				}

				return writePeopleTable(cmd.OutOrStdout(), p, all, a.zone)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	cmd.Flags().BoolVar(&all, "all", false, "list the whole roster, with those off duty")

	return cmd
}

// Widths, in characters, beyond which the people table cuts a column with
// an ellipsis.
const (
	maxNameWidth     = 24
	maxRoleWidth     = 30
	maxLocationWidth = 28
	maxContactWidth  = 24
)

// personRow is one line of the people table: a roster entry and, when on
// duty, the open spell.
type personRow struct {
	member incident.StaffMember
	duty   incident.Duty
	on     bool
}

func peopleRows(p incident.People, all bool) []personRow {
	var rows []personRow

	if !all {
		for _, d := range p.OnDuty() {
			m, _ := findStaff(p.Staff, d.StaffID)
			m.ID = d.StaffID
			rows = append(rows, personRow{member: m, duty: d, on: true})
		}

		return rows
	}

	for _, m := range p.Staff {
		d, on := p.Current(m.ID)
		rows = append(rows, personRow{member: m, duty: d, on: on})
	}

	return rows
}

func writePeopleTable(w io.Writer, p incident.People, all bool, zone *time.Location) error {
	rows := peopleRows(p, all)
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "nobody is on duty: check people in with 'sitroom checkin STAFF_ID'")

		return err
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tLEVEL\tROLE\tON DUTY SINCE\tHOURS\tLOCATION\tCONTACT\tWELFARE")

	for _, row := range rows {
		m := row.member
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t", incident.SanitizeLine(m.ID), cut(incident.SanitizeLine(orDash(m.Name)), maxNameWidth),
			orDash(string(m.Level)), cut(incident.SanitizeLine(orDash(m.Role)), maxRoleWidth))

		if !row.on {
			fmt.Fprintln(tw, "off duty\t-\t-\t-\t-")

			continue
		}

		d := row.duty
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.OnSince.In(zone).Format(dayLayout), hoursWords(d, p.Now),
			cut(incident.SanitizeLine(orDash(d.Location)), maxLocationWidth), cut(contactWords(d), maxContactWidth),
			welfareWords(d, p.Now, p.Welfare, zone))
	}

	if err := tw.Flush(); err != nil {
		return err
	}

	_, err := fmt.Fprintln(w, peopleSummary(p))

	return err
}

// hoursWords shows the time on duty with its alert: "12h 40m 12h+", "14h
// 05m REST DECISION NEEDED", or "15h 00m rest decided #12".
func hoursWords(d incident.Duty, now time.Time) string {
	h := incident.FormatDuration(d.Hours(now))

	switch d.Alert(now) {
	case incident.DutyLong:
		return h + " 12h+"
	case incident.DutyRestNeeded:
		return h + " REST DECISION NEEDED"
	case incident.DutyRestDecided:
		return fmt.Sprintf("%s rest decided #%d", h, d.RestSeq)
	}

	return h
}

// peopleSummary counts those on duty, overdue a welfare check and waiting
// for a rest decision, and names an open roll call.
func peopleSummary(p incident.People) string {
	on := p.OnDuty()
	overdue, rest := 0, 0

	for _, d := range on {
		if d.WelfareOverdue(p.Now, p.Welfare) {
			overdue++
		}

		if d.Alert(p.Now) == incident.DutyRestNeeded {
			rest++
		}
	}

	s := fmt.Sprintf("%d on duty; welfare checks every %s, %d OVERDUE; %d need a rest decision",
		len(on), incident.FormatDuration(p.Welfare), overdue, rest)

	if rc, open := p.OpenRollCall(); open {
		s += fmt.Sprintf("; roll call %d open, %d of %d answered", rc.Num, len(rc.Marks), len(rc.Expected))
	}

	return s
}
