package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The console tests run the real binary in a tmux server of their own and
// read the screen back with capture-pane, as a commander would see it.

// consoleSessions numbers tmux sockets so that tests never share a server.
var consoleSessions atomic.Int64

// consoleSession is one sitroom console running in a private tmux server.
type consoleSession struct {
	t      testing.TB
	socket string
}

// startConsole runs sitroom with args in a 100x30 tmux window, with env's
// database, log and zone. The pane stays after sitroom exits, so that a
// test can read how it ended.
func startConsole(t *testing.T, env *testEnv, args ...string) *consoleSession {
	t.Helper()

	words := []string{"env",
		"SITROOM_DB=" + env.db,
		"SITROOM_LOG=" + filepath.Join(env.dir, "sitroom.log"),
		"SITROOM_TZ=Europe/London",
		"SITROOM_USER=",
		"NO_COLOR=",
		sitroomBin,
	}

	return startInTmux(t, env.dir, 100, 30, append(words, args...))
}

// startInTmux runs the command words in a tmux window of width by height
// in a tmux server of its own, killed when the test ends.
func startInTmux(t testing.TB, dir string, width, height int, words []string) *consoleSession {
	t.Helper()

	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: install tmux to run the console tests")
	}

	config := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(config, []byte("set -g remain-on-exit on\n"), 0o600); err != nil {
		t.Fatalf("write tmux config: %v", err)
	}

	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellWord(w)
	}

	s := &consoleSession{t: t, socket: fmt.Sprintf("sitroom-test-%d-%d", os.Getpid(), consoleSessions.Add(1))}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })

	// The shell prints the exit status on the screen, because tmux 3.3
	// does not always record it for a dead pane.
	command := strings.Join(quoted, " ") + `; echo "sitroom exit status $?"`
	s.tmux("-f", config, "new-session", "-d", "-s", "console", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), command)

	return s
}

// shellWord quotes s for the shell that tmux runs the command with.
func shellWord(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func (s *consoleSession) tmux(args ...string) string {
	s.t.Helper()

	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}

	return string(out)
}

func (s *consoleSession) screen() string {
	s.t.Helper()

	return s.tmux("capture-pane", "-p", "-t", "console")
}

// keys presses tmux key names such as "n", "Tab", "C-s" or "Escape", one
// at a time, so that none is read as part of an escape sequence.
func (s *consoleSession) keys(names ...string) {
	s.t.Helper()

	for _, k := range names {
		s.tmux("send-keys", "-t", "console", k)
		time.Sleep(50 * time.Millisecond)
	}
}

// typeText types text literally.
func (s *consoleSession) typeText(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", "console", "-l", text)
}

// waitFor polls the screen until it contains want, and fails the test with
// the last screen when within does not suffice.
func (s *consoleSession) waitFor(want string, within time.Duration) string {
	s.t.Helper()

	deadline := time.Now().Add(within)
	for {
		shot := s.screen()
		if strings.Contains(shot, want) {
			return shot
		}

		if time.Now().After(deadline) {
			s.t.Fatalf("the console did not show %q within %s; screen:\n%s", want, within, shot)
		}

		time.Sleep(50 * time.Millisecond)
	}
}

// waitExit waits for sitroom to exit and returns its exit status. It reads
// the scrollback too, because tmux may scroll the status line off the
// screen when it marks the pane dead.
func (s *consoleSession) waitExit(within time.Duration) string {
	s.t.Helper()

	const marker = "sitroom exit status "

	deadline := time.Now().Add(within)
	for {
		shot := s.tmux("capture-pane", "-p", "-S", "-100", "-t", "console")
		if _, status, ok := strings.Cut(shot, marker); ok {
			return strings.TrimSpace(strings.SplitN(status, "\n", 2)[0])
		}

		if time.Now().After(deadline) {
			s.t.Fatalf("sitroom did not exit within %s; screen:\n%s", within, shot)
		}

		time.Sleep(50 * time.Millisecond)
	}
}

