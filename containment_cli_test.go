package main

import (
	"bufio"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident/export"
)

// scenarioIncident imports the scenario register and roster and declares
// an incident as the strategic commander, ST01.
func scenarioIncident(t *testing.T) *testEnv {
	t.Helper()

	env := newTestEnv(t)
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"), "--as", "ST09")
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"), "--as", "ST09")
	env.mustRun("incident", "new", "--ref", "NBH-2026-021", "--title", "Ransomware on the PAS", "--as", "ST01")

	return env
}

// jsonlEntries exports the incident as JSON Lines and returns its entries in
// sequence order.
func jsonlEntries(t *testing.T, env *testEnv) []export.EntryRecord {
	t.Helper()

	out := env.mustRun("export", "--format", "jsonl")

	var entries []export.EntryRecord

	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)

	for sc.Scan() {
		var rec export.EntryRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("decode export line %q: %v", sc.Text(), err)
		}

		if rec.Record == "entry" {
			entries = append(entries, rec)
		}
	}

	sort.Slice(entries, func(i, j int) bool { return entries[i].Seq < entries[j].Seq })

	return entries
}

// mustFail runs sitroom, fails the test if it exits 0, and returns stderr.
func (e *testEnv) mustFail(args ...string) string {
	e.t.Helper()

	out, stderr, code := e.run(args...)
	if code == 0 {
		e.t.Fatalf("sitroom %v exited 0, want a refusal\nstdout: %s", args, out)
	}

	return stderr
}

// wantStep is one timeline entry the walk-through expects, in order.
type wantStep struct {
	author string
	kind   string
	text   string // a part of the entry's text
}

