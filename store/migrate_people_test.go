package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// TestMigrateSchemaTwoToCurrent builds a database as schema 2 left it, with
// an entry, a system state, a gate signature and a task, and opens it with
// this build.
func TestMigrateSchemaTwoToCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")

	statements := make([]string, 0, 8)
	for _, name := range []string{"migrations/001_init.sql", "migrations/002_containment.sql"} {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}

		statements = append(statements, string(body))
	}

	execRaw(t, path, append(statements,
		`INSERT INTO incidents (ref, title, declared_at, declared_by) VALUES ('NBH-2', 'Schema 2 incident', 1, 'ST01')`,
		`INSERT INTO entries (incident_id, seq, occurred_at, recorded_at, author, decision_maker, level, kind, text, prev_hash, hash)
			VALUES (1, 1, 1, 1, 'ST01', 'ST01', 'gold', 'system', 'declared', '', 'h1')`,
		`INSERT INTO systems (id, name) VALUES ('EPR', 'Electronic patient record')`,
		`INSERT INTO system_states (incident_id, system_id, status, since, out_since, episode)
			VALUES (1, 'EPR', 'rebuilding', 7, 5, 2)`,
		`INSERT INTO gate_signatures (incident_id, system_id, episode, check_name, signed_by, signed_at, note, entry_seq)
			VALUES (1, 'EPR', 2, 'clean-source', 'ST03', 8, 'image taken', 1)`,
		`INSERT INTO tasks (incident_id, num, title, created_at, created_by, updated_at) VALUES (1, 1, 'Rebuild EPR', 9, 'ST01', 9)`,
		`PRAGMA user_version = 2`)...)

	db := openTestDB(t, path)
	ctx := context.Background()

	assertMigrated(t, path)

	err := db.Read(ctx, func(r incident.Reader) error {
		seq, hash, err := r.ChainHead(ctx, 1)
		if err != nil {
			return err
		}

		if seq != 1 || hash != "h1" {
			t.Errorf("chain head after migration = %d %q, want 1 \"h1\"", seq, hash)
		}

		st, ok, err := r.SystemState(ctx, 1, "EPR")
		if err != nil {
			return err
		}

		if !ok || st.Status != incident.SystemRebuilding || st.Since.UnixNano() != 7 || st.OutSince.UnixNano() != 5 || st.Episode != 2 {
			t.Errorf("EPR state after migration = %+v (found %v), want rebuilding since 7, out since 5, episode 2", st, ok)
		}

		sigs, err := r.GateSignatures(ctx, 1)
		if err != nil {
			return err
		}

		if len(sigs) != 1 || sigs[0].SignedBy != "ST03" || sigs[0].Note != "image taken" {
			t.Errorf("gate signatures after migration = %+v, want the one signed by ST03", sigs)
		}

		tasks, err := r.Tasks(ctx, 1)
		if err != nil {
			return err
		}

		if len(tasks) != 1 || tasks[0].Title != "Rebuild EPR" {
			t.Errorf("tasks after migration = %+v, want T-1 Rebuild EPR", tasks)
		}

		return assertNoPeopleOrComms(ctx, t, r, 1)
	})
	if err != nil {
		t.Fatalf("read migrated database: %v", err)
	}

	// The new tables accept records for the old incident.
	duty := incident.Duty{IncidentID: 1, StaffID: "ST01", OnSince: at(8, 0), Route: incident.RouteMobile, LastWelfare: at(8, 0)}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.SetWelfareInterval(ctx, 1, 30*time.Minute); err != nil {
			return err
		}

		return tx.InsertDuty(ctx, &duty)
	})

	if got := readBack(t, db, func(ctx context.Context, r incident.Reader) (time.Duration, error) {
		return r.WelfareInterval(ctx, 1)
	}); got != 30*time.Minute {
		t.Errorf("welfare interval set after migration = %s, want 30m0s", got)
	}

	if got := readBack(t, db, func(ctx context.Context, r incident.Reader) ([]incident.Duty, error) {
		return r.Duties(ctx, 1)
	}); len(got) != 1 || got[0].ID != duty.ID || got[0].StaffID != "ST01" {
		t.Errorf("duties stored after migration = %+v, want ST01's duty with id %d", got, duty.ID)
	}
}

// assertNoPeopleOrComms checks that schema 3's records are all empty for the
// incident.
func assertNoPeopleOrComms(ctx context.Context, t *testing.T, r incident.Reader, incidentID int64) error {
	t.Helper()

	welfare, err := r.WelfareInterval(ctx, incidentID)
	if err != nil {
		return err
	}

	if welfare != 0 {
		t.Errorf("welfare interval after migration = %s, want 0", welfare)
	}

	counts := map[string]func() (int, error){
		"duties":     func() (int, error) { return countOf(r.Duties(ctx, incidentID)) },
		"roll calls": func() (int, error) { return countOf(r.RollCalls(ctx, incidentID)) },
		"messages":   func() (int, error) { return countOf(r.Messages(ctx, incidentID)) },
		"deadlines":  func() (int, error) { return countOf(r.Deadlines(ctx, incidentID)) },
		"sitreps":    func() (int, error) { return countOf(r.Sitreps(ctx, incidentID)) },
	}

	for table, count := range counts {
		n, err := count()
		if err != nil {
			return err
		}

		if n != 0 {
			t.Errorf("%s after migration = %d, want 0", table, n)
		}
	}

	return nil
}

// countOf returns the length of a list read with its error.
func countOf[T any](list []T, err error) (int, error) { return len(list), err }
