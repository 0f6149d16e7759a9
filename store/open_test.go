package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// schemaObjects are the tables and triggers that the migrations create.
var schemaObjects = []string{
	"table deadlines", "table drafts", "table duties", "table entries", "table gate_signatures", "table incident_settings",
	"table incidents", "table messages", "table presence", "table roll_calls", "table roll_marks", "table sitreps", "table staff",
	"table staff_keys", "table system_states", "table systems", "table tasks", "trigger entries_no_delete", "trigger entries_no_update",
}

// assertMigrated checks the schema version and objects of the file at path
// through a raw connection, so the check does not rely on the store.
func assertMigrated(t *testing.T, path string) {
	t.Helper()

	raw := openRaw(t, path)

	var version int
	if err := raw.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatalf("read user_version of %s: %v", path, err)
	}

	if version != SchemaVersion {
		t.Errorf("user_version = %d, want %d", version, SchemaVersion)
	}

	rows, err := raw.Query(`SELECT type || ' ' || name FROM sqlite_schema
		WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY 1`)
	if err != nil {
		t.Fatalf("list schema of %s: %v", path, err)
	}
	defer rows.Close()

	var got []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatalf("read schema row: %v", err)
		}

		got = append(got, name)
	}

	if err := rows.Err(); err != nil {
		t.Fatalf("list schema of %s: %v", path, err)
	}

	if !slices.Equal(got, schemaObjects) {
		t.Errorf("schema objects = %q, want %q", got, schemaObjects)
	}
}

func TestOpenFreshPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "sitroom.db")

	db := openTestDB(t, path)
	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	assertMigrated(t, path)
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitroom.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	db := openTestDB(t, path)
	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	assertMigrated(t, path)
}

func TestOpenTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitroom.db")

	first := openTestDB(t, path)
	svc := incident.NewService(first, nil)

	if _, err := svc.Declare(context.Background(), testActor, incident.NewIncident{Ref: testRef, Title: "Ransomware on PAS"}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	logTestEntries(t, svc, 2)

	// A second open while the first is still in use, then a third after
	// both have closed: neither may migrate again or lose data.
	second := openTestDB(t, path)
	seq, hash := headOf(t, second)

	if err := second.Close(); err != nil {
		t.Fatalf("close second: %v", err)
	}

	if err := first.Close(); err != nil {
		t.Fatalf("close first: %v", err)
	}

	third := openTestDB(t, path)

	seq3, hash3 := headOf(t, third)
	if seq != 3 || seq3 != 3 {
		t.Errorf("chain head after reopening = %d then %d, want 3 both times", seq, seq3)
	}

	if hash3 != hash {
		t.Errorf("head hash changed between opens: %s then %s", hash, hash3)
	}

	if err := third.Close(); err != nil {
		t.Fatalf("close third: %v", err)
	}

	assertMigrated(t, path)
}

// connPragmas are the settings every connection must carry.
type connPragmas struct {
	journalMode string
	synchronous int
	foreignKeys int
	busyTimeout int
	queryOnly   int
}

func readPragmas(t *testing.T, q querier) connPragmas {
	t.Helper()

	ctx := context.Background()
	var p connPragmas

	for _, c := range []struct {
		pragma string
		dest   any
	}{
		{"journal_mode", &p.journalMode},
		{"synchronous", &p.synchronous},
		{"foreign_keys", &p.foreignKeys},
		{"busy_timeout", &p.busyTimeout},
		{"query_only", &p.queryOnly},
	} {
		if err := q.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(c.dest); err != nil {
			t.Fatalf("PRAGMA %s: %v", c.pragma, err)
		}
	}

	return p
}

func assertPragmas(t *testing.T, pool string, got connPragmas, queryOnly int) {
	t.Helper()

	want := connPragmas{
		journalMode: "wal",
		synchronous: 2, // FULL
		foreignKeys: 1,
		busyTimeout: int(BusyTimeout.Milliseconds()),
		queryOnly:   queryOnly,
	}

	// The write connection waits in short steps and beginWrite tries
	// again until BusyTimeout.
	if queryOnly == 0 {
		want.busyTimeout = int(writeBusyStep.Milliseconds())
	}

	if got != want {
		t.Errorf("%s connection pragmas = %+v, want %+v", pool, got, want)
	}
}

// TestOpenConnectionPragmas holds several read transactions at once, so
// that each runs on its own connection of the read pool, and checks the
// settings of each and of the write connection.
func TestOpenConnectionPragmas(t *testing.T) {
	db := openTestDB(t, filepath.Join(t.TempDir(), "sitroom.db"))
	ctx := context.Background()

	const heldReads = 3
	var seen []connPragmas

	var readNested func(depth int) error
	readNested = func(depth int) error {
		return db.Read(ctx, func(r incident.Reader) error {
			seen = append(seen, readPragmas(t, r.(*txn).q))

			if depth+1 < heldReads {
				return readNested(depth + 1)
			}

			if got := db.read.Stats().InUse; got != heldReads {
				t.Errorf("read connections in use = %d, want %d", got, heldReads)
			}

			return nil
		})
	}

	if err := readNested(0); err != nil {
		t.Fatalf("read: %v", err)
	}

	if len(seen) != heldReads {
		t.Fatalf("checked %d read connections, want %d", len(seen), heldReads)
	}

	for i, p := range seen {
		assertPragmas(t, fmt.Sprintf("read #%d", i+1), p, 1)
	}

	err := db.Update(ctx, func(tx incident.Tx) error {
		assertPragmas(t, "write", readPragmas(t, tx.(*txn).q), 0)

		return nil
	})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
}

func TestNewDatabaseIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "private.db")
	db := openTestDB(t, path)

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.PutStaff(context.Background(), incident.StaffMember{ID: "ST01", Name: "Siân", Phone: "07700 900101"})
	})
	if err != nil {
		t.Fatal(err)
	}

	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatalf("stat %s: %v", p, err)
		}

		if mode := info.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", filepath.Base(p), mode)
		}
	}
}