func TestContainmentWalkthrough(t *testing.T) {
	env := scenarioIncident(t)

	out, stderr, code := env.run("system", "status", "EPR", "isolated", "--reason", "EDR alert on the EPR app servers", "--as", "ST09")
	if code != 0 || out != "EPR: operational → isolated (entry 2)\n" {
		t.Fatalf("isolate EPR: exit %d, stdout %q, stderr %q", code, out, stderr)
	}

	wantContains(t, "isolate hint", stderr, "add the standard recovery tasks with: sitroom task add --standard EPR")

	added := env.mustRun("task", "add", "--standard", "EPR", "--owner", "ST12", "--as", "ST07")
	wantContains(t, "standard tasks", added, "T-1 created: Rebuild EPR from a clean, known-good source\n")
	wantContains(t, "standard tasks", added, "T-6 created: Get service owner sign-off for EPR (after T-1, T-2, T-3, T-4, T-5)\n")

	stderr = env.mustFail("task", "start", "T-2", "--as", "ST12")
	wantContains(t, "early start", stderr, "task T-2 cannot be started before T-1 is done")

	stderr = env.mustFail("task", "done", "T-6", "--as", "ST12")
	wantContains(t, "early finish", stderr, "before T-1, T-2, T-3, T-4, T-5 are done")

	for _, task := range []string{"T-1", "T-2", "T-3", "T-4", "T-5", "T-6"} {
		if got := env.mustRun("task", "start", task, "--as", "ST12"); !strings.HasPrefix(got, task+" is now in-progress: ") {
			t.Errorf("start %s printed %q", task, got)
		}

		if got := env.mustRun("task", "done", task, "--as", "ST21", "--note", "checked"); !strings.HasPrefix(got, task+" is now done: ") {
			t.Errorf("done %s printed %q", task, got)
		}
	}

	if got := env.mustRun("system", "status", "EPR", "rebuilding", "--reason", "clean build started", "--as", "ST09"); got != "EPR: isolated → rebuilding (entry 21)\n" {
		t.Errorf("rebuilding printed %q", got)
	}

	env.mustRun("system", "status", "EPR", "validating", "--reason", "rebuilt from gold image", "--as", "ST09")

	signers := []struct{ check, by string }{
		{"clean-source", "ST10"}, {"immutable-backup", "ST11"}, {"credentials-reset", "ST24"},
		{"scan-clean", "ST25"}, {"monitoring", "ST26"}, {"owner-sign-off", "ST13"},
	}

	for _, s := range signers[:5] {
		env.mustRun("gate", "sign", "EPR", s.check, "--note", "done by "+s.by, "--as", s.by)
	}

	stderr = env.mustFail("system", "status", "EPR", "restored", "--reason", "all checks done", "--as", "ST09")
	wantContains(t, "restore with five checks", stderr, "lacks 1 of 6 checks (owner-sign-off)")

	signed := env.mustRun("gate", "sign", "EPR", "owner-sign-off", "--note", "CCIO content", "--as", "ST13")
	wantContains(t, "last signature", signed, "EPR gate: owner-sign-off signed by Dr Ingrid Sørensen (ST13) (entry 28); all 6 checks signed")

	if got := env.mustRun("system", "status", "EPR", "restored", "--reason", "gate passed", "--as", "ST09"); got != "EPR: validating → restored (entry 29)\n" {
		t.Errorf("restore printed %q", got)
	}

	gate := env.mustRun("gate", "status", "EPR")
	wantContains(t, "gate status", gate, "reinfection gate, outage 1: all 6 checks signed")

	for _, s := range signers {
		if !strings.Contains(gate, s.check) || !strings.Contains(gate, "("+s.by+")") {
			t.Errorf("gate status does not show %s signed by %s:\n%s", s.check, s.by, gate)
		}
	}

	want := []wantStep{
		{"ST01", "system", "Incident declared: Ransomware on the PAS"},
		{"ST09", "containment", "EPR (Electronic patient record): operational → isolated. Reason: EDR alert on the EPR app servers"},
	}

	for i := 1; i <= 6; i++ {
		want = append(want, wantStep{"ST07", "action", "Task T-" + strconv.Itoa(i) + " created: "})
	}

	for i := 1; i <= 6; i++ {
		want = append(want,
			wantStep{"ST12", "action", "Task T-" + strconv.Itoa(i) + " started: "},
			wantStep{"ST21", "action", "Task T-" + strconv.Itoa(i) + " marked done: "})
	}

	want = append(want,
		wantStep{"ST09", "recovery", "isolated → rebuilding. Reason: clean build started"},
		wantStep{"ST09", "recovery", "rebuilding → validating. Reason: rebuilt from gold image"})

	for _, s := range signers {
		want = append(want, wantStep{s.by, "recovery", "EPR gate check signed: "})
	}

	want = append(want, wantStep{"ST09", "recovery", "validating → restored. Reason: gate passed"})

	entries := jsonlEntries(t, env)
	if len(entries) != len(want) {
		t.Fatalf("timeline has %d entries, want %d (refused commands must write none)", len(entries), len(want))
	}

	for i, w := range want {
		e := entries[i]

		if e.Author != w.author || e.DecisionMaker != w.author {
			t.Errorf("entry %d author %s, decision maker %s; want %s (%q)", e.Seq, e.Author, e.DecisionMaker, w.author, e.Text)
		}

		if e.Kind != w.kind {
			t.Errorf("entry %d kind %s, want %s (%q)", e.Seq, e.Kind, w.kind, e.Text)
		}

		if !strings.Contains(e.Text, w.text) {
			t.Errorf("entry %d text %q, want it to contain %q", e.Seq, e.Text, w.text)
		}
	}

	for i, s := range signers {
		e := entries[22+i]
		if !strings.Contains(e.Text, "("+s.check+")") || len(e.Systems) != 1 || e.Systems[0] != "EPR" {
			t.Errorf("entry %d = %q systems %v, want the %s signature on EPR", e.Seq, e.Text, e.Systems, s.check)
		}
	}

	if got := env.mustRun("verify"); !strings.Contains(got, "chain OK") {
		t.Errorf("verify after the walk-through = %q", got)
	}
}

