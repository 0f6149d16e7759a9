package main

import (
	"crypto/sha256"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const faultRef = "NBH-2026-030"

// faultTimeline declares faultRef through the binary and logs four more
// entries, so the timeline holds entries 1 to 5.
func faultTimeline(t *testing.T, env *testEnv) {
	t.Helper()

	env.mustRun("incident", "new", "--ref", faultRef, "--title", "Ransomware on PAS", "--as", "ST01")

	for _, text := range []string{
		"PAS unavailable on all wards",
		"Pharmacy moved to paper prescribing",
		"Interface engine isolated from the trust network",
		"Supplier confirms clean build source",
	} {
		env.mustRun("log", "--incident", faultRef, "--as", "ST05", text)
	}
}

// tamperWith runs statements on the database through a plain connection,
// bypassing sitroom, as someone with write access to the file could.
func tamperWith(t *testing.T, path string, statements ...string) {
	t.Helper()

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer raw.Close()

	for _, s := range statements {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s on %s: %v", s, path, err)
		}
	}
}

// assertFailure checks a failed run's exit code and that stderr contains
// each of wants.
func assertFailure(t *testing.T, stderr string, code, wantCode int, wants ...string) {
	t.Helper()

	if code != wantCode {
		t.Errorf("exit code = %d, want %d (stderr: %s)", code, wantCode, stderr)
	}

	for _, want := range wants {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not contain %q", stderr, want)
		}
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	return sha256.Sum256(b)
}

func TestFaultEditedEntry(t *testing.T) {
	env := newTestEnv(t)
	faultTimeline(t, env)

	if out := env.mustRun("verify"); !strings.Contains(out, "chain OK") {
		t.Fatalf("verify before the edit = %q, want chain OK", out)
	}

	tamperWith(t, env.db,
		"DROP TRIGGER entries_no_update",
		"UPDATE entries SET text = 'Pharmacy never lost e-prescribing' WHERE seq = 3")

	_, stderr, code := env.run("verify")
	assertFailure(t, stderr, code, 1, "BROKEN", "entry 3 does not verify", "the first 2 entries verified")
}

func TestFaultDeletedEntry(t *testing.T) {
	env := newTestEnv(t)
	faultTimeline(t, env)

	tamperWith(t, env.db,
		"DROP TRIGGER entries_no_delete",
		"DELETE FROM entries WHERE seq = 3")

	_, stderr, code := env.run("verify")
	assertFailure(t, stderr, code, 1, "BROKEN", "entry 4 does not verify", "expected sequence number 3", "the first 2 entries verified")
}

func TestFaultNewerSchema(t *testing.T) {
	env := newTestEnv(t)
	faultTimeline(t, env)
	tamperWith(t, env.db, "PRAGMA user_version = 999")

	before := fileSum(t, env.db)

	_, stderr, code := env.run("log", "--as", "ST05", "written by an older sitroom")
	assertFailure(t, stderr, code, 2, env.db, "schema version 999", "supports up to", "upgrade sitroom")

	if fileSum(t, env.db) != before {
		t.Error("database file changed although its schema was refused")
	}

	if _, err := os.Stat(env.db + "-wal"); err == nil {
		t.Error("a -wal file was created beside the refused database")
	}
}

func TestFaultNotDatabase(t *testing.T) {
	env := newTestEnv(t)

	content := []byte("id,name\nST01,Gold Commander\n")
	if err := os.WriteFile(env.db, content, 0o600); err != nil {
		t.Fatal(err)
	}

	_, stderr, code := env.run("verify")
	assertFailure(t, stderr, code, 2, env.db, "not a sitroom database")

	if got, _ := os.ReadFile(env.db); string(got) != string(content) {
		t.Errorf("file content changed to %q", got)
	}
}

// TestFaultReadOnly logs to a database whose file is mode 444 in a folder
// of mode 555. Root ignores those modes, so as root the binary runs under
// setpriv with every capability dropped: still uid 0 and owner of the
// files, but bound by their modes like any other user.
func TestFaultReadOnly(t *testing.T) {
	env := newTestEnv(t)

	dir := filepath.Join(env.dir, "readonly")
	db := filepath.Join(dir, "sitroom.db")

	env.mustRun("--db", db, "incident", "new", "--ref", faultRef, "--title", "Ransomware on PAS", "--as", "ST01")

	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}

	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() { os.Chmod(dir, 0o755) })

	before := fileSum(t, db)
	args := []string{sitroomBin, "--db", db, "log", "--as", "ST05", "written to a read-only file"}

	if os.Geteuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("running as root, which ignores file modes, and setpriv (util-linux) is not installed to drop root's capabilities: install util-linux or run the tests as another user")
		}

		args = append([]string{setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"}, args...)
	}

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = env.environ()

	var stderr strings.Builder
	cmd.Stderr = &stderr

	err := cmd.Run()

	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}

	assertFailure(t, stderr.String(), code, 2, db, "read-only", "permissions")

	if fileSum(t, db) != before {
		t.Error("read-only database file changed")
	}
}
