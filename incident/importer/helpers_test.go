package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// csvText joins lines into a file's bytes, one line per row.
func csvText(lines ...string) []byte {
	return []byte(strings.Join(lines, "\n") + "\n")
}

// scenarioFile reads one of the demo scenario files kept in the repository.
func scenarioFile(t *testing.T, name string) []byte {
	t.Helper()

	data, err := os.ReadFile(filepath.Join("..", "demo", "scenario", name))
	if err != nil {
		t.Fatalf("read scenario file: %v", err)
	}

	return data
}

// problemsOf returns the problems in err, failing the test when err is not a
// *ProblemsError.
func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()

	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want a *ProblemsError", err)
	}

	return pe.Problems
}

// wantProblem fails the test unless err lists a problem on line in column
// whose message contains text.
func wantProblem(t *testing.T, err error, line int, column, text string) {
	t.Helper()

	problems := problemsOf(t, err)
	for _, p := range problems {
		if p.Line == line && p.Column == column && strings.Contains(p.Msg, text) {
			return
		}
	}

	t.Errorf("no problem on line %d, column %q containing %q; got %v", line, column, text, problems)
}

// newTestService opens a real database in a temporary folder.
func newTestService(t *testing.T, now time.Time) *incident.Service {
	t.Helper()

	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sitroom.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}

	t.Cleanup(func() { db.Close() })

	return incident.NewService(db, func() time.Time { return now })
}

func london(t *testing.T) *time.Location {
	t.Helper()

	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}

	return loc
}
