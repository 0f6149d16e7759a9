package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportFilters narrows exports by kind, system and person and checks
// that the chain is still sealed whole.
func TestExportFilters(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	out := env.mustRun("export", "--format", "csv", "--kind", "decision", "--system", "LIMS")

	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}

	if len(rows) < 2 {
		t.Fatalf("no decisions naming LIMS exported")
	}

	for _, row := range rows[1 : len(rows)-1] {
		if row[6] != "decision" || !strings.Contains(row[18], "LIMS") {
			t.Errorf("row %s is %s naming %q, want a decision naming LIMS", row[0], row[6], row[18])
		}
	}

	// JSON Lines marks itself filtered, and verify --export says what it
	// could check.
	file := filepath.Join(env.dir, "st01.jsonl")
	env.mustRun("export", "--format", "jsonl", "--person", "ST01", "--output", file)

	lines := strings.Split(strings.TrimSpace(readText(t, file)), "\n")

	var seal struct {
		Filtered     bool  `json:"filtered"`
		ChainEntries int64 `json:"chain_entries"`
	}

	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &seal); err != nil || !seal.Filtered || seal.ChainEntries != 152 {
		t.Errorf("seal line of a filtered export = %+v, %v; want filtered with the whole chain of 152", seal, err)
	}

	_, errOut, code := env.run("verify", "--export", file)
	if code != 1 {
		t.Errorf("verify of a filtered export: exit %d, want 1", code)
	}

	wantContains(t, "filtered verify", errOut, "each match their own hashes, but the chain can only be checked in an export without filters")

	// The review pack says it is filtered and keeps the whole seal.
	html := env.mustRun("export", "--format", "html", "--from", "-24h")
	wantContains(t, "filtered html", html, "<strong>Filtered:</strong> occurred from ")
	wantContains(t, "filtered html", html, "NBH-2026-014 seal: 152 entries")

	if _, errOut, code := env.run("export", "--format", "md", "--from", "-1h", "--to", "-3h"); code == 0 || !strings.Contains(errOut, "is before --from") {
		t.Errorf("--to before --from: exit %d, %s", code, errOut)
	}
}

// TestExportPersonalDetails checks that phone numbers appear only when
// asked for.
func TestExportPersonalDetails(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	for _, format := range []string{"html", "md"} {
		plain := env.mustRun("export", "--format", format)
		if strings.Contains(plain, "07700 9001") {
			t.Errorf("%s export without --include-personal holds a phone number", format)
		}

		wantContains(t, format+" without personal details", plain, "export with --include-personal to include them")

		personal := env.mustRun("export", "--format", format, "--include-personal")
		wantContains(t, format+" with personal details", personal, "07700 9001")
	}
}

// TestExportForensicFormats checks the Timesketch, ICS 214 and decision-log
// exports from the command line.
func TestExportForensicFormats(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	first := strings.SplitN(env.mustRun("export", "--format", "timesketch"), "\n", 2)[0]

	var event map[string]any
	if err := json.Unmarshal([]byte(first), &event); err != nil {
		t.Fatal(err)
	}

	for _, field := range []string{"message", "datetime", "timestamp_desc"} {
		if _, ok := event[field]; !ok {
			t.Errorf("Timesketch event lacks %s: %s", field, first)
		}
	}

	header := strings.SplitN(env.mustRun("export", "--format", "timesketch-csv"), "\n", 2)[0]
	if !strings.HasPrefix(header, "message,datetime,timestamp_desc,") {
		t.Errorf("Timesketch CSV header = %q", header)
	}

	ics := env.mustRun("export", "--format", "ics214", "--person", "ST09")
	for _, want := range []string{"# Activity log (ICS 214): Marcus Delacroix-Bennett (ST09)", "| 1. Incident name | NBH-2026-014",
		"| 2. Operational period |", "## 7. Activity log", "**8. Prepared by:**"} {
		wantContains(t, "ICS 214", ics, want)
	}

	if strings.Contains(ics, "(ST01)\n") {
		t.Error("the ICS 214 for ST09 holds another person's log")
	}

	decisions, err := csv.NewReader(strings.NewReader(env.mustRun("export", "--format", "decisions"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}

	if len(decisions) != 32 || decisions[0][6] != "decision" || decisions[0][7] != "rationale" {
		t.Errorf("decision log: %d rows, header %v; want 30 decisions between a header and the seal", len(decisions), decisions[0])
	}

	if seal := decisions[len(decisions)-1]; seal[0] != "seal" || !strings.HasPrefix(seal[6], "SEAL: NBH-2026-014 seal: 152 entries") {
		t.Errorf("decision log's last row = %q, want the seal", seal)
	}
}
