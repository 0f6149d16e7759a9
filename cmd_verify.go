package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newVerifyCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Recompute the hash chain; exit status 1 when it is broken",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				seal, err := a.svc.Verify(ctx, ref)

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

	return cmd
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
