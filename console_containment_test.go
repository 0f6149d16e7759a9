package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// containmentScenario returns the absolute path of a demo scenario file,
// because the binary runs in the test's own folder.
func containmentScenario(t *testing.T, name string) string {
	t.Helper()

	path, err := filepath.Abs(filepath.Join("incident", "demo", "scenario", name))
	if err != nil {
		t.Fatalf("path of %s: %v", name, err)
	}

	return path
}

// selectedRow returns the screen line of the selected row, marked "› ".
func selectedRow(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "› ") {
			return l
		}
	}

	return ""
}

// waitForRow waits until the selected row matches want.
func (s *consoleSession) waitForRow(want *regexp.Regexp, within time.Duration) {
	s.t.Helper()

	deadline := time.Now().Add(within)
	for {
		shot := s.screen()
		if want.MatchString(selectedRow(shot)) {
			return
		}

		if time.Now().After(deadline) {
			s.t.Fatalf("the selected row did not match %s within %s; screen:\n%s", want, within, shot)
		}

		time.Sleep(50 * time.Millisecond)
	}
}

// TestConsoleContainment isolates EPR from the board, accepts its standard
// tasks, finishes them in order, signs its six gate checks and restores it,
// all through the keys, then reads the timeline back with export.
func TestConsoleContainment(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", containmentScenario(t, "systems.csv"))
	env.mustRun("import", "staff", containmentScenario(t, "staff.csv"))
	env.mustRun("incident", "new", "--ref", "T-C1", "--title", "Containment console test", "--as", "ST09")

	c := startConsole(t, env, "--as", "ST09")
	c.waitFor("Containment console test", 10*time.Second)

	c.keys("3")
	c.waitFor("sort recovery order", 5*time.Second)
	c.keys("/")
	c.typeText("electronic patient record")
	c.keys("Enter")
	c.waitForRow(regexp.MustCompile(`● operational\s+5 EPR `), 5*time.Second)

	// Isolate EPR, giving a reason.
	c.keys("c")
	popup := c.waitFor("Change status of EPR", 5*time.Second)
	if !strings.Contains(popup, "3 ◼ isolated") || strings.Contains(popup, "restored") {
		t.Errorf("the status popup from operational should offer isolated third and never restored:\n%s", popup)
	}

	c.keys("3", "Tab")
	c.typeText("Ransomware found on the EPR application servers")
	c.keys("C-s")

	// Accept the six standard tasks as offered.
	c.waitFor("Standard tasks for EPR", 5*time.Second)
	c.waitFor("6 of 6 to create", 5*time.Second)
	c.keys("C-s")
	c.waitFor("Created T-1 to T-6", 5*time.Second)

	// Finish them in order: start, then done.
	c.keys("4")
	c.waitFor("T-6", 5*time.Second)

	for n := 1; n <= 6; n++ {
		label := fmt.Sprintf("T-%d", n)
		if n > 1 {
			c.keys("Down")
		}

		c.waitForRow(regexp.MustCompile(`^› `+label+` +○ todo`), 5*time.Second)
		c.keys("s")
		c.waitForRow(regexp.MustCompile(`^› `+label+` +▶ in progress`), 5*time.Second)
		c.keys("d", "y")
		c.waitForRow(regexp.MustCompile(`^› `+label+` +✓ done`), 5*time.Second)
	}

	// Sign the six gate checks from the board, each with a note.
	c.keys("3")
	c.waitForRow(regexp.MustCompile(`◼ isolated\s+5 EPR .* 0/6 `), 5*time.Second)

	for i := 1; i <= 6; i++ {
		c.keys("g")
		c.waitFor("Sign a gate check for EPR", 5*time.Second)
		c.keys("Tab")
		c.typeText(fmt.Sprintf("checked by the test, step %d", i))
		c.keys("C-s")
		c.waitForRow(regexp.MustCompile(fmt.Sprintf(`EPR .* %d/6 `, i)), 5*time.Second)
	}

	// Restore: isolated to validating (fourth choice), then restored (third).
	c.keys("c")
	c.waitFor("Now ◼ isolated", 5*time.Second)
	c.keys("4", "Tab")
	c.typeText("All six checks signed; validating")
	c.keys("C-s")
	c.waitForRow(regexp.MustCompile(`◐ validating\s+5 EPR `), 5*time.Second)

	c.keys("c")
	c.waitFor("Now ◐ validating", 5*time.Second)
	c.keys("3", "Tab")
	c.typeText("Validated with the service owner")
	c.keys("C-s")
	c.waitForRow(regexp.MustCompile(`✓ restored\s+5 EPR `), 5*time.Second)

	c.keys("q")
	if status := c.waitExit(5 * time.Second); status != "0" {
		t.Errorf("sitroom exited with status %s after q, want 0", status)
	}

	checkContainmentExport(t, env)
}

// checkContainmentExport reads the JSON Lines export and checks that the
// timeline contains every step, in order, each written by ST09.
func checkContainmentExport(t *testing.T, env *testEnv) {
	t.Helper()

	type record struct {
		Record string `json:"record"`
		Seq    int64  `json:"seq"`
		Author string `json:"author"`
		Kind   string `json:"kind"`
		Text   string `json:"text"`
	}

	var entries []record

	for i, line := range strings.Split(strings.TrimSpace(env.mustRun("export", "--format", "jsonl")), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("export line %d is not JSON: %v\n%s", i+1, err, line)
		}

		if r.Record == "entry" {
			entries = append(entries, r)
		}
	}

	want := []string{
		"Incident declared",
		"EPR (Electronic patient record): operational → isolated. Reason: Ransomware found on the EPR application servers",
	}

	for n := 1; n <= 6; n++ {
		want = append(want, fmt.Sprintf("Task T-%d created: ", n))
	}

	for n := 1; n <= 6; n++ {
		want = append(want, fmt.Sprintf("Task T-%d started: ", n), fmt.Sprintf("Task T-%d marked done: ", n))
	}

	for _, check := range []string{"clean-source", "immutable-backup", "credentials-reset", "scan-clean", "monitoring", "owner-sign-off"} {
		want = append(want, "EPR gate check signed: ", "("+check+")")
	}

	want = append(want,
		"EPR (Electronic patient record): isolated → validating. Reason: All six checks signed; validating",
		"EPR (Electronic patient record): validating → restored. Reason: Validated with the service owner",
	)

	// The gate steps above come in pairs that must both be in one entry.
	var steps [][]string
	for i := 0; i < len(want); i++ {
		if want[i] == "EPR gate check signed: " {
			steps = append(steps, []string{want[i], want[i+1]})
			i++

			continue
		}

		steps = append(steps, []string{want[i]})
	}

	if len(entries) != len(steps) {
		texts := make([]string, len(entries))
		for i, e := range entries {
			texts[i] = fmt.Sprintf("#%d %s: %s", e.Seq, e.Author, e.Text)
		}

		t.Fatalf("the timeline has %d entries, want %d:\n%s", len(entries), len(steps), strings.Join(texts, "\n"))
	}

	for i, step := range steps {
		e := entries[i]
		for _, part := range step {
			if !strings.Contains(e.Text, part) {
				t.Errorf("entry #%d = %q, want it to contain %q", e.Seq, e.Text, part)
			}
		}

		if e.Author != "ST09" {
			t.Errorf("entry #%d (%q) was written by %q, want ST09", e.Seq, e.Text, e.Author)
		}
	}

	if out := env.mustRun("verify"); !strings.Contains(out, "chain OK") {
		t.Errorf("verify after the console's changes: %q, want chain OK", out)
	}
}
