package export

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/demo"
	"github.com/northbridge-nhs/sitroom/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current exports")

// goldenNow is the fixed clock of the golden exports: the demo's dates are
// moved to end just before it.
var goldenNow = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

// TestGoldenExports writes the scenario incident in every format, with
// times in Europe/London and in UTC, and compares each with its golden
// file. Run with -update after a deliberate change, and read the diff.
func TestGoldenExports(t *testing.T) {
	ctx := context.Background()

	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "golden.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	svc := incident.NewService(db, func() time.Time { return goldenNow })

	commander, err := demo.Commander()
	if err != nil {
		t.Fatal(err)
	}

	if _, err := demo.Load(ctx, svc, commander); err != nil {
		t.Fatalf("load the scenario: %v", err)
	}

	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}

	for _, format := range []Format{Markdown, CSV, JSONL, HTML, TimesketchJSONL, TimesketchCSV, ICS214, Decisions} {
		for _, zone := range []*time.Location{london, time.UTC} {
			name := string(format) + "-" + strings.ReplaceAll(zone.String(), "/", "-") + "." + goldenExtension[format]

			t.Run(name, func(t *testing.T) {
				got := goldenExport(t, db, format, zone)
				path := filepath.Join("testdata", "golden", name)

				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}

					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}

				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("read golden file %s (run go test ./incident/export -run TestGoldenExports -update to make it): %v", path, err)
				}

				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s: %s", name, path, firstDifference(got, want))
				}

				for _, name := range []string{"Siân Pritchard-Evans", "Łukasz Wróblewski"} {
					if (format == Markdown || format == HTML || format == ICS214) && !bytes.Contains(got, []byte(name)) {
						t.Errorf("%s lacks the name %s", path, name)
					}
				}
			})
		}
	}
}

// goldenExtension is each format's file extension.
var goldenExtension = map[Format]string{
	Markdown: "md", CSV: "csv", JSONL: "jsonl", HTML: "html", TimesketchJSONL: "jsonl", TimesketchCSV: "csv", ICS214: "md", Decisions: "csv",
}

func goldenExport(t *testing.T, db *store.DB, format Format, zone *time.Location) []byte {
	t.Helper()

	ctx := context.Background()

	var out bytes.Buffer

	err := db.Read(ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(ctx, demo.Ref)
		if err != nil {
			return err
		}

		staff, err := r.Staff(ctx)
		if err != nil {
			return err
		}

		names := map[string]string{}
		for _, m := range staff {
			names[m.ID] = m.Name
		}

		_, err = Write(ctx, &out, r, inc, Options{Format: format, Zone: zone, Now: goldenNow, ExportedBy: "ST01", Staff: names})

		return err
	})
	if err != nil {
		t.Fatalf("export %s: %v", format, err)
	}

	return out.Bytes()
}

// firstDifference names the first line that differs.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")

	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ":\n got: " + g[i] + "\nwant: " + w[i]
		}
	}

	return "lengths differ: " + itoa(len(g)) + " lines, want " + itoa(len(w))
}

func itoa(n int) string { return strconv.Itoa(n) }
