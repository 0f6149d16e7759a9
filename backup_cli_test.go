package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupWhileWriting takes a backup while four processes write, and
// checks that it is read-only, verifies, and restores to the entries it
// held.
func TestBackupWhileWriting(t *testing.T) {
	env := newTestEnv(t)
	declareForWriters(t, env)

	barrier := filepath.Join(env.dir, "start")
	writers := make([]*appender, 4)

	for i := range writers {
		writers[i] = startAppender(t, env, fmt.Sprintf("B%d", i+1), 0, barrier)
		writers[i].waitReady(t)
	}

	if err := os.WriteFile(barrier, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	// Let the writers get going, then take two backups while they write.
	for _, w := range writers {
		for range 20 {
			w.nextAck(t)
		}
	}

	dir := filepath.Join(env.dir, "backups")

	// A folder that is not there, as on a drive that is not mounted, is
	// refused rather than made.
	if _, errOut, code := env.run("backup", dir); code == 0 || !strings.Contains(errOut, "does not exist: create it, or check that the drive it is on is mounted") {
		t.Errorf("backup to a missing folder: exit %d, %s", code, errOut)
	}

	mkdir(t, dir)

	out := env.mustRun("backup", dir, "--keep", "1")
	wantContains(t, "backup", out, "checked and read-only")
	time.Sleep(1100 * time.Millisecond) // the next backup is named by a later second
	out = env.mustRun("backup", dir, "--keep", "1")
	wantContains(t, "second backup", out, "removed old backup")

	for _, w := range writers {
		w.cmd.Process.Kill()
		w.cmd.Wait()
	}

	files, err := filepath.Glob(filepath.Join(dir, "sitroom-*.db"))
	if err != nil || len(files) != 1 {
		t.Fatalf("backups kept = %v, %v; want 1", files, err)
	}

	info, err := os.Stat(files[0])
	if err != nil || info.Mode().Perm() != 0o400 {
		t.Errorf("backup mode = %v, %v; want 0400", info.Mode().Perm(), err)
	}

	backedUp := sealEntries(t, out)

	// Restore it elsewhere: it verifies and holds what the backup said.
	restored := filepath.Join(env.dir, "restored.db")
	env.mustRun("--db", restored, "restore", files[0])
	wantContains(t, "verify restored", env.mustRun("--db", restored, "verify", "--incident", concurrencyRef),
		fmt.Sprintf("chain OK: %s seal: %d entries", concurrencyRef, backedUp))

	// The live database is not replaced without --force, and with it the
	// old one is kept aside.
	_, errOut, code := env.run("restore", files[0])
	if code == 0 {
		t.Fatal("restore replaced the live database without --force")
	}

	wantContains(t, "restore over a database", errOut, "give --force")

	out = env.mustRun("restore", files[0], "--force")
	wantContains(t, "forced restore", out, "the database that was there is kept as "+env.db+".replaced-")

	kept, _ := filepath.Glob(env.db + ".replaced-*")
	if len(kept) == 0 {
		t.Fatalf("no database kept aside after a forced restore")
	}
}

// sealEntries reads the entry count from a backup's seal line.
func sealEntries(t *testing.T, out string) int {
	t.Helper()

	var n int

	for _, line := range strings.Split(out, "\n") {
		if _, after, ok := strings.Cut(line, concurrencyRef+" seal: "); ok {
			if _, err := fmt.Sscanf(after, "%d entries", &n); err == nil {
				return n
			}
		}
	}

	t.Fatalf("no seal line for %s in:\n%s", concurrencyRef, out)

	return 0
}

// TestRestoreRefusesDamagedBackup changes bytes in the middle of a backup
// and checks that restoring it changes nothing.
func TestRestoreRefusesDamagedBackup(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	dir := filepath.Join(env.dir, "backups")
	mkdir(t, dir)
	env.mustRun("backup", dir)

	files, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	if len(files) != 1 {
		t.Fatalf("backups = %v", files)
	}

	damaged := filepath.Join(env.dir, "damaged.db")
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}

	// Change the text of an entry without touching its hash.
	i := strings.Index(string(data), "point-of-care testing")
	if i < 0 {
		t.Fatal("entry text not found in the backup")
	}

	copy(data[i:], "POINT-OF-CARE")
	writeText(t, damaged, string(data))

	target := filepath.Join(env.dir, "target.db")
	_, errOut, code := env.run("--db", target, "restore", damaged)
	if code == 0 {
		t.Fatal("a backup whose entry was changed was restored")
	}

	wantContains(t, "damaged backup", errOut, "does not check out, so nothing was restored")

	if _, err := os.Stat(target); err == nil {
		t.Error("a refused restore left a database behind")
	}
}

