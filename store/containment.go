package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/northbridge-nhs/sitroom/incident"
)

const stateColumns = `system_id, status, since, out_since, episode, override_seq, changed_by, entry_seq`

func scanState(row interface{ Scan(...any) error }) (incident.SystemState, error) {
	var st incident.SystemState
	var status string
	var since int64
	var outSince sql.NullInt64

	if err := row.Scan(&st.SystemID, &status, &since, &outSince, &st.Episode, &st.OverrideSeq, &st.ChangedBy, &st.EntrySeq); err != nil {
		return st, err
	}

	st.Status = incident.SystemStatus(status)
	st.Since = fromNanos(since)

	if outSince.Valid {
		st.OutSince = fromNanos(outSince.Int64)
	}

	return st, nil
}

func (t *txn) SystemStates(ctx context.Context, incidentID int64) (map[string]incident.SystemState, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+stateColumns+` FROM system_states WHERE incident_id = ?`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read system states of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	out := map[string]incident.SystemState{}
	for rows.Next() {
		st, err := scanState(rows)
		if err != nil {
			return nil, fmt.Errorf("read system state: %w", err)
		}

		out[st.SystemID] = st
	}

	return out, rows.Err()
}

func (t *txn) SystemState(ctx context.Context, incidentID int64, systemID string) (incident.SystemState, bool, error) {
	st, err := scanState(t.queryRow(ctx, systemStateSQL, incidentID, systemID))
	if errors.Is(err, sql.ErrNoRows) {
		return st, false, nil
	}

	if err != nil {
		return st, false, fmt.Errorf("read state of system %s: %w", systemID, err)
	}

	return st, true, nil
}

// SystemStatuses returns only the status of each system with a recorded
// state.
func (t *txn) SystemStatuses(ctx context.Context, incidentID int64) (map[string]incident.SystemStatus, error) {
	states, err := t.SystemStates(ctx, incidentID)
	if err != nil {
		return nil, err
	}

	out := make(map[string]incident.SystemStatus, len(states))
	for id, st := range states {
		out[id] = st.Status
	}

	return out, nil
}

func (t *txn) PutSystemState(ctx context.Context, incidentID int64, st incident.SystemState) error {
	var outSince sql.NullInt64
	if !st.OutSince.IsZero() {
		outSince = sql.NullInt64{Int64: toNanos(st.OutSince), Valid: true}
	}

	_, err := t.exec(ctx, putSystemStateSQL,
		incidentID, st.SystemID, string(st.Status), toNanos(st.Since), outSince, st.Episode, st.OverrideSeq, st.ChangedBy, st.EntrySeq)
	if err != nil {
		return fmt.Errorf("store state of system %s: %w", st.SystemID, err)
	}

	return nil
}

func (t *txn) GateSignatures(ctx context.Context, incidentID int64) ([]incident.GateSignature, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT system_id, episode, check_name, signed_by, signed_at, note, entry_seq
		FROM gate_signatures WHERE incident_id = ? ORDER BY signed_at, entry_seq`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read gate signatures of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.GateSignature
	for rows.Next() {
		var sig incident.GateSignature
		var check string
		var at int64

		if err := rows.Scan(&sig.SystemID, &sig.Episode, &check, &sig.SignedBy, &at, &sig.Note, &sig.EntrySeq); err != nil {
			return nil, fmt.Errorf("read gate signature: %w", err)
		}

		sig.Check = incident.GateCheck(check)
		sig.SignedAt = fromNanos(at)
		out = append(out, sig)
	}

	return out, rows.Err()
}

func (t *txn) InsertGateSignature(ctx context.Context, incidentID int64, sig incident.GateSignature) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO gate_signatures (incident_id, system_id, episode, check_name, signed_by,
		signed_at, note, entry_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		incidentID, sig.SystemID, sig.Episode, string(sig.Check), sig.SignedBy, toNanos(sig.SignedAt), sig.Note, sig.EntrySeq)
	if err != nil {
		return fmt.Errorf("store gate check %s of %s: %w", sig.Check, sig.SystemID, err)
	}

	return nil
}

const taskColumns = `id, incident_id, num, title, detail, system_id, owner, level, priority, status, depends_on, due_at,
	created_at, created_by, updated_at, note`

func (t *txn) Tasks(ctx context.Context, incidentID int64) ([]incident.Task, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE incident_id = ? ORDER BY num`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("read tasks of incident %d: %w", incidentID, err)
	}
	defer rows.Close()

	var out []incident.Task
	for rows.Next() {
		var tk incident.Task
		var level, status, deps string
		var due sql.NullInt64
		var created, updated int64

		if err := rows.Scan(&tk.ID, &tk.IncidentID, &tk.Num, &tk.Title, &tk.Detail, &tk.SystemID, &tk.Owner, &level,
			&tk.Priority, &status, &deps, &due, &created, &tk.CreatedBy, &updated, &tk.Note); err != nil {
			return nil, fmt.Errorf("read task: %w", err)
		}

		tk.Level, tk.Status = incident.Level(level), incident.TaskStatus(status)
		tk.CreatedAt, tk.UpdatedAt = fromNanos(created), fromNanos(updated)

		if due.Valid {
			tk.Due, tk.DueSet = fromNanos(due.Int64), true
		}

		if err := json.Unmarshal([]byte(deps), &tk.DependsOn); err != nil {
			return nil, fmt.Errorf("task %s: stored depends_on %q is not a JSON array: %w", tk.Label(), deps, err)
		}

		out = append(out, tk)
	}

	return out, rows.Err()
}

func taskArgs(tk incident.Task) (deps string, due sql.NullInt64) {
	if tk.DueSet {
		due = sql.NullInt64{Int64: toNanos(tk.Due), Valid: true}
	}

	if tk.DependsOn == nil {
		return "[]", due
	}

	b, _ := json.Marshal(tk.DependsOn) // a []int64 always marshals

	return string(b), due
}

func (t *txn) InsertTask(ctx context.Context, tk *incident.Task) error {
	deps, due := taskArgs(*tk)

	res, err := t.q.ExecContext(ctx, `INSERT INTO tasks (incident_id, num, title, detail, system_id, owner, level, priority,
		status, depends_on, due_at, created_at, created_by, updated_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tk.IncidentID, tk.Num, tk.Title, tk.Detail, tk.SystemID, tk.Owner, string(tk.Level), tk.Priority, string(tk.Status),
		deps, due, toNanos(tk.CreatedAt), tk.CreatedBy, toNanos(tk.UpdatedAt), tk.Note)
	if err != nil {
		return fmt.Errorf("store task %s: %w", tk.Label(), err)
	}

	tk.ID, err = res.LastInsertId()

	return err
}

func (t *txn) UpdateTask(ctx context.Context, tk incident.Task) error {
	deps, due := taskArgs(tk)

	_, err := t.q.ExecContext(ctx, `UPDATE tasks SET title = ?, detail = ?, system_id = ?, owner = ?, level = ?, priority = ?,
		status = ?, depends_on = ?, due_at = ?, updated_at = ?, note = ? WHERE incident_id = ? AND num = ?`,
		tk.Title, tk.Detail, tk.SystemID, tk.Owner, string(tk.Level), tk.Priority, string(tk.Status), deps, due,
		toNanos(tk.UpdatedAt), tk.Note, tk.IncidentID, tk.Num)
	if err != nil {
		return fmt.Errorf("update task %s: %w", tk.Label(), err)
	}

	return nil
}
