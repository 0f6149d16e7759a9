package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/northbridge-nhs/sitroom/incident"
)

const keyColumns = `fingerprint, staff_id, public_key, comment, added_at, added_by, revoked_at, revoked_by`

func scanKey(row interface{ Scan(...any) error }) (incident.StaffKey, error) {
	var k incident.StaffKey
	var added int64
	var revoked sql.NullInt64

	err := row.Scan(&k.Fingerprint, &k.StaffID, &k.PublicKey, &k.Comment, &added, &k.AddedBy, &revoked, &k.RevokedBy)
	k.AddedAt, k.RevokedAt = fromNanos(added), fromNullNanos(revoked)

	return k, err
}

func (t *txn) StaffKeys(ctx context.Context) ([]incident.StaffKey, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+keyColumns+` FROM staff_keys ORDER BY staff_id, added_at`)
	if err != nil {
		return nil, fmt.Errorf("list SSH keys: %w", err)
	}
	defer rows.Close()

	var out []incident.StaffKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("read SSH key: %w", err)
		}

		out = append(out, k)
	}

	return out, rows.Err()
}

func (t *txn) StaffKey(ctx context.Context, fingerprint string) (incident.StaffKey, error) {
	k, err := scanKey(t.q.QueryRowContext(ctx, `SELECT `+keyColumns+` FROM staff_keys WHERE fingerprint = ?`, fingerprint))
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("SSH key %s: %w", fingerprint, incident.ErrNotFound)
	}

	if err != nil {
		return k, fmt.Errorf("read SSH key %s: %w", fingerprint, err)
	}

	return k, nil
}

func (t *txn) PutStaffKey(ctx context.Context, k incident.StaffKey) error {
	_, err := t.q.ExecContext(ctx, `INSERT OR REPLACE INTO staff_keys (`+keyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		k.Fingerprint, k.StaffID, k.PublicKey, k.Comment, toNanos(k.AddedAt), k.AddedBy, nullNanos(k.RevokedAt), k.RevokedBy)
	if err != nil {
		return fmt.Errorf("store SSH key %s: %w", k.Fingerprint, err)
	}

	return nil
}

const presenceColumns = `id, incident_id, staff_id, name, level, access, via, pid, started_at`

func (t *txn) Presence(ctx context.Context, incidentID int64) ([]incident.Presence, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+presenceColumns+` FROM presence WHERE incident_id = ? ORDER BY started_at, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read who is connected to incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.Presence
	for rows.Next() {
		var p incident.Presence
		var level, access string
		var started int64

		if err := rows.Scan(&p.ID, &p.IncidentID, &p.StaffID, &p.Name, &level, &access, &p.Via, &p.PID, &started); err != nil {
			return nil, fmt.Errorf("read presence: %w", err)
		}

		p.Level, p.Access, p.StartedAt = incident.Level(level), incident.Access(access), fromNanos(started)
		out = append(out, p)
	}

	return out, rows.Err()
}

func (t *txn) PutPresence(ctx context.Context, p incident.Presence) error {
	_, err := t.q.ExecContext(ctx, `INSERT OR REPLACE INTO presence (`+presenceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.IncidentID, p.StaffID, p.Name, string(p.Level), string(p.Access), p.Via, p.PID, toNanos(p.StartedAt))
	if err != nil {
		return fmt.Errorf("record console %s as open: %w", p.ID, err)
	}

	return nil
}

func (t *txn) DeletePresence(ctx context.Context, id string) error {
	if _, err := t.q.ExecContext(ctx, `DELETE FROM presence WHERE id = ?`, id); err != nil {
		return fmt.Errorf("record console %s as closed: %w", id, err)
	}

	return nil
}

func (t *txn) Draft(ctx context.Context, staffID string, incidentID int64) (incident.Draft, bool, error) {
	d := incident.Draft{StaffID: staffID, IncidentID: incidentID}
	var saved int64

	err := t.q.QueryRowContext(ctx, `SELECT saved_at, body FROM drafts WHERE staff_id = ? AND incident_id = ?`,
		staffID, incidentID).Scan(&saved, &d.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}

	if err != nil {
		return d, false, fmt.Errorf("read draft of %s: %w", staffID, err)
	}

	d.SavedAt = fromNanos(saved)

	return d, true, nil
}

func (t *txn) PutDraft(ctx context.Context, d incident.Draft) error {
	_, err := t.q.ExecContext(ctx, `INSERT OR REPLACE INTO drafts (staff_id, incident_id, saved_at, body) VALUES (?, ?, ?, ?)`,
		d.StaffID, d.IncidentID, toNanos(d.SavedAt), d.Body)
	if err != nil {
		return fmt.Errorf("keep draft of %s: %w", d.StaffID, err)
	}

	return nil
}

func (t *txn) DeleteDraft(ctx context.Context, staffID string, incidentID int64) error {
	if _, err := t.q.ExecContext(ctx, `DELETE FROM drafts WHERE staff_id = ? AND incident_id = ?`, staffID, incidentID); err != nil {
		return fmt.Errorf("remove draft of %s: %w", staffID, err)
	}

	return nil
}
