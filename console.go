package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

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

	model := tui.New(tui.Options{
		Context:  ctx,
		Service:  a.svc,
		Incident: inc,
		Actor:    a.actor,
		Zone:     a.zone,
		Changes:  a.db.Watch(ctx, watchEvery),
		NoColor:  os.Getenv("NO_COLOR") != "",
	})

	slog.Info("console: start", "incident", inc.Ref, "actor", a.actor.ID)

	_, err = tea.NewProgram(model, tea.WithContext(ctx)).Run()

	switch {
	case err == nil:
		slog.Info("console: quit", "incident", inc.Ref)

		return nil
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		slog.Info("console: stopped by signal", "incident", inc.Ref)

		return nil
	}

	slog.Error("console: run", "incident", inc.Ref, "err", err)

	return fmt.Errorf("console for incident %s stopped: %w", inc.Ref, err)
}
