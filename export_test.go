package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/export"
	"github.com/northbridge-nhs/sitroom/store"
)

const exportRef = "NBH-2026-014"

// exportScenarioEvent is one row of the scenario's timeline.csv.
type exportScenarioEvent struct {
	occurred time.Time
	text     string
}

// exportedRow is one timeline entry as an export shows it.
type exportedRow struct {
	seq      int64
	occurred time.Time
	text     string
}

// readExportScenarioCSV returns the rows of a scenario file as maps from column
// name to value.
func readExportScenarioCSV(tb testing.TB, name string) []map[string]string {
	tb.Helper()

	f, err := os.Open(filepath.Join("incident", "demo", "scenario", name))
	if err != nil {
		tb.Fatalf("open scenario file: %v", err)
	}
	defer f.Close()

	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("parse scenario %s: %v", name, err)
	}

	var out []map[string]string

	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, col := range rows[0] {
			rec[col] = row[i]
		}

		out = append(out, rec)
	}

	return out
}

func splitExportList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}

	return strings.Split(s, ";")
}

// exportScenarioTimeline reads timeline.csv as rows for Service.ImportEntries.
func exportScenarioTimeline(tb testing.TB) []incident.ImportedEntry {
	tb.Helper()

	var out []incident.ImportedEntry

	for i, rec := range readExportScenarioCSV(tb, "timeline.csv") {
		occurred, err1 := time.Parse(time.RFC3339, rec["occurred_at"])
		recorded, err2 := time.Parse(time.RFC3339, rec["recorded_at"])
		level, err3 := incident.ParseLevel(rec["command_level"])
		kind, err4 := incident.ParseKind(rec["kind"])

		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				tb.Fatalf("timeline.csv row %d: %v", i+2, err)
			}
		}

		out = append(out, incident.ImportedEntry{
			OccurredAt: occurred, RecordedAt: recorded, Actor: rec["actor"], Level: level, Kind: kind,
			Text: rec["text"], Systems: splitExportList(rec["system_ids"]), Source: fmt.Sprintf("timeline.csv line %d", i+2),
		})
	}

	return out
}

// openExportScenarioDB creates a database at path with the scenario's register and
// roster and an incident declared at 06:40 London time, and returns it with
// a service whose clock is fixed at 2026-06-14 12:00 UTC.
func openExportScenarioDB(tb testing.TB, path string) (*store.DB, *incident.Service, incident.Actor) {
	tb.Helper()
	ctx := context.Background()

	db, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}

	svc := incident.NewService(db, func() time.Time { return time.Date(2026, 6, 14, 12, 0, 0, 0, time.UTC) })
	actor := incident.Actor{ID: "ST05", Level: incident.LevelSilver}

	var systems []incident.System
	for _, rec := range readExportScenarioCSV(tb, "systems.csv") {
		crit, _ := strconv.Atoi(rec["criticality"])
		rto, _ := strconv.ParseFloat(rec["rto_hours"], 64)
		rpo, _ := strconv.ParseFloat(rec["rpo_hours"], 64)
		systems = append(systems, incident.System{
			ID: rec["id"], Name: rec["name"], Function: rec["function"], OwnerRole: rec["owner_role"], Criticality: crit,
			PatientImpact: rec["patient_impact"], RTOHours: rto, RPOHours: rpo, DependsOn: splitExportList(rec["depends_on"]),
			Supplier: rec["supplier"], Hosting: rec["hosting"],
		})
	}

	var staff []incident.StaffMember
	for _, rec := range readExportScenarioCSV(tb, "staff.csv") {
		level, _ := incident.ParseLevel(rec["command_level"])
		staff = append(staff, incident.StaffMember{
			ID: rec["id"], Name: rec["name"], Role: rec["role"], Level: level, Team: rec["team"],
			Phone: rec["phone"], Location: rec["location"], OnCall: rec["on_call"] == "yes",
		})
	}

	if err := svc.ImportSystems(ctx, actor, "systems.csv", systems); err != nil {
		tb.Fatalf("import systems: %v", err)
	}

	if err := svc.ImportStaff(ctx, actor, "staff.csv", staff); err != nil {
		tb.Fatalf("import staff: %v", err)
	}

	_, err = svc.Declare(ctx, actor, incident.NewIncident{
		Ref: exportRef, Title: "Pathology partner ransomware", Kind: "ransomware (supplier-borne)", Severity: "critical",
		At: time.Date(2026, 6, 11, 5, 40, 0, 0, time.UTC),
	})
	if err != nil {
		tb.Fatalf("declare: %v", err)
	}

	return db, svc, actor
}

