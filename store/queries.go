package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// querier is the query interface that *sql.Tx and *sql.Conn share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txn implements incident.Tx over one transaction. The store hands out a
// txn only inside Update or Read, and Read's transaction is query-only.
// Inside Update, tx and prepared are set so hot statements skip parsing.
type txn struct {
	q        querier
	tx       *sql.Tx
	prepared prepared
}

func toNanos(t time.Time) int64 { return t.UTC().UnixNano() }

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

func encodeList(v []string) string {
	if len(v) == 0 {
		return "[]"
	}

	b, _ := json.Marshal(v) // a []string always marshals

	return string(b)
}

func decodeList(s, what string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}

	if v, ok := decodeSimpleList(s); ok {
		return v, nil
	}

	var v []string
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("stored %s list %q is not a JSON array: %w", what, s, err)
	}

	return v, nil
}

const incidentColumns = `id, ref, title, kind, severity, status, declared_at, declared_by, exercise`

func scanIncident(row interface{ Scan(...any) error }) (incident.Incident, error) {
	var inc incident.Incident
	var declared int64
	var status string

	err := row.Scan(&inc.ID, &inc.Ref, &inc.Title, &inc.Kind, &inc.Severity, &status, &declared, &inc.DeclaredBy, &inc.Exercise)
	inc.Status = incident.Status(status)
	inc.DeclaredAt = fromNanos(declared)

	return inc, err
}

func (t *txn) Incidents(ctx context.Context) ([]incident.Incident, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+incidentColumns+` FROM incidents ORDER BY declared_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	defer rows.Close()

	var out []incident.Incident
	for rows.Next() {
		inc, err := scanIncident(rows)
		if err != nil {
			return nil, fmt.Errorf("read incident: %w", err)
		}

		out = append(out, inc)
	}

	return out, rows.Err()
}

func (t *txn) IncidentByRef(ctx context.Context, ref string) (incident.Incident, error) {
	inc, err := scanIncident(t.queryRow(ctx, incidentByRefSQL, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return inc, fmt.Errorf("incident %s: %w", ref, incident.ErrNotFound)
	}

	if err != nil {
		return inc, fmt.Errorf("read incident %s: %w", ref, err)
	}

	return inc, nil
}

func (t *txn) InsertIncident(ctx context.Context, inc *incident.Incident) error {
	res, err := t.q.ExecContext(ctx,
		`INSERT INTO incidents (ref, title, kind, severity, status, declared_at, declared_by, exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		inc.Ref, inc.Title, inc.Kind, inc.Severity, string(inc.Status), toNanos(inc.DeclaredAt), inc.DeclaredBy, inc.Exercise)
	if err != nil {
		return fmt.Errorf("insert incident %s: %w", inc.Ref, err)
	}

	inc.ID, err = res.LastInsertId()

	return err
}

func (t *txn) ChainHead(ctx context.Context, incidentID int64) (int64, string, error) {
	var seq int64
	var hash string

	err := t.queryRow(ctx, chainHeadSQL, incidentID).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}

	if err != nil {
		return 0, "", fmt.Errorf("read chain head of incident %d: %w", incidentID, err)
	}

	return seq, hash, nil
}

// decodeSimpleList parses ["a","b"] when no item holds a backslash or a
// control character, the common case, without encoding/json.
func decodeSimpleList(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}

	body := s[1 : len(s)-1]
	n := strings.Count(body, "\",\"") + 1
	out := make([]string, 0, n)

	for len(body) > 0 {
		if body[0] != '"' {
			return nil, false
		}

		end := strings.IndexByte(body[1:], '"')
		if end < 0 {
			return nil, false
		}

		item := body[1 : 1+end]
		for i := 0; i < len(item); i++ {
			if item[i] == '\\' || item[i] < 0x20 {
				return nil, false
			}
		}

		out = append(out, item)
		body = body[2+end:]

		if len(body) > 0 {
			if body[0] != ',' {
				return nil, false
			}

			body = body[1:]
			if len(body) == 0 {
				return nil, false // a trailing comma is not JSON
			}
		}
	}

	return out, true
}
