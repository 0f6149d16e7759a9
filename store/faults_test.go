package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/northbridge-nhs/sitroom/incident"
)

// readOnlyHelperEnv names the database that TestHelperReadOnly checks when
// it runs as a child process of TestOpenReadOnly.
const readOnlyHelperEnv = "SITROOM_TEST_READONLY_DB"

// assertMessage checks that err's message contains each of wants.
func assertMessage(t *testing.T, err error, wants ...string) {
	t.Helper()

	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

// assertSQLiteCode checks the primary SQLite result code wrapped in err.
func assertSQLiteCode(t *testing.T, err error, want int) {
	t.Helper()

	var se *sqlite.Error
	if !errors.As(err, &se) {
		t.Errorf("error %q wraps no *sqlite.Error", err)

		return
	}

	if got := se.Code() & 0xff; got != want {
		t.Errorf("SQLite result code = %d (%s), want %d", got, se, want)
	}
}

// TestOpenReadOnly opens a database whose file is mode 444 in a folder of
// mode 555. Root ignores those modes, so when the test runs as root the
// check runs in a child process that setpriv starts with every capability
// dropped: still uid 0 and owner of the files, but bound by their modes.
func TestOpenReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "readonly")
	path := filepath.Join(dir, "sitroom.db")

	db := openTestDB(t, path)
	svc := incident.NewService(db, nil)

	if _, err := svc.Declare(context.Background(), testActor, incident.NewIncident{Ref: testRef, Title: "Ransomware on PAS"}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	logTestEntries(t, svc, 2)

	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}

	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() { os.Chmod(dir, 0o755) })

	before := fileSHA256(t, path)

	if os.Geteuid() != 0 {
		checkReadOnly(t, path)
	} else {
		runReadOnlyHelper(t, path)
	}

	if after := fileSHA256(t, path); after != before {
		t.Errorf("file SHA-256 changed from %s to %s", before, after)
	}
}

func runReadOnlyHelper(t *testing.T, path string) {
	t.Helper()

	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root, which ignores file modes, and setpriv (util-linux) is not installed to drop root's capabilities: install util-linux or run the tests as another user")
	}

	cmd := exec.Command(setpriv, "--bounding-set=-all", "--inh-caps=-all", "--",
		os.Args[0], "-test.run=^TestHelperReadOnly$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), readOnlyHelperEnv+"="+path)

	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("read-only check in a child without capabilities failed: %v\n%s", err, out)
	}

	if !bytes.Contains(out, []byte("--- PASS: TestHelperReadOnly")) {
		t.Fatalf("child process did not run TestHelperReadOnly:\n%s", out)
	}
}

// TestHelperReadOnly is TestOpenReadOnly's check, run in a child process.
func TestHelperReadOnly(t *testing.T) {
	path := os.Getenv(readOnlyHelperEnv)
	if path == "" {
		t.Skip("runs only as a child process of TestOpenReadOnly")
	}

	checkReadOnly(t, path)
}

func checkReadOnly(t *testing.T, path string) {
	t.Helper()

	// Without this the test could pass while proving nothing.
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
		t.Fatalf("%s opened for writing despite mode 444: this process bypasses file modes", path)
	}

	db, err := Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatalf("Open of read-only %s succeeded, want an error", path)
	}

	assertMessage(t, err, path, "read-only", "permissions")
	assertSQLiteCode(t, err, sqlite3.SQLITE_READONLY)
	assertNoFile(t, path+"-wal")
}

func TestOpenNotDatabase(t *testing.T) {
	random := make([]byte, 64<<10)
	rng := rand.NewChaCha8([32]byte{1})
	rng.Read(random)

	for _, c := range []struct {
		name    string
		content []byte
	}{
		{"random", random},
		{"csv", []byte("id,name,function\nPAS,Patient Administration System,admissions\n")},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sitroom.db")
			if err := os.WriteFile(path, c.content, 0o600); err != nil {
				t.Fatal(err)
			}

			db, err := Open(context.Background(), path)
			if err == nil {
				db.Close()
				t.Fatalf("Open of %s bytes succeeded, want an error", c.name)
			}

			assertMessage(t, err, path, "not a sitroom database", "backup")
			assertSQLiteCode(t, err, sqlite3.SQLITE_NOTADB)

			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			if !bytes.Equal(got, c.content) {
				t.Errorf("file content changed: %d bytes before, %d after", len(c.content), len(got))
			}

			assertNoFile(t, path+"-wal")
			assertNoFile(t, path+"-shm")
		})
	}
}

// holdExclusive takes the write lock of the database at path through a
// connection of its own and returns the function that releases it.
func holdExclusive(t *testing.T, path string) func() {
	t.Helper()

	ctx := context.Background()

	conn, err := openRaw(t, path).Conn(ctx)
	if err != nil {
		t.Fatalf("connect to %s: %v", path, err)
	}

	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatalf("lock %s: %v", path, err)
	}

	return func() {
		if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			t.Errorf("unlock %s: %v", path, err)
		}

		conn.Close()
	}
}

