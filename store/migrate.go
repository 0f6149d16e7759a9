package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SchemaVersion is the newest schema this build knows: the number of the
// last file in migrations/.
var SchemaVersion = len(migrationFiles())

func migrationFiles() []string {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}

	sort.Strings(names)

	return names
}

// migrate applies each migration the database lacks in its own transaction,
// setting user_version in that same transaction.
func (db *DB) migrate(ctx context.Context) error {
	for i, name := range migrationFiles() {
		version := i + 1
		if want := fmt.Sprintf("migrations/%03d_", version); !strings.HasPrefix(name, want) {
			panic("migration " + name + " is out of order: expected prefix " + want)
		}

		if err := db.applyMigration(ctx, name, version); err != nil {
			return err
		}
	}

	return nil
}

func (db *DB) applyMigration(ctx context.Context, name string, version int) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return describe(db.path, fmt.Errorf("begin migration: %w", err))
	}
	defer tx.Rollback()

	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return describe(db.path, fmt.Errorf("read schema version: %w", err))
	}

	if current > SchemaVersion {
		return &NewerSchemaError{Path: db.path, Found: current, Supported: SchemaVersion}
	}

	if current >= version {
		return nil
	}

	body, err := migrations.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read embedded %s: %w", name, err)
	}

	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return describe(db.path, fmt.Errorf("apply %s: %w", name, err))
	}

	// PRAGMA takes no parameters; version is an integer from this build.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(version)); err != nil {
		return describe(db.path, fmt.Errorf("set schema version %d: %w", version, err))
	}

	if err := tx.Commit(); err != nil {
		return describe(db.path, fmt.Errorf("commit %s: %w", name, err))
	}

	return nil
}
