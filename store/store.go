// Package store keeps sitroom's data in one SQLite file and implements
// incident.Store on it.
//
// Every connection gets WAL, synchronous=FULL, foreign keys and a busy
// timeout from its connection string, and write transactions start with
// BEGIN IMMEDIATE, so concurrent writers in many processes queue for the
// lock instead of failing.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// BusyTimeout is how long a writer waits for another's write lock before
// giving up. Under heavy contention waits of 2 to 3 s have been seen, so
// this leaves room.
const BusyTimeout = 10 * time.Second

// DB is an open sitroom database.
type DB struct {
	path  string
	write *sql.DB // one connection, BEGIN IMMEDIATE
	read  *sql.DB // query-only connections, deferred transactions

	prepared prepared // on write, for Update
}

var _ incident.Store = (*DB)(nil)

// Open opens or creates the database at path, applying any migrations it
// lacks. A database whose schema is newer than this build supports is
// refused without being changed.
func Open(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create folder %s for database: %w", dir, err)
		}
	}

	if err := checkExisting(ctx, path); err != nil {
		return nil, err
	}

	if err := createPrivate(path); err != nil {
		return nil, err
	}

	write, err := sql.Open("sqlite", dsn(path, "immediate", false, writeBusyStep))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	write.SetMaxOpenConns(1)

	db := &DB{path: path, write: write}

	if err := db.migrate(ctx); err != nil {
		write.Close()

		return nil, err
	}

	if db.prepared, err = prepareWrites(ctx, write); err != nil {
		write.Close()

		return nil, describe(path, err)
	}

	db.read, err = sql.Open("sqlite", dsn(path, "deferred", true, BusyTimeout))
	if err != nil {
		db.prepared.close()
		write.Close()

		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	db.read.SetMaxOpenConns(4)

	return db, nil
}

// dsn builds the connection string. Pragmas in the string apply to every
// connection the pool opens, not only the first. busy is how long one
// statement waits for a lock inside SQLite.
func dsn(path, txlock string, queryOnly bool, busy time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))

	if queryOnly {
		q.Add("_pragma", "query_only(1)")
	}

	q.Set("_txlock", txlock)

	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// checkExisting reads the schema version of an existing file through a
// read-only connection with no pragmas, so that a database from a newer
// sitroom, or a file that is not a database, is refused before anything
// could alter it.
func checkExisting(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}

	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}

	if info.IsDir() {
		return fmt.Errorf("database path %s is a folder: give the path of a file", path)
	}

	if info.Size() == 0 {
		return nil
	}

	// A read-only connection still creates -wal and -shm files beside a WAL
	// database, and a refused file must stay exactly as it was. A WAL
	// database without a -wal file has no open connection, so immutable=1
	// can read the main file alone. An existing -wal file may contain the
	// newest schema version, so then the check reads through it.
	query := "?mode=ro&immutable=1"
	if _, err := os.Stat(path + "-wal"); err == nil {
		query = "?mode=ro"
	}

	// A busy timeout changes nothing in the file; without one, a check that
	// meets another process recovering the WAL fails at once with
	// SQLITE_BUSY_RECOVERY.
	query += fmt.Sprintf("&_pragma=busy_timeout(%d)", BusyTimeout.Milliseconds())

	ro, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+query)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer ro.Close()

	var version int
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return describe(path, fmt.Errorf("read schema version: %w", err))
	}

	if version > SchemaVersion {
		return &NewerSchemaError{Path: path, Found: version, Supported: SchemaVersion}
	}

	if version == 0 {
		var tables int
		if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			return describe(path, fmt.Errorf("read schema: %w", err))
		}

		// sitroom's own databases always have a version; tables without
		// one belong to another program, which must not get ours added.
		if tables > 0 {
			return fmt.Errorf("%s is another program's SQLite database, not sitroom's: give a sitroom database with --db (the file was not changed)", path)
		}
	}

	return nil
}

// NewerSchemaError reports a database written by a newer sitroom.
type NewerSchemaError struct {
	Path      string
	Found     int
	Supported int
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("database %s has schema version %d; this sitroom supports up to %d: upgrade sitroom or open a backup (the file was not changed)",
		e.Path, e.Found, e.Supported)
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes every connection.
func (db *DB) Close() error {
	var errs []error

	if db.read != nil {
		errs = append(errs, db.read.Close())
	}

	if db.write != nil {
		errs = append(errs, db.prepared.close(), db.write.Close())
	}

	return errors.Join(errs...)
}

// Update runs fn in one BEGIN IMMEDIATE transaction and commits it when fn
// returns nil.
func (db *DB) Update(ctx context.Context, fn func(tx incident.Tx) error) error {
	if db.write == nil {
		return fmt.Errorf("write to %s: %w", db.path, ErrReadOnly)
	}

	tx, err := db.beginWrite(ctx)
	if err != nil {
		return describe(db.path, fmt.Errorf("begin write: %w", err))
	}

	if err := fn(&txn{q: tx, tx: tx, prepared: db.prepared}); err != nil {
		tx.Rollback()

		return describe(db.path, err)
	}

	if err := tx.Commit(); err != nil {
		return describe(db.path, fmt.Errorf("commit: %w", err))
	}

	return nil
}

// Read runs fn against one snapshot of the database.
func (db *DB) Read(ctx context.Context, fn func(r incident.Reader) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return describe(db.path, fmt.Errorf("begin read: %w", err))
	}
	defer tx.Rollback()

	return describe(db.path, fn(&txn{q: tx}))
}

// Exec runs a statement outside the domain's rules. It exists for tests and
// benchmarks that need raw access; the application never calls it.
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, query, args...)

	return err
}

// createPrivate creates a missing database file readable by its owner
// only, because it holds staff phone numbers and the incident's record.
// SQLite gives the -wal and -shm files it makes beside it the same mode.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}

	if err != nil {
		return fmt.Errorf("create database %s: check that its folder is writable: %w", path, err)
	}

	return f.Close()
}
