package main

import (
	"context"
	"errors"
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
	backups := backupFlags{}

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
				if err := backups.start(ctx, a); err != nil {
					return err
				}

				return runConsole(ctx, a, ref)
			})
		},
	}

	pf := root.PersistentFlags()
	pf.StringVar(&g.db, "db", defaultDBPath(), "database file, from SITROOM_DB when set")
	pf.StringVar(&g.as, "as", "", "staff id to act as (default SITROOM_USER, then the OS user by the roster's login column)")
	pf.StringVar(&g.forID, "for", "", "staff id of the commander you write for, when you are their loggist")
	pf.StringVar(&g.zone, "zone", "", "display time zone, an IANA name such as Europe/London (default SITROOM_TZ, then the host's)")
	pf.StringVar(&g.log, "log", defaultLogPath(), "log file, from SITROOM_LOG when set")
	root.Flags().String("incident", "", "incident reference to open (default: the only open incident)")
	addBackupFlags(root.Flags(), &backups)

	root.AddCommand(
		newIncidentCommand(g),
		newLogCommand(g),
		newAmendCommand(g),
		newSystemCommand(g),
		newGateCommand(g),
		newTaskCommand(g),
		newCheckInCommand(g),
		newCheckOutCommand(g),
		newWelfareCommand(g),
		newRestCommand(g),
		newPeopleCommand(g),
		newHandoverCommand(g),
		newRollCallCommand(g),
		newCommsCommand(g),
		newDeadlineCommand(g),
		newSitrepCommand(g),
		newVerifyCommand(g),
		newSealCommand(g),
		newImportCommand(g),
		newExportCommand(g),
		newDemoCommand(g),
		newStatusCommand(g),
		newBackupCommand(g),
		newRestoreCommand(g),
		newArchiveCommand(g),
		newKeysCommand(g),
		newServeCommand(g),
		newSessionCommand(g),
		newVersionCommand(),
	)

	return root
}

// createsDatabase marks, in a command's Annotations, the commands that may
// create a missing database file: those that set a new one up.
const createsDatabase = "sitroom/creates-database"

// mayCreateDatabase returns the annotations of a command that may create a
// missing database file.
func mayCreateDatabase() map[string]string {
	return map[string]string{createsDatabase: "yes"}
}

// withApp opens the database for one command, cancels on SIGINT, SIGTERM or
// SIGHUP (a dropped SSH session), and closes everything afterwards. Only a
// command marked with mayCreateDatabase may create a missing file, so that
// a mistyped --db is an error rather than a new, empty, second log.
func withApp(cmd *cobra.Command, g *globalFlags, fn func(ctx context.Context, a *app) error) error {
	if g.shared != nil {
		return fn(cmd.Context(), g.shared)
	}

	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	if cmd.Annotations[createsDatabase] == "" {
		if _, err := os.Stat(g.db); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("database %s does not exist: check --db or SITROOM_DB; a new database is made only by 'sitroom import', 'sitroom incident new', 'sitroom demo', 'sitroom restore' or 'sitroom archive import'", g.db)
		}
	}

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

// newParentCommand returns a command that only groups subcommands. Cobra
// prints help and exits 0 for an unknown subcommand of such a command, so a
// script would take a mistyped "import sytems" for success; NoArgs makes it
// an error instead.
func newParentCommand(use, short, long string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}

	cmd.AddCommand(subs...)

	return cmd
}
