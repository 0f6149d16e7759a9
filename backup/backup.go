// Package backup makes, checks, prunes and restores copies of a sitroom
// database. A backup is one file named by the time it was taken, checked
// for damage and for every incident's hash chain, and made read-only.
package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// stampLayout names backups by UTC time, so that names sort by age.
const stampLayout = "20060102T150405Z"

// Result describes one backup made and checked.
type Result struct {
	Path  string
	Size  int64
	Seals []incident.Seal // one per incident, as verified in the copy
}

// Make writes a consistent copy of db into dir, checks it, and makes it
// read-only. A copy that fails its check is removed and the error says
// why; the database itself is not touched.
func Make(ctx context.Context, db *store.DB, dir string, now time.Time) (Result, error) {
	if err := CheckFolder(dir); err != nil {
		return Result{}, err
	}

	path := freeName(dir, Prefix(db.Path()), now)
	partial := path + ".partial"

	if err := db.BackupTo(ctx, partial); err != nil {
		return Result{}, err
	}

	seals, err := Check(ctx, partial)
	if err != nil {
		os.Remove(partial)

		return Result{}, fmt.Errorf("backup of %s failed its check and was removed: %w", db.Path(), err)
	}

	if err := os.Chmod(partial, 0o400); err != nil {
		os.Remove(partial)

		return Result{}, fmt.Errorf("make backup %s read-only: %w", partial, err)
	}

	if err := os.Rename(partial, path); err != nil {
		os.Remove(partial)

		return Result{}, fmt.Errorf("name backup %s: %w", path, err)
	}

	info, err := os.Stat(path)
	if err != nil {
		return Result{}, fmt.Errorf("read backup %s: %w", path, err)
	}

	return Result{Path: path, Size: info.Size(), Seals: seals}, nil
}

// CheckFolder checks that dir exists and can be written. It does not
// create it: a backup folder that is missing is often a drive that is not
// mounted, and backing up onto the host's own disk instead would fill it
// unnoticed.
func CheckFolder(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup folder %s does not exist: create it, or check that the drive it is on is mounted", dir)
	}

	if err != nil {
		return fmt.Errorf("backup folder %s: %w", dir, err)
	}

	if !info.IsDir() {
		return fmt.Errorf("backup folder %s is a file: give a folder", dir)
	}

	probe, err := os.CreateTemp(dir, ".sitroom-write-check-*")
	if err != nil {
		return fmt.Errorf("backup folder %s cannot be written: check its permissions: %w", dir, err)
	}

	probe.Close()

	return os.Remove(probe.Name())
}

// Prefix is the start of the names of a database's backups: its file name
// without the extension, then a dash.
func Prefix(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)) + "-"
}

// freeName returns dir/PREFIX-STAMP.db, with a number added when a backup
// of that second exists.
func freeName(dir, prefix string, now time.Time) string {
	base := filepath.Join(dir, prefix+now.UTC().Format(stampLayout))

	path := base + ".db"
	for n := 2; ; n++ {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return path
		}

		path = fmt.Sprintf("%s-%d.db", base, n)
	}
}

// Check opens the file at path read-only and verifies it: SQLite's
// integrity check and every incident's hash chain. It returns the seal of
// each incident.
func Check(ctx context.Context, path string) ([]incident.Seal, error) {
	db, err := store.OpenSnapshot(ctx, path)
	if err != nil {
		return nil, err
	}
	defer db.Close()

	if err := db.IntegrityCheck(ctx); err != nil {
		return nil, err
	}

	return verifyAll(ctx, db)
}

// verifyAll verifies the chain of every incident in db.
func verifyAll(ctx context.Context, db *store.DB) ([]incident.Seal, error) {
	svc := incident.NewService(db, nil)

	var incidents []incident.Incident

	err := db.Read(ctx, func(r incident.Reader) error {
		var err error
		incidents, err = r.Incidents(ctx)

		return err
	})
	if err != nil {
		return nil, err
	}

	seals := make([]incident.Seal, 0, len(incidents))

	for _, inc := range incidents {
		seal, err := svc.Verify(ctx, inc.Ref)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", db.Path(), err)
		}

		seals = append(seals, seal)
	}

	return seals, nil
}

// Prune removes the oldest backups of the database at dbPath in dir,
// keeping the newest keep, and returns the paths removed.
func Prune(dir, dbPath string, keep int) ([]string, error) {
	if keep < 1 {
		return nil, fmt.Errorf("invalid number of backups to keep %d: keep at least 1", keep)
	}

	names, err := List(dir, dbPath)
	if err != nil {
		return nil, err
	}

	var removed []string

	for len(names) > keep {
		oldest := names[0]
		names = names[1:]

		if err := os.Remove(oldest); err != nil {
			return removed, fmt.Errorf("remove old backup %s: %w", oldest, err)
		}

		removed = append(removed, oldest)
	}

	return removed, nil
}

// List returns the backups of the database at dbPath in dir, oldest
// first.
func List(dir, dbPath string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}

	prefix := Prefix(dbPath)

	var names []string

	for _, e := range entries {
		name := e.Name()
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db")

		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") || len(stamp) < len(stampLayout) {
			continue
		}

		if _, err := time.Parse(stampLayout, stamp[:len(stampLayout)]); err == nil {
			names = append(names, filepath.Join(dir, name))
		}
	}

	// A second backup within one second is named STAMP-2, which plain
	// string order would put before STAMP.
	sort.SliceStable(names, func(i, j int) bool { return ageKey(names[i]) < ageKey(names[j]) })

	return names, nil
}

// ageKey orders backup names by their time, then by the number added to
// a second backup within the same second.
func ageKey(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), ".db")
	n := 1

	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		if v, err := strconv.Atoi(name[i+1:]); err == nil {
			name, n = name[:i], v
		}
	}

	return fmt.Sprintf("%s#%06d", name, n)
}
