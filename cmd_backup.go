package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/northbridge-nhs/sitroom/backup"
	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

func newBackupCommand(g *globalFlags) *cobra.Command {
	var keep int

	cmd := &cobra.Command{
		Use:   "backup DIR [--keep N]",
		Short: "Write a checked, read-only copy of the database into DIR, named by the time",
		Long: `Write a consistent copy of the database into DIR, which must exist, while others carry on
writing, named after the database and the UTC time, such as
nbh-20261204T231502Z.db. The copy is checked (SQLite's integrity check and
every incident's hash chain) and made read-only; a copy that fails its check
is removed. With --keep N, only the newest N backups of this database in
DIR are kept.

sitroom serve and the console can make backups by themselves:
--backup-dir DIR --backup-every 15m --backup-keep 48.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if keep < 0 {
				return fmt.Errorf("invalid --keep %d: give 0 to keep every backup, or how many to keep", keep)
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				res, err := backup.Make(ctx, a.db, args[0], time.Now())
				if err != nil {
					return err
				}

				printBackup(cmd.OutOrStdout(), res)

				if keep > 0 {
					removed, err := backup.Prune(args[0], a.db.Path(), keep)
					for _, path := range removed {
						fmt.Fprintf(cmd.OutOrStdout(), "removed old backup %s\n", path)
					}

					return err
				}

				return nil
			})
		},
	}

	cmd.Flags().IntVar(&keep, "keep", 0, "keep only the newest N backups of this database in DIR (0 keeps all)")

	return cmd
}

func printBackup(w io.Writer, res backup.Result) {
	fmt.Fprintf(w, "backup %s (%d bytes), checked and read-only\n", res.Path, res.Size)

	for _, s := range res.Seals {
		fmt.Fprintf(w, "  %s\n", s)
	}
}

func newRestoreCommand(g *globalFlags) *cobra.Command {
	var force bool

	cmd := &cobra.Command{
		Use:   "restore BACKUP --db PATH [--force]",
		Short: "Check a backup and put a copy of it at --db",
		Long: `Check a backup (SQLite's integrity check and every incident's hash chain)
and put a copy of it at --db, upgrading an older schema. An existing
database at --db is refused without --force; with it, that database is
moved aside to PATH.replaced-TIME, with its -wal and -shm files, not
deleted. Stop every sitroom using --db first. A backup that does not check
out changes nothing.`,
		Args:        cobra.ExactArgs(1),
		Annotations: mayCreateDatabase(),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()

			if force {
				if err := refuseOpenConsoles(ctx, g.db); err != nil {
					return err
				}
			}

			res, err := backup.Restore(ctx, args[0], g.db, force, time.Now())
			if err != nil {
				return err
			}

			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "restored %s to %s\n", args[0], g.db)

			if res.Upgraded {
				fmt.Fprintln(out, "  its schema was upgraded to this sitroom's")
			}

			if res.KeptAs != "" {
				fmt.Fprintf(out, "  the database that was there is kept as %s\n", res.KeptAs)
			}

			for _, s := range res.Seals {
				fmt.Fprintf(out, "  %s\n", s)
			}

			return nil
		},
	}

	cmd.Flags().BoolVar(&force, "force", false, "move an existing database at --db aside and restore in its place")

	return cmd
}

// backupFlags are the automatic-backup options of the console and serve.
type backupFlags struct {
	dir   string
	every time.Duration
	keep  int
}

func addBackupFlags(f *pflag.FlagSet, b *backupFlags) {
	f.StringVar(&b.dir, "backup-dir", "", "make a checked, read-only backup into this folder every --backup-every")
	f.DurationVar(&b.every, "backup-every", 15*time.Minute, "how often to make a backup when --backup-dir is given")
	f.IntVar(&b.keep, "backup-keep", 48, "how many backups of this database to keep in --backup-dir")
}

// start makes backups in the background until ctx ends, when a folder is
// given. Outcomes go to the log, and failures also to a.notices for the
// console to show.
func (b backupFlags) start(ctx context.Context, a *app) error {
	if b.dir == "" {
		return nil
	}

	if b.every < time.Second {
		return fmt.Errorf("invalid --backup-every %s: give a second or more, such as 15m", b.every)
	}

	if b.keep < 1 {
		return fmt.Errorf("invalid --backup-keep %d: keep at least 1", b.keep)
	}

	// A folder that cannot take backups is refused now, while the person
	// starting the console or server is there to read why.
	if err := backup.CheckFolder(b.dir); err != nil {
		return err
	}

	if a.notices == nil {
		a.notices = make(chan string, 4)
	}

	notices := a.notices
	failed := func(err error) {
		select {
		case notices <- "Backup failed: " + err.Error():
		default: // the console has not shown the last one yet
		}
	}

	go backup.Every(ctx, a.db, b.dir, b.every, b.keep, failed)

	return nil
}

// refuseOpenConsoles refuses to replace a database that a console has
// open: the console would go on writing to the file moved aside.
func refuseOpenConsoles(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return nil // nothing there to replace
	}

	if pid := servingPID(path); pid != 0 {
		return fmt.Errorf("%s is open in sitroom serve (process %d): stop the server before replacing the database", path, pid)
	}

	db, err := store.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("check who has %s open before replacing it: %w", path, err)
	}
	defer db.Close()

	svc := incident.NewService(db, nil)
	svc.SetProcessCheck(processAlive)

	var incidents []incident.Incident

	err = db.Read(ctx, func(r incident.Reader) error {
		var err error
		incidents, err = r.Incidents(ctx)

		return err
	})
	if err != nil {
		return err
	}

	var open []string

	for _, inc := range incidents {
		present, err := svc.Present(ctx, inc.ID)
		if err != nil {
			return err
		}

		for _, p := range present {
			open = append(open, fmt.Sprintf("%s (%s, process %d)", p.StaffID, p.Via, p.PID))
		}
	}

	if len(open) > 0 {
		return fmt.Errorf("%s is open in %d console(s): %s: close them, and stop sitroom serve, before replacing it",
			path, len(open), strings.Join(open, ", "))
	}

	return nil
}
