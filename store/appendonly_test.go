package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestEntriesRejectChanges(t *testing.T) {
	db, svc := newTestService(t)
	logTestEntries(t, svc, 2)

	seqBefore, hashBefore := headOf(t, db)
	raw := openRaw(t, db.Path())

	for _, stmt := range []string{
		"UPDATE entries SET text = 'rewritten' WHERE seq = 2",
		"UPDATE entries SET hash = ''",
		"DELETE FROM entries WHERE seq = 3",
		"DELETE FROM entries",
	} {
		_, err := raw.Exec(stmt)
		if err == nil {
			t.Errorf("%s succeeded, want the append-only trigger to reject it", stmt)

			continue
		}

		if !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s failed with %q, want a message about append-only entries", stmt, err)
		}
	}

	if seq, hash := headOf(t, db); seq != seqBefore || hash != hashBefore {
		t.Errorf("chain head = %d %s after rejected changes, want %d %s", seq, hash, seqBefore, hashBefore)
	}

	if _, err := svc.Verify(context.Background(), testRef); err != nil {
		t.Errorf("verify after rejected changes: %v", err)
	}
}

// TestVerifyChangedText edits an entry the way someone with write access to
// the file could: by dropping the trigger first.
func TestVerifyChangedText(t *testing.T) {
	db, svc := newTestService(t)
	logTestEntries(t, svc, 4)

	execRaw(t, db.Path(),
		"DROP TRIGGER entries_no_update",
		"UPDATE entries SET text = 'PAS restored from clean backup' WHERE seq = 3")

	seal, err := svc.Verify(context.Background(), testRef)

	var broken *incident.ChainError
	if !errors.As(err, &broken) {
		t.Fatalf("verify error = %v, want *incident.ChainError", err)
	}

	if broken.Seq != 3 {
		t.Errorf("chain error names entry %d, want 3", broken.Seq)
	}

	if !strings.Contains(err.Error(), "entry 3") {
		t.Errorf("error %q does not name entry 3", err)
	}

	if seal.Entries != 2 {
		t.Errorf("entries verified before the break = %d, want 2", seal.Entries)
	}
}

func TestVerifyDeletedEntry(t *testing.T) {
	db, svc := newTestService(t)
	logTestEntries(t, svc, 4)

	execRaw(t, db.Path(),
		"DROP TRIGGER entries_no_delete",
		"DELETE FROM entries WHERE seq = 3")

	_, err := svc.Verify(context.Background(), testRef)

	var broken *incident.ChainError
	if !errors.As(err, &broken) {
		t.Fatalf("verify error = %v, want *incident.ChainError", err)
	}

	if broken.Seq != 4 {
		t.Errorf("chain error names entry %d, want 4 (the one after the gap)", broken.Seq)
	}

	if !strings.Contains(broken.Reason, "expected sequence number 3") {
		t.Errorf("chain error reason %q does not name the missing entry 3", broken.Reason)
	}
}

// TestVerifyRehashedEntry covers an editor who recomputes the changed
// entry's own hash: the next entry's link to it still breaks.
func TestVerifyRehashedEntry(t *testing.T) {
	db, svc := newTestService(t)
	logTestEntries(t, svc, 4)

	var e incident.Entry
	err := db.Read(context.Background(), func(r incident.Reader) error {
		inc, err := r.IncidentByRef(context.Background(), testRef)
		if err != nil {
			return err
		}

		e, err = r.EntryBySeq(context.Background(), inc.ID, 3)

		return err
	})
	if err != nil {
		t.Fatalf("read entry 3: %v", err)
	}

	e.Text = "PAS restored from clean backup"
	forged := incident.ComputeHash(testRef, &e)

	raw := openRaw(t, db.Path())
	if _, err := raw.Exec("DROP TRIGGER entries_no_update"); err != nil {
		t.Fatal(err)
	}

	if _, err := raw.Exec("UPDATE entries SET text = ?, hash = ? WHERE seq = 3", e.Text, forged); err != nil {
		t.Fatalf("forge entry 3: %v", err)
	}

	_, err = svc.Verify(context.Background(), testRef)

	var broken *incident.ChainError
	if !errors.As(err, &broken) {
		t.Fatalf("verify error = %v, want *incident.ChainError", err)
	}

	if broken.Seq != 4 {
		t.Errorf("chain error names entry %d, want 4 (whose previous hash no longer matches)", broken.Seq)
	}
}
