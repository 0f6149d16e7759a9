package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/export"
)

func newVerifyCommand(g *globalFlags) *cobra.Command {
	var ref, file, seal string

	cmd := &cobra.Command{
		Use:   "verify [--incident REF] | verify --export FILE [--seal SEAL]",
		Short: "Recompute the hash chain, of the database or of an export; exit status 1 when it is broken",
		Long: `Recompute the hash chain of an incident in the database, or with --export,
of a JSON Lines export on its own, with no database: every entry against
its own hash, the entries as one chain, and the file's seal line against
them. --seal also compares the head with a seal recorded elsewhere, such as
in a paper log: the head hash, its first 16 digits as 'sitroom seal' prints
them, or the whole seal line. The exit status is 1 when anything does not
match, and the message names the first entry that does not.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file != "" {
				if g.shared != nil {
					return fmt.Errorf("over SSH verify --export would read a file on the server: copy the export to your machine and run sitroom verify --export there")
				}

				return verifyExportFile(cmd.OutOrStdout(), file, seal)
			}

			if seal != "" {
				return fmt.Errorf("--seal goes with --export FILE: to compare the database with a seal, run sitroom seal and compare the head")
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				seal, err := a.svc.Verify(ctx, ref)

				var record *incident.RecordError
				if errors.As(err, &record) {
					return &exitError{code: 1, msg: fmt.Sprintf("chain OK over %d entries, but a record does NOT match it: %v", seal.Entries, record)}
				}

				var broken *incident.ChainError
				if errors.As(err, &broken) {
					return &exitError{code: 1, msg: fmt.Sprintf("chain BROKEN: %v; the first %d entries verified", broken, seal.Entries)}
				}

				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "chain OK: %s\nhead hash %s\n", seal, seal.Head)

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	cmd.Flags().StringVar(&file, "export", "", "a JSON Lines export to check on its own, with no database")
	cmd.Flags().StringVar(&seal, "seal", "", "a seal recorded elsewhere that the export's head must match")

	return cmd
}

// verifyExportFile checks a JSON Lines export against itself and a seal.
func verifyExportFile(w io.Writer, path, seal string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open export %s: check the path: %w", path, err)
	}
	defer f.Close()

	check, err := export.VerifyFile(f, seal)

	var filtered *export.FilteredError
	if errors.As(err, &filtered) {
		return &exitError{code: 1, msg: fmt.Sprintf("export %s cannot be verified as a whole: %v", path, filtered)}
	}

	var mismatch *export.ExportMismatchError
	if errors.As(err, &mismatch) {
		return &exitError{code: 1, msg: fmt.Sprintf("export %s does NOT verify: %v", path, mismatch)}
	}

	if err != nil {
		return err
	}

	fmt.Fprintf(w, "export OK: %s\nhead hash %s\n", check.Seal, check.Seal.Head)

	if check.SealNote != "" {
		fmt.Fprintf(w, "%s\n", check.SealNote)
	}

	fmt.Fprintln(w, "The hashes cover every field of each entry with its times in UTC; staff names and the incident's kind and severity are for reading and are not covered.")

	return nil
}

func newSealCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "seal",
		Short: "Print the entry count and head hash to record outside this host",
		Long: `Print the incident's seal: its entry count and the head of its hash chain,
short enough to read out over a phone or write in a paper log. A seal kept
away from this host proves later that no entry before it was changed.
The chain is verified first; a broken chain gives exit status 1.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				seal, err := a.svc.Verify(ctx, ref)

				var record *incident.RecordError
				if errors.As(err, &record) {
					return &exitError{code: 1, msg: fmt.Sprintf("chain OK over %d entries, but a record does NOT match it: %v", seal.Entries, record)}
				}

				var broken *incident.ChainError
				if errors.As(err, &broken) {
					return &exitError{code: 1, msg: fmt.Sprintf("no seal: chain BROKEN: %v", broken)}
				}

				if err != nil {
					return err
				}

				out := cmd.OutOrStdout()
				fmt.Fprintf(out, "incident  %s\nentries   %d\nhead      %s\nfull hash %s\nsealed at %s (%s)\n",
					seal.Ref, seal.Entries, seal.Short(), seal.Head,
					seal.At.In(a.zone).Format("2006-01-02 15:04:05 MST"), seal.At.UTC().Format("15:04:05 UTC"))

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}
