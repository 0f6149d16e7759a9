package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// writeFile writes a file into the test's folder and returns its path.
func (e *testEnv) writeFile(name, content string) string {
	e.t.Helper()

	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		e.t.Fatalf("write %s: %v", name, err)
	}

	return path
}

// scenarioPath returns the path of a demo scenario file in the repository.
func scenarioPath(t *testing.T, name string) string {
	t.Helper()

	path, err := filepath.Abs(filepath.Join("incident", "demo", "scenario", name))
	if err != nil {
		t.Fatalf("scenario path: %v", err)
	}

	return path
}

// readEntry opens the test's database directly and returns one entry.
func readEntry(t *testing.T, env *testEnv, ref string, seq int64) incident.Entry {
	t.Helper()
	ctx := context.Background()

	db, err := store.Open(ctx, env.db)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	defer db.Close()

	var e incident.Entry

	err = db.Read(ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(ctx, ref)
		if err != nil {
			return err
		}

		e, err = r.EntryBySeq(ctx, inc.ID, seq)

		return err
	})
	if err != nil {
		t.Fatalf("read entry %d of %s: %v", seq, ref, err)
	}

	return e
}

func wantContains(t *testing.T, what, got, want string) {
	t.Helper()

	if !strings.Contains(got, want) {
		t.Errorf("%s does not contain %q:\n%s", what, want, got)
	}
}

func TestImportScenarioFiles(t *testing.T) {
	env := newTestEnv(t)

	out := env.mustRun("import", "systems", scenarioPath(t, "systems.csv"))
	wantContains(t, "systems output", out, "imported 46 systems from systems.csv: 46 added, 0 replaced")

	out = env.mustRun("import", "staff", scenarioPath(t, "staff.csv"))
	wantContains(t, "staff output", out, "imported 30 staff members from staff.csv: 30 added, 0 replaced")

	out = env.mustRun("import", "staff", "--dry-run", scenarioPath(t, "staff.csv"))
	wantContains(t, "staff dry run", out, "checked 30 staff members in staff.csv: 0 would be added and 30 would replace stored ones; nothing was written (--dry-run)")

	env.mustRun("--as", "ST22", "incident", "new", "--ref", "NBH-T", "--title", "Test", "--exercise")

	out = env.mustRun("--as", "ST22", "import", "timeline", "--dry-run", scenarioPath(t, "timeline.csv"))
	wantContains(t, "timeline dry run", out, "checked 125 rows in timeline.csv for NBH-T: all can be imported; nothing was written (--dry-run)")
	wantContains(t, "verify after dry run", env.mustRun("verify"), "NBH-T seal: 1 entries")

	out = env.mustRun("--as", "ST22", "import", "timeline", scenarioPath(t, "timeline.csv"))
	wantContains(t, "timeline output", out, "imported 125 entries from timeline.csv into NBH-T, and one entry recording the import\nNBH-T seal: 127 entries, head ")

	wantContains(t, "verify", env.mustRun("verify"), "chain OK: NBH-T seal: 127 entries")

	_, errOut, code := env.run("--as", "ST22", "import", "timeline", scenarioPath(t, "timeline.csv"))
	if code != 2 {
		t.Errorf("second timeline import exit code = %d, want 2", code)
	}

	wantContains(t, "second import error", errOut, "all 125 rows in "+scenarioPath(t, "timeline.csv")+" are already on the timeline of NBH-T as entries 2 to 126")
	wantContains(t, "verify after refusal", env.mustRun("verify"), "NBH-T seal: 127 entries")
}

func TestImportTimelineFromStdin(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"))
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"))
	env.mustRun("--as", "ST22", "incident", "new", "--ref", "NBH-T", "--title", "Test")

	rows := "occurred_at,recorded_at,actor,kind,text\n" +
		"2026-06-11 05:38,2026-06-11 05:40,ST14,observation,Analyser worklist empty\n"

	out, errOut, code := env.runStdin(rows, "--as", "ST22", "import", "timeline", "-")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, errOut)
	}

	wantContains(t, "output", out, "imported 1 entry from stdin into NBH-T")

	wantContains(t, "verify", env.mustRun("verify"), "NBH-T seal: 3 entries")

	// Times without an offset are read in SITROOM_TZ, Europe/London: 05:38
	// BST is 04:38 UTC.
	e := readEntry(t, env, "NBH-T", 2)
	if want := time.Date(2026, time.June, 11, 4, 38, 0, 0, time.UTC); !e.OccurredAt.Equal(want) {
		t.Errorf("occurred = %v, want %v", e.OccurredAt, want)
	}

	if e.Source != "stdin line 2, SHA-256 "+e.Source[len(e.Source)-16:] || e.Author != "ST14" {
		t.Errorf("entry = %+v, want ST14's row from stdin line 2", e)
	}
}

func TestImportProblems(t *testing.T) {
	env := newTestEnv(t)
	path := env.writeFile("staff.csv", "id,name,command_level,on_call\n"+
		"ST01,Alex Doe,gold,yes\n"+
		"ST02,,silver,no\n"+
		"ST03,Sam Roe,platinum,maybe\n")

	out, errOut, code := env.run("import", "staff", path)
	if code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}

	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}

	wantContains(t, "error", errOut, "has 3 problems, so nothing was imported:\n"+
		"  line 3, column name: missing name\n"+
		"  line 4, column command_level: invalid command level \"platinum\": use gold, silver, bronze or none\n"+
		"  line 4, column on_call: invalid value \"maybe\": give yes or no")

	dry := env.mustRun("import", "staff", "--dry-run", scenarioPath(t, "staff.csv"))
	wantContains(t, "roster after refusal", dry, "30 would be added and 0 would replace")
}

func TestImportMissingFile(t *testing.T) {
	env := newTestEnv(t)

	_, errOut, code := env.run("import", "systems", filepath.Join(env.dir, "nope.csv"))
	if code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}

	wantContains(t, "error", errOut, "nope.csv: check the path and its permissions")
}

func TestImportPartialDuplicates(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"))
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"))
	env.mustRun("--as", "ST22", "incident", "new", "--ref", "NBH-T", "--title", "Test")

	header := "occurred_at,recorded_at,actor,kind,text\n"
	first := "2026-06-11T05:38:00+01:00,2026-06-11T05:39:00+01:00,ST14,observation,Worklist empty\n"
	second := "2026-06-11T05:52:00+01:00,2026-06-11T05:53:00+01:00,ST10,observation,Queue backing up\n"

	env.mustRun("--as", "ST22", "import", "timeline", env.writeFile("a.csv", header+first))

	both := env.writeFile("b.csv", header+second+first)

	_, errOut, code := env.run("--as", "ST22", "import", "timeline", both)
	if code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}

	wantContains(t, "error", errOut, "1 of the 2 rows in "+both+" repeat entries of NBH-T, so nothing was imported:\n  line 3 is already entry 2")
	wantContains(t, "error", errOut, "(--allow-duplicates)")

	out := env.mustRun("--as", "ST22", "import", "timeline", "--allow-duplicates", both)
	wantContains(t, "output", out, "imported 2 entries from b.csv into NBH-T, 1 of them repeating existing entries")
	wantContains(t, "verify", env.mustRun("verify"), "NBH-T seal: 6 entries")
}