// TestLogLockedDatabase holds the write lock for the whole busy timeout, so
// it takes about ten seconds and runs in parallel with the other tests.
func TestLogLockedDatabase(t *testing.T) {
	t.Parallel()

	ctx := context.Background()
	db, svc := newTestService(t)
	seqBefore, hashBefore := headOf(t, db)

	release := holdExclusive(t, db.Path())

	// Readers are not blocked by a writer in WAL mode.
	if _, err := svc.Verify(ctx, testRef); err != nil {
		t.Errorf("verify while another process holds the write lock: %v", err)
	}

	start := time.Now()
	_, err := svc.Log(ctx, testActor, testRef, incident.NewEntry{Text: "written while locked"})
	waited := time.Since(start)

	release()

	if err == nil {
		t.Fatal("Log succeeded while another connection held the write lock")
	}

	if waited < BusyTimeout*9/10 {
		t.Errorf("Log gave up after %s, want about the busy timeout %s", waited, BusyTimeout)
	}

	assertMessage(t, err, db.Path(), "locked", BusyTimeout.String(), "nothing was written", "try again")
	assertSQLiteCode(t, err, sqlite3.SQLITE_BUSY)

	if seq, hash := headOf(t, db); seq != seqBefore || hash != hashBefore {
		t.Errorf("chain head = %d %s after the failed write, want %d %s", seq, hash, seqBefore, hashBefore)
	}

	e, err := svc.Log(ctx, testActor, testRef, incident.NewEntry{Text: "written after the lock was released"})
	if err != nil {
		t.Fatalf("Log after the lock was released: %v", err)
	}

	if e.Seq != seqBefore+1 {
		t.Errorf("entry after the lock has seq %d, want %d", e.Seq, seqBefore+1)
	}
}

func TestLogWaitsForLock(t *testing.T) {
	const hold = 300 * time.Millisecond

	ctx := context.Background()
	db, svc := newTestService(t)

	release := holdExclusive(t, db.Path())
	timer := time.AfterFunc(hold, release)
	defer timer.Stop()

	start := time.Now()

	e, err := svc.Log(ctx, testActor, testRef, incident.NewEntry{Text: "queued behind another writer"})
	if err != nil {
		t.Fatalf("Log behind a %s lock: %v", hold, err)
	}

	if waited := time.Since(start); waited < hold*8/10 {
		t.Errorf("Log returned after %s, before the %s lock was released", waited, hold)
	}

	if e.Seq != 2 {
		t.Errorf("entry seq = %d, want 2", e.Seq)
	}
}

// mountTmpfs mounts a tmpfs of the given size, such as "2m", in a temporary
// folder and unmounts it when the test ends.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()

	dir := t.TempDir()

	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a %s tmpfs at %s (%v: %s): the disk-full test needs root and permission to mount",
			size, dir, err, bytes.TrimSpace(out))
	}

	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("unmount %s: %v: %s", dir, err, out)
		}
	})

	return dir
}

// assertAcknowledged checks that every acknowledged entry is stored as it
// was acknowledged, and that the chain verifies up to the last of them.
func assertAcknowledged(t *testing.T, db *DB, acked []incident.Entry) {
	t.Helper()

	ctx := context.Background()
	svc := incident.NewService(db, nil)

	seal, err := svc.Verify(ctx, testRef)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}

	last := acked[len(acked)-1]
	if seal.Entries != last.Seq || seal.Head != last.Hash {
		t.Errorf("seal = %d entries, head %s; want %d, %s", seal.Entries, seal.Head, last.Seq, last.Hash)
	}

	stored := map[int64]string{}

	err = db.Read(ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(ctx, testRef)
		if err != nil {
			return err
		}

		return r.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID}, func(e *incident.Entry) error {
			stored[e.Seq] = e.Hash

			return nil
		})
	})
	if err != nil {
		t.Fatalf("read entries: %v", err)
	}

	for _, e := range acked {
		if stored[e.Seq] != e.Hash {
			t.Errorf("acknowledged entry %d has stored hash %q, want %q", e.Seq, stored[e.Seq], e.Hash)
		}
	}
}

func TestLogDiskFull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(mountTmpfs(t, "2m"), "sitroom.db")

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}

	svc := incident.NewService(db, nil)

	if _, err := svc.Declare(ctx, testActor, incident.NewIncident{Ref: testRef, Title: "Ransomware on PAS"}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	// Entries of about 2 KiB fill 2 MiB within a few hundred writes, because
	// each commit appends whole pages to the WAL.
	padding := strings.Repeat("ward round notes ", 120)

	var acked []incident.Entry
	var failure error

	for i := range 5000 {
		e, err := svc.Log(ctx, testActor, testRef, incident.NewEntry{Text: fmt.Sprintf("entry %d: %s", i, padding)})
		if err != nil {
			failure = err

			break
		}

		acked = append(acked, e)
	}

	if failure == nil {
		t.Fatalf("5000 entries of 2 KiB fitted on a 2 MiB disk: the disk never filled")
	}

	if len(acked) == 0 {
		t.Fatalf("the first entry failed, so the disk was full before the test wrote: %v", failure)
	}

	t.Logf("disk full after %d acknowledged entries: %v", len(acked), failure)

	assertMessage(t, failure, path, "full", "free space")
	assertSQLiteCode(t, failure, sqlite3.SQLITE_FULL)

	assertAcknowledged(t, db, acked)

	// A short entry may fit where the long one did not. Either way the
	// chain must stay whole.
	if e, err := svc.Log(ctx, testActor, testRef, incident.NewEntry{Text: "short"}); err == nil {
		acked = append(acked, e)
	}

	assertAcknowledged(t, db, acked)

	if err := db.Close(); err != nil {
		t.Logf("close on a full disk: %v", err)
	}

	// Reopening on the still-full disk must show the same entries.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen %s on a full disk: %v", path, err)
	}
	defer db.Close()

	assertAcknowledged(t, db, acked)
}
