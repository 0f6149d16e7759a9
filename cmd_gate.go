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

// gateCheckWords is the help text's list of check names, as ParseGateCheck
// reads them.
const gateCheckWords = "clean-source, immutable-backup, credentials-reset, scan-clean, monitoring, owner-sign-off"

// displayLayout shows an instant in the display zone to the minute.
const displayLayout = "2006-01-02 15:04 MST"

func newGateCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("gate", "Sign, show or override a system's reinfection gate",
		`A system is restored only through its reinfection gate: six checks, each
signed by a named person, or a recorded gold or silver decision that
overrides the gate. The checks are:

  clean-source       clean build source confirmed
  immutable-backup   restore taken from an immutable backup whose hash matches
  credentials-reset  credentials reset
  scan-clean         scan and indicator sweep clean
  monitoring         monitoring in place
  owner-sign-off     service owner sign-off

The gate belongs to one outage: a system taken out of service again after it
was restored must pass it afresh.`,
		newGateSignCommand(g), newGateStatusCommand(g), newGateOverrideCommand(g))
}

func newGateSignCommand(g *globalFlags) *cobra.Command {
	var ref, note string

	cmd := &cobra.Command{
		Use:   "sign ID CHECK --note TEXT",
		Short: "Sign one check of a system's reinfection gate",
		Long: `Sign one check of a system's reinfection gate as the acting identity (--as)
and record it on the timeline. The system must be out of service, and each
check is signed once an outage.

CHECK is one of: ` + gateCheckWords + `.
--note says what was checked, for example the backup hash that matched.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			check, err := incident.ParseGateCheck(args[1])
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				e, err := a.svc.SignGateCheck(ctx, a.actor, ref, args[0], check, note)
				if err != nil {
					return err
				}

				b, err := a.svc.Board(ctx, ref)
				if err != nil {
					return err
				}

				row, _ := findSystemRow(b.Systems, args[0])
				fmt.Fprintf(cmd.OutOrStdout(), "%s gate: %s signed by %s (entry %d); %s\n",
					row.ID, check, incident.SanitizeLine(a.actor.Label()), e.Seq, gateSummary(row.Gate))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&note, "note", "", "what was checked, for example the backup hash that matched (required)")
	_ = cmd.MarkFlagRequired("note")

	return cmd
}

// gateSummary counts the signed checks and names those still missing.
func gateSummary(gate incident.GateStatus) string {
	missing := gate.Missing()
	total := len(incident.GateChecks)

	if len(missing) == 0 {
		return fmt.Sprintf("all %d checks signed", total)
	}

	names := make([]string, len(missing))
	for i, c := range missing {
		names[i] = string(c)
	}

	return fmt.Sprintf("%d of %d signed, missing: %s", total-len(missing), total, strings.Join(names, ", "))
}

func newGateStatusCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "status ID",
		Short: "Show each gate check of a system: who signed it and when, or missing",
		Long: `Show a system's reinfection gate in its current outage, or its last one once
restored: each check signed (by whom, when in the display zone, and the
note) or missing, and the decision that overrode the gate, if any.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runGateStatus(ctx, cmd.OutOrStdout(), a, ref, args[0])
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func runGateStatus(ctx context.Context, w io.Writer, a *app, ref, systemID string) error {
	b, err := a.svc.Board(ctx, ref)
	if err != nil {
		return err
	}

	row, ok := findSystemRow(b.Systems, systemID)
	if !ok {
		return fmt.Errorf("system %q is not in the register: list systems with 'sitroom system list'", systemID)
	}

	var names map[string]string
	var override incident.Entry

	err = a.db.Read(ctx, func(r incident.Reader) error {
		var readErr error

		if names, readErr = staffNames(ctx, r); readErr != nil {
			return readErr
		}

		if row.Gate.OverrideSeq != 0 {
			override, readErr = r.EntryBySeq(ctx, b.Incident.ID, row.Gate.OverrideSeq)
		}

		return readErr
	})
	if err != nil {
		return err
	}

	st := row.State
	fmt.Fprintf(w, "%s (%s): %s since %s\n", incident.SanitizeLine(row.ID), incident.SanitizeLine(row.Name),
		statusWord(st.Status), formatSince(st, a))

	if st.Episode == 0 {
		fmt.Fprintf(w, "%s has not been out of service in this incident: its gate applies once it is isolated or shut down\n", row.ID)

		return nil
	}

	if !st.OutSince.IsZero() {
		fmt.Fprintf(w, "out of service since %s: %s\n", st.OutSince.In(a.zone).Format(displayLayout), outAgainstRTO(row, b.Now))
	}

	fmt.Fprintf(w, "reinfection gate, outage %d: %s\n", st.Episode, gateSummary(row.Gate))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tSIGNED BY\tAT\tNOTE")

	for _, check := range incident.GateChecks {
		sig, signed := row.Gate.Signed[check]
		if !signed {
			fmt.Fprintf(tw, "%s\tMISSING\t-\tneeds: %s\n", check, check.Describe())

			continue
		}

		fmt.Fprintf(tw, "%s\t%s\t%s\t%s (entry %d)\n", check, personLabel(names, sig.SignedBy),
			sig.SignedAt.In(a.zone).Format(displayLayout), incident.SanitizeLine(sig.Note), sig.EntrySeq)
	}

	if err := tw.Flush(); err != nil {
		return err
	}

	if row.Gate.OverrideSeq != 0 {
		fmt.Fprintf(w, "gate OVERRIDDEN by decision entry %d at %s: decision maker %s, %s level; rationale: %s\n",
			override.Seq, override.OccurredAt.In(a.zone).Format(displayLayout), personLabel(names, override.DecisionMaker),
			override.Level, incident.SanitizeLine(override.Rationale))
	}

	return nil
}

func formatSince(st incident.SystemState, a *app) string {
	if st.Since.IsZero() {
		return "the start of the incident"
	}

	return st.Since.In(a.zone).Format(displayLayout)
}

// personLabel returns "Name (ID)" when the roster has a name for id, else
// id, sanitised for the terminal.
func personLabel(names map[string]string, id string) string {
	if name := names[id]; name != "" {
		return incident.SanitizeLine(name + " (" + id + ")")
	}

	return incident.SanitizeLine(id)
}

func newGateOverrideCommand(g *globalFlags) *cobra.Command {
	var ref, rationale, maker, level string
	var options []string

	cmd := &cobra.Command{
		Use:   "override ID --rationale TEXT [--option TEXT]... [--decision-maker STAFF_ID] [--level gold|silver]",
		Short: "Record a gold or silver decision that lets a system be restored without every gate check",
		Long: `Record a decision, with its rationale, that lets a system be restored in its
current outage without the gate checks still missing. Only a gold or silver
decision can override the gate. The decision appears on the timeline, on the
board and in every export.

A loggist recording a commander's decision gives --decision-maker with the
commander's staff id and --level with the commander's level; otherwise the
decision is the acting identity's (--as), at their level.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := incident.GateOverride{SystemID: args[0], Rationale: rationale, Options: options, DecisionMaker: maker}

			if level != "" {
				var err error
				if o.Level, err = incident.ParseLevel(level); err != nil {
					return err
				}
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				e, err := a.svc.OverrideGate(ctx, a.actor, ref, o)
				if err != nil {
					return withFlagHint(err)
				}

				id := args[0]
				if len(e.Systems) > 0 {
					id = e.Systems[0]
				}

				fmt.Fprintf(cmd.OutOrStdout(), "%s: reinfection gate OVERRIDDEN by decision entry %d (%s level, decision maker %s)\n",
					id, e.Seq, e.Level, incident.SanitizeLine(e.DecisionMaker))
				fmt.Fprintf(cmd.ErrOrStderr(), "once it is validating and its tasks are closed, restore it with: sitroom system status %s restored --reason TEXT%s\n", id, incidentFlag(ref))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&rationale, "rationale", "", "why the gate is overridden (required)")
	f.StringArrayVar(&options, "option", nil, "an option considered and rejected; repeat for each")
	f.StringVar(&maker, "decision-maker", "", "staff id whose decision this is, when you record it for someone else")
	f.StringVar(&level, "level", "", "gold or silver (default: the acting identity's level)")

	return cmd
}
