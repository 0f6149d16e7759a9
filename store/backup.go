package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
)

// ErrReadOnly marks a write to a database opened with OpenSnapshot.
var ErrReadOnly = errors.New("opened read-only")

// BackupTo writes a consistent copy of the database to path with SQLite's
// VACUUM INTO. It reads one snapshot, so writers carry on while it runs,
// and the copy is a single file in rollback-journal mode, with no -wal
// file to lose. path must not exist.
func (db *DB) BackupTo(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup %s already exists: choose another name", path)
	}

	// A connection of its own, so that the copy neither waits behind nor
	// holds up the write connection. VACUUM INTO writes only the new file.
	conn, err := sql.Open("sqlite", dsn(db.path, "deferred", false, BusyTimeout))
	if err != nil {
		return fmt.Errorf("open database %s for a backup: %w", db.path, err)
	}
	defer conn.Close()

	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)

		return describe(path, fmt.Errorf("copy database %s to %s: check the free space and permissions of the backup folder: %w", db.path, path, err))
	}

	return nil
}

// OpenSnapshot opens a database file that nothing else writes, such as a
// backup, read-only and without creating any file beside it. Its schema
// must be this build's. Update fails with ErrReadOnly.
func OpenSnapshot(ctx context.Context, path string) (*DB, error) {
	if err := checkExisting(ctx, path); err != nil {
		return nil, err
	}

	read, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	var version int
	if err := read.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		read.Close()

		return nil, describe(path, fmt.Errorf("read schema version: %w", err))
	}

	if version != SchemaVersion {
		read.Close()

		return nil, fmt.Errorf("%s has schema version %d and this sitroom reads %d directly: restore it with sitroom restore, which upgrades it",
			path, version, SchemaVersion)
	}

	return &DB{path: path, read: read}, nil
}

// IntegrityCheck runs SQLite's integrity_check and returns an error naming
// the first problem it reports.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var result string
	if err := db.read.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&result); err != nil {
		return describe(db.path, fmt.Errorf("check integrity: %w", err))
	}

	if result != "ok" {
		return fmt.Errorf("database %s is damaged: SQLite's integrity check reports %q", db.path, result)
	}

	return nil
}

// SchemaOf returns the schema version of the database file at path without
// changing it or creating anything beside it: 0 for an empty file or a
// SQLite database that sitroom did not make.
func SchemaOf(ctx context.Context, path string) (int, error) {
	if err := checkExisting(ctx, path); err != nil {
		return 0, err
	}

	info, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}

	if info.Size() == 0 {
		return 0, nil
	}

	conn, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer conn.Close()

	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, describe(path, fmt.Errorf("read schema version: %w", err))
	}

	return version, nil
}
