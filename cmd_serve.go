package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/sshd"
)

// serveFlags are the options of 'sitroom serve'.
type serveFlags struct {
	listen, hostKey, ref string
	idle                 time.Duration
	maxSessions          int
	backups              backupFlags
}

func newServeCommand(g *globalFlags) *cobra.Command {
	fl := serveFlags{}

	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--host-key FILE] [--idle-timeout DURATION] [--max-sessions N]",
		Short: "Run sitroom's own SSH server: one console per session, public keys only",
		Long: `Run an SSH server that gives each person who signs in with a registered key
(sitroom keys add) a console of their own, as themselves. Passwords and
keyboard-interactive sign-in are refused.

It listens on ` + sshd.DefaultListen + ` unless --listen names another address; to
let other machines in, give that address explicitly, such as
--listen 10.20.0.5:2222. The host key is made on the first start (ed25519,
mode 0600) and reused; its fingerprint is printed at start so that users
can check what their ssh client shows.

A session without a terminal (ssh -T HOST status) gets a plain-text answer
from status, sitrep, log, export, verify, seal or version. A console with no key pressed
for --idle-timeout is warned, then closed. SIGINT or SIGTERM tells every
console that the server is stopping, keeps what each user was typing for
their next session, and closes the database.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runServe(ctx, cmd.OutOrStdout(), a, fl)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.listen, "listen", sshd.DefaultListen, "address and port to listen on")
	f.StringVar(&fl.hostKey, "host-key", filepath.Join(dataHome(), "sitroom", "ssh_host_ed25519_key"), "host key file, made on first start")
	f.DurationVar(&fl.idle, "idle-timeout", sshd.DefaultIdleTimeout, "close a console after this long with no key pressed (0 never)")
	f.IntVar(&fl.maxSessions, "max-sessions", sshd.DefaultMaxSessions, "sessions open at once")
	f.StringVar(&fl.ref, "incident", "", "incident consoles open on (default: the only open incident)")
	addBackupFlags(f, &fl.backups)

	return cmd
}

func runServe(ctx context.Context, out io.Writer, a *app, fl serveFlags) error {
	if fl.maxSessions < 1 {
		return fmt.Errorf("invalid --max-sessions %d: give 1 or more", fl.maxSessions)
	}

	if fl.idle < 0 {
		return fmt.Errorf("invalid --idle-timeout %s: give 0 for never, or a time such as 30m", fl.idle)
	}

	// Listen first, so that a start that fails on a busy port leaves no
	// new host key behind.
	ln, err := net.Listen("tcp", fl.listen)
	if err != nil {
		return fmt.Errorf("listen on %s: choose a free address and port with --listen: %w", fl.listen, err)
	}
	defer ln.Close()

	signer, created, err := sshd.HostKey(fl.hostKey)
	if err != nil {
		return err
	}

	srv, err := sshd.New(sshd.Config{
		HostKey: signer, IdleTimeout: fl.idle, MaxSessions: fl.maxSessions, Incident: fl.ref, Zone: a.zone,
	}, sshd.Backend{
		Service: a.svc,
		Watch:   func(ctx context.Context) <-chan struct{} { return a.db.Watch(ctx, watchEvery) },
		Command: func(ctx context.Context, actor incident.Actor, args []string, stdout, stderr io.Writer) int {
			return runSessionCommand(ctx, a, actor, args, stdout, stderr)
		},
	})
	if err != nil {
		return err
	}

	if err := fl.backups.start(ctx, a); err != nil {
		return err
	}

	marker := serveMarker(a.db.Path())
	if err := os.WriteFile(marker, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600); err != nil {
		slog.Warn("ssh: no marker for restore to find", "path", marker, "err", err)
	}
	defer os.Remove(marker)

	fp := sshd.Fingerprint(signer.PublicKey())
	state := "in"
	if created {
		state = "made and saved in"
	}

	fmt.Fprintf(out, "sitroom serving %s on %s\nhost key %s %s\nhost key fingerprint %s\n", a.db.Path(), ln.Addr(), state, fl.hostKey, fp)
	fmt.Fprintln(out, "Users check that fingerprint against what ssh shows the first time. Stop with ctrl+c.")

	if host, _, _ := net.SplitHostPort(fl.listen); host == "" || net.ParseIP(host).IsUnspecified() {
		fmt.Fprintf(out, "WARNING: %s listens on every network interface of this host, not only one: name one address, such as --listen 10.20.0.5:2222, to limit it\n", fl.listen)
		slog.Warn("ssh: listening on every interface", "listen", fl.listen)
	}
	slog.Info("ssh: serving", "db", a.db.Path(), "listen", ln.Addr().String(), "host_key", fp)

	err = srv.Serve(ctx, ln)
	fmt.Fprintln(out, "sitroom server stopped")
	slog.Info("ssh: stopped", "err", err)

	return err
}

// serveMarker is the file that tells restore a server has the database
// at dbPath open: the server's process id, removed when it stops.
func serveMarker(dbPath string) string { return dbPath + ".serving" }

// servingPID returns the process id of a running sitroom serve on the
// database at dbPath, or 0.
func servingPID(dbPath string) int {
	data, err := os.ReadFile(serveMarker(dbPath))
	if err != nil {
		return 0
	}

	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || !processAlive(pid) {
		return 0
	}

	return pid
}
