package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Statements that every logged entry or status change runs. database/sql
// with modernc prepares a statement on every call, and for these parsing
// costs about as much as running them, so Open prepares them once on the
// write connection.
const (
	incidentByRefSQL = `SELECT ` + incidentColumns + ` FROM incidents WHERE ref = ?`
	chainHeadSQL     = `SELECT seq, hash FROM entries WHERE incident_id = ? ORDER BY seq DESC LIMIT 1`
	insertEntrySQL   = `INSERT INTO entries (incident_id, seq, occurred_at, recorded_at, author, decision_maker,
		level, kind, text, rationale, options, review_at, late_reason, amends, amend_reason, systems, tasks, people, source,
		prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	systemByIDSQL     = `SELECT ` + systemColumns + ` FROM systems WHERE id = ?`
	staffByIDSQL      = `SELECT ` + staffColumns + ` FROM staff WHERE id = ?`
	hasStaffSQL       = `SELECT EXISTS (SELECT 1 FROM staff)`
	systemStateSQL    = `SELECT ` + stateColumns + ` FROM system_states WHERE incident_id = ? AND system_id = ?`
	putSystemStateSQL = `INSERT INTO system_states (incident_id, system_id, status, since, out_since, episode,
		override_seq, changed_by, entry_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (incident_id, system_id) DO UPDATE SET status = excluded.status, since = excluded.since,
		out_since = excluded.out_since, episode = excluded.episode, override_seq = excluded.override_seq,
		changed_by = excluded.changed_by, entry_seq = excluded.entry_seq`
)

// prepared maps a query to its statement prepared on the write pool.
type prepared map[string]*sql.Stmt

// prepareWrites prepares the statements of a logged entry on the write
// pool. It must run outside any transaction: the pool has one connection,
// and preparing on the pool waits for it.
func prepareWrites(ctx context.Context, write *sql.DB) (prepared, error) {
	p := prepared{}

	for _, query := range []string{incidentByRefSQL, chainHeadSQL, insertEntrySQL, systemByIDSQL, staffByIDSQL, hasStaffSQL, systemStateSQL, putSystemStateSQL} {
		stmt, err := prepareRetrying(ctx, write, query)
		if err != nil {
			p.close()

			return nil, fmt.Errorf("prepare statement: %w", err)
		}

		p[query] = stmt
	}

	return p, nil
}

func (p prepared) close() error {
	var errs []error

	for _, stmt := range p {
		errs = append(errs, stmt.Close())
	}

	return errors.Join(errs...)
}

// stmt returns query's prepared statement bound to the transaction, or nil
// when the store did not prepare it or the transaction is a read.
func (t *txn) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.tx == nil || t.prepared[query] == nil {
		return nil
	}

	return t.tx.StmtContext(ctx, t.prepared[query])
}

func (t *txn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if stmt := t.stmt(ctx, query); stmt != nil {
		return stmt.QueryRowContext(ctx, args...)
	}

	return t.q.QueryRowContext(ctx, query, args...)
}

func (t *txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if stmt := t.stmt(ctx, query); stmt != nil {
		return stmt.ExecContext(ctx, args...)
	}

	return t.q.ExecContext(ctx, query, args...)
}

// prepareRetrying prepares query, trying again while another connection
// holds a lock that reading the schema needs, for up to BusyTimeout.
func prepareRetrying(ctx context.Context, write *sql.DB, query string) (*sql.Stmt, error) {
	deadline := time.Now().Add(BusyTimeout)

	for {
		stmt, err := write.PrepareContext(ctx, query)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return stmt, err
		}

		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}