// loadExportScenario fills a new database at path with the whole scenario and
// returns the timeline's events in file order.
func loadExportScenario(t *testing.T, path string) []exportScenarioEvent {
	t.Helper()

	db, svc, actor := openExportScenarioDB(t, path)
	defer db.Close()

	rows := exportScenarioTimeline(t)

	n, err := svc.ImportEntries(context.Background(), actor, exportRef, "timeline.csv", rows)
	if err != nil || n != len(rows) {
		t.Fatalf("import timeline: %d rows, %v", n, err)
	}

	events := make([]exportScenarioEvent, len(rows))
	for i, row := range rows {
		events[i] = exportScenarioEvent{occurred: row.OccurredAt, text: row.Text}
	}

	return events
}

// unescapeExportMarkdown undoes mdText for text without line breaks: it drops the
// backslash before each escaped ASCII punctuation character.
func unescapeExportMarkdown(s string) string {
	var b strings.Builder

	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}

		b.WriteByte(s[i])
	}

	return b.String()
}

// exportTableRows splits the rows of the timeline table at unescaped pipes.
func exportTableRows(t *testing.T, md string) [][]string {
	t.Helper()

	_, table, ok := strings.Cut(md, "\n## Timeline\n")
	if !ok {
		t.Fatalf("no timeline section in the Markdown export:\n%s", md)
	}

	table, _, _ = strings.Cut(table, "\n## ")

	var rows [][]string

	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| Occurred") {
			continue
		}

		var cells []string
		start := 1

		for i := 1; i < len(line); i++ {
			if line[i] == '\\' {
				i++

				continue
			}

			if line[i] == '|' {
				cells = append(cells, strings.TrimSpace(line[start:i]))
				start = i + 1
			}
		}

		if len(cells) != 6 {
			t.Fatalf("timeline row has %d cells, want 6: %s", len(cells), line)
		}

		rows = append(rows, cells)
	}

	return rows
}

func parseExportMarkdown(t *testing.T, md string) []exportedRow {
	t.Helper()

	var out []exportedRow

	for _, cells := range exportTableRows(t, md) {
		occurred, err := time.Parse("2006-01-02 15:04:05 -07:00", cells[0])
		if err != nil {
			t.Fatalf("Markdown occurred time: %v", err)
		}

		seq, err := strconv.ParseInt(cells[1], 10, 64)
		if err != nil {
			t.Fatalf("Markdown seq: %v", err)
		}

		text, _, _ := strings.Cut(cells[5], "<br>")
		out = append(out, exportedRow{seq: seq, occurred: occurred, text: unescapeExportMarkdown(text)})
	}

	return out
}

func parseExportCSV(t *testing.T, data string) []exportedRow {
	t.Helper()

	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("parse CSV export: %v", err)
	}

	var out []exportedRow

	last := rows[len(rows)-1]
	if last[0] != "seal" || !strings.HasPrefix(last[7], "SEAL: ") {
		t.Errorf("the CSV's last row is not its seal: %q", last)
	}

	for _, row := range rows[1 : len(rows)-1] {
		seq, err := strconv.ParseInt(row[0], 10, 64)
		if err != nil {
			t.Fatalf("CSV seq: %v", err)
		}

		occurred, err := time.Parse(time.RFC3339Nano, row[1])
		if err != nil {
			t.Fatalf("CSV occurred_at: %v", err)
		}

		out = append(out, exportedRow{seq: seq, occurred: occurred, text: row[7]})
	}

	return out
}

