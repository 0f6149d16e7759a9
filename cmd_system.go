package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

// statusWords is the help text's list of status names, as ParseSystemStatus
// reads them.
const statusWords = "operational, suspected, compromised, isolated, shut-down, rebuilding, validating, restored"

func newSystemCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("system", "Move systems through containment and recovery, and list the board",
		`Move a system from the register through containment and recovery, and list
every system with its status, time out of service, reinfection gate and
place in the recovery order.`,
		newSystemStatusCommand(g), newSystemListCommand(g))
}

func newSystemStatusCommand(g *globalFlags) *cobra.Command {
	var ref, reason, at, lateReason string

	cmd := &cobra.Command{
		Use:   "status ID STATUS --reason TEXT [--at TIME] [--late-reason TEXT]",
		Short: "Move a system to another containment status",
		Long: `Move a system to another containment status and record the move, with its
reason, on the timeline.

STATUS is one of: ` + statusWords + `.
A move the state machine does not allow is rejected with the statuses the
system can go to next. A system comes back through validating, and it can be
restored only when every reinfection gate check is signed ('sitroom gate
sign') or a gold or silver decision overrides the gate ('sitroom gate
override').

--at takes 14:32, -15m or a full timestamp, read in the display zone; a move
recorded more than 10 minutes after it happened needs --late-reason.

Prints the move and its timeline entry, for example:
  EPR: isolated → rebuilding (entry 57)`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := incident.ParseSystemStatus(args[1])
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				ch := incident.StatusChange{SystemID: args[0], To: to, Reason: reason, LateReason: lateReason}

				if at != "" {
					if ch.At, err = incident.ParseTime(at, a.svc.Now(), a.zone); err != nil {
						return err
					}
				}

				return runSystemStatus(ctx, cmd, a, ref, ch)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&reason, "reason", "", "why the system moves (required)")
	f.StringVar(&at, "at", "", "when the move happened: 14:32, -15m or a timestamp (default now)")
	f.StringVar(&lateReason, "late-reason", "", "why the move is recorded more than 10 minutes after it happened")
	_ = cmd.MarkFlagRequired("reason")

	return cmd
}

// maxStatusAttempts bounds how often a status change is retried when
// another writer moves the same system between our read and our write.
const maxStatusAttempts = 3

// runSystemStatus reads the system's status, then moves it with that status
// as the expected one, so the line printed names the status the move really
// left. When another writer moves the system in between, the service
// rejects the change with ErrConflict and the command reads again, so the
// state machine judges the move against the newer status.
func runSystemStatus(ctx context.Context, cmd *cobra.Command, a *app, ref string, ch incident.StatusChange) error {
	for attempt := 1; ; attempt++ {
		b, err := a.svc.Board(ctx, ref)
		if err != nil {
			return err
		}

		// An id the register lacks goes to the service unchanged, which
		// rejects it with its own message.
		row, found := findSystemRow(b.Systems, ch.SystemID)
		if found {
			ch.SystemID = row.ID
			ch.Expect = row.State.Status
		}

		e, err := a.svc.SetSystemStatus(ctx, a.actor, ref, ch)
		if errors.Is(err, incident.ErrConflict) && attempt < maxStatusAttempts {
			continue
		}

		if err != nil {
			return withFlagHint(err)
		}

		fmt.Fprintf(cmd.OutOrStdout(), "%s: %s → %s (entry %d)\n", row.ID, statusWord(ch.Expect), statusWord(ch.To), e.Seq)

		if ch.To == incident.SystemIsolated && openTasksFor(b.Tasks, row.ID) == 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "add the standard recovery tasks with: sitroom task add --standard %s%s\n",
				row.ID, incidentFlag(ref))
		}

		return nil
	}
}

// incidentFlag repeats --incident for a suggested command when the user
// gave it.
func incidentFlag(ref string) string {
	if ref == "" {
		return ""
	}

	return " --incident " + ref
}

func openTasksFor(tasks []incident.Task, systemID string) int {
	n := 0

	for _, t := range tasks {
		if t.SystemID == systemID && !t.Status.Closed() {
			n++
		}
	}

	return n
}

// findSystemRow returns the board row of the system with id, matched
// exactly and else ignoring case, as the service matches it.
func findSystemRow(rows []incident.SystemRow, id string) (incident.SystemRow, bool) {
	for _, row := range rows {
		if row.ID == id {
			return row, true
		}
	}

	for _, row := range rows {
		if strings.EqualFold(row.ID, id) {
			return row, true
		}
	}

	return incident.SystemRow{}, false
}