// TestServeMakesBackups runs sitroom serve with automatic backups and
// checks that it keeps the newest ones.
func TestServeMakesBackups(t *testing.T) {
	env := newSSHEnv(t)
	dir := filepath.Join(env.dir, "auto")
	mkdir(t, dir)
	env.serve("--backup-dir", dir, "--backup-every", "1s", "--backup-keep", "2")

	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(env.logText(), "old backup removed") {
		if time.Now().After(deadline) {
			t.Fatalf("no backup pruned within 20s; log:\n%s", env.logText())
		}

		time.Sleep(200 * time.Millisecond)
	}

	// A backup may be made between the pruning and this count, before
	// the next pruning.
	files, _ := filepath.Glob(filepath.Join(dir, "sitroom-*.db"))
	if len(files) < 2 || len(files) > 3 {
		t.Errorf("backups kept = %d, want 2 (3 just before a pruning): %v", len(files), files)
	}
}

// TestRestoreRefusals checks that restore refuses a file that is not a
// sitroom database, and a forced restore over a database a console has
// open.
func TestRestoreRefusals(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	empty := filepath.Join(env.dir, "empty.db")
	writeText(t, empty, "")

	_, errOut, code := env.run("restore", empty, "--force")
	if code == 0 {
		t.Fatal("an empty file was restored over the incident")
	}

	wantContains(t, "empty backup", errOut, "is not a sitroom database")
	wantContains(t, "incident kept", env.mustRun("verify"), "chain OK: NBH-2026-014 seal: 152 entries")

	dir := filepath.Join(env.dir, "backups")
	mkdir(t, dir)
	env.mustRun("backup", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.db"))

	c := startConsole(t, env, "--as", "ST01")
	c.waitFor("Here 1:", 10*time.Second)

	_, errOut, code = env.run("restore", files[0], "--force")
	if code == 0 {
		t.Fatal("a forced restore replaced a database a console had open")
	}

	wantContains(t, "open console", errOut, "is open in 1 console(s): ST01 (local")
}

func mkdir(t *testing.T, dir string) {
	t.Helper()

	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreRefusedWhileServing checks that a forced restore is refused
// while sitroom serve has the database open, even with no console.
func TestRestoreRefusedWhileServing(t *testing.T) {
	env := newSSHEnv(t)
	dir := filepath.Join(env.dir, "backups")
	mkdir(t, dir)
	env.mustRun("backup", dir)

	files, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	if len(files) != 1 {
		t.Fatalf("backups = %v", files)
	}

	srv := env.serve()

	_, errOut, code := env.run("restore", files[0], "--force")
	if code == 0 {
		t.Fatal("a forced restore replaced the database sitroom serve had open")
	}

	wantContains(t, "serving", errOut, "is open in sitroom serve (process ")

	srv.stop()
	env.mustRun("restore", files[0], "--force")
}

// TestConsoleShowsBackupFailure removes the backup folder of a running
// console and checks that the console says so.
func TestConsoleShowsBackupFailure(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	dir := filepath.Join(env.dir, "usb")
	mkdir(t, dir)

	c := startConsole(t, env, "--as", "ST01", "--backup-dir", dir, "--backup-every", "1s")
	c.waitFor("Here 1:", 10*time.Second)

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}

	// The footer may cut a long path short, so only its start is matched.
	c.waitFor("Backup failed: backup folder", 10*time.Second)
}
