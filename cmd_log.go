package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newLogCommand(g *globalFlags) *cobra.Command {
	var ref, kind, level, occurred, rationale, lateReason, maker string
	var options, systems []string

	cmd := &cobra.Command{
		Use:   "log [flags] TEXT",
		Short: "Add an entry to the timeline",
		Long: `Add an entry to the incident's timeline.

--occurred takes 14:32, -15m or a full timestamp; without an offset it is read
in the display zone. An entry recorded more than 10 minutes after it occurred
needs --late-reason, and a decision needs --rationale.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("no entry text: give what happened as the last argument, for example: sitroom log \"VPN to the partner cut\"")
			}

			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				in := incident.NewEntry{
					Text: strings.Join(args, " "), Rationale: rationale, LateReason: lateReason,
					DecisionMaker: maker, Options: options, Systems: systems,
				}

				if err := parseEntryFlags(&in, kind, level, occurred, a); err != nil {
					return err
				}

				e, err := a.svc.Log(ctx, a.actor, ref, in)
				if err != nil {
					return withFlagHint(err)
				}

				fmt.Fprintf(cmd.OutOrStdout(), "logged entry %d (%s, %s) at %s\n", e.Seq, e.Kind, e.Level,
					e.OccurredAt.In(a.zone).Format("2006-01-02 15:04 MST"))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&kind, "kind", "observation", "decision, action, observation, comms, containment, recovery, check-in, inject or system")
	f.StringVar(&level, "level", "", "command level: gold, silver, bronze or none (default: yours)")
	f.StringVar(&occurred, "occurred", "", "when it happened: 14:32, -15m or a timestamp (default now)")
	f.StringVar(&rationale, "rationale", "", "why the decision was taken (required for decisions)")
	f.StringArrayVar(&options, "option", nil, "an option considered and rejected; repeat for each")
	f.StringVar(&lateReason, "late-reason", "", "why the entry is recorded more than 10 minutes after it occurred")
	f.StringVar(&maker, "decision-maker", "", "staff id whose decision or action this records, when you log for someone else")
	f.StringSliceVar(&systems, "system", nil, "system id this entry concerns; repeat or separate with commas")

	return cmd
}

// parseEntryFlags reads the --kind, --level and --occurred flags into in,
// leaving a field unset when its flag is empty.
func parseEntryFlags(in *incident.NewEntry, kind, level, occurred string, a *app) error {
	var err error

	if kind != "" {
		if in.Kind, err = incident.ParseKind(kind); err != nil {
			return err
		}
	}

	if level != "" {
		if in.Level, err = incident.ParseLevel(level); err != nil {
			return err
		}
	}

	if occurred != "" {
		if in.OccurredAt, err = incident.ParseTime(occurred, a.svc.Now(), a.zone); err != nil {
			return err
		}
	}

	return nil
}

// withFlagHint adds the flag that supplies what a rejected entry lacks.
func withFlagHint(err error) error {
	switch {
	case errors.Is(err, incident.ErrNoRationale):
		return fmt.Errorf("%w (--rationale TEXT)", err)
	case errors.Is(err, incident.ErrNoLateReason):
		return fmt.Errorf("%w (--late-reason TEXT)", err)
	}

	return err
}
