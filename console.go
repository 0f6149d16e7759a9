package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/tui"
)

// watchEvery is how often the console polls the database for commits by
// other processes, well inside the one second in which another commander's
// entry should appear.
const watchEvery = 300 * time.Millisecond

// runConsole opens the console on the incident ref, or on the only open
// incident when ref is empty, and returns when the user quits.
func runConsole(ctx context.Context, a *app, ref string) error {
	inc, err := a.svc.ResolveIncident(ctx, ref)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the watch, which closes its channel

	slog.Info("console: start", "incident", inc.Ref, "actor", a.actor.ID)

	opts := tui.Options{
		Context:  ctx,
		Service:  a.svc,
		Incident: inc,
		Actor:    a.actor,
		Zone:     a.zone,
		Changes:  a.db.Watch(ctx, watchEvery),
		Notices:  a.notices,
		NoColor:  os.Getenv("NO_COLOR") != "",
	}

	// A console behind the host's own sshd is as remote as one of sitroom
	// serve.
	via := incident.ViaLocal
	if os.Getenv("SSH_CONNECTION") != "" {
		via = incident.ViaSSH
	}

	ending, err := tui.Run(ctx, a.svc, opts, via, nil)
	if err != nil {
		slog.Error("console: run", "incident", inc.Ref, "err", err)

		return err
	}

	slog.Info("console: closed", "incident", inc.Ref, "ending", ending)

	return nil
}
