package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func (t *txn) WelfareInterval(ctx context.Context, incidentID int64) (time.Duration, error) {
	var minutes int64

	err := t.q.QueryRowContext(ctx, `SELECT welfare_minutes FROM incident_settings WHERE incident_id = ?`, incidentID).Scan(&minutes)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}

	if err != nil {
		return 0, fmt.Errorf("read welfare interval of incident %d: %w", incidentID, err)
	}

	return time.Duration(minutes) * time.Minute, nil
}

// SetWelfareInterval stores d rounded to whole minutes, so an interval under
// half a minute is stored as 0, which means the default.
func (t *txn) SetWelfareInterval(ctx context.Context, incidentID int64, d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("invalid welfare interval %s for incident %d: give 0 or more minutes", d, incidentID)
	}

	minutes := int64(d.Round(time.Minute) / time.Minute)

	_, err := t.q.ExecContext(ctx, `INSERT INTO incident_settings (incident_id, welfare_minutes) VALUES (?, ?)
		ON CONFLICT (incident_id) DO UPDATE SET welfare_minutes = excluded.welfare_minutes`, incidentID, minutes)
	if err != nil {
		return fmt.Errorf("store welfare interval of incident %d: %w", incidentID, err)
	}

	return nil
}

const dutyColumns = `id, incident_id, staff_id, on_since, off_at, location, route, contact, last_welfare, rest_seq`

func (t *txn) Duties(ctx context.Context, incidentID int64) ([]incident.Duty, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+dutyColumns+` FROM duties WHERE incident_id = ? ORDER BY on_since, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read duties of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.Duty
	for rows.Next() {
		var d incident.Duty
		var route string
		var onSince, lastWelfare int64
		var offAt sql.NullInt64

		if err := rows.Scan(&d.ID, &d.IncidentID, &d.StaffID, &onSince, &offAt, &d.Location, &route, &d.Contact,
			&lastWelfare, &d.RestSeq); err != nil {
			return nil, fmt.Errorf("read duty: %w", err)
		}

		d.Route = incident.ContactRoute(route)
		d.OnSince, d.OffAt, d.LastWelfare = fromNanos(onSince), fromNullNanos(offAt), fromNanos(lastWelfare)
		out = append(out, d)
	}

	return out, rows.Err()
}

func (t *txn) InsertDuty(ctx context.Context, d *incident.Duty) error {
	res, err := t.q.ExecContext(ctx, `INSERT INTO duties (incident_id, staff_id, on_since, off_at, location, route, contact,
		last_welfare, rest_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.IncidentID, d.StaffID, toNanos(d.OnSince), nullNanos(d.OffAt), d.Location, string(d.Route), d.Contact,
		toNanos(d.LastWelfare), d.RestSeq)
	if err != nil {
		return fmt.Errorf("store duty of %s: %w", d.StaffID, err)
	}

	d.ID, err = res.LastInsertId()

	return err
}

// UpdateDuty replaces every field of the duty with d.ID except its
// incident, and returns an error wrapping incident.ErrNotFound when there
// is no such duty.
func (t *txn) UpdateDuty(ctx context.Context, d incident.Duty) error {
	res, err := t.q.ExecContext(ctx, `UPDATE duties SET staff_id = ?, on_since = ?, off_at = ?, location = ?, route = ?,
		contact = ?, last_welfare = ?, rest_seq = ? WHERE id = ?`,
		d.StaffID, toNanos(d.OnSince), nullNanos(d.OffAt), d.Location, string(d.Route), d.Contact,
		toNanos(d.LastWelfare), d.RestSeq, d.ID)
	if err != nil {
		return fmt.Errorf("update duty %d of %s: %w", d.ID, d.StaffID, err)
	}

	return requireRow(res, fmt.Sprintf("duty %d of %s", d.ID, d.StaffID))
}

// requireRow returns an error wrapping incident.ErrNotFound, naming the
// record, when an UPDATE changed no row.
func requireRow(res sql.Result, record string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("count rows updated for %s: %w", record, err)
	}

	if n == 0 {
		return fmt.Errorf("%s: %w", record, incident.ErrNotFound)
	}

	return nil
}
