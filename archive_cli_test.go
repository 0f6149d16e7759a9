package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchiveRoundTrip moves the demo incident to a second database, twice,
// then again after it grew.
func TestArchiveRoundTrip(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")
	env.mustRun("--as", "ST09", "task", "add", "Rebuild the PACS servers", "--system", "PACS")

	file := filepath.Join(env.dir, "nbh.archive")
	out := env.mustRun("--as", "ST01", "archive", "export", file)
	seal := strings.TrimSpace(strings.SplitN(out, "\n", 2)[1])

	other := filepath.Join(env.dir, "other.db")
	out = env.mustRun("--db", other, "archive", "import", file)
	wantContains(t, "first import", out, "imported NBH-2026-014: 154 entries")
	wantContains(t, "first import", out, seal)

	// The same entries, seal and state on the other host.
	wantContains(t, "verify there", env.mustRun("--db", other, "verify"), "chain OK: "+seal)

	here, there := statusLines(env.mustRun("--as", "ST01", "status")), statusLines(env.mustRun("--db", other, "--as", "ST01", "status"))
	if here != there {
		t.Errorf("status differs after the import:\nhere:\n%s\nthere:\n%s", here, there)
	}

	if !strings.Contains(env.mustRun("--db", other, "--as", "ST09", "task", "list"), "Rebuild the PACS servers") {
		t.Error("the task did not move with the archive")
	}

	// A second import adds nothing.
	out = env.mustRun("--db", other, "--as", "ST01", "archive", "import", file)
	wantContains(t, "second import", out, "nothing new")
	wantContains(t, "verify after the second import", env.mustRun("--db", other, "verify"), "chain OK: "+seal)

	// An archive that grew adds only its new entries.
	env.mustRun("--as", "ST01", "log", "Gold meeting 5: recovery on track")
	env.mustRun("--as", "ST01", "archive", "export", file)

	out = env.mustRun("--db", other, "--as", "ST01", "archive", "import", file)
	wantContains(t, "grown archive", out, "imported 2 new entries")

	// The new entry, then the entry recording the second archive.
	entries := jsonlEntries(t, &testEnv{t: t, dir: env.dir, db: other})
	if added := entries[len(entries)-2]; added.Seq != 155 || added.Text != "Gold meeting 5: recovery on track" {
		t.Errorf("entry before the last there = #%d %q", added.Seq, added.Text)
	}
}

// statusLines returns the status output without the line that depends on
// who is connected.
func statusLines(out string) string {
	var keep []string

	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "Connected") && !strings.HasPrefix(line, "Declared") {
			keep = append(keep, line)
		}
	}

	return strings.Join(keep, "\n")
}

func TestArchiveRefusals(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	file := filepath.Join(env.dir, "nbh.archive")
	env.mustRun("--as", "ST01", "archive", "export", file)

	// One entry's text changed in the archive: nothing is imported.
	lines := strings.Split(readText(t, file), "\n")
	for i, line := range lines {
		if strings.Contains(line, `"seq":43,`) {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatal(err)
			}

			rec["text"] = "Changed after the fact"
			changed, _ := json.Marshal(rec)
			lines[i] = string(changed)
		}
	}

	writeText(t, file+".bad", strings.Join(lines, "\n"))

	// The incident's title changed in the archive, which the chain does
	// not cover: the digest recorded on the timeline catches it.
	retitled := strings.Replace(readText(t, file), `"Title":"Ransomware at pathology partner`, `"Title":"Minor IT fault at pathology partner`, 1)
	if retitled == readText(t, file) {
		t.Fatal("the archive holds no incident title to change")
	}

	writeText(t, file+".retitled", retitled)

	if _, errOut, code := env.run("--db", filepath.Join(env.dir, "third.db"), "archive", "import", file+".retitled"); code == 0 {
		t.Error("an archive with a changed incident title was imported")
	} else {
		wantContains(t, "changed state", errOut, "were changed since: nothing was imported")
	}

	if _, err := os.Stat(filepath.Join(env.dir, "third.db")); err == nil {
		t.Error("a refused import left a new database behind")
	}

	other := filepath.Join(env.dir, "other.db")
	_, errOut, code := env.run("--db", other, "archive", "import", file+".bad")
	if code == 0 {
		t.Fatal("an archive with a changed entry was imported")
	}

	wantContains(t, "changed archive", errOut, "does not verify, so nothing was imported")

	// Two timelines that have parted: nothing is imported.
	env.mustRun("--db", other, "archive", "import", file)
	env.mustRun("--db", other, "--as", "ST01", "log", "Written on the second host")
	env.mustRun("--as", "ST01", "log", "Written on the first host")
	env.mustRun("--as", "ST01", "archive", "export", file)

	_, errOut, code = env.run("--db", other, "--as", "ST01", "archive", "import", file)
	if code == 0 {
		t.Fatal("an archive that parted from the timeline here was imported")
	}

	wantContains(t, "parted timelines", errOut, "entry 154 of NBH-2026-014 here differs from the archive's")
}
