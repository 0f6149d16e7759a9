package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// globalFlags are the flags every command takes.
type globalFlags struct {
	db    string
	as    string
	forID string
	zone  string
	log   string

	// shared is an app already open, for commands run inside an SSH
	// session of sitroom serve: they use its database and the session's
	// identity, and take no --db or --as.
	shared *app
}

// app is the open database, service, identity and zone a command works with.
type app struct {
	db      *store.DB
	svc     *incident.Service
	actor   incident.Actor
	zone    *time.Location
	logFile io.Closer

	// notices carries messages from work in the background, such as a
	// failed backup, for the console to show; nil when there is none.
	notices chan string
}

// defaultDBPath returns SITROOM_DB, else $XDG_DATA_HOME/sitroom/sitroom.db.
func defaultDBPath() string {
	if p := os.Getenv("SITROOM_DB"); p != "" {
		return p
	}

	return filepath.Join(dataHome(), "sitroom", "sitroom.db")
}

func dataHome() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return d
	}

	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}

	return filepath.Join(home, ".local", "share")
}

// defaultLogPath returns SITROOM_LOG, else $XDG_STATE_HOME/sitroom/sitroom.log.
func defaultLogPath() string {
	if p := os.Getenv("SITROOM_LOG"); p != "" {
		return p
	}

	state := os.Getenv("XDG_STATE_HOME")
	if state == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}

		state = filepath.Join(home, ".local", "state")
	}

	return filepath.Join(state, "sitroom", "sitroom.log")
}

// openLog points slog at the log file, never at the terminal the console
// draws on. A log that cannot be opened is not fatal: logging is dropped.
func openLog(path string) io.Closer {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err == nil {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err == nil {
			slog.SetDefault(slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})))

			return f
		}
	}

	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))

	return io.NopCloser(nil)
}

// loadZone returns the display zone: --zone, else SITROOM_TZ, else the
// host's local zone.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		name = os.Getenv("SITROOM_TZ")
	}

	if name == "" {
		return time.Local, nil
	}

	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("invalid time zone %q: use an IANA name such as Europe/London: %w", name, err)
	}

	return loc, nil
}

// identity returns the identity to record writes under: --as, else
// SITROOM_USER, else the OS user name.
func identity(flag string) string {
	if flag != "" {
		return flag
	}

	if v := os.Getenv("SITROOM_USER"); v != "" {
		return v
	}

	if u, err := user.Current(); err == nil {
		return u.Username
	}

	return ""
}

// openApp opens the database and works out who is acting.
func openApp(ctx context.Context, g *globalFlags) (*app, error) {
	logFile := openLog(g.log)

	zone, err := loadZone(g.zone)
	if err != nil {
		logFile.Close()

		return nil, err
	}

	db, err := store.Open(ctx, g.db)
	if err != nil {
		slog.Error("open database", "path", g.db, "err", err)
		logFile.Close()

		return nil, err
	}

	a := &app{db: db, svc: incident.NewService(db, nil), zone: zone, logFile: logFile}
	a.svc.SetProcessCheck(processAlive)

	a.actor, err = resolveActor(ctx, db, identity(g.as), g.forID)
	if err != nil {
		a.close()

		return nil, err
	}

	slog.Info("opened database", "path", g.db, "actor", a.actor.ID)

	return a, nil
}

// resolveActor looks id up on the roster, first as a staff id and then as
// a login, and forID as the commander a loggist writes for. Someone not on
// the roster keeps the identity they gave, with no command level, and may
// write only while the roster is empty.
func resolveActor(ctx context.Context, db *store.DB, id, forID string) (incident.Actor, error) {
	actor := incident.Actor{ID: id, Level: incident.LevelNone}

	err := db.Read(ctx, func(r incident.Reader) error {
		m, found, err := lookUpIdentity(ctx, r, id)
		if err != nil {
			return err
		}

		if !found {
			staff, err := r.Staff(ctx)
			actor.Setup = len(staff) == 0

			return err
		}

		actor.ID, actor.Name, actor.Level, actor.Access, actor.OnRoster = m.ID, m.Name, m.Level, m.Access, true

		return resolveFor(ctx, r, &actor, forID)
	})

	return actor, err
}

// lookUpIdentity finds the staff member whose id, or failing that whose
// login, is id.
func lookUpIdentity(ctx context.Context, r incident.Reader, id string) (incident.StaffMember, bool, error) {
	if id == "" {
		return incident.StaffMember{}, false, nil
	}

	m, err := r.StaffByID(ctx, id)
	if errors.Is(err, incident.ErrNotFound) {
		m, err = r.StaffByLogin(ctx, id)
	}

	if errors.Is(err, incident.ErrNotFound) {
		return staffByIDFold(ctx, r, id)
	}

	return m, err == nil, err
}

// staffByIDFold finds a staff id typed in another letter case, as
// incident references are matched.
func staffByIDFold(ctx context.Context, r incident.Reader, id string) (incident.StaffMember, bool, error) {
	staff, err := r.Staff(ctx)
	if err != nil {
		return incident.StaffMember{}, false, err
	}

	for _, m := range staff {
		if strings.EqualFold(m.ID, id) {
			return m, true, nil
		}
	}

	return incident.StaffMember{}, false, nil
}

// resolveFor fills in the commander a loggist writes for.
func resolveFor(ctx context.Context, r incident.Reader, actor *incident.Actor, forID string) error {
	if forID == "" {
		return nil
	}

	c, err := r.StaffByID(ctx, forID)
	if errors.Is(err, incident.ErrNotFound) {
		return fmt.Errorf("--for %s: no staff member with that id is on the roster: give the commander's staff id", forID)
	}

	if err != nil {
		return err
	}

	if c.Access != incident.AccessCommander {
		return fmt.Errorf("--for %s: %s is a %s, and a loggist writes for a commander", forID, c.Name, c.Access)
	}

	actor.ForID, actor.ForName, actor.ForLevel = c.ID, c.Name, c.Level

	return nil
}

func (a *app) close() {
	if err := a.db.Close(); err != nil {
		slog.Error("close database", "err", err)
	}

	a.logFile.Close()
}
