package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemoCommand(t *testing.T) {
	env := newTestEnv(t)

	out := env.mustRun("--as", "ST22", "--db", env.db, "demo", "--load-only")
	wantContains(t, "demo output", out, "loaded EXERCISE NBH-2026-014: 46 systems, 30 staff members, 125 timeline entries, 23 containment steps\nNBH-2026-014 seal: 152 entries, head ")
	wantContains(t, "demo output", out, "open it with: sitroom --db "+env.db+" --as ST01")

	list := env.mustRun("incident", "list")
	// The demo moves the scenario's dates to end just before now but keeps
	// its wall-clock times, so the declaration is still at 06:55.
	wantContains(t, "incident list", list, " 06:55 ")
	wantContains(t, "incident list", list, "EXERCISE: Ransomware at pathology partner")

	verify := env.mustRun("verify")
	wantContains(t, "verify", verify, "chain OK: NBH-2026-014 seal: 152 entries")

	again := env.mustRun("--as", "ST22", "--db", env.db, "demo", "--load-only")
	wantContains(t, "second demo output", again, "EXERCISE NBH-2026-014 is already loaded; nothing was written")

	// Both runs print the same seal, because the second wrote nothing.
	seal := func(s string) string { return strings.Split(s, "\n")[1] }
	if seal(out) != seal(again) {
		t.Errorf("seal changed from %q to %q", seal(out), seal(again))
	}
}

func TestDemoCommandTemporaryDatabase(t *testing.T) {
	env := newTestEnv(t)
	tmp := filepath.Join(env.dir, "tmp")

	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}

	t.Setenv("TMPDIR", tmp)

	out := env.mustRun("--as", "ST22", "demo", "--load-only")

	kept, err := filepath.Glob(filepath.Join(tmp, "sitroom-demo-*", "demo.db"))
	if err != nil || len(kept) != 1 {
		t.Fatalf("demo databases under TMPDIR = %v (%v), want one", kept, err)
	}

	wantContains(t, "demo output", out, "open it with: sitroom --db "+kept[0]+" --as ST01")

	if _, err := os.Stat(env.db); !os.IsNotExist(err) {
		t.Errorf("SITROOM_DB %s was created (stat: %v); the demo must not use it", env.db, err)
	}

	wantContains(t, "verify", env.mustRun("--db", kept[0], "verify"), "chain OK: NBH-2026-014 seal: 152 entries")
}

func TestDemoCommandRemovesFolderOnFailure(t *testing.T) {
	env := newTestEnv(t)
	tmp := filepath.Join(env.dir, "tmp")

	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}

	t.Setenv("TMPDIR", tmp)

	// An invalid zone fails after the temporary folder is made and before
	// anything loads.
	_, errOut, code := env.run("--zone", "Nowhere/Invalid", "demo")
	if code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}

	wantContains(t, "error", errOut, `invalid time zone "Nowhere/Invalid"`)

	left, _ := filepath.Glob(filepath.Join(tmp, "sitroom-demo-*"))
	if len(left) != 0 {
		t.Errorf("temporary demo folders left behind: %v", left)
	}
}

func TestDemoCommandBesideOtherIncident(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--as", "ST22", "incident", "new", "--ref", "NBH-2026-001", "--title", "Real incident")

	out, errOut, code := env.run("--as", "ST22", "--db", env.db, "demo", "--load-only")
	if code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}

	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}

	wantContains(t, "error", errOut, "the database already holds incident NBH-2026-001: load the demo into a new database file instead, for example: sitroom --db demo.db demo")
}

func TestShellQuote(t *testing.T) {
	cases := map[string]string{
		"/tmp/demo.db":        "/tmp/demo.db",
		"/tmp/my demo.db":     "'/tmp/my demo.db'",
		"/tmp/it's.db":        `'/tmp/it'\''s.db'`,
		"":                    "''",
		"/tmp/$(rm -rf x).db": "'/tmp/$(rm -rf x).db'",
	}

	for in, want := range cases {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