func TestConsoleLogsDecision(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("incident", "new", "--ref", "T-1", "--title", "Console test incident", "--as", "ST05")

	c := startConsole(t, env, "--as", "ST05")
	c.waitFor("Console test incident", 10*time.Second)

	c.keys("2")
	c.waitFor("Incident declared", 5*time.Second)

	c.keys("n")
	c.waitFor("New entry", 5*time.Second)
	c.keys("d", "Tab", "Tab")
	c.typeText("Divert ambulances to St Thomas")
	c.keys("Tab")
	c.waitFor("Rationale *", 5*time.Second)
	c.typeText("ED cannot see records while EPR is down")
	c.keys("C-s")

	shot := c.waitFor("Logged entry #2", 5*time.Second)
	if !strings.Contains(shot, "decision") || !strings.Contains(shot, "Divert ambulances to St Thomas") {
		t.Errorf("the timeline does not show the new decision:\n%s", shot)
	}

	c.keys("q")
	if status := c.waitExit(5 * time.Second); status != "0" {
		t.Errorf("sitroom exited with status %s after q, want 0", status)
	}

	md := env.mustRun("export", "--format", "md")
	for _, want := range []string{"Divert ambulances to St Thomas", "ED cannot see records while EPR is down"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown export lacks %q", want)
		}
	}

	if out := env.mustRun("verify"); !strings.Contains(out, "chain OK") {
		t.Errorf("verify after the console wrote: %q, want chain OK", out)
	}
}

func TestConsoleShowsOtherWriter(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("incident", "new", "--ref", "T-2", "--title", "Live update incident", "--as", "ST05")

	c := startConsole(t, env, "--as", "ST05")
	c.waitFor("Live update incident", 10*time.Second)
	c.keys("2")
	c.waitFor("Incident declared", 5*time.Second)

	env.mustRun("log", "--as", "ST09", "Bronze reports the ED printer is back")
	c.waitFor("Bronze reports the ED printer is back", 2*time.Second)

	c.keys("q")
	c.waitExit(5 * time.Second)
}

func TestConsoleAmendsEntry(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("incident", "new", "--ref", "T-3", "--title", "Amend test incident", "--as", "ST05")
	env.mustRun("log", "--as", "ST05", "--kind", "action", "Ambulances diverted to St Marys")

	c := startConsole(t, env, "--as", "ST05")
	c.waitFor("Amend test incident", 10*time.Second)

	c.keys("2")
	c.waitFor("Ambulances diverted to St Marys", 5*time.Second)

	// The timeline follows its end, so the logged entry is selected.
	c.keys("a")
	form := c.waitFor("Correct entry #2", 5*time.Second)
	for _, want := range []string{"Ambulances diverted to St Marys", "action", "Reason for correction *", "as in the original"} {
		if !strings.Contains(form, want) {
			t.Errorf("the correction form lacks %q:\n%s", want, form)
		}
	}

	c.keys("C-u")
	c.typeText("Ambulances diverted to St Thomas")
	c.keys("Tab", "Tab")
	c.typeText("wrong hospital named")
	c.keys("C-s")

	shot := c.waitFor("Logged correction #3 of entry #2", 5*time.Second)
	for _, want := range []string{"corrected by #3", "corrects #2", "Ambulances diverted to St Marys", "Ambulances diverted to St Thomas"} {
		if !strings.Contains(shot, want) {
			t.Errorf("the timeline after the correction lacks %q:\n%s", want, shot)
		}
	}

	c.keys("q")
	if status := c.waitExit(5 * time.Second); status != "0" {
		t.Errorf("sitroom exited with status %s after q, want 0", status)
	}

	if out, errOut, code := env.run("verify"); code != 0 || !strings.Contains(out, "chain OK") {
		t.Errorf("verify after the correction exited %d: %s%s", code, out, errOut)
	}

	md := env.mustRun("export", "--format", "md")
	for _, want := range []string{"~~Ambulances diverted to St Marys~~", "Ambulances diverted to St Thomas", "wrong hospital named"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown export lacks %q:\n%s", want, md)
		}
	}
}
