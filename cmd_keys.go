package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/sshd"
)

func newKeysCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("keys", "Register, list and revoke the SSH keys that let staff into sitroom serve",
		`Each person signs in to sitroom serve with a public key registered to their
staff id. Only a gold or silver commander may add or revoke keys. Revoked keys stay on the
list, so the record shows who could get in and when.`,
		newKeysAddCommand(g), newKeysListCommand(g), newKeysRevokeCommand(g))
}

func newKeysAddCommand(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "add STAFF_ID PUBKEY_FILE",
		Short: "Register a public key (the .pub file; - reads standard input) to a staff member",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readKeyFile(cmd.InOrStdin(), args[1])
			if err != nil {
				return err
			}

			k, err := sshd.ParseStaffKey(args[0], data)
			if err != nil {
				return fmt.Errorf("%s: %w", args[1], err)
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				added, err := a.svc.AddStaffKey(ctx, a.actor, k)
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "registered %s to %s\n", added.Fingerprint, added.StaffID)

				return nil
			})
		},
	}
}

func readKeyFile(stdin io.Reader, path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(io.LimitReader(stdin, 64<<10))
	}

	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read public key %s: check the path: %w", path, err)
	}

	return data, nil
}

func newKeysListCommand(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List registered keys, revoked ones too",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				keys, err := a.svc.StaffKeys(ctx)
				if err != nil {
					return err
				}

				return printKeys(cmd.OutOrStdout(), keys, a)
			})
		},
	}
}

func printKeys(w io.Writer, keys []incident.StaffKey, a *app) error {
	if len(keys) == 0 {
		fmt.Fprintln(w, "no keys registered: add one with sitroom keys add STAFF_ID KEY.pub")

		return nil
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STAFF\tFINGERPRINT\tTYPE\tCOMMENT\tADDED\tSTATE")

	for _, k := range keys {
		state := "in use"
		if k.Revoked() {
			state = "revoked " + k.RevokedAt.In(a.zone).Format("2006-01-02 15:04 MST") + " by " + k.RevokedBy
		}

		keyType, _, _ := strings.Cut(k.PublicKey, " ")
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s by %s\t%s\n", incident.SanitizeLine(k.StaffID), k.Fingerprint, keyType,
			incident.SanitizeLine(k.Comment), k.AddedAt.In(a.zone).Format("2006-01-02 15:04 MST"), incident.SanitizeLine(k.AddedBy), state)
	}

	return tw.Flush()
}

func newKeysRevokeCommand(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "revoke FINGERPRINT|STAFF_ID",
		Short: "Stop a key (by fingerprint, or the start of one) or every key of a staff member from letting anyone in",
		Long: `Stop a key from letting anyone in. Name it by its fingerprint as
'sitroom keys list' shows it (SHA256:…), or enough of the start of one, or
give a staff id to revoke all of their keys. A console already open with
the key stays open until it closes; the next sign-in is refused.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				revoked, err := a.svc.RevokeStaffKey(ctx, a.actor, args[0])
				if err != nil {
					return err
				}

				for _, k := range revoked {
					fmt.Fprintf(cmd.OutOrStdout(), "revoked %s of %s\n", k.Fingerprint, k.StaffID)
				}

				return nil
			})
		},
	}
}
