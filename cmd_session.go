package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/anmitsu/go-shlex"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

// sessionCommands lists what an SSH user may run without a terminal.
const sessionCommands = "status, sitrep, log, export, verify, seal and version"

// newSessionRoot returns the commands an SSH session may run, bound to a
// and its identity. They take no --db, --as, --for or --log: the server
// decides those.
func newSessionRoot(a *app) *cobra.Command {
	g := &globalFlags{shared: a}

	var forID string

	root := &cobra.Command{
		Use:           "sitroom",
		Short:         "sitroom over SSH: " + sessionCommands,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if forID == "" {
				return nil
			}

			return a.db.Read(cmd.Context(), func(r incident.Reader) error {
				return resolveFor(cmd.Context(), r, &a.actor, forID)
			})
		},
	}

	root.PersistentFlags().StringVar(&forID, "for", "", "staff id of the commander you write for, when you are their loggist")
	root.AddCommand(newStatusCommand(g), newSitrepCommand(g), newLogCommand(g), newExportCommand(g), newVerifyCommand(g),
		newSealCommand(g), newVersionCommand())

	return root
}

// runSessionCommand runs args as actor against the database of base, and
// returns the exit status a shell would give.
func runSessionCommand(ctx context.Context, base *app, actor incident.Actor, args []string, stdout, stderr io.Writer) int {
	a := *base
	a.actor = actor

	root := newSessionRoot(&a)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)

	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}

	slog.Info("session command failed", "actor", actor.ID, "args", args, "err", err)

	var exit *exitError
	if errors.As(err, &exit) {
		if exit.msg != "" {
			fmt.Fprintln(stderr, "sitroom:", exit.msg)
		}

		return exit.code
	}

	if strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintf(stderr, "sitroom: %v; over SSH sitroom runs %s, or the console with ssh -t\n", err, sessionCommands)

		return 2
	}

	fmt.Fprintln(stderr, "sitroom:", err)

	return 2
}

func newSessionCommand(g *globalFlags) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   "session [--incident REF]",
		Short: "Answer an SSH login through the host's own sshd (use as a forced command)",
		Long: `Answer an SSH login through the host's own sshd, as the forced command of
one person's key in authorized_keys, for example:

  command="sitroom session --db /srv/sitroom/incident.db --as ST01",restrict,pty ssh-ed25519 AAAA… sian@laptop

With no command from the client (SSH_ORIGINAL_COMMAND empty) it opens the
console, which needs a terminal (ssh -t). Otherwise it runs what the client
asked for, as the person the key belongs to: ` + sessionCommands + `.
The client cannot choose another database or identity.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Split as sitroom serve splits a session's command, with
			// shell quoting, so that both answer alike.
			requested, err := shlex.Split(os.Getenv("SSH_ORIGINAL_COMMAND"), true)
			if err != nil {
				return &exitError{code: 2, msg: fmt.Sprintf("cannot read the command %q: check its quotes", os.Getenv("SSH_ORIGINAL_COMMAND"))}
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				if len(requested) > 0 {
					if code := runSessionCommand(ctx, a, a.actor, requested, cmd.OutOrStdout(), cmd.ErrOrStderr()); code != 0 {
						return &exitError{code: code}
					}

					return nil
				}

				if !term.IsTerminal(os.Stdin.Fd()) {
					return &exitError{code: 1, msg: "the console needs a terminal: use ssh -t, or give a command: " + sessionCommands}
				}

				return runConsole(ctx, a, ref)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident the console opens on (default: the only open incident)")

	return cmd
}