func TestGateOverrideRestores(t *testing.T) {
	env := scenarioIncident(t)
	env.mustRun("system", "status", "PACS", "isolated", "--reason", "suspicious DICOM traffic", "--as", "ST09")
	env.mustRun("system", "status", "PACS", "validating", "--reason", "vendor rebuilt it", "--as", "ST09")
	env.mustRun("gate", "sign", "PACS", "clean-source", "--note", "vendor image", "--as", "ST10")

	stderr := env.mustFail("system", "status", "PACS", "restored", "--reason", "needed", "--as", "ST09")
	wantContains(t, "restore before override", stderr, "lacks 5 of 6 checks")

	stderr = env.mustFail("gate", "override", "PACS", "--rationale", "trauma imaging", "--as", "ST12")
	wantContains(t, "bronze override", stderr, "only a gold or silver commander can override")

	stderr = env.mustFail("gate", "override", "PACS", "--as", "ST07")
	wantContains(t, "override without rationale", stderr, "--rationale TEXT")

	out := env.mustRun("gate", "override", "PACS", "--rationale", "major trauma needs imaging; network segment contained",
		"--option", "wait for the full gate", "--option", "send patients to a neighbouring trust", "--as", "ST07")
	if out != "PACS: reinfection gate OVERRIDDEN by decision entry 5 (silver level, decision maker ST07)\n" {
		t.Errorf("override printed %q", out)
	}

	env.mustRun("system", "status", "PACS", "restored", "--reason", "restored under the override", "--as", "ST09")

	list := env.mustRun("system", "list", "--filter", "pacs")
	wantContains(t, "system list", list, "gate OVERRIDDEN #5")
	wantContains(t, "system list", list, "restored")

	gate := env.mustRun("gate", "status", "PACS")
	wantContains(t, "gate status", gate, "gate OVERRIDDEN by decision entry 5")
	wantContains(t, "gate status", gate, "Łukasz Wróblewski (ST07), silver level")

	md := env.mustRun("export", "--format", "md")

	_, overrides, ok := strings.Cut(md, "## Reinfection gate overrides\n")
	if !ok {
		t.Fatalf("Markdown export has no overrides section:\n%s", md)
	}

	overrides, _, _ = strings.Cut(overrides, "\n## ")
	wantContains(t, "overrides section", overrides, "| 5 | ")
	wantContains(t, "overrides section", overrides, "| PACS | Łukasz Wróblewski (ST07), silver level | major trauma needs imaging; network segment contained |")

	_, systems, _ := strings.Cut(md, "## Systems\n")
	systems, _, _ = strings.Cut(systems, "\n## ")
	wantContains(t, "systems section", systems, "PACS: Picture archiving and communication system | restored |")
	wantContains(t, "systems section", systems, "**OVERRIDDEN** by decision entry 5 (1 of 6 checks signed;")
}

func TestSystemIllegalTransition(t *testing.T) {
	env := scenarioIncident(t)

	stderr := env.mustFail("system", "status", "EPR", "restored", "--reason", "fine", "--as", "ST09")
	wantContains(t, "illegal move", stderr, "system EPR cannot go from operational to restored")
	wantContains(t, "illegal move", stderr, "it can go to suspected, compromised, isolated, shut down (precaution)")

	stderr = env.mustFail("system", "status", "EPR", "fixed", "--reason", "fine", "--as", "ST09")
	wantContains(t, "unknown status", stderr, `invalid system status "fixed"`)

	stderr = env.mustFail("system", "status", "NOPE", "isolated", "--reason", "x", "--as", "ST09")
	wantContains(t, "unknown system", stderr, `system "NOPE" is not in the register`)

	if n := len(jsonlEntries(t, env)); n != 1 {
		t.Errorf("refused moves left %d entries, want only the declaration", n)
	}
}

