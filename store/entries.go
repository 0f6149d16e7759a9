package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

const entryColumns = `id, incident_id, seq, occurred_at, recorded_at, author, decision_maker, level, kind, text,
	rationale, options, review_at, late_reason, amends, amend_reason, systems, tasks, people, source, prev_hash, hash`

// InsertEntry appends e. The triggers of schema 1 reject any later UPDATE or
// DELETE of the row.
func (t *txn) InsertEntry(ctx context.Context, e *incident.Entry) error {
	var review sql.NullInt64
	if e.ReviewAt != nil {
		review = sql.NullInt64{Int64: toNanos(*e.ReviewAt), Valid: true}
	}

	res, err := t.exec(ctx, insertEntrySQL,
		e.IncidentID, e.Seq, toNanos(e.OccurredAt), toNanos(e.RecordedAt), e.Author, e.DecisionMaker,
		string(e.Level), string(e.Kind), e.Text, e.Rationale, encodeList(e.Options), review, e.LateReason,
		e.Amends, e.AmendReason, encodeList(e.Systems), encodeList(e.Tasks), encodeList(e.People), e.Source,
		e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("insert entry %d: %w", e.Seq, err)
	}

	e.ID, err = res.LastInsertId()

	return err
}

// entryScanner reuses its scan targets across rows, which keeps a scan of
// 100,000 entries from allocating a target set per row.
type entryScanner struct {
	occurred, recorded          int64
	review                      sql.NullInt64
	level, kind                 string
	options, systems, tasks, pp string
}

func (s *entryScanner) scan(row interface{ Scan(...any) error }, e *incident.Entry) error {
	err := row.Scan(&e.ID, &e.IncidentID, &e.Seq, &s.occurred, &s.recorded, &e.Author, &e.DecisionMaker, &s.level, &s.kind,
		&e.Text, &e.Rationale, &s.options, &s.review, &e.LateReason, &e.Amends, &e.AmendReason, &s.systems, &s.tasks, &s.pp,
		&e.Source, &e.PrevHash, &e.Hash)
	if err != nil {
		return err
	}

	e.OccurredAt = fromNanos(s.occurred)
	e.RecordedAt = fromNanos(s.recorded)
	e.Level = incident.Level(s.level)
	e.Kind = incident.Kind(s.kind)
	e.ReviewAt = nil

	if s.review.Valid {
		t := fromNanos(s.review.Int64)
		e.ReviewAt = &t
	}

	var errs [4]error
	e.Options, errs[0] = decodeList(s.options, "options")
	e.Systems, errs[1] = decodeList(s.systems, "systems")
	e.Tasks, errs[2] = decodeList(s.tasks, "tasks")
	e.People, errs[3] = decodeList(s.pp, "people")

	return errors.Join(errs[:]...)
}

func (t *txn) EntryBySeq(ctx context.Context, incidentID, seq int64) (incident.Entry, error) {
	var e incident.Entry
	var s entryScanner

	err := s.scan(t.q.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE incident_id = ? AND seq = ?`, incidentID, seq), &e)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("entry %d: %w", seq, incident.ErrNotFound)
	}

	if err != nil {
		return e, fmt.Errorf("read entry %d: %w", seq, err)
	}

	return e, nil
}

func (t *txn) ScanEntries(ctx context.Context, q incident.EntryQuery, fn func(*incident.Entry) error) error {
	var b strings.Builder
	b.WriteString(`SELECT ` + entryColumns + ` FROM entries`)

	// Fetching what is new since a row id should cost only the new rows.
	// Without this the planner walks the whole occurred-time index to
	// avoid a sort, which takes milliseconds at 100,000 entries.
	if q.AfterID > 0 {
		b.WriteString(` NOT INDEXED`)
	}

	b.WriteString(` WHERE incident_id = ? AND id > ?`)

	switch q.Order {
	case incident.ByOccurred:
		b.WriteString(` ORDER BY occurred_at, seq`)
	default:
		b.WriteString(` ORDER BY seq`)
	}

	args := []any{q.IncidentID, q.AfterID}
	if q.Limit > 0 {
		b.WriteString(` LIMIT ?`)
		args = append(args, q.Limit)
	}

	rows, err := t.q.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return fmt.Errorf("query entries of incident %d: %w", q.IncidentID, err)
	}
	defer rows.Close()

	var s entryScanner
	var e incident.Entry

	for rows.Next() {
		if err := s.scan(rows, &e); err != nil {
			return fmt.Errorf("read entry after %d: %w", e.Seq, err)
		}

		if err := fn(&e); err != nil {
			return err
		}
	}

	return rows.Err()
}
