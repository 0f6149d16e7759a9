package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// testRef is the incident every store test declares.
const testRef = "NBH-2026-014"

var testActor = incident.Actor{ID: "ST05", Name: "Test Loggist", Level: incident.LevelSilver}

// openTestDB opens path with store.Open and closes it when the test ends.
func openTestDB(tb testing.TB, path string) *DB {
	tb.Helper()

	db, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}

	tb.Cleanup(func() { db.Close() })

	return db
}

// newTestService opens a fresh database in a temporary folder and declares
// testRef in it, which writes entry 1.
func newTestService(tb testing.TB) (*DB, *incident.Service) {
	tb.Helper()

	db := openTestDB(tb, filepath.Join(tb.TempDir(), "sitroom.db"))
	svc := incident.NewService(db, nil)

	if _, err := svc.Declare(context.Background(), testActor, incident.NewIncident{Ref: testRef, Title: "Ransomware on PAS"}); err != nil {
		tb.Fatalf("declare %s: %v", testRef, err)
	}

	return db, svc
}

// logTestEntries logs n observations and returns them in order.
func logTestEntries(tb testing.TB, svc *incident.Service, n int) []incident.Entry {
	tb.Helper()

	out := make([]incident.Entry, 0, n)

	for i := range n {
		e, err := svc.Log(context.Background(), testActor, testRef, incident.NewEntry{Text: fmt.Sprintf("observation %d", i+1)})
		if err != nil {
			tb.Fatalf("log observation %d: %v", i+1, err)
		}

		out = append(out, e)
	}

	return out
}

// openRaw opens path with the modernc driver and none of sitroom's pragmas
// or rules, the way someone editing the file behind sitroom's back would.
func openRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatalf("open %s without the store: %v", path, err)
	}

	raw.SetMaxOpenConns(1)
	tb.Cleanup(func() { raw.Close() })

	return raw
}

// execRaw runs statements on a raw connection to path and closes it, so the
// file is left as another program would leave it.
func execRaw(tb testing.TB, path string, statements ...string) {
	tb.Helper()

	raw := openRaw(tb, path)

	for _, s := range statements {
		if _, err := raw.Exec(s); err != nil {
			tb.Fatalf("%s on %s: %v", s, path, err)
		}
	}

	if err := raw.Close(); err != nil {
		tb.Fatalf("close raw connection to %s: %v", path, err)
	}
}

// fileSHA256 returns the hex SHA-256 of the file's bytes.
func fileSHA256(tb testing.TB, path string) string {
	tb.Helper()

	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}

	sum := sha256.Sum256(b)

	return hex.EncodeToString(sum[:])
}

// assertNoFile fails the test when path exists.
func assertNoFile(tb testing.TB, path string) {
	tb.Helper()

	_, err := os.Stat(path)
	if !errors.Is(err, os.ErrNotExist) {
		tb.Errorf("%s exists (stat error %v), want no such file", path, err)
	}
}

// headOf returns the sequence number and hash of testRef's last entry.
func headOf(tb testing.TB, db *DB) (int64, string) {
	tb.Helper()

	var seq int64
	var hash string

	err := db.Read(context.Background(), func(r incident.Reader) error {
		inc, err := r.IncidentByRef(context.Background(), testRef)
		if err != nil {
			return err
		}

		seq, hash, err = r.ChainHead(context.Background(), inc.ID)

		return err
	})
	if err != nil {
		tb.Fatalf("read chain head of %s: %v", testRef, err)
	}

	return seq, hash
}