func parseExportJSONL(t *testing.T, data string) []exportedRow {
	t.Helper()

	var out []exportedRow
	var kinds []string

	scanner := bufio.NewScanner(strings.NewReader(data))
	scanner.Buffer(nil, 1<<20)

	for scanner.Scan() {
		var rec export.EntryRecord
		if err := json.Unmarshal(scanner.Bytes(), &rec); err != nil {
			t.Fatalf("decode JSONL line: %v", err)
		}

		kinds = append(kinds, rec.Record)

		if rec.Record != "entry" {
			continue
		}

		e, err := rec.Entry()
		if err != nil {
			t.Fatalf("rebuild entry: %v", err)
		}

		if got := incident.ComputeHash(rec.Incident, &e); got != e.Hash {
			t.Errorf("entry %d: recomputed hash %s, stored %s", e.Seq, got, e.Hash)
		}

		out = append(out, exportedRow{seq: e.Seq, occurred: e.OccurredAt, text: e.Text})
	}

	if len(kinds) < 2 || kinds[0] != "incident" || kinds[len(kinds)-1] != "seal" {
		t.Errorf("JSONL records start %q and end %q, want incident and seal", kinds[0], kinds[len(kinds)-1])
	}

	return out
}

// checkExportedScenario checks that every scenario event appears exactly once,
// at its instant, and that the export is in occurred order with ties in
// sequence order.
func checkExportedScenario(t *testing.T, events []exportScenarioEvent, rows []exportedRow) {
	t.Helper()

	// 125 events, the declaration and the import's own entry.
	if len(rows) != len(events)+2 {
		t.Errorf("export has %d entries, want %d", len(rows), len(events)+2)
	}

	for i := 1; i < len(rows); i++ {
		prev, cur := rows[i-1], rows[i]
		if cur.occurred.Before(prev.occurred) || (cur.occurred.Equal(prev.occurred) && cur.seq < prev.seq) {
			t.Errorf("entry %d (%s) comes after entry %d (%s): not in occurred order", cur.seq, cur.occurred, prev.seq, prev.occurred)
		}
	}

	position := map[string][]int{}
	for i, row := range rows {
		position[row.text] = append(position[row.text], i)
	}

	last := -1

	for _, ev := range events {
		at := position[ev.text]
		if len(at) != 1 {
			t.Errorf("event %q appears %d times, want once", ev.text, len(at))

			continue
		}

		if got := rows[at[0]].occurred; !got.Equal(ev.occurred) {
			t.Errorf("event %q exported at %s, source says %s", ev.text, got, ev.occurred)
		}

		if at[0] < last {
			t.Errorf("event %q is out of the source's order", ev.text)
		}

		last = at[0]
	}
}

func TestExportScenarioFormats(t *testing.T) {
	env := newTestEnv(t)
	events := loadExportScenario(t, env.db)

	if len(events) != 125 {
		t.Fatalf("scenario has %d events, want 125", len(events))
	}

	t.Run("md", func(t *testing.T) {
		md := env.mustRun("export", "--format", "md", "--db", env.db)
		checkExportedScenario(t, events, parseExportMarkdown(t, md))

		if !strings.Contains(md, "- **Late entries:** 22, recorded more than 10m after they occurred; 21 of them give no reason\n") {
			t.Errorf("summary does not count the 21 late rows and the late declaration:\n%s", md[:min(len(md), 3000)])
		}

		if !strings.Contains(md, "- **Full head hash:** ") {
			t.Error("Markdown export has no seal")
		}
	})

	t.Run("csv", func(t *testing.T) {
		path := filepath.Join(env.dir, "timeline.csv")
		_, stderr, code := env.run("export", "--format", "csv", "--db", env.db, "--output", path)

		if code != 0 {
			t.Fatalf("export exited %d: %s", code, stderr)
		}

		if !strings.Contains(stderr, "exported "+exportRef+" seal: 127 entries, head ") {
			t.Errorf("stderr does not report the seal: %q", stderr)
		}

		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read export: %v", err)
		}

		checkExportedScenario(t, events, parseExportCSV(t, string(data)))
	})

	t.Run("jsonl", func(t *testing.T) {
		out := env.mustRun("export", "--format", "jsonl", "--db", env.db)
		checkExportedScenario(t, events, parseExportJSONL(t, out))
	})
}

