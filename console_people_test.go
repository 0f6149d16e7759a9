package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestConsolePeopleComms checks someone in and drafts a press statement as
// silver, who may not approve it. Silver then starts the ICO clock and
// meets it with a message silver may approve and send. Gold approves and
// sends the press statement in a second console, and export reads the
// timeline back.
func TestConsolePeopleComms(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", containmentScenario(t, "systems.csv"))
	env.mustRun("import", "staff", containmentScenario(t, "staff.csv"))
	env.mustRun("incident", "new", "--ref", "T-PC1", "--title", "People and comms console test", "--as", "ST09")

	c := startConsole(t, env, "--as", "ST09")
	c.waitFor("People and comms console test", 10*time.Second)

	// Check in the first person on the roster, ST01, as the roster has them.
	c.keys("5")
	c.waitForRow(regexp.MustCompile(`^› ST01 .* off duty`), 5*time.Second)
	c.keys("c")
	c.waitFor("Check in Siân Pritchard-Evans (ST01)", 5*time.Second)
	c.keys("C-s")
	c.waitFor("ST01 checked in, contact by mobile", 5*time.Second)
	c.waitFor("1 on duty", 5*time.Second)

	if row := selectedRow(c.screen()); !strings.Contains(row, "ST01") || strings.Contains(row, "off duty") {
		t.Errorf("the selected row after checking in = %q, want ST01 on duty", row)
	}

	// Draft a press statement, and try to approve it as silver.
	c.keys("6")
	c.waitFor("NHS England notification", 5*time.Second)
	c.keys("t")
	c.waitFor("New message", 5*time.Second)
	c.keys("Tab", "Tab")
	c.typeText("press")
	c.waitFor("only gold approves it", 5*time.Second)
	c.keys("Tab")
	c.typeText("BBC Radio Northbridge")
	c.keys("Tab")
	c.typeText("Holding statement: the hospital is open")
	c.keys("C-s")
	c.waitFor("M-1 drafted to press", 5*time.Second)

	c.keys("A")
	c.waitFor("Approve M-1 to press", 5*time.Second)
	c.keys("y")
	shot := c.waitFor("Could not approve M-1", 5*time.Second)

	if text := strings.Join(strings.Fields(strings.ReplaceAll(shot, "│", " ")), " "); !strings.Contains(text, "only a gold commander can approve a message to press, and ST09 is silver") {
		t.Errorf("the refusal does not say why:\n%s", shot)
	}

	c.keys("Enter")

	// Start the ICO clock, then meet it with a message silver may approve.
	c.keys("D")
	c.waitFor("Start a notification deadline clock", 5*time.Second)
	c.keys("1", "Tab", "Tab")
	c.typeText("Patient identifiers were on the encrypted share")
	c.keys("C-s")
	c.waitFor("Clock started for ICO personal-data breach report", 5*time.Second)
	c.waitFor("m left, due", 5*time.Second)

	c.keys("t")
	c.waitFor("New message", 5*time.Second)
	c.keys("Tab", "Tab")
	c.typeText("ico")
	c.keys("Tab", "Tab")
	c.typeText("Initial personal-data breach report")
	c.keys("C-s")
	c.waitFor("M-2 drafted to ICO", 5*time.Second)
	c.keys("A")
	c.waitFor("Approve M-2 to ICO", 5*time.Second)
	c.keys("y")
	c.waitFor("M-2 to ICO approved", 5*time.Second)
	c.keys("S")
	c.waitFor("Record M-2 to ICO as sent", 5*time.Second)
	c.keys("y")
	c.waitFor("M-2 sent to ICO; ICO personal-data breach report MET", 5*time.Second)

	if line := screenLine(c.screen(), "ICO personal-data breach report "); !strings.Contains(line, "MET") || !strings.Contains(line, "by M-2") {
		t.Errorf("the ICO duty line = %q, want MET by M-2", line)
	}

	c.keys("q")
	if status := c.waitExit(5 * time.Second); status != "0" {
		t.Errorf("sitroom exited with status %s after q, want 0", status)
	}

	// Gold approves and sends the press statement.
	g := startConsole(t, env, "--as", "ST01")
	g.waitFor("People and comms console test", 10*time.Second)
	g.keys("6")
	g.waitForRow(regexp.MustCompile(`^› M-2 `), 5*time.Second)
	g.keys("Down")
	g.waitForRow(regexp.MustCompile(`^› M-1 out ○ draft +press`), 5*time.Second)
	g.keys("A")
	g.waitFor("Approve M-1 to press", 5*time.Second)
	g.keys("y")
	g.waitFor("M-1 to press approved", 5*time.Second)
	g.keys("S")
	g.waitFor("Record M-1 to press as sent", 5*time.Second)
	g.keys("y")
	g.waitForRow(regexp.MustCompile(`^› M-1 out → sent +press .* ST01`), 5*time.Second)

	g.keys("q")
	if status := g.waitExit(5 * time.Second); status != "0" {
		t.Errorf("the gold console exited with status %s after q, want 0", status)
	}

	md := env.mustRun("export", "--format", "md")
	for _, want := range []string{
		"Siân Pritchard-Evans (ST01) checked in",
		"Message M-1 drafted to press (BBC Radio Northbridge)",
		"Clock started for ICO personal-data breach report",
		"Message M-2 to ICO approved by ST09 (silver)",
		"Meets the duty: ICO personal-data breach report",
		"Message M-1 to press approved by ST01 (gold)",
		"Message M-1 sent to press",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown export lacks %q", want)
		}
	}

	if strings.Contains(md, "approved by ST09 (silver): Holding statement") {
		t.Error("the export records silver approving the press statement")
	}

	if out := env.mustRun("verify"); !strings.Contains(out, "chain OK") {
		t.Errorf("verify after the consoles wrote: %q, want chain OK", out)
	}
}

// screenLine returns the first line of screen containing s, or "".
func screenLine(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}

	return ""
}