// statusWord returns the one-word form of a status that ParseSystemStatus
// reads back, so that a script can pass what it printed.
func statusWord(st incident.SystemStatus) string {
	if st == incident.SystemShutDown {
		return "shut-down"
	}

	return string(st)
}

// systemListFlags are the options of 'sitroom system list'.
type systemListFlags struct {
	ref      string
	statuses []string
	sortBy   string
	filter   string
	order    bool
}

func newSystemListCommand(g *globalFlags) *cobra.Command {
	var fl systemListFlags

	cmd := &cobra.Command{
		Use:   "list [--status S]... [--sort order|status|criticality|rto] [--filter TEXT] [--order]",
		Short: "List the systems board: status, time out of service, gate and recovery place",
		Long: `List every system in the register, one a row: place in the recovery order,
id, status, criticality (5 highest), time out of service against the RTO,
RTO left, reinfection gate progress, owner role and the systems it depends
on. An outage past its RTO is marked BREACHED.

--sort order (the default) lists in recovery order; status lists the worst
status first; criticality the most critical first; rto the least RTO left
first, systems in service last. --status keeps only the given statuses
(repeat it, or separate with commas). --filter keeps systems whose id, name,
function or owner role contains the text, ignoring case.

--order prints the numbered recovery order instead, with the reason for each
place: a system comes after everything it depends on, then the most
critical and the least RTO left go first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keep, err := parseStatusFilter(fl.statuses)
			if err != nil {
				return err
			}

			less, err := systemSorter(fl.sortBy)
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				b, err := a.svc.Board(ctx, fl.ref)
				if err != nil {
					return err
				}

				if b.OrderErr != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "warning: %v\n", b.OrderErr)
				}

				rows := filterSystemRows(b.Systems, keep, fl.filter)
				sort.SliceStable(rows, func(i, j int) bool { return less(rows[i], rows[j], b.Now) })

				if fl.order {
					return writeRecoveryOrder(cmd.OutOrStdout(), rows)
				}

				return writeSystemTable(cmd.OutOrStdout(), rows, b.Now)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringSliceVar(&fl.statuses, "status", nil, "keep only systems in this status; repeat or separate with commas")
	f.StringVar(&fl.sortBy, "sort", "order", "order, status, criticality or rto")
	f.StringVar(&fl.filter, "filter", "", "keep systems whose id, name, function or owner role contains this text")
	f.BoolVar(&fl.order, "order", false, "print the numbered recovery order with the reason for each place")

	return cmd
}

func parseStatusFilter(names []string) (map[incident.SystemStatus]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}

	keep := map[incident.SystemStatus]bool{}

	for _, name := range names {
		st, err := incident.ParseSystemStatus(name)
		if err != nil {
			return nil, err
		}

		keep[st] = true
	}

	return keep, nil
}

func filterSystemRows(rows []incident.SystemRow, keep map[incident.SystemStatus]bool, text string) []incident.SystemRow {
	text = strings.ToLower(strings.TrimSpace(text))

	var out []incident.SystemRow

	for _, row := range rows {
		if keep != nil && !keep[row.State.Status] {
			continue
		}

		if text != "" && !systemMatches(row.System, text) {
			continue
		}

		out = append(out, row)
	}

	return out
}

func systemMatches(sys incident.System, lowered string) bool {
	for _, field := range []string{sys.ID, sys.Name, sys.Function, sys.OwnerRole} {
		if strings.Contains(strings.ToLower(field), lowered) {
			return true
		}
	}

	return false
}

// statusRank orders statuses worst first for --sort status: the systems
// that need action now, then those on their way back, then those running.
var statusRank = map[incident.SystemStatus]int{
	incident.SystemCompromised: 0,
	incident.SystemIsolated:    1,
	incident.SystemShutDown:    2,
	incident.SystemRebuilding:  3,
	incident.SystemValidating:  4,
	incident.SystemSuspected:   5,
	incident.SystemRestored:    6,
	incident.SystemOperational: 7,
}

type systemLess func(a, b incident.SystemRow, now time.Time) bool

// systemSorter returns the comparison for --sort. Every order falls back on
// the recovery place, so equal rows keep the board's order.
func systemSorter(name string) (systemLess, error) {
	byPlace := func(a, b incident.SystemRow) bool { return a.Place.Place < b.Place.Place }

	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "order":
		return func(a, b incident.SystemRow, _ time.Time) bool { return byPlace(a, b) }, nil
	case "status":
		return func(a, b incident.SystemRow, _ time.Time) bool {
			ra, rb := statusRank[a.State.Status], statusRank[b.State.Status]
			if ra != rb {
				return ra < rb
			}

			return byPlace(a, b)
		}, nil
	case "criticality":
		return func(a, b incident.SystemRow, _ time.Time) bool {
			if a.Criticality != b.Criticality {
				return a.Criticality > b.Criticality
			}

			return byPlace(a, b)
		}, nil
	case "rto":
		return func(a, b incident.SystemRow, now time.Time) bool {
			outA, outB := !a.State.OutSince.IsZero(), !b.State.OutSince.IsZero()
			if outA != outB {
				return outA
			}

			leftA, leftB := incident.RTOLeft(a.System, a.State, now), incident.RTOLeft(b.System, b.State, now)
			if outA && leftA != leftB {
				return leftA < leftB
			}

			return byPlace(a, b)
		}, nil
	}

	return nil, fmt.Errorf("invalid --sort %q: use order, status, criticality or rto", name)
}

// Widths, in characters, beyond which the owner role and dependency
// columns are cut with an ellipsis. With the scenario register the widest
// row is then about 160 columns, one line in a full-screen terminal.
const (
	maxOwnerWidth   = 28
	maxDependsWidth = 28
)

func writeSystemTable(w io.Writer, rows []incident.SystemRow, now time.Time) error {
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "no systems match")

		return err
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSYSTEM\tSTATUS\tCRIT\tOUT / RTO\tRTO LEFT\tGATE\tOWNER\tDEPENDS ON")

	for _, row := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n",
			row.Place.Place, incident.SanitizeLine(row.ID), statusWord(row.State.Status), row.Criticality,
			outAgainstRTO(row, now), rtoLeft(row, now), gateProgress(row),
			cut(incident.SanitizeLine(row.OwnerRole), maxOwnerWidth),
			cut(incident.SanitizeLine(orDash(strings.Join(row.DependsOn, ","))), maxDependsWidth))
	}

	return tw.Flush()
}

func writeRecoveryOrder(w io.Writer, rows []incident.SystemRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)

	for _, row := range rows {
		fmt.Fprintf(tw, "%d.\t%s\t%s\t%s\n", row.Place.Place, incident.SanitizeLine(row.ID),
			statusWord(row.State.Status), incident.SanitizeLine(row.Place.Reason))
	}

	return tw.Flush()
}

// outAgainstRTO shows the time out of service against the RTO, for
// example "5h 10m / 4h BREACHED" or "1h 05m / 8h (14%)".
func outAgainstRTO(row incident.SystemRow, now time.Time) string {
	rto := formatHours(row.RTOHours)
	if row.State.OutSince.IsZero() {
		return "- / " + rto
	}

	out := incident.FormatDuration(row.State.OutFor(now))
	if incident.RTOLeft(row.System, row.State, now) < 0 {
		return out + " / " + rto + " BREACHED"
	}

	used := int(math.Round(incident.RTOUsed(row.System, row.State, now) * 100))

	return fmt.Sprintf("%s / %s (%d%%)", out, rto, used)
}

func rtoLeft(row incident.SystemRow, now time.Time) string {
	if row.State.OutSince.IsZero() {
		return "-"
	}

	left := incident.RTOLeft(row.System, row.State, now)
	if left < 0 {
		return "over by " + incident.FormatDuration(-left)
	}

	return incident.FormatDuration(left)
}

// gateProgress shows how far the system is through its reinfection gate:
// for a system out of service or restored, the checks signed in the
// current or last outage, or the override that opened the gate.
func gateProgress(row incident.SystemRow) string {
	if row.Gate.OverrideSeq != 0 {
		return fmt.Sprintf("gate OVERRIDDEN #%d", row.Gate.OverrideSeq)
	}

	if row.State.OutSince.IsZero() && row.State.Status != incident.SystemRestored {
		return "-"
	}

	total := len(incident.GateChecks)

	return fmt.Sprintf("gate %d/%d", total-len(row.Gate.Missing()), total)
}

// formatHours shows an RTO given in hours: whole hours as "4h", anything
// else as FormatDuration does ("15m", "1h 30m").
func formatHours(hours float64) string {
	if hours == math.Trunc(hours) {
		return strconv.FormatFloat(hours, 'f', 0, 64) + "h"
	}

	return incident.FormatDuration(time.Duration(hours * float64(time.Hour)))
}

// cut shortens s to at most width characters, ending in an ellipsis when
// it had to cut.
func cut(s string, width int) string {
	runes := []rune(s)
	if len(runes) <= width {
		return s
	}

	return string(runes[:width-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}

	return s
}