func TestExportBrokenChainStillWritten(t *testing.T) {
	env := newTestEnv(t)
	loadExportScenario(t, env.db)

	db, err := store.Open(context.Background(), env.db)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}

	for _, stmt := range []string{"DROP TRIGGER entries_no_update", "UPDATE entries SET text = 'nothing happened' WHERE seq = 40"} {
		if err := db.Exec(context.Background(), stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}

	db.Close()

	path := filepath.Join(env.dir, "report.md")
	_, stderr, code := env.run("export", "--format", "md", "--output", path)

	if code != 1 {
		t.Errorf("export of a broken chain exited %d, want 1", code)
	}

	if !strings.Contains(stderr, "chain BROKEN: incident NBH-2026-014: entry 40 does not verify") {
		t.Errorf("stderr does not name entry 40: %q", stderr)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the export was not written: %v", err)
	}

	md := string(data)
	if !strings.Contains(md, "**The hash chain did NOT verify: entry 40 does not verify: its contents do not match its hash") {
		t.Errorf("report does not say the chain failed at entry 40")
	}

	if strings.Contains(md, "Full head hash") {
		t.Error("report of a broken chain claims a seal")
	}
}

func TestExportMissingFolder(t *testing.T) {
	env := newTestEnv(t)
	loadExportScenario(t, env.db)

	path := filepath.Join(env.dir, "no-such-folder", "report.md")
	_, stderr, code := env.run("export", "--format", "md", "--output", path)

	if code == 0 {
		t.Error("export into a missing folder exited 0")
	}

	want := "cannot write export to " + path + ": folder " + filepath.Dir(path) + " does not exist"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", stderr, want)
	}
}

func TestExportReplacesFileWhole(t *testing.T) {
	env := newTestEnv(t)
	loadExportScenario(t, env.db)

	path := filepath.Join(env.dir, "report.jsonl")
	if err := os.WriteFile(path, []byte("old export\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	env.mustRun("export", "--format", "jsonl", "--output", path)

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	if strings.Contains(string(data), "old export") || !strings.HasPrefix(string(data), `{"record":"incident"`) {
		t.Errorf("file was not replaced by the export: starts %q", data[:min(len(data), 80)])
	}

	leftovers, _ := filepath.Glob(filepath.Join(env.dir, ".report.jsonl.*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestExportRefusesDatabasePath(t *testing.T) {
	env := newTestEnv(t)
	loadExportScenario(t, env.db)

	before, err := os.ReadFile(env.db)
	if err != nil {
		t.Fatal(err)
	}

	_, stderr, code := env.run("export", "--format", "csv", "--output", env.db)
	if code == 0 {
		t.Error("export over the database exited 0")
	}

	if !strings.Contains(stderr, "that is the database") {
		t.Errorf("stderr = %q, want it to name the database", stderr)
	}

	after, err := os.ReadFile(env.db)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("database changed by a refused export (read error %v)", err)
	}
}

// TestExportDiskFull writes to a 16 KiB tmpfs, which the scenario's report
// overflows. It needs root to mount, and skips without it.
func TestExportDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}

	env := newTestEnv(t)
	loadExportScenario(t, env.db)

	dir := filepath.Join(env.dir, "small")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}

	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v: %s", err, out)
	}

	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})

	path := filepath.Join(dir, "report.md")
	_, stderr, code := env.run("export", "--format", "md", "--output", path)

	if code == 0 {
		t.Fatal("export to a full disk exited 0")
	}

	if want := "cannot write export to " + path + ": the disk is full"; !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", stderr, want)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}

	if len(entries) != 0 {
		t.Errorf("full disk holds %d files after a failed export, want none: %s", len(entries), entries[0].Name())
	}
}

