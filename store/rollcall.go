package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// RollCalls reads the roll calls first and their marks in a second query,
// after the first has closed, and returns each with a non-nil Marks map.
func (t *txn) RollCalls(ctx context.Context, incidentID int64) ([]incident.RollCall, error) {
	out, err := t.rollCallRows(ctx, incidentID)
	if err != nil {
		return nil, err
	}

	byID := make(map[int64]*incident.RollCall, len(out))
	for i := range out {
		byID[out[i].ID] = &out[i]
	}

	rows, err := t.q.QueryContext(ctx, `SELECT m.roll_call_id, m.staff_id, m.accounted, m.at, m.by, m.note
		FROM roll_marks m JOIN roll_calls r ON r.id = m.roll_call_id WHERE r.incident_id = ?`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read roll call marks of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	for rows.Next() {
		var rollCallID, at int64
		var m incident.RollMark

		if err := rows.Scan(&rollCallID, &m.StaffID, &m.Accounted, &at, &m.By, &m.Note); err != nil {
			return nil, fmt.Errorf("read roll call mark: %w", err)
		}

		m.At = fromNanos(at)
		byID[rollCallID].Marks[m.StaffID] = m
	}

	return out, rows.Err()
}

func (t *txn) rollCallRows(ctx context.Context, incidentID int64) ([]incident.RollCall, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT id, incident_id, num, started_at, started_by, closed_at, expected
		FROM roll_calls WHERE incident_id = ? ORDER BY num`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read roll calls of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.RollCall
	for rows.Next() {
		var rc incident.RollCall
		var started int64
		var closed sql.NullInt64
		var expected string

		if err := rows.Scan(&rc.ID, &rc.IncidentID, &rc.Num, &started, &rc.StartedBy, &closed, &expected); err != nil {
			return nil, fmt.Errorf("read roll call: %w", err)
		}

		rc.StartedAt, rc.ClosedAt = fromNanos(started), fromNullNanos(closed)
		rc.Marks = map[string]incident.RollMark{}

		if rc.Expected, err = decodeList(expected, "expected"); err != nil {
			return nil, fmt.Errorf("roll call %d: %w", rc.Num, err)
		}

		out = append(out, rc)
	}

	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read roll calls of incident %d: %w", incidentID, err)
	}

	return out, nil
}

// InsertRollCall stores rc and sets its ID. Marks already in rc.Marks are
// stored with it.
func (t *txn) InsertRollCall(ctx context.Context, rc *incident.RollCall) error {
	res, err := t.q.ExecContext(ctx, `INSERT INTO roll_calls (incident_id, num, started_at, started_by, closed_at, expected)
		VALUES (?, ?, ?, ?, ?, ?)`,
		rc.IncidentID, rc.Num, toNanos(rc.StartedAt), rc.StartedBy, nullNanos(rc.ClosedAt), encodeList(rc.Expected))
	if err != nil {
		return fmt.Errorf("store roll call %d: %w", rc.Num, err)
	}

	if rc.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("read id of roll call %d: %w", rc.Num, err)
	}

	for _, m := range rc.Marks {
		if err := t.PutRollMark(ctx, rc.ID, m); err != nil {
			return err
		}
	}

	return nil
}

// CloseRollCall sets the closing time of the roll call with id, and returns
// an error wrapping incident.ErrNotFound when there is no such roll call.
func (t *txn) CloseRollCall(ctx context.Context, id int64, at time.Time) error {
	res, err := t.q.ExecContext(ctx, `UPDATE roll_calls SET closed_at = ? WHERE id = ?`, nullNanos(at), id)
	if err != nil {
		return fmt.Errorf("close roll call %d: %w", id, err)
	}

	return requireRow(res, fmt.Sprintf("roll call %d", id))
}

func (t *txn) PutRollMark(ctx context.Context, rollCallID int64, m incident.RollMark) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO roll_marks (roll_call_id, staff_id, accounted, at, by, note)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (roll_call_id, staff_id) DO UPDATE SET accounted = excluded.accounted, at = excluded.at,
		by = excluded.by, note = excluded.note`,
		rollCallID, m.StaffID, m.Accounted, toNanos(m.At), m.By, m.Note)
	if err != nil {
		return fmt.Errorf("store mark of %s on roll call %d: %w", m.StaffID, rollCallID, err)
	}

	return nil
}
