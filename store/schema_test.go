package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestOpenNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitroom.db")

	db := openTestDB(t, path)
	svc := incident.NewService(db, nil)

	if _, err := svc.Declare(context.Background(), testActor, incident.NewIncident{Ref: testRef, Title: "Ransomware on PAS"}); err != nil {
		t.Fatalf("declare: %v", err)
	}

	logTestEntries(t, svc, 3)

	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	execRaw(t, path, "PRAGMA user_version = 999")

	// The raw connection's close checkpoints and removes the WAL, so any
	// -wal or -shm file seen later was made by the open under test.
	assertNoFile(t, path+"-wal")
	assertNoFile(t, path+"-shm")

	before := fileSHA256(t, path)

	got, err := Open(context.Background(), path)
	if err == nil {
		got.Close()
		t.Fatal("Open of a schema 999 database succeeded, want *NewerSchemaError")
	}

	var newer *NewerSchemaError
	if !errors.As(err, &newer) {
		t.Fatalf("Open error = %T %v, want *NewerSchemaError", err, err)
	}

	if newer.Found != 999 || newer.Supported != SchemaVersion {
		t.Errorf("NewerSchemaError found %d supported %d, want 999 and %d", newer.Found, newer.Supported, SchemaVersion)
	}

	msg := err.Error()
	for _, want := range []string{path, "schema version 999", fmt.Sprintf("supports up to %d", SchemaVersion), "upgrade sitroom"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}

	if after := fileSHA256(t, path); after != before {
		t.Errorf("file SHA-256 changed from %s to %s", before, after)
	}

	assertNoFile(t, path+"-wal")
}

// TestOpenNewerSchemaInWAL covers a newer sitroom that is still running, or
// crashed, with its schema change not yet copied from the -wal file into
// the main file.
func TestOpenNewerSchemaInWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitroom.db")

	db := openTestDB(t, path)
	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	raw := openRaw(t, path)
	if _, err := raw.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatalf("set user_version: %v", err)
	}

	before := fileSHA256(t, path)

	got, err := Open(context.Background(), path)
	if err == nil {
		got.Close()
		t.Fatal("Open of a schema 999 database succeeded, want *NewerSchemaError")
	}

	var newer *NewerSchemaError
	if !errors.As(err, &newer) || newer.Found != 999 {
		t.Fatalf("Open error = %v, want *NewerSchemaError with version 999", err)
	}

	if after := fileSHA256(t, path); after != before {
		t.Errorf("file SHA-256 changed from %s to %s", before, after)
	}
}
