package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/northbridge-nhs/sitroom/incident"
)

func (t *txn) PutSystem(ctx context.Context, s incident.System) error {
	_, err := t.q.ExecContext(ctx, `INSERT OR REPLACE INTO systems (id, name, function, owner_role, criticality, patient_impact,
		rto_hours, rpo_hours, depends_on, supplier, hosting) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Name, s.Function, s.OwnerRole, s.Criticality, s.PatientImpact, s.RTOHours, s.RPOHours,
		encodeList(s.DependsOn), s.Supplier, s.Hosting)
	if err != nil {
		return fmt.Errorf("store system %s: %w", s.ID, err)
	}

	return nil
}

const systemColumns = `id, name, function, owner_role, criticality, patient_impact, rto_hours, rpo_hours,
	depends_on, supplier, hosting`

func scanSystem(row interface{ Scan(...any) error }) (incident.System, error) {
	var s incident.System
	var deps string

	if err := row.Scan(&s.ID, &s.Name, &s.Function, &s.OwnerRole, &s.Criticality, &s.PatientImpact, &s.RTOHours,
		&s.RPOHours, &deps, &s.Supplier, &s.Hosting); err != nil {
		return s, err
	}

	var err error
	if s.DependsOn, err = decodeList(deps, "depends_on"); err != nil {
		return s, fmt.Errorf("system %s: %w", s.ID, err)
	}

	return s, nil
}

func (t *txn) Systems(ctx context.Context) ([]incident.System, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+systemColumns+` FROM systems ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list systems: %w", err)
	}
	defer rows.Close()

	var out []incident.System
	for rows.Next() {
		s, err := scanSystem(rows)
		if err != nil {
			return nil, fmt.Errorf("read system: %w", err)
		}

		out = append(out, s)
	}

	return out, rows.Err()
}

func (t *txn) SystemByID(ctx context.Context, id string) (incident.System, error) {
	s, err := scanSystem(t.queryRow(ctx, systemByIDSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("system %q: %w", id, incident.ErrNotFound)
	}

	if err != nil {
		return s, fmt.Errorf("read system %s: %w", id, err)
	}

	return s, nil
}

const staffColumns = `id, name, role, level, team, phone, location, on_call, access, login`

func scanStaff(row interface{ Scan(...any) error }) (incident.StaffMember, error) {
	var m incident.StaffMember
	var level, access string

	err := row.Scan(&m.ID, &m.Name, &m.Role, &level, &m.Team, &m.Phone, &m.Location, &m.OnCall, &access, &m.Login)
	m.Level, m.Access = incident.Level(level), incident.Access(access)

	return m, err
}

// PutStaff stores m; a member with no access given gets the default for
// their job title and level.
func (t *txn) PutStaff(ctx context.Context, m incident.StaffMember) error {
	if m.Access == "" {
		m.Access = incident.DefaultAccess(m.Role, m.Level)
	}

	_, err := t.q.ExecContext(ctx, `INSERT OR REPLACE INTO staff (`+staffColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.Name, m.Role, string(m.Level), m.Team, m.Phone, m.Location, m.OnCall, string(m.Access), m.Login)
	if err != nil {
		return fmt.Errorf("store staff member %s: %w", m.ID, err)
	}

	return nil
}

func (t *txn) Staff(ctx context.Context) ([]incident.StaffMember, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()

	var out []incident.StaffMember
	for rows.Next() {
		m, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("read staff member: %w", err)
		}

		out = append(out, m)
	}

	return out, rows.Err()
}

func (t *txn) StaffByID(ctx context.Context, id string) (incident.StaffMember, error) {
	m, err := scanStaff(t.queryRow(ctx, staffByIDSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("staff member %s: %w", id, incident.ErrNotFound)
	}

	if err != nil {
		return m, fmt.Errorf("read staff member %s: %w", id, err)
	}

	return m, nil
}

func (t *txn) StaffByLogin(ctx context.Context, login string) (incident.StaffMember, error) {
	m, err := scanStaff(t.q.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE login = ? AND login <> '' ORDER BY id LIMIT 1`, login))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("staff member with login %s: %w", login, incident.ErrNotFound)
	}

	if err != nil {
		return m, fmt.Errorf("read staff member with login %s: %w", login, err)
	}

	return m, nil
}

func (t *txn) HasStaff(ctx context.Context) (bool, error) {
	var any bool
	if err := t.queryRow(ctx, hasStaffSQL).Scan(&any); err != nil {
		return false, fmt.Errorf("read whether the roster has anyone: %w", err)
	}

	return any, nil
}
