package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newIncidentCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("incident", "Declare and list incidents", "",
		newIncidentNewCommand(g), newIncidentListCommand(g))
}

func newIncidentNewCommand(g *globalFlags) *cobra.Command {
	var in incident.NewIncident

	cmd := &cobra.Command{
		Use:         "new --ref REF --title TEXT [--exercise]",
		Short:       "Declare a new incident",
		Args:        cobra.NoArgs,
		Annotations: mayCreateDatabase(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				inc, err := a.svc.Declare(ctx, a.actor, in)
				if err != nil {
					return err
				}

				label := "incident"
				if inc.Exercise {
					label = "EXERCISE"
				}

				fmt.Fprintf(cmd.OutOrStdout(), "declared %s %s: %s at %s by %s\n", label, inc.Ref, inc.Title,
					inc.DeclaredAt.In(a.zone).Format("2006-01-02 15:04 MST"), a.actor.Label())

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&in.Ref, "ref", "", "incident reference, for example NBH-2026-014 (required)")
	f.StringVar(&in.Title, "title", "", "short title (required)")
	f.StringVar(&in.Kind, "kind", "", "kind of incident, for example ransomware")
	f.StringVar(&in.Severity, "severity", "", "severity, for example critical")
	f.BoolVar(&in.Exercise, "exercise", false, "mark as an exercise: shown as EXERCISE on every screen and export")
	_ = cmd.MarkFlagRequired("ref")
	_ = cmd.MarkFlagRequired("title")

	return cmd
}

func newIncidentListCommand(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List incidents",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				var all []incident.Incident

				err := a.db.Read(ctx, func(r incident.Reader) error {
					var err error
					all, err = r.Incidents(ctx)

					return err
				})
				if err != nil {
					return err
				}

				if len(all) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "no incidents: declare one with 'sitroom incident new --ref REF --title TEXT'")

					return nil
				}

				w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "REF\tSTATUS\tDECLARED\tTITLE")

				for _, inc := range all {
					title := incident.SanitizeLine(inc.Title)
					if inc.Exercise {
						title = "EXERCISE: " + title
					}

					fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", inc.Ref, inc.Status, inc.DeclaredAt.In(a.zone).Format("2006-01-02 15:04 MST"), title)
				}

				return w.Flush()
			})
		},
	}
}
