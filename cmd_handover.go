package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

func newHandoverCommand(g *globalFlags) *cobra.Command {
	var ref, to, note string
	var save bool

	cmd := &cobra.Command{
		Use:   "handover STAFF_ID [--to STAFF_ID] [--note TEXT] [--save]",
		Short: "Write a shift handover note from the person's tasks, systems and deadlines",
		Long: `Write a shift handover note for STAFF_ID from the incident's state: their open
recovery tasks with due times, the systems those tasks concern and any they
took out of service, and every notification duty still running. --save
records it as a check-in entry about both people.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				if !save {
					h, err := a.svc.BuildHandover(ctx, ref, args[0], to, note, a.zone)
					if err != nil {
						return err
					}

					fmt.Fprintln(cmd.OutOrStdout(), h.Text)

					return nil
				}

				h, e, err := a.svc.RecordHandover(ctx, a.actor, ref, args[0], to, note, a.zone)
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "%s\nrecorded as entry %d\n", h.Text, e.Seq)

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&to, "to", "", "staff id of whoever takes over")
	f.StringVar(&note, "note", "", "anything else to hand over")
	f.BoolVar(&save, "save", false, "record the note as a timeline entry")

	return cmd
}
