package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissingDatabaseNotCreated(t *testing.T) {
	env := newTestEnv(t)
	typo := filepath.Join(env.dir, "typo.db")

	for _, args := range [][]string{{"verify"}, {"seal"}, {"incident", "list"}, {"log", "text"}, {"export", "--format", "csv"}} {
		_, stderr, code := env.run(append([]string{"--db", typo}, args...)...)

		if code == 0 {
			t.Errorf("%v on a missing database exited 0", args)
		}

		if !strings.Contains(stderr, "database "+typo+" does not exist") {
			t.Errorf("%v stderr = %q, want it to name the missing database", args, stderr)
		}

		if _, err := os.Stat(typo); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v created %s", args, typo)
		}
	}
}

func TestSetupCommandsCreateDatabase(t *testing.T) {
	env := newTestEnv(t)

	env.mustRun("incident", "new", "--ref", "NBH-1", "--title", "Test", "--as", "ST09")

	if _, err := os.Stat(env.db); err != nil {
		t.Fatalf("incident new did not create the database: %v", err)
	}
}

func TestUnknownSubcommandFails(t *testing.T) {
	env := newTestEnv(t)

	for _, args := range [][]string{{"import", "sytems", "x.csv"}, {"incident", "lst"}} {
		_, stderr, code := env.run(args...)

		if code == 0 {
			t.Errorf("%v exited 0", args)
		}

		if !strings.Contains(stderr, `unknown command "`+args[1]+`"`) {
			t.Errorf("%v stderr = %q, want unknown command", args, stderr)
		}
	}
}

func TestLogOffsetSettlesClockChange(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("incident", "new", "--ref", "NBH-1", "--title", "Test", "--as", "ST09")

	_, stderr, code := env.run("log", "--as", "ST09", "--occurred", "2026-10-25 01:30", "--late-reason", "paper log", "switch reboot")
	if code == 0 || !strings.Contains(stderr, "2026-10-25T01:30:00+01:00") || !strings.Contains(stderr, "2026-10-25T01:30:00+00:00") {
		t.Errorf("ambiguous time: exit %d, stderr %q; want a refusal naming both instants", code, stderr)
	}

	out := env.mustRun("log", "--as", "ST09", "--occurred", "2026-10-25 01:30+00:00", "--late-reason", "paper log", "switch reboot")
	if !strings.Contains(out, "2026-10-25 01:30 GMT") {
		t.Errorf("log output %q, want the GMT reading", out)
	}
}

func TestAmendCommand(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("incident", "new", "--ref", "NBH-1", "--title", "Test", "--as", "ST09")
	env.mustRun("log", "--as", "ST09", "--kind", "action", "VPN to the partner cut at the firewall")

	out := env.mustRun("amend", "2", "--as", "ST22", "--reason", "wrong device named", "--text", "VPN to the partner cut at the HSCN gateway")
	if !strings.Contains(out, "logged entry 3 correcting entry 2") {
		t.Errorf("amend output = %q", out)
	}

	md := env.mustRun("export", "--format", "md")
	if !strings.Contains(md, "~~VPN to the partner cut at the firewall~~") {
		t.Errorf("export does not strike the original through:\n%s", md)
	}

	if !strings.Contains(md, "VPN to the partner cut at the HSCN gateway") || !strings.Contains(md, "wrong device named") {
		t.Errorf("export lacks the correction or its reason:\n%s", md)
	}

	if got := env.mustRun("verify"); !strings.Contains(got, "chain OK") || !strings.Contains(got, "3 entries") {
		t.Errorf("verify after amendment = %q", got)
	}

	_, stderr, code := env.run("amend", "2", "--as", "ST22", "--text", "x")
	if code == 0 || !strings.Contains(stderr, "reason") {
		t.Errorf("amend without --reason: exit %d, stderr %q", code, stderr)
	}

	_, stderr, code = env.run("amend", "99", "--as", "ST22", "--reason", "typo")
	if code == 0 || !strings.Contains(stderr, "entry 99") {
		t.Errorf("amend of a missing entry: exit %d, stderr %q", code, stderr)
	}
}

func TestLogWithoutTextExplains(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("incident", "new", "--ref", "NBH-1", "--title", "Test", "--as", "ST09")

	_, stderr, code := env.run("log", "--kind", "action")
	if code == 0 || !strings.Contains(stderr, "no entry text") {
		t.Errorf("log with no text: exit %d, stderr %q", code, stderr)
	}
}
