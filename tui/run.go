package tui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Session is the part of incident.Service that a console's life around
// the program needs: the presence line and the kept draft.
type Session interface {
	Join(ctx context.Context, p incident.Presence) error
	Leave(ctx context.Context, id string) error
	KeepDraft(ctx context.Context, d incident.Draft) error
	TakeDraft(ctx context.Context, staffID string, incidentID int64) (incident.Draft, bool, error)
}

var _ Session = (*incident.Service)(nil)

// afterwards bounds the writes made after the program has ended, whose
// context may already be cancelled.
const afterwards = 5 * time.Second

// Run shows the console for opts until the user quits, the context ends or
// a StopMsg arrives. While it runs the user is on the presence line. A form
// they left half-typed last time is reopened, and one they leave now is
// kept for next time. via is incident.ViaLocal or incident.ViaSSH. started,
// when not nil, receives the program once it exists, so that the caller can
// send it a StopMsg.
func Run(ctx context.Context, sess Session, opts Options, via string, started func(*tea.Program), progOpts ...tea.ProgramOption) (Ending, error) {
	actor, inc := opts.Actor, opts.Incident
	presence := incident.Presence{
		ID: consoleID(), IncidentID: inc.ID, StaffID: actor.ID, Name: actor.Name, Level: actor.Level,
		Access: actor.Access, Via: via, PID: os.Getpid(), StartedAt: time.Now().UTC(),
	}

	if err := sess.Join(ctx, presence); err != nil {
		slog.Warn("console: not on the presence line", "incident", inc.Ref, "actor", actor.ID, "err", err)
	}

	defer func() {
		c, cancel := context.WithTimeout(context.WithoutCancel(ctx), afterwards)
		defer cancel()

		if err := sess.Leave(c, presence.ID); err != nil {
			slog.Warn("console: still on the presence line", "incident", inc.Ref, "actor", actor.ID, "err", err)
		}
	}()

	if actor.CanWrite() {
		if d, found, err := sess.TakeDraft(ctx, actor.ID, inc.ID); err != nil {
			slog.Warn("console: draft not read", "incident", inc.Ref, "actor", actor.ID, "err", err)
		} else if found {
			opts.Draft = &d
		}
	}

	program := tea.NewProgram(New(opts), append([]tea.ProgramOption{tea.WithContext(ctx)}, progOpts...)...)
	if started != nil {
		started(program)
	}

	final, err := program.Run()
	keepDraft(ctx, sess, actor, inc, final)

	switch {
	case err == nil:
		return EndingOf(final), nil
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return EndingOf(final), nil // a signal, or the connection dropped
	}

	return EndingOf(final), fmt.Errorf("console for incident %s stopped: %w", inc.Ref, err)
}

// keepDraft stores the form left open in final for the next console.
func keepDraft(ctx context.Context, sess Session, actor incident.Actor, inc incident.Incident, final tea.Model) {
	body, ok := DraftOf(final)
	if !ok || final == nil {
		return
	}

	c, cancel := context.WithTimeout(context.WithoutCancel(ctx), afterwards)
	defer cancel()

	d := incident.Draft{StaffID: actor.ID, IncidentID: inc.ID, SavedAt: time.Now().UTC(), Body: body}
	if err := sess.KeepDraft(c, d); err != nil {
		slog.Error("console: unsaved entry lost", "incident", inc.Ref, "actor", actor.ID, "err", err)

		return
	}

	slog.Info("console: unsaved entry kept as a draft", "incident", inc.Ref, "actor", actor.ID)
}

// consoleID returns a random id for the presence line.
func consoleID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // since Go 1.24, crypto/rand.Read returns no error

	return hex.EncodeToString(b)
}
