package sshd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Defaults for sitroom serve.
const (
	DefaultListen      = "127.0.0.1:2222"
	DefaultIdleTimeout = 30 * time.Minute
	DefaultMaxSessions = 64
)

// stopWait is how long a stopping server waits for its consoles to close
// and keep their drafts before it drops the connections.
const stopWait = 5 * time.Second

// Config holds the server's settings.
type Config struct {
	HostKey     gossh.Signer
	IdleTimeout time.Duration // a console with no key for this long closes; 0 means never
	MaxSessions int           // sessions open at once, console or command; 0 means DefaultMaxSessions
	Incident    string        // incident to open, or "" for the only open one
	Zone        *time.Location
}

// Backend holds the service and commands the server gives each session.
type Backend struct {
	Service *incident.Service

	// Watch signals every commit to the database, as store.DB.Watch does.
	Watch func(ctx context.Context) <-chan struct{}

	// Command runs what a session without a terminal asked for, such as
	// "status", as actor, and returns its exit status.
	Command func(ctx context.Context, actor incident.Actor, args []string, stdout, stderr io.Writer) int
}

// Server is sitroom's SSH server.
type Server struct {
	cfg Config
	be  Backend
	srv *ssh.Server
	hub *hub

	mu       sync.Mutex
	sessions map[*tea.Program]bool // consoles running, each sent a StopMsg when the server stops
	open     int                   // sessions of any kind
	stopping bool
	done     sync.WaitGroup // one per session
}

// New returns a server for cfg and be. It listens only once Serve is
// called.
func New(cfg Config, be Backend) (*Server, error) {
	if cfg.HostKey == nil {
		return nil, errors.New("no host key")
	}

	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}

	if cfg.Zone == nil {
		cfg.Zone = time.Local
	}

	s := &Server{cfg: cfg, be: be, hub: newHub(), sessions: map[*tea.Program]bool{}}

	s.srv = &ssh.Server{
		Handler:          s.handle,
		PublicKeyHandler: s.checkKey,
		// No password or keyboard-interactive handler: those methods are
		// refused and never offered.
		ServerConfigCallback: func(ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{AuthLogCallback: logAuth, MaxAuthTries: 6}
		},
		ConnectionFailedCallback: func(conn net.Conn, err error) {
			slog.Info("ssh: connection failed", "remote", conn.RemoteAddr().String(), "err", err)
		},
		ConnCallback: func(_ ssh.Context, conn net.Conn) net.Conn {
			slog.Info("ssh: connection", "remote", conn.RemoteAddr().String())

			return conn
		},
		ConnectionCloseCallback: func(conn net.Conn) {
			slog.Info("ssh: disconnection", "remote", conn.RemoteAddr().String())
		},
		HandshakeTimeout: 30 * time.Second,
		Version:          "sitroom",
	}

	s.srv.AddHostKey(cfg.HostKey)

	return s, nil
}

// Serve accepts connections on ln until ctx ends, then tells each console
// that the server is stopping, gives them stopWait to close and keep what
// their users were typing, and closes every connection.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	watchCtx, stopWatch := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWatch()

	if s.be.Watch != nil {
		go s.hub.run(s.be.Watch(watchCtx))
	}

	served := make(chan error, 1)
	go func() { served <- s.srv.Serve(ln) }()

	select {
	case err := <-served:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}

		return fmt.Errorf("serve SSH on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}

	s.stop(ln)

	return nil
}

func (s *Server) stop(ln net.Listener) {
	s.mu.Lock()
	s.stopping = true
	programs := make([]*tea.Program, 0, len(s.sessions))
	for p := range s.sessions {
		programs = append(programs, p)
	}
	s.mu.Unlock()

	slog.Info("ssh: stopping", "consoles", len(programs))

	// Stop listening first, so that nobody joins while the rest close.
	// The server's own Shutdown would also end every session at once,
	// before its console could say why or keep a draft.
	_ = ln.Close()

	for _, p := range programs {
		p.Send(stopMsg())
	}

	waited := make(chan struct{})
	go func() { s.done.Wait(); close(waited) }()

	select {
	case <-waited:
	case <-time.After(stopWait):
		slog.Warn("ssh: consoles still open after the wait; closing their connections")
	}

	_ = s.srv.Close()

	// The connections are closed; let each session keep its draft and
	// leave the presence line before the caller closes the database.
	select {
	case <-waited:
	case <-time.After(stopWait):
		slog.Warn("ssh: sessions still ending after their connections closed")
	}
}

// checkKey accepts a key registered to someone on the roster. It runs for
// every key a client offers, before the client proves that it holds the
// private key, so it records nothing about who is signing in: the session
// reads the key that completed authentication instead.
func (s *Server) checkKey(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := Fingerprint(key)

	actor, err := s.be.Service.ActorForKey(ctx, fp)
	if err != nil {
		slog.Info("ssh: key refused", "remote", ctx.RemoteAddr().String(), "user", ctx.User(), "key", fp, "why", err)

		return false
	}

	slog.Info("ssh: key offered", "remote", ctx.RemoteAddr().String(), "user", ctx.User(), "key", fp, "staff", actor.ID)

	return true
}

// logAuth records each authentication attempt and its outcome.
func logAuth(conn gossh.ConnMetadata, method string, err error) {
	switch {
	case err == nil:
		slog.Info("ssh: authenticated", "remote", conn.RemoteAddr().String(), "user", conn.User(), "method", method)
	case method == "none":
		// The client asking which methods are allowed.
	default:
		slog.Info("ssh: authentication refused", "remote", conn.RemoteAddr().String(), "user", conn.User(), "method", method, "err", err)
	}
}
