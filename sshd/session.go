package sshd

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/tui"
)

// stopReason is what a console is told, and its user shown, when the
// server stops.
const stopReason = "the server is stopping"

func stopMsg() tea.Msg { return tui.StopMsg{Reason: stopReason} }

// handle serves one session: a console when the client asked for a
// terminal and gave no command, else the command in plain text.
func (s *Server) handle(sess ssh.Session) {
	remote := sess.RemoteAddr().String()

	if !s.admit() {
		slog.Info("ssh: session refused: limit reached", "remote", remote, "limit", s.cfg.MaxSessions)
		fmt.Fprintf(sess.Stderr(), "sitroom: this server already has its limit of %d sessions open; try again later, "+
			"or ask the operator to raise --max-sessions\r\n", s.cfg.MaxSessions)
		_ = sess.Exit(1)

		return
	}
	defer s.release()

	// The key that completed authentication, never one only offered.
	fp := Fingerprint(sess.PublicKey())

	actor, err := s.be.Service.ActorForKey(sess.Context(), fp)
	if err != nil {
		slog.Info("ssh: session refused", "remote", remote, "key", fp, "why", err)
		fmt.Fprintf(sess.Stderr(), "sitroom: %v\r\n", err)
		_ = sess.Exit(1)

		return
	}

	slog.Info("ssh: session", "remote", remote, "key", fp, "staff", actor.ID, "level", actor.Level, "command", sess.RawCommand())
	defer slog.Info("ssh: session ended", "remote", remote, "staff", actor.ID)

	_, _, hasTerminal := sess.Pty()

	switch {
	case len(sess.Command()) > 0:
		_ = sess.Exit(s.command(sess, actor))
	case !hasTerminal:
		fmt.Fprint(sess.Stderr(), "sitroom: the console needs a terminal: use ssh -t, "+
			"or give a command that answers in plain text: status, sitrep or export --format md\r\n")
		_ = sess.Exit(1)
	default:
		_ = sess.Exit(s.console(sess, actor))
	}
}

// admit counts a new session, and reports false when the server is at its
// limit or stopping.
func (s *Server) admit() bool {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.stopping || s.open >= s.cfg.MaxSessions {
		return false
	}

	s.open++
	s.done.Add(1)

	return true
}

func (s *Server) release() {
	s.mu.Lock()
	s.open--
	s.mu.Unlock()
	s.done.Done()
}

// command runs a command given without a terminal.
func (s *Server) command(sess ssh.Session, actor incident.Actor) int {
	if s.be.Command == nil {
		fmt.Fprint(sess.Stderr(), "sitroom: this server runs no commands\r\n")

		return 1
	}

	return s.be.Command(sess.Context(), actor, sess.Command(), sess, sess.Stderr())
}

// console runs one console for the session's own terminal: its size, its
// TERM and NO_COLOR, and its window changes.
func (s *Server) console(sess ssh.Session, actor incident.Actor) int {
	ctx := sess.Context()

	inc, err := s.be.Service.ResolveIncident(ctx, s.cfg.Incident)
	if err != nil {
		fmt.Fprintf(sess.Stderr(), "sitroom: %v\r\n", err)

		return 1
	}

	changes, unsubscribe := s.hub.subscribe()
	defer unsubscribe()

	opts := tui.Options{
		Context: ctx, Service: s.be.Service, Incident: inc, Actor: actor, Zone: s.cfg.Zone,
		Changes: changes, NoColor: hasEnv(sess.Environ(), "NO_COLOR"), IdleTimeout: s.cfg.IdleTimeout,
	}

	var program *tea.Program
	started := func(p *tea.Program) {
		program = p
		s.track(p, true)
		go forwardWindowChanges(ctx, sess, p)
	}

	// The server handles SIGINT and SIGTERM for every session; a program
	// that caught them itself would end at once, without telling its user.
	progOpts := append(bm.MakeOptions(sess), tea.WithoutSignalHandler())

	ending, err := tui.Run(ctx, s.be.Service, opts, incident.ViaSSH, started, progOpts...)
	if program != nil {
		s.track(program, false)
	}

	if err != nil {
		slog.Error("ssh: console failed", "staff", actor.ID, "err", err)
		fmt.Fprintf(sess.Stderr(), "sitroom: %v\r\n", err)

		return 1
	}

	switch ending {
	case tui.EndedIdle:
		fmt.Fprintf(sess.Stderr(), "sitroom: closed after %s with no key pressed; connect again to carry on\r\n", s.cfg.IdleTimeout.Round(time.Second))
	case tui.EndedStop:
		fmt.Fprintf(sess.Stderr(), "sitroom: %s; anything you were typing is kept and will reopen when you connect again\r\n", stopReason)
	}

	return 0
}

func (s *Server) track(p *tea.Program, running bool) {
	s.mu.Lock()
	defer s.mu.Unlock()

	if !running {
		delete(s.sessions, p)

		return
	}

	s.sessions[p] = true

	// A console that started after the server began to stop missed the
	// message the others were sent.
	if s.stopping {
		go p.Send(stopMsg())
	}
}

// forwardWindowChanges passes the client's window size to the program
// until the session ends. The session's channel of changes holds one, so
// it must be read for the session to go on.
func forwardWindowChanges(ctx context.Context, sess ssh.Session, p *tea.Program) {
	_, windows, _ := sess.Pty()

	for {
		select {
		case <-ctx.Done():
			return
		case w, ok := <-windows:
			if !ok {
				return
			}

			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}
}

// hasEnv reports whether env sets name to anything but the empty string.
func hasEnv(env []string, name string) bool {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, name+"="); ok && v != "" {
			return true
		}
	}

	return false
}
