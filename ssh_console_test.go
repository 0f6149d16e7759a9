package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeConsoles opens two consoles over SSH, one without colour, and
// checks identity, level, presence, live updates and a clean stop that
// keeps a half-typed entry.
func TestServeConsoles(t *testing.T) {
	env := newSSHEnv(t, "ST01", "ST09")
	srv := env.serve()

	silver := env.sshConsole(srv, env.keyPath("ST09"), 100, 30)
	silver.waitFor("Marcus Delacroix-Bennett (ST09) · silver", 15*time.Second)
	silver.waitFor("sort recovery order", 5*time.Second) // silver opens on the systems board

	gold := env.sshConsole(srv, env.keyPath("ST01"), 80, 24, "-o", "SetEnv=NO_COLOR=1")
	gold.waitFor("Siân Pritchard-Evans (ST01) · gold", 15*time.Second)
	gold.waitFor("Incident  NBH-2026-014", 5*time.Second) // gold opens on the dashboard

	// Each sees both on the presence line.
	gold.waitFor("Here 2: Siân Pritchard-Evans gold (you) · Marcus Delacroix-Bennett silver", 5*time.Second)
	silver.waitFor("Here 2: Siân Pritchard-Evans gold · Marcus Delacroix-Bennett silver (you)", 5*time.Second)

	// Colour follows each client's own terminal and NO_COLOR.
	colourCode := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|38;|9[0-7])[0-9;]*m`)
	if shot := gold.tmux("capture-pane", "-p", "-e", "-t", "console"); colourCode.MatchString(shot) {
		t.Errorf("the NO_COLOR session has colour codes")
	}

	if shot := silver.tmux("capture-pane", "-p", "-e", "-t", "console"); !colourCode.MatchString(shot) {
		t.Errorf("the colour session has no colour codes")
	}

	// An entry written by another process appears on both within a second
	// or so of polling.
	silver.keys("2")
	gold.keys("2")
	env.mustRun("--as", "ST07", "log", "Firewall rule pushed to block the partner link")
	silver.waitFor("Firewall rule pushed to block", 3*time.Second)
	gold.waitFor("Firewall rule pushed to block", 3*time.Second)

	// Stopping the server tells each console and keeps what was typed.
	gold.keys("n", "Tab", "Tab")
	gold.typeText("Ambulance divert under review")
	gold.waitFor("Ambulance divert under review", 5*time.Second)
	srv.stop()

	gold.waitExit(10 * time.Second)
	wantContains(t, "stop message", gold.tmux("capture-pane", "-p", "-S", "-50", "-t", "console"), "the server is stopping; anything you were typing is kept")

	// The next console of the same person reopens the entry.
	again := env.serve()
	back := env.sshConsole(again, env.keyPath("ST01"), 80, 24)
	back.waitFor("Restored what you were typing", 15*time.Second)
	back.waitFor("Ambulance divert under review", 5*time.Second)

	if present := env.mustRun("status"); !strings.Contains(present, "Siân Pritchard-Evans (gold, ssh)") || strings.Contains(present, "Marcus") {
		t.Errorf("status after the restart should list only the console now open:\n%s", present)
	}
}

// TestServeConflict has two silver commanders change the same system's
// status at once: the second sees the first change and chooses again, and
// both changes are on the timeline.
func TestServeConflict(t *testing.T) {
	env := newSSHEnv(t, "ST07", "ST09")
	srv := env.serve()

	first := env.sshConsole(srv, env.keyPath("ST09"), 100, 30)
	second := env.sshConsole(srv, env.keyPath("ST07"), 100, 30)

	for _, c := range []*consoleSession{first, second} {
		c.waitFor("sort recovery order", 15*time.Second)
		c.keys("/")
		c.typeText("Car park barriers")
		c.keys("Enter")
		c.waitForRow(regexp.MustCompile(`operational .*PARKING`), 5*time.Second)
		c.keys("c")
		c.waitFor("Change status of PARKING", 5*time.Second)
	}

	// The second types a reason first, then the first saves.
	second.keys("1", "Tab")
	second.typeText("Barrier controller beaconing")

	first.keys("1", "Tab")
	first.typeText("Odd traffic from the barrier controller")
	first.keys("C-s")
	first.waitFor("PARKING: operational → suspected", 5*time.Second)

	// The second is shown the change, keeps the reason typed, and chooses
	// again from what is allowed now.
	second.waitFor("ST09 changed PARKING to suspected since you looked", 5*time.Second)
	second.waitFor("Barrier controller beaconing", 2*time.Second)
	second.keys("2")
	second.keys("C-s")
	second.waitFor("PARKING: suspected → compromised", 5*time.Second)

	var changes []string
	for _, e := range jsonlEntries(t, env.testEnv) {
		if e.Kind == "containment" && strings.Contains(e.Text, "PARKING") {
			changes = append(changes, e.Author+": "+e.Text)
		}
	}

	if len(changes) != 2 || !strings.HasPrefix(changes[0], "ST09: ") || !strings.HasPrefix(changes[1], "ST07: ") {
		t.Errorf("PARKING changes on the timeline = %q, want ST09's then ST07's", changes)
	}
}
