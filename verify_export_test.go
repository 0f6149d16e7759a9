package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerifyExportFile(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	file := filepath.Join(env.dir, "nbh.jsonl")
	env.mustRun("export", "--format", "jsonl", "--output", file)
	seal := strings.SplitN(env.mustRun("seal"), "\n", 4)[2] // "head      ead6 e97c 4d68 db87"

	out, errOut, code := env.run("verify", "--export", file, "--seal", seal)
	if code != 0 {
		t.Fatalf("fresh export: exit %d: %s", code, errOut)
	}

	wantContains(t, "fresh export", out, "export OK: NBH-2026-014 seal: 152 entries")
	wantContains(t, "fresh export", out, "the seal given matches entry 152")

	// The export needs no database.
	if out, errOut, code := env.run("--db", filepath.Join(env.dir, "absent.db"), "verify", "--export", file); code != 0 {
		t.Errorf("verify --export without a database: exit %d: %s %s", code, out, errOut)
	}

	lines := strings.Split(readText(t, file), "\n")

	// Change one byte of entry 43's text.
	var rec map[string]any
	for i, line := range lines {
		if !strings.Contains(line, `"seq":43,`) {
			continue
		}

		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}

		text := rec["text"].(string)
		rec["text"] = "X" + text[1:]

		changed, _ := json.Marshal(rec)
		tampered := append(append(append([]string{}, lines[:i]...), string(changed)), lines[i+1:]...)
		writeText(t, file+".tampered", strings.Join(tampered, "\n"))
	}

	_, errOut, code = env.run("verify", "--export", file+".tampered")
	if code != 1 {
		t.Errorf("tampered export: exit %d, want 1", code)
	}

	wantContains(t, "tampered export", errOut, "does NOT verify: entry 43")
	wantContains(t, "tampered export", errOut, "changed after it was recorded")

	// An export cut short loses entries from the middle of the chain, or
	// at least its seal line.
	writeText(t, file+".short", strings.Join(lines[:100], "\n"))

	if _, errOut, code := env.run("verify", "--export", file+".short"); code != 1 || !strings.Contains(errOut, "does NOT verify: entry ") {
		t.Errorf("export cut short: exit %d, %s", code, errOut)
	}

	writeText(t, file+".noseal", strings.Join(lines[:len(lines)-2], "\n"))

	if _, errOut, code := env.run("verify", "--export", file+".noseal"); code != 1 || !strings.Contains(errOut, "no seal line, so it was cut short") {
		t.Errorf("export without its seal line: exit %d, %s", code, errOut)
	}

	// A seal recorded earlier still matches a later export, and a seal
	// the file never reached does not.
	env.mustRun("log", "--as", "ST01", "One more entry after the export")
	later := strings.SplitN(env.mustRun("seal"), "\n", 4)[2]

	if _, errOut, code := env.run("verify", "--export", file, "--seal", later); code != 1 || !strings.Contains(errOut, "no entry in the file has the head") {
		t.Errorf("export against a later seal: exit %d, %s", code, errOut)
	}

	newer := filepath.Join(env.dir, "newer.jsonl")
	env.mustRun("export", "--format", "jsonl", "--output", newer)

	out, errOut, code = env.run("verify", "--export", newer, "--seal", "152 "+strings.TrimSpace(strings.TrimPrefix(seal, "head")))
	if code != 0 {
		t.Fatalf("newer export against the earlier seal: exit %d: %s", code, errOut)
	}

	wantContains(t, "earlier seal", out, "the seal given matches entry 152, so entries 1 to 152 are unchanged")

	// A line removed names the entry that is missing.
	var cut []string
	for _, line := range lines {
		if !strings.Contains(line, `"seq":47,`) {
			cut = append(cut, line)
		}
	}

	writeText(t, file+".cut", strings.Join(cut, "\n"))

	if _, errOut, code := env.run("verify", "--export", file+".cut"); code != 1 || !strings.Contains(errOut, "entry 47 does not match: it is missing") {
		t.Errorf("export with entry 47 removed: exit %d, %s", code, errOut)
	}

	// The incident line is not hashed, but its title must agree with the
	// declaration.
	retitled := strings.Replace(strings.Join(lines, "\n"), `"title":"Ransomware at pathology partner`, `"title":"Minor fault at pathology partner`, 1)
	writeText(t, file+".retitled", retitled)

	if _, errOut, code := env.run("verify", "--export", file+".retitled"); code != 1 || !strings.Contains(errOut, "the incident line was changed") {
		t.Errorf("export with the title changed: exit %d, %s", code, errOut)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	return string(data)
}

func writeText(t *testing.T, path, text string) {
	t.Helper()

	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyRecordsBesideChain changes the incident's row and cuts the
// last entry with sqlite3, which the chain alone cannot show.
func TestVerifyRecordsBesideChain(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 is not installed")
	}

	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")
	env.mustRun("--as", "ST09", "sitrep", "--save")

	sql := func(statements string) {
		t.Helper()

		if out, err := exec.Command("sqlite3", env.db, statements).CombinedOutput(); err != nil {
			t.Fatalf("sqlite3: %v: %s", err, out)
		}
	}

	sql("DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = (SELECT max(seq) FROM entries);")

	_, errOut, code := env.run("verify")
	if code != 1 || !strings.Contains(errOut, "sitrep 1 points at entry 153 but the chain ends at 152") {
		t.Errorf("verify after the last entry was cut: exit %d, %s", code, errOut)
	}

	env2 := newTestEnv(t)
	env2.mustRun("--db", env2.db, "demo", "--load-only")

	sql2 := exec.Command("sqlite3", env2.db, "UPDATE incidents SET title = 'Minor IT fault', exercise = 0")
	if out, err := sql2.CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}

	_, errOut, code = env2.run("verify")
	if code != 1 || !strings.Contains(errOut, "its title or exercise flag differs from its declaration") {
		t.Errorf("verify after the title was changed: exit %d, %s", code, errOut)
	}
}
