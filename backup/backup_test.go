package backup

import (
	"os"
	"path/filepath"
	"testing"
)

func TestListAndPrune(t *testing.T) {
	dir := t.TempDir()

	names := []string{
		"nbh-20261204T100000Z.db", "nbh-20261204T110000Z.db", "nbh-20261204T110000Z-2.db", "nbh-20261204T120000Z.db",
		"other-20261204T100000Z.db", "nbh-notes.db", "nbh-20261204T130000Z.db.partial", "nbh.db",
	}

	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o400); err != nil {
			t.Fatal(err)
		}
	}

	got, err := List(dir, "/srv/sitroom/nbh.db")
	if err != nil {
		t.Fatal(err)
	}

	want := []string{"nbh-20261204T100000Z.db", "nbh-20261204T110000Z.db", "nbh-20261204T110000Z-2.db", "nbh-20261204T120000Z.db"}
	if len(got) != len(want) {
		t.Fatalf("backups = %v, want %v", got, want)
	}

	for i := range want {
		if filepath.Base(got[i]) != want[i] {
			t.Errorf("backup %d = %s, want %s", i, filepath.Base(got[i]), want[i])
		}
	}

	removed, err := Prune(dir, "/srv/sitroom/nbh.db", 2)
	if err != nil || len(removed) != 2 {
		t.Fatalf("prune = %v, %v; want two removed", removed, err)
	}

	for _, n := range []string{"other-20261204T100000Z.db", "nbh-notes.db", "nbh.db", "nbh-20261204T120000Z.db"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("prune removed %s, which it should keep: %v", n, err)
		}
	}

	if _, err := Prune(dir, "/srv/sitroom/nbh.db", 0); err == nil {
		t.Error("keeping no backup was accepted")
	}
}
