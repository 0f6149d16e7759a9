package backup

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// Restored describes a restore.
type Restored struct {
	Seals    []incident.Seal // one per incident in the restored database
	KeptAs   string          // the path the replaced database was moved to, or ""
	Upgraded bool            // the backup's schema was older and was upgraded
}

// sidecars are the files SQLite keeps beside a database in WAL mode.
var sidecars = []string{"-wal", "-shm"}

// Restore checks the backup at from and puts a copy of it at to. A
// database already at to is refused unless force, and then moved aside to
// to.replaced-STAMP with its -wal and -shm files rather than deleted. The
// copy is checked (integrity and every chain) before anything at to is
// moved, so a bad backup changes nothing. Stop every sitroom using to
// first.
func Restore(ctx context.Context, from, to string, force bool, now time.Time) (Restored, error) {
	var out Restored

	if _, err := os.Stat(from); err != nil {
		return out, fmt.Errorf("backup %s: check the path: %w", from, err)
	}

	// A database copied with its -wal holds its newest changes there; a
	// copy of the main file alone would lose them.
	if info, err := os.Stat(from + "-wal"); err == nil && info.Size() > 0 {
		return out, fmt.Errorf("%s has a -wal file beside it holding its newest changes: run sitroom --db %s verify once, "+
			"which writes them into the file, then restore", from, from)
	}

	_, err := os.Stat(to)
	exists := err == nil

	if exists && !force {
		return out, fmt.Errorf("database %s exists, and restoring would replace it: give --force to move it aside and restore, or choose another --db", to)
	}

	before, err := schemaOf(ctx, from)
	if err != nil {
		return out, err
	}

	staged := to + ".restoring"
	removeWithSidecars(staged)

	if err := copyFile(from, staged); err != nil {
		return out, err
	}

	out.Upgraded = before < store.SchemaVersion

	if out.Seals, err = checkStaged(ctx, from, staged); err != nil {
		removeWithSidecars(staged)

		return out, err
	}

	if exists {
		out.KeptAs = freeAside(to, now)
		if err := moveWithSidecars(to, out.KeptAs); err != nil {
			removeWithSidecars(staged)

			return out, err
		}
	}

	if err := os.Rename(staged, to); err != nil {
		return out, fmt.Errorf("put restored database at %s: %w", to, err)
	}

	return out, nil
}

// checkStaged opens the staged copy through the store, which upgrades an
// older schema, and verifies its integrity and chains.
func checkStaged(ctx context.Context, from, staged string) ([]incident.Seal, error) {
	db, err := store.Open(ctx, staged)
	if err != nil {
		return nil, fmt.Errorf("backup %s does not open, so nothing was restored: %w", from, err)
	}

	err = db.IntegrityCheck(ctx)

	var seals []incident.Seal
	if err == nil {
		seals, err = verifyAll(ctx, db)
	}

	if closeErr := db.Close(); err == nil {
		err = closeErr
	}

	if err != nil {
		return nil, fmt.Errorf("backup %s does not check out, so nothing was restored: %w", from, err)
	}

	// The store leaves the copy in WAL mode; with every connection closed
	// its -wal has been written back and the sidecars can go.
	for _, s := range sidecars {
		os.Remove(staged + s)
	}

	return seals, nil
}

// schemaOf reads the schema version of the file at path, refusing a file
// that is not a sitroom database: an empty file or another program's
// SQLite database has version 0, and restoring it would leave an empty
// database in place of the incident.
func schemaOf(ctx context.Context, path string) (int, error) {
	version, err := store.SchemaOf(ctx, path)
	if err != nil {
		return 0, err
	}

	if version == 0 {
		return 0, fmt.Errorf("%s is not a sitroom database (it is empty, or another program's): give a backup that sitroom backup made", path)
	}

	return version, nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("read backup %s: %w", from, err)
	}
	defer src.Close()

	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: check the folder's permissions: %w", to, err)
	}

	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(to)

		return fmt.Errorf("copy %s to %s: check the free space: %w", from, to, err)
	}

	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(to)

		return fmt.Errorf("write %s: %w", to, err)
	}

	return dst.Close()
}

func moveWithSidecars(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("move database %s aside to %s: %w", from, to, err)
	}

	for _, s := range sidecars {
		if _, err := os.Stat(from + s); err == nil {
			if err := os.Rename(from+s, to+s); err != nil {
				return fmt.Errorf("move %s aside: %w", from+s, err)
			}
		}
	}

	return nil
}

func removeWithSidecars(path string) {
	os.Remove(path)

	for _, s := range sidecars {
		os.Remove(path + s)
	}
}

// freeAside returns PATH.replaced-STAMP, with a number added when a copy
// of that second is already kept.
func freeAside(to string, now time.Time) string {
	base := fmt.Sprintf("%s.replaced-%s", to, now.UTC().Format(stampLayout))

	path := base
	for n := 2; ; n++ {
		if _, err := os.Stat(path); os.IsNotExist(err) {
			return path
		}

		path = fmt.Sprintf("%s-%d", base, n)
	}
}
