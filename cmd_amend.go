package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newAmendCommand(g *globalFlags) *cobra.Command {
	var ref, reason, text, kind, level, occurred, rationale, lateReason string
	var options []string

	cmd := &cobra.Command{
		Use:   "amend SEQ --reason TEXT [flags]",
		Short: "Correct a timeline entry; the original stays, struck through",
		Long: `Append a correction to entry SEQ. Entries are never changed: the original
stays on the timeline, shown struck through beside its correction, and both
are in every export. --reason says why the correction is needed.

Give only what changes. Text, rationale and options left out keep the
original's, as do its systems, tasks and people; the kind, level and
occurred time likewise.`,
		Example: `  sitroom amend 42 --reason "time read off the wrong clock" --occurred 06:31
  sitroom amend 42 --reason "wrong ward" --text "Ward 7 moved to paper charts"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			seq, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || seq < 1 {
				return fmt.Errorf("invalid entry number %q: give the sequence number shown as #N, for example 42", args[0])
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				in := incident.NewEntry{Text: text, Rationale: rationale, LateReason: lateReason, Options: options}

				if err := parseEntryFlags(&in, kind, level, occurred, a); err != nil {
					return err
				}

				e, err := a.svc.Amend(ctx, a.actor, ref, seq, reason, in)
				if err != nil {
					return withFlagHint(err)
				}

				fmt.Fprintf(cmd.OutOrStdout(), "logged entry %d correcting entry %d\n", e.Seq, seq)

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&reason, "reason", "", "why the entry needs correcting (required)")
	f.StringVar(&text, "text", "", "corrected text (default: the original's)")
	f.StringVar(&kind, "kind", "", "corrected kind (default: the original's)")
	f.StringVar(&level, "level", "", "corrected command level (default: the original's)")
	f.StringVar(&occurred, "occurred", "", "corrected occurred time: 14:32, -15m or a timestamp (default: the original's)")
	f.StringVar(&rationale, "rationale", "", "corrected rationale, for a decision (default: the original's)")
	f.StringArrayVar(&options, "option", nil, "an option considered and rejected; repeat for each (default: the original's)")
	f.StringVar(&lateReason, "late-reason", "", "why the correction's occurred time is more than 10 minutes ago, when the original gave none")
	_ = cmd.MarkFlagRequired("reason")

	return cmd
}