// exportBenchEntries is the size of the benchmark's timeline.
const exportBenchEntries = 100_000

// buildExportBenchDB writes a timeline of exportBenchEntries entries, cycling through
// the scenario's rows, in one transaction with the chain computed as the
// service computes it.
func buildExportBenchDB(b *testing.B, path string) {
	b.Helper()
	ctx := context.Background()

	db, svc, _ := openExportScenarioDB(b, path)
	defer db.Close()

	inc, err := svc.ResolveIncident(ctx, exportRef)
	if err != nil {
		b.Fatal(err)
	}

	rows := exportScenarioTimeline(b)
	base := time.Date(2026, 6, 11, 5, 40, 0, 0, time.UTC)

	err = db.Update(ctx, func(tx incident.Tx) error {
		seq, prev, err := tx.ChainHead(ctx, inc.ID)
		if err != nil {
			return err
		}

		for i := 0; i < exportBenchEntries-int(seq); i++ {
			row := rows[i%len(rows)]
			recorded := base.Add(time.Duration(i) * 7 * time.Second)

			e := incident.Entry{
				IncidentID: inc.ID, Seq: seq + int64(i) + 1, PrevHash: prev,
				OccurredAt: recorded.Add(-row.RecordedAt.Sub(row.OccurredAt)), RecordedAt: recorded,
				Author: row.Actor, DecisionMaker: row.Actor, Level: row.Level, Kind: row.Kind, Text: row.Text,
				Systems: row.Systems, Source: row.Source,
			}

			if e.Kind == incident.KindDecision {
				e.Rationale = "Protect patient safety while the partner's network is untrusted"
				e.Options = []string{"wait for the partner's assessment", "keep the link open with monitoring"}
			}

			e.Hash = incident.ComputeHash(exportRef, &e)
			prev = e.Hash

			if err := tx.InsertEntry(ctx, &e); err != nil {
				return err
			}
		}

		return nil
	})
	if err != nil {
		b.Fatalf("build benchmark timeline: %v", err)
	}
}

// BenchmarkExportCSV compares exporting 100,000 entries to CSV with the
// sqlite3 shell dumping the entries table as CSV, both as processes writing
// to a pipe. The database is built once per run, because -count repeats
// the sub-benchmarks but not the body around them.
func BenchmarkExportCSV(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "bench.db")
	buildExportBenchDB(b, path)

	run := func(b *testing.B, name string, args ...string) {
		for b.Loop() {
			var stderr bytes.Buffer

			cmd := exec.Command(name, args...)
			cmd.Env = append(os.Environ(), "SITROOM_LOG="+filepath.Join(dir, "sitroom.log"), "SITROOM_TZ=Europe/London", "SITROOM_USER=ST05")
			cmd.Stdout = io.Discard
			cmd.Stderr = &stderr

			if err := cmd.Run(); err != nil {
				b.Fatalf("%s %v: %v: %s", name, args, err, stderr.Bytes())
			}
		}
	}

	b.Run("sitroom", func(b *testing.B) {
		run(b, sitroomBin, "export", "--format", "csv", "--db", path, "--incident", exportRef)
	})

	b.Run("sitroom_html", func(b *testing.B) {
		run(b, sitroomBin, "export", "--format", "html", "--db", path, "--incident", exportRef)
	})

	b.Run("sqlite3", func(b *testing.B) {
		sqlite3, err := exec.LookPath("sqlite3")
		if err != nil {
			b.Skip("sqlite3 is not installed")
		}

		run(b, sqlite3, "-csv", path, "SELECT * FROM entries")
	})
}
