package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// writeBusyStep is how long one attempt to take the write lock waits inside
// SQLite before beginWrite tries again. SQLite's own busy handler sleeps in
// steps that grow to 25 ms and more, so a writer queued behind another's
// two-millisecond commit could sleep twenty; short attempts with a little
// jitter take the lock within about a millisecond of its release.
const writeBusyStep = 2 * time.Millisecond

// beginWrite starts a write transaction on the write pool, trying again
// while another connection holds the write lock, for up to BusyTimeout in
// all or until ctx ends. It returns the last error when the time runs out.
func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	deadline := time.Now().Add(BusyTimeout)

	for {
		tx, err := db.write.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return tx, err
		}

		pause := time.Duration(200+rand.IntN(800)) * time.Microsecond

		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
	}
}

// isBusy reports whether err is SQLite's "database is locked" or "table is
// locked".
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}

	code := se.Code() & 0xff

	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}
