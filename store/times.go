package store

import (
	"database/sql"
	"time"
)

// nullNanos stores a zero time as NULL and any other as Unix nanoseconds.
func nullNanos(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}

	return sql.NullInt64{Int64: toNanos(t), Valid: true}
}

// fromNullNanos reads a column that nullNanos wrote, giving the zero time
// for NULL.
func fromNullNanos(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}

	return fromNanos(n.Int64)
}
