package store

import (
	"context"
	"log/slog"
	"time"
)

// Watch polls PRAGMA data_version on one pinned connection and sends on the
// returned channel whenever a commit from any other connection, in this
// process or another, has changed the database. The channel holds at most
// one pending signal, so a slow reader sees one signal for many commits. It
// is closed when ctx ends.
func (db *DB) Watch(ctx context.Context, every time.Duration) <-chan struct{} {
	out := make(chan struct{}, 1)

	go func() {
		defer close(out)

		conn, err := db.read.Conn(ctx)
		if err != nil {
			slog.Error("watch: pin connection", "db", db.path, "err", err)

			return
		}
		defer conn.Close()

		last := int64(-1)
		tick := time.NewTicker(every)
		defer tick.Stop()

		for {
			var v int64
			if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
				if ctx.Err() != nil {
					return
				}

				slog.Warn("watch: read data_version", "db", db.path, "err", err)
			} else if last >= 0 && v != last {
				select {
				case out <- struct{}{}:
				default:
				}
			}

			if err == nil {
				last = v
			}

			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()

	return out
}
