package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/northbridge-nhs/sitroom/incident"
)

const messageColumns = `id, incident_id, num, direction, channel, counterpart, audience, summary, status, deadline_id,
	created_at, created_by, approved_by, approved_at, approver_level, sent_at, sent_by, acknowledged_at`

func (t *txn) Messages(ctx context.Context, incidentID int64) ([]incident.Message, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+messageColumns+` FROM messages WHERE incident_id = ? ORDER BY num`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read messages of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.Message
	for rows.Next() {
		var m incident.Message
		var direction, channel, audience, status, level string
		var created int64
		var approved, sent, acknowledged sql.NullInt64

		if err := rows.Scan(&m.ID, &m.IncidentID, &m.Num, &direction, &channel, &m.Counterpart, &audience, &m.Summary,
			&status, &m.DeadlineID, &created, &m.CreatedBy, &m.ApprovedBy, &approved, &level, &sent, &m.SentBy,
			&acknowledged); err != nil {
			return nil, fmt.Errorf("read message: %w", err)
		}

		m.Direction, m.Channel, m.Audience = incident.Direction(direction), incident.Channel(channel), incident.Audience(audience)
		m.Status, m.ApproverLevel = incident.MessageStatus(status), incident.Level(level)
		m.CreatedAt, m.ApprovedAt = fromNanos(created), fromNullNanos(approved)
		m.SentAt, m.AcknowledgedAt = fromNullNanos(sent), fromNullNanos(acknowledged)
		out = append(out, m)
	}

	return out, rows.Err()
}

func (t *txn) InsertMessage(ctx context.Context, m *incident.Message) error {
	res, err := t.q.ExecContext(ctx, `INSERT INTO messages (incident_id, num, direction, channel, counterpart, audience,
		summary, status, deadline_id, created_at, created_by, approved_by, approved_at, approver_level, sent_at, sent_by,
		acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.IncidentID, m.Num, string(m.Direction), string(m.Channel), m.Counterpart, string(m.Audience), m.Summary,
		string(m.Status), m.DeadlineID, toNanos(m.CreatedAt), m.CreatedBy, m.ApprovedBy, nullNanos(m.ApprovedAt),
		string(m.ApproverLevel), nullNanos(m.SentAt), m.SentBy, nullNanos(m.AcknowledgedAt))
	if err != nil {
		return fmt.Errorf("store message %s: %w", m.Label(), err)
	}

	m.ID, err = res.LastInsertId()

	return err
}

// UpdateMessage replaces every field of the message with m.ID except its
// incident, and returns an error wrapping incident.ErrNotFound when there
// is no such message.
func (t *txn) UpdateMessage(ctx context.Context, m incident.Message) error {
	res, err := t.q.ExecContext(ctx, `UPDATE messages SET num = ?, direction = ?, channel = ?, counterpart = ?, audience = ?,
		summary = ?, status = ?, deadline_id = ?, created_at = ?, created_by = ?, approved_by = ?, approved_at = ?,
		approver_level = ?, sent_at = ?, sent_by = ?, acknowledged_at = ? WHERE id = ?`,
		m.Num, string(m.Direction), string(m.Channel), m.Counterpart, string(m.Audience), m.Summary, string(m.Status),
		m.DeadlineID, toNanos(m.CreatedAt), m.CreatedBy, m.ApprovedBy, nullNanos(m.ApprovedAt), string(m.ApproverLevel),
		nullNanos(m.SentAt), m.SentBy, nullNanos(m.AcknowledgedAt), m.ID)
	if err != nil {
		return fmt.Errorf("update message %s: %w", m.Label(), err)
	}

	return requireRow(res, fmt.Sprintf("message %s (id %d)", m.Label(), m.ID))
}
