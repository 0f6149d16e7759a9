package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// testNow is the fixed clock of model tests: 14:30 UTC, 15:30 in London.
var testNow = time.Date(2026, 6, 11, 14, 30, 0, 0, time.UTC)

// london is the display zone of model tests.
func london(t testing.TB) *time.Location {
	t.Helper()

	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}

	return loc
}

// fixture is a real database in t.TempDir() with one incident and a
// service whose clock is fixed at testNow unless a test moves it.
type fixture struct {
	t     testing.TB
	db    *store.DB
	svc   *incident.Service
	inc   incident.Incident
	actor incident.Actor
	now   time.Time
}

func newFixture(t testing.TB, exercise bool) *fixture {
	t.Helper()

	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sitroom.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}

	t.Cleanup(func() { db.Close() })

	f := &fixture{t: t, db: db, now: testNow, actor: incident.Actor{ID: "ST05", Name: "Alex Smith", Level: incident.LevelGold, Setup: true}}
	f.svc = incident.NewService(db, func() time.Time { return f.now })

	f.inc, err = f.svc.Declare(context.Background(), f.actor, incident.NewIncident{
		Ref: "T-1", Title: "Ransomware on EPR", Severity: "critical", Exercise: exercise,
		At: testNow.Add(-(2*24*time.Hour + 3*time.Hour + 14*time.Minute)),
	})
	if err != nil {
		t.Fatalf("declare incident: %v", err)
	}

	return f
}

// log writes an entry through the service and fails the test on error.
func (f *fixture) log(in incident.NewEntry) incident.Entry {
	f.t.Helper()

	e, err := f.svc.Log(context.Background(), f.actor, f.inc.Ref, in)
	if err != nil {
		f.t.Fatalf("log %q: %v", in.Text, err)
	}

	return e
}

// model returns a console on the fixture's incident, sized and with its
// first reads done.
func (f *fixture) model(width, height int) Model {
	f.t.Helper()

	m := New(Options{
		Service: f.svc, Incident: f.inc, Actor: f.actor, Zone: london(f.t),
		Now: func() time.Time { return f.now },
	})

	m = send(f.t, m, tea.WindowSizeMsg{Width: width, Height: height})
	m = run(f.t, m, fetchEntries(m.opts.Context, f.svc, f.inc.ID, 0, m.opts.Zone))
	m = run(f.t, m, loadDashboard(m.opts.Context, f.svc, f.inc.Ref, m.dashGen))
	m = run(f.t, m, loadPeople(m.opts.Context, f.svc, f.inc.Ref, m.peopleRead.gen))
	m = run(f.t, m, loadComms(m.opts.Context, f.svc, f.inc.Ref, f.inc.ID, m.commsRead.gen))
	m = run(f.t, m, loadPresence(m.opts.Context, f.svc, f.inc.ID))

	return run(f.t, m, loadBoard(m.opts.Context, f.svc, f.inc.Ref, m.contGen))
}

// send gives msg to the model and runs whatever Cmd comes back.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()

	next, cmd := m.Update(msg)

	return run(t, next.(Model), cmd)
}

// run executes cmd and everything that follows from it, feeding each
// message back into the model. Tests never run the clock or the change
// wait, so every Cmd here returns promptly. One that does not fails the
// test instead of hanging it.
func run(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()

	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 200 {
			t.Fatal("commands kept producing commands after 200 steps")
		}

		next := queue[0]
		queue = queue[1:]

		if next == nil {
			continue
		}

		done := make(chan tea.Msg, 1)
		go func() { done <- next() }()

		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("a command did not return within 5 s")
		}

		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)

			continue
		}

		updated, more := m.Update(msg)
		m = updated.(Model)
		queue = append(queue, more)
	}

	return m
}

// quits reports whether cmd returns tea.QuitMsg.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}

	_, ok := cmd().(tea.QuitMsg)

	return ok
}

// press sends one key. Names such as "tab", "enter", "esc", "ctrl+s",
// "shift+tab", "up" and "pgup" are keys, and anything else is typed as text.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()

	for _, k := range keys {
		m = send(t, m, keyMsg(k))
	}

	return m
}

// typeText types s one character at a time.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()

	for _, r := range s {
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}

	return m
}

func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"enter":     {Code: tea.KeyEnter},
		"esc":       {Code: tea.KeyEscape},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"pgup":      {Code: tea.KeyPgUp},
		"pgdown":    {Code: tea.KeyPgDown},
		"home":      {Code: tea.KeyHome},
		"end":       {Code: tea.KeyEnd},
		"right":     {Code: tea.KeyRight},
		"left":      {Code: tea.KeyLeft},
		"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+j":    {Code: 'j', Mod: tea.ModCtrl},
		"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
		"backspace": {Code: tea.KeyBackspace},
	}

	if k, ok := special[name]; ok {
		return k
	}

	r := []rune(name)[0]

	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen returns the model's view as plain text lines.
func screen(m Model) []string {
	return strings.Split(ansi.Strip(m.View().Content), "\n")
}

// screenText returns the model's view as one plain string.
func screenText(m Model) string {
	return ansi.Strip(m.View().Content)
}

// lineWith returns the first screen line containing s, or "".
func lineWith(lines []string, s string) string {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return l
		}
	}

	return ""
}

func mustDuration(t testing.TB, s string) time.Duration {
	t.Helper()

	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatalf("parse duration %q: %v", s, err)
	}

	return d
}

func teaResize(width, height int) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: width, Height: height}
}