func TestSystemListBoard(t *testing.T) {
	env := scenarioIncident(t)

	order := env.mustRun("system", "list", "--order")
	place := map[string]int{}

	for i, line := range strings.Split(strings.TrimSpace(order), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			t.Fatalf("order line %q", line)
		}

		place[fields[1]] = i
	}

	if len(place) != 46 {
		t.Errorf("recovery order lists %d systems, want 46", len(place))
	}

	if place["NET-CORE"] >= place["EPR"] {
		t.Errorf("NET-CORE at %d, EPR at %d: NET-CORE must come first\n%s", place["NET-CORE"], place["EPR"], order)
	}

	wantContains(t, "recovery order", order, "after AD, DNS-DHCP, INT-ENG, PAS, VIRT; criticality 5")

	// Five hours out against a 4-hour RTO.
	stderr := env.mustFail("system", "status", "EPR", "isolated", "--reason", "EDR alert", "--at", "-5h", "--as", "ST09")
	wantContains(t, "late move", stderr, "--late-reason TEXT")
	env.mustRun("system", "status", "EPR", "isolated", "--reason", "EDR alert", "--at", "-5h", "--late-reason", "paper log", "--as", "ST09")
	env.mustRun("system", "status", "PACS", "shut-down", "--reason", "precaution", "--as", "ST09")

	list := env.mustRun("system", "list", "--status", "isolated,shut-down")
	lines := strings.Split(strings.TrimSpace(list), "\n")

	if len(lines) != 3 {
		t.Fatalf("list of two systems has %d lines:\n%s", len(lines), list)
	}

	wantContains(t, "EPR row", lines[1], "EPR")
	wantContains(t, "EPR row", lines[1], "5h 00m / 4h BREACHED")
	wantContains(t, "EPR row", lines[1], "over by 1h 00m")
	wantContains(t, "EPR row", lines[1], "gate 0/6")
	wantContains(t, "PACS row", lines[2], "shut-down")
	wantContains(t, "PACS row", lines[2], "0m / 8h (0%)")

	bySort := env.mustRun("system", "list", "--sort", "rto")
	if first := strings.Fields(strings.Split(bySort, "\n")[1])[1]; first != "EPR" {
		t.Errorf("--sort rto puts %s first, want EPR, the least RTO left:\n%s", first, bySort)
	}

	stderr = env.mustFail("system", "list", "--sort", "name")
	wantContains(t, "bad sort", stderr, `invalid --sort "name"`)
}

func TestTaskAfterCycleRefused(t *testing.T) {
	env := scenarioIncident(t)
	env.mustRun("task", "add", "Rebuild domain controllers", "--system", "AD", "--as", "ST07")
	env.mustRun("task", "add", "Reset the krbtgt account twice", "--after", "T-1", "--as", "ST07")
	env.mustRun("task", "add", "Rejoin file servers", "--after", "T-2", "--as", "ST07")

	stderr := env.mustFail("task", "after", "T-1", "T-3", "--as", "ST07")
	wantContains(t, "cycle", stderr, "depending on T-3 would make a cycle: T-1 → T-3 → T-2 → T-1")

	if got := env.mustRun("task", "after", "T-3", "T-1", "T-2", "--as", "ST07"); !strings.HasPrefix(got, "T-3 now depends on T-1, T-2: ") {
		t.Errorf("task after printed %q", got)
	}

	if got := env.mustRun("task", "after", "T-2", "--none", "--as", "ST07"); !strings.HasPrefix(got, "T-2 now depends on nothing: ") {
		t.Errorf("task after --none printed %q", got)
	}

	stderr = env.mustFail("task", "block", "T-1", "--as", "ST07")
	wantContains(t, "block without note", stderr, "--note TEXT")
}

