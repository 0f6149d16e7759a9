package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/demo"
)

func newDemoCommand(g *globalFlags) *cobra.Command {
	var keep, loadOnly bool

	cmd := &cobra.Command{
		Use:         "demo",
		Annotations: mayCreateDatabase(),
		Short:       "Open the console on a fresh demo incident, an exercise",
		Long: `Load the Northbridge demo and open the console on it: a fictional ransomware
attack on a hospital trust through its pathology partner, with a register of
46 systems, a roster of 30 staff and 125 timeline entries over about 72 hours.
The scenario was written for 11 to 14 June 2026; its dates are moved by whole
days, keeping each entry's time of day, so that it ends just before now and
reads as an incident in its third day. It is declared as an exercise, so
every screen and export marks it EXERCISE.

The demo goes into a new database in a temporary folder, which is removed
when the console closes unless --keep is given. SITROOM_DB is not used. With
--db the demo goes into that file instead and stays there; a file that holds
any other incident is rejected, so that the demo never mixes with real
records, and loading it again writes nothing.

The demo acts as --as or SITROOM_USER when given, else as ST01, the
scenario's strategic commander: that person declares the incident, imports
its timeline and uses the console.`,
		Example: `  sitroom demo
  sitroom demo --keep
  sitroom --db demo.db demo --load-only && sitroom --db demo.db --as ST09`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := demoDatabase(cmd, g)
			if err != nil {
				return err
			}

			err = withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runDemo(ctx, cmd, g, a, loadOnly)
			})

			// A temporary database given no reason to stay is removed even
			// when loading or the console failed.
			if db.temporary && !keep && !loadOnly {
				if rmErr := os.RemoveAll(db.folder); rmErr != nil {
					return errors.Join(err, fmt.Errorf("remove the demo folder %s: %w", db.folder, rmErr))
				}

				return err
			}

			// Printed after a failure too, so that the kept folder can be found.
			if db.temporary && !loadOnly {
				who := identity(g.as)
				if g.as == "" && os.Getenv("SITROOM_USER") == "" {
					who = demo.CommanderID
				}

				fmt.Fprintf(cmd.OutOrStdout(), "the demo database is kept: reopen it with sitroom --db %s --as %s\n",
					shellQuote(incident.SanitizeLine(g.db)), shellQuote(incident.SanitizeLine(who)))
			}

			return err
		},
	}

	f := cmd.Flags()
	f.BoolVar(&keep, "keep", false, "keep the temporary demo database when the console closes, and print its path")
	f.BoolVar(&loadOnly, "load-only", false, "load the demo and print how to open it, without opening the console (implies --keep)")

	return cmd
}

// demoLocation records whether the demo database is in a temporary folder
// that this command made.
type demoLocation struct {
	temporary bool   // created by this command in a folder of its own
	folder    string // that folder, when temporary
}

// demoDatabase points g.db at the database the demo goes into: the --db
// flag when given, else a new temporary folder. SITROOM_DB is passed over
// on purpose, because it usually names the live incident database.
func demoDatabase(cmd *cobra.Command, g *globalFlags) (demoLocation, error) {
	if flag := cmd.Flags().Lookup("db"); flag != nil && flag.Changed {
		return demoLocation{}, nil
	}

	folder, err := os.MkdirTemp("", "sitroom-demo-")
	if err != nil {
		return demoLocation{}, fmt.Errorf("create a temporary folder for the demo database: set TMPDIR to a writable folder, or give --db: %w", err)
	}

	g.db = filepath.Join(folder, "demo.db")

	return demoLocation{temporary: true, folder: folder}, nil
}

// runDemo loads the demo into the open database, then opens the console on
// it or, with loadOnly, prints how to.
func runDemo(ctx context.Context, cmd *cobra.Command, g *globalFlags, a *app, loadOnly bool) error {
	if g.as == "" && os.Getenv("SITROOM_USER") == "" {
		commander, err := demo.Commander()
		if err != nil {
			return err
		}

		a.actor = commander
	}

	res, err := demo.Load(ctx, a.svc, a.actor)

	var others *demo.OtherIncidentsError
	if errors.As(err, &others) {
		return fmt.Errorf("%w, for example: sitroom --db demo.db demo", err)
	}

	if err != nil {
		return err
	}

	if loadOnly {
		printDemoResult(cmd.OutOrStdout(), res, a.db.Path())

		return nil
	}

	// The roster may have been empty when the database opened, so the
	// actor is looked up again now that the demo's staff are on it.
	if a.actor, err = resolveActor(ctx, a.db, a.actor.ID, g.forID); err != nil {
		return err
	}

	return runConsole(ctx, a, res.Ref)
}

func printDemoResult(out io.Writer, res demo.Result, dbPath string) {
	if res.AlreadyLoaded {
		fmt.Fprintf(out, "EXERCISE %s is already loaded; nothing was written\n", res.Ref)
	} else {
		fmt.Fprintf(out, "loaded EXERCISE %s: %d systems, %d staff members, %d timeline entries, %d containment steps\n",
			res.Ref, res.Systems, res.Staff, res.Entries, res.States)
	}

	fmt.Fprintf(out, "%s\nopen it with: sitroom --db %s --as %s\n", res.Seal, shellQuote(incident.SanitizeLine(dbPath)), demo.CommanderID)
}

// shellQuote returns s as one POSIX shell word, so that the printed command
// can be pasted as it is.
func shellQuote(s string) string {
	safe := s != ""

	for _, r := range s {
		if !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+:@%,=", r) {
			safe = false

			break
		}
	}

	if safe {
		return s
	}

	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
