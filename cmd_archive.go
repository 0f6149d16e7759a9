package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident/archive"
)

func newArchiveCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("archive", "Move an incident to another host in one file",
		`An archive holds one incident: its whole timeline with every hash, the
systems and staff it uses, and its state (system statuses, gate checks,
tasks, people on duty, roll calls, messages, notification duties, sitreps).
Import it on another host to carry on there; importing verifies the chain
and brings in only what is new.`,
		newArchiveExportCommand(g), newArchiveImportCommand(g))
}

func newArchiveExportCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "export [--incident REF] FILE",
		Short: "Write one incident, with what it uses, to FILE",
		Long: `Write one incident to FILE (mode 0600, because it holds the roster's phone
numbers), written in full before it takes the name, so that a failed
export leaves no partial file. The chain is verified while it is written;
a timeline that does not verify is not archived.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				if err := checkNotDatabase(args[0], a.db.Path()); err != nil {
					return err
				}

				var sum archive.Summary

				err := writeFileAtomic(args[0], func(w io.Writer) error {
					var err error
					sum, err = archive.Write(ctx, a.svc, a.actor, ref, w)

					return err
				})
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "archived %s to %s\n%s\n", sum.Ref, args[0], sum.Seal)

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func newArchiveImportCommand(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Bring in an incident from an archive, adding only what is new",
		Long: `Bring in an incident from an archive. The archive's chain must verify and
agree with any entries of the incident already here; otherwise nothing is
imported. New entries are added with their hashes; systems and staff not
yet here are added, and those here are left as they are; the incident's
state becomes the archive's when the archive brought new entries.
Importing the same archive twice changes nothing. Only a gold or silver
commander may import, or anyone into a database with no roster yet.`,
		Args:        cobra.ExactArgs(1),
		Annotations: mayCreateDatabase(),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("open archive %s: check the path: %w", args[0], err)
			}
			defer f.Close()

			// A refused import into a database it created leaves no empty
			// database behind.
			info, statErr := os.Stat(g.db)
			created := errors.Is(statErr, os.ErrNotExist) || (statErr == nil && info.Size() == 0)

			err = withApp(cmd, g, func(ctx context.Context, a *app) error {
				sum, err := archive.Import(ctx, a.svc, a.actor, f)
				if err != nil {
					return err
				}

				out := cmd.OutOrStdout()

				switch {
				case sum.Added == 0:
					fmt.Fprintf(out, "nothing new: %s here already holds the archive's %d entries\n", sum.Ref, sum.Entries)
				case sum.Created:
					fmt.Fprintf(out, "imported %s: %d entries, with its systems, staff and state\n%s\n", sum.Ref, sum.Added, sum.Seal)
				default:
					fmt.Fprintf(out, "imported %d new entries of %s, and its state as the archive has it\n%s\n", sum.Added, sum.Ref, sum.Seal)
				}

				return nil
			})
			if err != nil && created {
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(g.db + suffix)
				}
			}

			return err
		},
	}
}
