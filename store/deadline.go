package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

const deadlineColumns = `id, incident_id, name, audience, start_event, within_ns, started_at, start_seq, met_at, met_by`

func (t *txn) Deadlines(ctx context.Context, incidentID int64) ([]incident.Deadline, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+deadlineColumns+` FROM deadlines WHERE incident_id = ? ORDER BY id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read deadlines of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.Deadline
	for rows.Next() {
		var d incident.Deadline
		var audience string
		var within int64
		var started, met sql.NullInt64

		if err := rows.Scan(&d.ID, &d.IncidentID, &d.Name, &audience, &d.StartEvent, &within, &started, &d.StartSeq,
			&met, &d.MetBy); err != nil {
			return nil, fmt.Errorf("read deadline: %w", err)
		}

		d.Audience, d.Within = incident.Audience(audience), time.Duration(within)
		d.StartedAt, d.MetAt = fromNullNanos(started), fromNullNanos(met)
		out = append(out, d)
	}

	return out, rows.Err()
}

func (t *txn) InsertDeadline(ctx context.Context, d *incident.Deadline) error {
	res, err := t.q.ExecContext(ctx, `INSERT INTO deadlines (incident_id, name, audience, start_event, within_ns, started_at,
		start_seq, met_at, met_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.IncidentID, d.Name, string(d.Audience), d.StartEvent, int64(d.Within), nullNanos(d.StartedAt), d.StartSeq,
		nullNanos(d.MetAt), d.MetBy)
	if err != nil {
		return fmt.Errorf("store deadline %q: %w", d.Name, err)
	}

	d.ID, err = res.LastInsertId()

	return err
}

// UpdateDeadline replaces every field of the deadline with d.ID except its
// incident, and returns an error wrapping incident.ErrNotFound when there
// is no such deadline.
func (t *txn) UpdateDeadline(ctx context.Context, d incident.Deadline) error {
	res, err := t.q.ExecContext(ctx, `UPDATE deadlines SET name = ?, audience = ?, start_event = ?, within_ns = ?,
		started_at = ?, start_seq = ?, met_at = ?, met_by = ? WHERE id = ?`,
		d.Name, string(d.Audience), d.StartEvent, int64(d.Within), nullNanos(d.StartedAt), d.StartSeq, nullNanos(d.MetAt),
		d.MetBy, d.ID)
	if err != nil {
		return fmt.Errorf("update deadline %d %q: %w", d.ID, d.Name, err)
	}

	return requireRow(res, fmt.Sprintf("deadline %d %q", d.ID, d.Name))
}

func (t *txn) Sitreps(ctx context.Context, incidentID int64) ([]incident.SitrepRecord, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT incident_id, num, entry_seq, entry_id, at, next_meeting
		FROM sitreps WHERE incident_id = ? ORDER BY num`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read sitreps of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.SitrepRecord
	for rows.Next() {
		var s incident.SitrepRecord
		var at int64
		var next sql.NullInt64

		if err := rows.Scan(&s.IncidentID, &s.Num, &s.EntrySeq, &s.EntryID, &at, &next); err != nil {
			return nil, fmt.Errorf("read sitrep: %w", err)
		}

		s.At, s.NextMeeting = fromNanos(at), fromNullNanos(next)
		out = append(out, s)
	}

	return out, rows.Err()
}

func (t *txn) InsertSitrep(ctx context.Context, s incident.SitrepRecord) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO sitreps (incident_id, num, entry_seq, entry_id, at, next_meeting)
		VALUES (?, ?, ?, ?, ?, ?)`, s.IncidentID, s.Num, s.EntrySeq, s.EntryID, toNanos(s.At), nullNanos(s.NextMeeting))
	if err != nil {
		return fmt.Errorf("store sitrep %d of incident %d: %w", s.Num, s.IncidentID, err)
	}

	return nil
}