func TestTaskListMine(t *testing.T) {
	env := scenarioIncident(t)
	env.mustRun("task", "add", "Rebuild domain controllers", "--owner", "ST12", "--due", "2030-01-15 09:30", "--as", "ST07")
	env.mustRun("task", "add", "Brief the wards", "--owner", "ST10", "--level", "silver", "--as", "ST07")
	env.mustRun("task", "add", "Check the backups", "--owner", "ST12", "--due", "-1h", "--priority", "1", "--as", "ST07")
	env.mustRun("task", "start", "T-3", "--as", "ST12")

	mine := env.mustRun("task", "list", "--mine", "--as", "ST12")
	lines := strings.Split(strings.TrimSpace(mine), "\n")

	if len(lines) != 3 {
		t.Fatalf("--mine for ST12 lists %d lines, want a header and 2 tasks:\n%s", len(lines), mine)
	}

	wantContains(t, "T-1 row", lines[1], "2030-01-15 09:30 GMT")
	wantContains(t, "T-3 row", lines[2], "in-progress")
	wantContains(t, "T-3 row", lines[2], "OVERDUE")

	if strings.Contains(mine, "Brief the wards") {
		t.Errorf("--mine for ST12 lists ST10's task:\n%s", mine)
	}

	if got := env.mustRun("task", "list", "--mine", "--as", "ST30"); got != "no tasks match\n" {
		t.Errorf("--mine with no tasks = %q", got)
	}

	silver := env.mustRun("task", "list", "--level", "silver")
	if !strings.Contains(silver, "Brief the wards") || strings.Contains(silver, "Rebuild") {
		t.Errorf("--level silver:\n%s", silver)
	}

	todo := env.mustRun("task", "list", "--status", "todo", "--owner", "ST12")
	if !strings.Contains(todo, "T-1") || strings.Contains(todo, "T-3") {
		t.Errorf("--status todo --owner ST12:\n%s", todo)
	}

	env.mustRun("task", "assign", "T-2", "ST12", "--as", "ST07")

	if got := env.mustRun("task", "list", "--mine", "--as", "ST12"); !strings.Contains(got, "Brief the wards") {
		t.Errorf("after assigning T-2 to ST12, --mine lacks it:\n%s", got)
	}
}

func TestParseDue(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}

	now := time.Date(2026, 6, 11, 10, 0, 0, 0, time.UTC) // 11:00 BST

	cases := map[string]time.Time{
		"+2h":              now.Add(2 * time.Hour),
		"12:30":            time.Date(2026, 6, 11, 11, 30, 0, 0, time.UTC),
		"09:00":            time.Date(2026, 6, 12, 8, 0, 0, 0, time.UTC),
		"2026-06-20 18:00": time.Date(2026, 6, 20, 17, 0, 0, 0, time.UTC),
	}

	for in, want := range cases {
		got, err := parseDue(in, now, london)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDue(%q) = %v, %v; want %v", in, got, err, want)
		}
	}

	// At midnight on 25 October 2026 the next 23:30 comes after the clocks
	// go back, so it is 23:30 GMT: 25 hours after the last one, not 24.
	beforeChange := time.Date(2026, 10, 24, 23, 0, 0, 0, time.UTC) // 00:00 BST
	if got, err := parseDue("23:30", beforeChange, london); err != nil || !got.Equal(time.Date(2026, 10, 25, 23, 30, 0, 0, time.UTC)) {
		t.Errorf("parseDue(23:30) before the change = %v, %v", got, err)
	}

	if _, err := parseDue("+soon", now, london); err == nil || !strings.Contains(err.Error(), "+2h") {
		t.Errorf("parseDue(+soon) error = %v", err)
	}
}

func TestStandardTasksOncePerOutage(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"))
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"))
	env.mustRun("incident", "new", "--ref", "NBH-9", "--title", "Standard set", "--as", "ST09")

	if _, stderr, code := env.run("task", "add", "--standard", "EPR", "--as", "ST09"); code == 0 || !strings.Contains(stderr, "EPR is operational") {
		t.Errorf("standard set for an operational system: exit %d, %q", code, stderr)
	}

	env.mustRun("system", "status", "EPR", "isolated", "--reason", "EDR alert", "--as", "ST09")
	env.mustRun("task", "add", "--standard", "EPR", "--as", "ST09")

	if _, stderr, code := env.run("task", "add", "--standard", "EPR", "--as", "ST09"); code == 0 || !strings.Contains(stderr, "already has open recovery tasks (T-1, T-2, T-3, T-4, T-5, T-6)") {
		t.Errorf("second standard set: exit %d, %q", code, stderr)
	}
}
