package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// version is set at build time by goreleaser through -ldflags.
var version = "dev"

func newRootCommand() *cobra.Command {
	g := &globalFlags{}

	root := &cobra.Command{
		Use:   "sitroom",
		Short: "Incident command console for a hospital cyber incident",
		Long: `sitroom runs an incident command room from one SQLite file with no network:
the timeline and decision log, containment, recovery, staff and comms.

With no command it opens the console on the database given by --db.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ref, _ := cmd.Flags().GetString("incident")

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runConsole(ctx, a, ref)
			})
		},
	}

	pf := root.PersistentFlags()
	pf.StringVar(&g.db, "db", defaultDBPath(), "database file (default from SITROOM_DB)")
	pf.StringVar(&g.as, "as", "", "staff id to act as (default SITROOM_USER, then the OS user)")
	pf.StringVar(&g.zone, "zone", "", "display time zone, an IANA name such as Europe/London (default SITROOM_TZ, then the host's)")
	pf.StringVar(&g.log, "log", defaultLogPath(), "log file (default from SITROOM_LOG)")
	root.Flags().String("incident", "", "incident reference to open (default: the only open incident)")

	root.AddCommand(
		newIncidentCommand(g),
		newLogCommand(g),
		newVerifyCommand(g),
		newSealCommand(g),
		newImportCommand(g),
		newExportCommand(g),
		newDemoCommand(g),
		newVersionCommand(),
	)

	return root
}

// withApp opens the database for one command, cancels on SIGINT or SIGTERM,
// and closes everything afterwards.
func withApp(cmd *cobra.Command, g *globalFlags, fn func(ctx context.Context, a *app) error) error {
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	a, err := openApp(ctx, g)
	if err != nil {
		return err
	}
	defer a.close()

	return fn(ctx, a)
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), "sitroom", version)
		},
	}
}
