package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// TestMigrateSchemaThreeGivesAccess opens a schema 3 roster with this build
// and checks that each person gets the access their title and level imply.
func TestMigrateSchemaThreeGivesAccess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.db")

	statements := make([]string, 0, 8)
	for _, name := range []string{"migrations/001_init.sql", "migrations/002_containment.sql", "migrations/003_people_comms.sql"} {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}

		statements = append(statements, string(body))
	}

	execRaw(t, path, append(statements,
		`INSERT INTO staff (id, name, role, level) VALUES ('ST01', 'Siân', 'Strategic Commander', 'gold')`,
		`INSERT INTO staff (id, name, role, level) VALUES ('ST22', 'Chloé', 'Loggist', 'none')`,
		`INSERT INTO staff (id, name, role, level) VALUES ('ST29', 'Jürgen', 'Supplier liaison', 'none')`,
		`INSERT INTO staff (id, name, role, level) VALUES ('ST10', 'Mateo', 'IT Infrastructure Manager', 'bronze')`,
		`PRAGMA user_version = 3`)...)

	db := openTestDB(t, path)
	ctx := context.Background()

	assertMigrated(t, path)

	want := map[string]incident.Access{
		"ST01": incident.AccessCommander, "ST22": incident.AccessLoggist,
		"ST29": incident.AccessMember, "ST10": incident.AccessCommander,
	}

	err := db.Read(ctx, func(r incident.Reader) error {
		staff, err := r.Staff(ctx)
		if err != nil {
			return err
		}

		for _, m := range staff {
			if m.Access != want[m.ID] || m.Login != "" {
				t.Errorf("%s after migration: access %q, login %q; want %q and no login", m.ID, m.Access, m.Login, want[m.ID])
			}
		}

		keys, err := r.StaffKeys(ctx)
		if err != nil || len(keys) != 0 {
			t.Errorf("keys after migration = %v, %v; want none", keys, err)
		}

		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
