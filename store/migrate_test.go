package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// TestMigrateSchemaOneToCurrent builds a database as the first release
// left it, with one incident and entry, and opens it with this build.
func TestMigrateSchemaOneToCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")

	first, err := migrations.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatalf("read migration 1: %v", err)
	}

	execRaw(t, path, string(first),
		`INSERT INTO incidents (ref, title, declared_at, declared_by) VALUES ('NBH-1', 'Old incident', 1, 'ST01')`,
		`INSERT INTO entries (incident_id, seq, occurred_at, recorded_at, author, decision_maker, level, kind, text, prev_hash, hash)
			VALUES (1, 1, 1, 1, 'ST01', 'ST01', 'gold', 'system', 'declared', '', 'h1')`,
		`INSERT INTO systems (id, name) VALUES ('EPR', 'Electronic patient record')`,
		`INSERT INTO system_states (incident_id, system_id, status, since) VALUES (1, 'EPR', 'isolated', 5)`,
		`PRAGMA user_version = 1`)

	db := openTestDB(t, path)
	ctx := context.Background()

	assertMigrated(t, path)

	err = db.Read(ctx, func(r incident.Reader) error {
		seq, hash, err := r.ChainHead(ctx, 1)
		if err != nil {
			return err
		}

		if seq != 1 || hash != "h1" {
			t.Errorf("chain head after migration = %d %q, want the old entry", seq, hash)
		}

		states, err := r.SystemStates(ctx, 1)
		if err != nil {
			return err
		}

		if st := states["EPR"]; st.Status != incident.SystemIsolated || st.OutSince.UnixNano() != 5 || st.Episode != 1 {
			t.Errorf("old state after migration = %+v, want isolated, out since it was isolated, in episode 1", st)
		}

		tasks, err := r.Tasks(ctx, 1)
		if err != nil {
			return err
		}

		if len(tasks) != 0 {
			t.Errorf("tasks after migration = %d, want 0", len(tasks))
		}

		return nil
	})
	if err != nil {
		t.Fatalf("read migrated database: %v", err)
	}
}
