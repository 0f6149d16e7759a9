package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// describe turns SQLite's result codes into messages that say what to do.
// Errors that are not SQLite's pass through unchanged.
func describe(path string, err error) error {
	if err == nil {
		return nil
	}

	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}

	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("database %s stayed locked by another process for more than %s: nothing was written; try again, and look for a stuck sitroom or sqlite3 process: %w", path, BusyTimeout, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("database %s is read-only: nothing was written; check the permissions of the file and its folder, or open a writable copy: %w", path, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("disk holding database %s is full: nothing was written and what was recorded before is safe; free space and try again: %w", path, err)
	case sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("database %s cannot be opened: check the path and that its folder is writable: %w", path, err)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("file %s is not a sitroom database or is damaged: open a backup: %w", path, err)
	}

	return err
}
