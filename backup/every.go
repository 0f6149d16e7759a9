package backup

import (
	"context"
	"log/slog"
	"time"

	"github.com/northbridge-nhs/sitroom/store"
)

// Every makes a backup of db into dir every interval until ctx ends,
// keeping the newest keep, and logs each outcome: a console or server
// cannot print while it runs. failed, when not nil, is also told of each
// failure, so that a console can show it. The first backup is made one
// interval after the start.
func Every(ctx context.Context, db *store.DB, dir string, interval time.Duration, keep int, failed func(error)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()

	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}

		res, err := Make(ctx, db, dir, time.Now())
		if err != nil {
			if ctx.Err() == nil {
				slog.Error("backup failed", "db", db.Path(), "dir", dir, "err", err)

				if failed != nil {
					failed(err)
				}
			}

			continue
		}

		slog.Info("backup made", "path", res.Path, "bytes", res.Size, "incidents", len(res.Seals))

		removed, err := Prune(dir, db.Path(), keep)
		if err != nil {
			slog.Error("old backups not removed", "dir", dir, "err", err)
		}

		for _, path := range removed {
			slog.Info("old backup removed", "path", path)
		}
	}
}
