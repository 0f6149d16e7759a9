package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// tableRows returns the lines of a printed table after its header, keyed
// by their first field. Of lines with the same first field, the last wins.
func tableRows(t *testing.T, out string) map[string]string {
	t.Helper()

	rows := map[string]string{}

	for _, line := range strings.Split(out, "\n")[1:] {
		fields := strings.Fields(line)
		if len(fields) > 0 {
			rows[fields[0]] = line
		}
	}

	return rows
}

// readDeadlines opens the test's database directly and returns the
// incident's stored notification duties.
func readDeadlines(t *testing.T, env *testEnv, ref string) []incident.Deadline {
	t.Helper()
	ctx := context.Background()

	db, err := store.Open(ctx, env.db)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	defer db.Close()

	all, err := incident.NewService(db, nil).Deadlines(ctx, ref)
	if err != nil {
		t.Fatalf("read deadlines of %s: %v", ref, err)
	}

	return all
}

func TestPeopleCheckInAndList(t *testing.T) {
	env := scenarioIncident(t)

	out := env.mustRun("checkin", "ST09", "--location", "Incident Coordination Centre", "--as", "ST22")
	wantContains(t, "ST09 check-in", out, "ST09 Marcus Delacroix-Bennett on duty since ")
	wantContains(t, "ST09 check-in", out, "at Incident Coordination Centre; contact by mobile 07700 900109\n")

	env.mustRun("checkin", "st10", "--route", "radio", "--contact", "ch 3", "--location", "Data Centre DC1", "--as", "ST22")

	stderr := env.mustFail("checkin", "ST11", "--at", "-3h", "--as", "ST22")
	wantContains(t, "late check-in", stderr, "--late-reason TEXT")

	out = env.mustRun("checkin", "ST11", "--at", "-3h", "--late-reason", "signed the paper sheet on arrival", "--as", "ST22")
	wantContains(t, "ST11 check-in", out, "welfare check OVERDUE by 1h 00m")

	stderr = env.mustFail("checkin", "ST09", "--as", "ST22")
	wantContains(t, "second check-in", stderr, "ST09 is already on duty")

	stderr = env.mustFail("checkin", "ST10", "--route", "pigeon", "--as", "ST22")
	wantContains(t, "bad route", stderr, `invalid contact route "pigeon"`)

	list := env.mustRun("people")
	lines := strings.Split(strings.TrimSpace(list), "\n")

	if len(lines) != 5 {
		t.Fatalf("people lists %d lines, want a header, 3 people and a summary:\n%s", len(lines), list)
	}

	rows := tableRows(t, list)

	wantContains(t, "ST09 row", rows["ST09"], "Incident Coordination Centre")
	wantContains(t, "ST09 row", rows["ST09"], "mobile 07700 900109")
	wantContains(t, "ST09 row", rows["ST09"], "silver")
	wantContains(t, "ST10 row", rows["ST10"], "Mateo Nuñez")
	wantContains(t, "ST10 row", rows["ST10"], "radio ch 3")
	wantContains(t, "ST10 row", rows["ST10"], "due ")
	wantContains(t, "ST11 row", rows["ST11"], "3h 00m")
	wantContains(t, "ST11 row", rows["ST11"], "OVERDUE by 1h 00m")

	if strings.Contains(rows["ST09"], "OVERDUE") || strings.Contains(rows["ST10"], "OVERDUE") {
		t.Errorf("people marks someone just checked in OVERDUE:\n%s", list)
	}

	wantContains(t, "summary", lines[4], "3 on duty; welfare checks every 2h 00m, 1 OVERDUE; 0 need a rest decision")

	all := env.mustRun("people", "--all")
	if n := strings.Count(all, "off duty"); n != 27 {
		t.Errorf("people --all shows %d off duty, want the 27 of 30 not checked in:\n%s", n, all)
	}

	out = env.mustRun("welfare", "ST11", "--note", "fine, had a break", "--as", "ST28")
	wantContains(t, "welfare check", out, "welfare check of ST11 Priya Raghunathan recorded after 3h 00m on duty; next due ")

	if row := tableRows(t, env.mustRun("people"))["ST11"]; strings.Contains(row, "OVERDUE") {
		t.Errorf("ST11 still OVERDUE after a welfare check: %s", row)
	}

	out = env.mustRun("checkout", "ST10", "--note", "handed over to ST11", "--as", "ST22")
	wantContains(t, "checkout", out, "ST10 Mateo Nuñez checked out at ")

	if list := env.mustRun("people"); strings.Contains(list, "ST10") {
		t.Errorf("people lists ST10 after checkout:\n%s", list)
	}

	texts := map[string]bool{}
	for _, e := range jsonlEntries(t, env) {
		texts[e.Kind+": "+e.Text] = true
	}

	for _, want := range []string{
		"check-in: Marcus Delacroix-Bennett (ST09) checked in at Incident Coordination Centre; contact by mobile",
		"check-in: Mateo Nuñez (ST10) checked in at Data Centre DC1; contact by radio",
		"check-in: Welfare check: Priya Raghunathan (ST11), 3h 00m on duty. fine, had a break",
	} {
		if !texts[want] {
			t.Errorf("timeline lacks %q", want)
		}
	}
}

func TestPeopleLongDutyAlerts(t *testing.T) {
	env := scenarioIncident(t)
	env.mustRun("checkin", "ST12", "--at", "-15h", "--late-reason", "paper sheet", "--as", "ST22")
	env.mustRun("checkin", "ST13", "--at", "-13h", "--late-reason", "paper sheet", "--as", "ST22")

	rows := tableRows(t, env.mustRun("people"))
	wantContains(t, "ST12 row", rows["ST12"], "15h 00m REST DECISION NEEDED")
	wantContains(t, "ST13 row", rows["ST13"], "13h 00m 12h+")

	stderr := env.mustFail("rest", "ST12", "--decision", "stood down for 10 hours", "--as", "ST09")
	wantContains(t, "rest without rationale", stderr, "--rationale TEXT")

	stderr = env.mustFail("rest", "ST12", "--rationale", "tired", "--as", "ST09")
	wantContains(t, "rest without decision", stderr, "--decision TEXT")

	out := env.mustRun("rest", "ST12", "--decision", "stood down for 10 hours", "--rationale", "15 hours on duty", "--as", "ST09")

	m := regexp.MustCompile(`recorded \(entry (\d+)\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("rest printed %q, want the entry number", out)
	}

	rows = tableRows(t, env.mustRun("people"))
	wantContains(t, "ST12 row after rest", rows["ST12"], "15h 00m rest decided #"+m[1])

	out = env.mustRun("welfare", "--every", "90m", "--as", "ST09")
	if out != "welfare checks now due every 1h 30m (was 2h 00m); 2 of 2 on duty overdue\n" {
		t.Errorf("welfare --every printed %q", out)
	}

	stderr = env.mustFail("welfare", "--every", "5m", "--as", "ST09")
	wantContains(t, "short interval", stderr, "between 15m and 12h")

	stderr = env.mustFail("welfare", "ST12", "--every", "1h", "--as", "ST09")
	wantContains(t, "both forms", stderr, "not both")

	wantContains(t, "summary", env.mustRun("people"), "welfare checks every 1h 30m, 2 OVERDUE; 0 need a rest decision")
}

func TestRollCallTwoMissing(t *testing.T) {
	env := scenarioIncident(t)

	stderr := env.mustFail("rollcall", "start", "--as", "ST09")
	wantContains(t, "empty roll call", stderr, "nobody is on duty")

	for _, id := range []string{"ST09", "ST10", "ST11", "ST12"} {
		env.mustRun("checkin", id, "--as", "ST22")
	}

	out := env.mustRun("rollcall", "start", "--as", "ST09")
	if out != "roll call 1 started: 4 on duty to account for: ST09, ST10, ST11, ST12\n" {
		t.Errorf("rollcall start printed %q", out)
	}

	env.mustRun("rollcall", "mark", "ST09", "--as", "ST22")
	env.mustRun("rollcall", "mark", "ST10", "--missing", "--note", "not at DC1", "--as", "ST22")

	out = env.mustRun("rollcall", "mark", "st12", "--note", "at the ED entrance", "--as", "ST22")
	if out != "roll call 1: ST12 Kwabena Owusu-Ansah accounted for; 3 of 4 answered\n" {
		t.Errorf("rollcall mark printed %q", out)
	}

	stderr = env.mustFail("rollcall", "mark", "ST30", "--as", "ST22")
	wantContains(t, "mark someone not on duty", stderr, "ST30 was not on duty when roll call 1 started")

	status := env.mustRun("rollcall", "status")
	wantContains(t, "open status", status, "OPEN: 2 of 4 accounted for")
	wantContains(t, "open status", tableRows(t, status)["ST11"], "no answer yet")

	out = env.mustRun("rollcall", "close", "--as", "ST09")
	lines := strings.Split(strings.TrimSpace(out), "\n")

	if lines[0] != "roll call 1 closed: 2 of 4 accounted for, 2 MISSING" {
		t.Errorf("rollcall close first line %q", lines[0])
	}

	var missing []string

	for _, line := range lines[1:] {
		fields := strings.Fields(line)
		if len(fields) < 2 || fields[0] != "MISSING" {
			t.Errorf("rollcall close line %q is not a MISSING line", line)

			continue
		}

		missing = append(missing, fields[1])
	}

	if strings.Join(missing, ",") != "ST10,ST11" {
		t.Errorf("rollcall close names missing %v, want exactly ST10 and ST11:\n%s", missing, out)
	}

	wantContains(t, "ST10 line", out, "marked missing: not at DC1")
	wantContains(t, "ST11 line", out, "mobile 07700 900111")

	entries := jsonlEntries(t, env)
	last := entries[len(entries)-1]

	if last.Kind != "check-in" || last.Text != "Roll call 1 closed: 2 of 4 accounted for; MISSING: ST10, ST11" {
		t.Errorf("last entry %s %q, want the roll call closing", last.Kind, last.Text)
	}

	stderr = env.mustFail("rollcall", "close", "--as", "ST09")
	wantContains(t, "second close", stderr, "no roll call is open")

	wantContains(t, "closed status", env.mustRun("rollcall", "status"), ", closed ")
}

func TestCommsPressApproval(t *testing.T) {
	env := scenarioIncident(t)

	out := env.mustRun("comms", "add", "--direction", "out", "--channel", "press-release", "--audience", "press",
		"--counterpart", "Northbridge Echo", "Trust statement on IT disruption", "--as", "ST21")
	if out != "M-1 drafted to press by press release: a gold commander must approve it before it is sent\n" {
		t.Errorf("comms add printed %q", out)
	}

	stderr := env.mustFail("comms", "send", "M-1", "--as", "ST21")
	wantContains(t, "send before approval", stderr, "message M-1 to press is not approved")

	stderr = env.mustFail("comms", "approve", "M-1", "--as", "ST09")
	wantContains(t, "silver approval", stderr, "only a gold commander can approve a message to press, and ST09 is silver")

	out = env.mustRun("comms", "approve", "M-1", "--as", "ST01")
	wantContains(t, "gold approval", out, "M-1 approved by Siân Pritchard-Evans (ST01), gold: Trust statement on IT disruption")

	out = env.mustRun("comms", "send", "m1", "--as", "ST21")
	wantContains(t, "send", out, "M-1 sent to press by press release at ")

	if strings.Contains(out, "meets") {
		t.Errorf("press release claims to meet a duty: %q", out)
	}

	stderr = env.mustFail("comms", "send", "M-1", "--as", "ST21")
	wantContains(t, "second send", stderr, "message M-1 is already sent")

	env.mustRun("comms", "add", "--direction", "in", "--channel", "phone", "--audience", "ICB", "ICB asks for a sitrep by 16:00", "--as", "ST22")

	stderr = env.mustFail("comms", "add", "--direction", "sideways", "--channel", "phone", "--audience", "ICB", "x", "--as", "ST22")
	wantContains(t, "bad direction", stderr, `invalid --direction "sideways"`)

	list := env.mustRun("comms", "list")
	rows := tableRows(t, list)
	wantContains(t, "M-1 row", rows["M-1"], "sent")
	wantContains(t, "M-1 row", rows["M-1"], "ST01 gold")
	wantContains(t, "M-1 row", rows["M-1"], "Northbridge Echo")
	wantContains(t, "M-2 row", rows["M-2"], "received")

	if got := env.mustRun("comms", "list", "--status", "received"); strings.Contains(got, "M-1") || !strings.Contains(got, "M-2") {
		t.Errorf("comms list --status received:\n%s", got)
	}

	if got := env.mustRun("comms", "list", "--audience", "police"); got != "no messages match\n" {
		t.Errorf("comms list --audience police = %q", got)
	}

	stderr = env.mustFail("comms", "list", "--status", "lost")
	wantContains(t, "bad status", stderr, `invalid message status "lost"`)

	var comms []string

	for _, e := range jsonlEntries(t, env) {
		if e.Kind == "comms" {
			comms = append(comms, e.Author+" "+e.Text)
		}
	}

	want := []string{
		"ST21 Message M-1 drafted to press (Northbridge Echo) by press release: Trust statement on IT disruption",
		"ST01 Message M-1 to press approved by ST01 (gold): Trust statement on IT disruption",
		"ST21 Message M-1 sent to press by press release: Trust statement on IT disruption",
		"ST22 Message M-2 received from ICB by phone: ICB asks for a sitrep by 16:00",
	}

	if strings.Join(comms, "\n") != strings.Join(want, "\n") {
		t.Errorf("comms entries:\n%s\nwant (refused commands write none):\n%s", strings.Join(comms, "\n"), strings.Join(want, "\n"))
	}
}

func TestDeadlineICOAcrossClockChange(t *testing.T) {
	env := scenarioIncident(t)

	list := env.mustRun("deadline", "list")
	wantContains(t, "defaults", tableRows(t, list)["-"], "not started")

	stderr := env.mustFail("deadline", "start", "ICO", "--aware", "2026-10-23 09:20", "--late-reason", "found in the logs", "--as", "ST19")
	wantContains(t, "start without rationale", stderr, "--rationale TEXT")

	out := env.mustRun("deadline", "start", "ICO", "--aware", "2026-10-23 09:20", "--late-reason", "found in the logs",
		"--rationale", "PAS patient records were encrypted", "--as", "ST19")
	wantContains(t, "start", out, "aware Fri 23 Oct 09:20 BST\n")
	wantContains(t, "start", out, "report to ICO by Mon 26 Oct 08:20 GMT (within 72h)")

	// 09:20 BST is 08:20 UTC; 72 elapsed hours later the clocks have gone
	// back, so the wall clock shows 08:20 GMT, not 09:20.
	var ico incident.Deadline

	for _, d := range readDeadlines(t, env, "NBH-2026-021") {
		if d.Audience == incident.AudienceICO {
			ico = d
		}
	}

	wantStart := time.Date(2026, 10, 23, 8, 20, 0, 0, time.UTC)
	if !ico.StartedAt.Equal(wantStart) || !ico.Due().Equal(wantStart.Add(72*time.Hour)) {
		t.Errorf("ICO duty started %v, due %v; want %v and 72h later", ico.StartedAt, ico.Due(), wantStart)
	}

	row := tableRows(t, env.mustRun("deadline", "list"))[strconv.FormatInt(ico.ID, 10)]
	wantContains(t, "ICO row", row, "ICO personal-data breach report")
	wantContains(t, "ICO row", row, "Fri 23 Oct 09:20 BST")
	wantContains(t, "ICO row", row, "Mon 26 Oct 08:20 GMT")

	if time.Now().After(ico.Due()) {
		wantContains(t, "ICO row", row, "MISSED, over by ")
	}

	stderr = env.mustFail("deadline", "start", "ICO", "--rationale", "again", "--as", "ST19")
	wantContains(t, "second start", stderr, "already started")

	stderr = env.mustFail("deadline", "start", "NCSC", "--rationale", "x", "--as", "ST19")
	wantContains(t, "ambiguous duty", stderr, `"NCSC" matches 2 notification duties`)

	env.mustRun("comms", "add", "--direction", "out", "--channel", "email", "--audience", "ICO",
		"--counterpart", "ICO breach reporting", "Personal data breach report", "--as", "ST19")
	env.mustRun("comms", "approve", "M-1", "--as", "ST09")

	wantMet := "MET "
	if time.Now().After(ico.Due()) {
		wantMet = "MET LATE "
	}

	out = env.mustRun("comms", "send", "M-1", "--as", "ST19")
	wantContains(t, "ICO send", out, "meets the notification duty ICO personal-data breach report (due Mon 26 Oct 08:20 GMT): "+wantMet)

	row = tableRows(t, env.mustRun("deadline", "list"))[strconv.FormatInt(ico.ID, 10)]
	wantContains(t, "ICO row after send", row, wantMet)
	wantContains(t, "ICO row after send", row, "(M-1)")

	// A duty started an hour ago and met now is met in time.
	env.mustRun("deadline", "start", "initial", "--aware", "-1h", "--late-reason", "confirmed on the NCSC call",
		"--rationale", "significant incident", "--as", "ST07")
	env.mustRun("comms", "add", "--direction", "out", "--channel", "phone", "--audience", "NCSC", "Initial notice", "--as", "ST07")
	env.mustRun("comms", "approve", "M-2", "--as", "ST09")

	out = env.mustRun("comms", "send", "M-2", "--deadline", "initial", "--as", "ST07")
	wantContains(t, "NCSC send", out, "meets the notification duty NCSC initial notice (due ")
	wantContains(t, "NCSC send", out, "): MET ")

	list = env.mustRun("deadline", "list")
	wantContains(t, "list", list, "NCSC initial notice")
	wantContains(t, "list", list, "MET ")

	out = env.mustRun("deadline", "add", "--name", "Cyber insurer notification", "--audience", "suppliers", "--within", "0", "--as", "ST09")
	wantContains(t, "add", out, "Cyber insurer notification, to suppliers as soon as possible")

	stderr = env.mustFail("deadline", "add", "--name", "x", "--audience", "ICB", "--within", "soon", "--as", "ST09")
	wantContains(t, "bad within", stderr, `invalid --within "soon"`)

	for _, line := range strings.Split(env.mustRun("deadline", "list"), "\n") {
		if strings.Contains(line, "Cyber insurer") {
			wantContains(t, "insurer row", line, "as soon as possible")
			wantContains(t, "insurer row", line, "not started")
		}
	}
}

func TestSitrepNamesOutage(t *testing.T) {
	env := scenarioIncident(t)
	env.mustRun("system", "status", "EPR", "isolated", "--reason", "EDR alert on the EPR app servers", "--as", "ST09")
	env.mustRun("deadline", "start", "initial", "--rationale", "significant incident", "--as", "ST07")
	env.mustRun("checkin", "ST09", "--as", "ST22")

	before := len(jsonlEntries(t, env))
	seal := env.mustRun("seal")

	m := regexp.MustCompile(`entries\s+(\d+)\nhead\s+([0-9a-f ]+)\n`).FindStringSubmatch(seal)
	if m == nil {
		t.Fatalf("seal printed %q", seal)
	}

	rep := env.mustRun("sitrep", "--conditions", "PAS encrypted; EPR isolated", "--next-meeting", "+2h")
	wantContains(t, "sitrep", rep, "SITREP 1: NBH-2026-021 Ransomware on the PAS\n")
	wantContains(t, "sitrep", rep, "CONDITIONS: PAS encrypted; EPR isolated\n")
	wantContains(t, "sitrep", rep, "- EPR (Electronic patient record) isolated for ")
	wantContains(t, "sitrep", rep, "- NCSC initial notice (to NCSC): OPEN, due ")
	wantContains(t, "sitrep", rep, "STAFFING: 1 on duty")
	wantContains(t, "sitrep", rep, "SEAL before this sitrep: "+m[1]+" entries, head "+m[2]+"\n")

	if strings.Contains(rep, "NEXT MEETING: not set") {
		t.Errorf("sitrep ignores --next-meeting:\n%s", rep)
	}

	if after := len(jsonlEntries(t, env)); after != before {
		t.Fatalf("sitrep without --save wrote %d entries", after-before)
	}

	saved := env.mustRun("sitrep", "--save", "--as", "ST09")
	wantContains(t, "saved sitrep", saved, "\nSITREP 1 saved as entry "+strconv.Itoa(before+1)+"\n")

	entries := jsonlEntries(t, env)
	last := entries[len(entries)-1]

	if len(entries) != before+1 || last.Kind != "comms" || !strings.HasPrefix(last.Text, "SITREP 1: NBH-2026-021") {
		t.Errorf("after --save: %d entries (want %d), last %s %q", len(entries), before+1, last.Kind, last.Text)
	}

	next := env.mustRun("sitrep")
	wantContains(t, "second sitrep", next, "SITREP 2: ")
	wantContains(t, "second sitrep", next, "DECISIONS: 0 since SITREP 1.")
}

func TestSitrepMethane(t *testing.T) {
	env := scenarioIncident(t)

	full := []string{
		"sitrep", "--methane", "--major-incident", "yes",
		"--location", "Northbridge General, DC1; PAS and EPR",
		"--type", "ransomware through the pathology partner link",
		"--hazards", "spread through AD; patient records encrypted; results delayed",
		"--access", "ICC room 2; isolated network from the recovery host only",
		"--number", "all inpatients on paper; 3 sites",
		"--services", "NCSC present; police cyber unit required",
		"--as", "ST09",
	}

	// Drop --hazards and its value.
	missing := append(append([]string{}, full[:8]...), full[10:]...)

	stderr := env.mustFail(missing...)
	wantContains(t, "missing hazards", stderr, "METHANE report is missing --hazards (H: ")

	if strings.Contains(stderr, "--location") {
		t.Errorf("error names --location, which was given: %s", stderr)
	}

	stderr = env.mustFail("sitrep", "--methane", "--as", "ST09")
	for _, flag := range []string{"--major-incident", "--location", "--type", "--hazards", "--access", "--number", "--services"} {
		wantContains(t, "empty METHANE", stderr, flag+" (")
	}

	stderr = env.mustFail("sitrep", "--hazards", "spread", "--as", "ST09")
	wantContains(t, "METHANE flag alone", stderr, "--hazards belongs to a METHANE report")

	bad := append([]string{}, full...)
	bad[3] = "perhaps"
	stderr = env.mustFail(bad...)
	wantContains(t, "bad major incident", stderr, `invalid --major-incident "perhaps"`)

	if n := len(jsonlEntries(t, env)); n != 1 {
		t.Fatalf("refused METHANE reports left %d entries, want only the declaration", n)
	}

	out := env.mustRun(full...)
	wantContains(t, "METHANE", out, "METHANE report saved as entry 2\n")

	e := jsonlEntries(t, env)[1]
	if e.Kind != "comms" || e.Author != "ST09" {
		t.Errorf("METHANE entry kind %s author %s, want comms by ST09", e.Kind, e.Author)
	}

	for _, want := range []string{
		"METHANE report, incident NBH-2026-021: Ransomware on the PAS\n",
		"M  Major incident declared: yes\n",
		"E  Exact location (sites, systems, data centre): Northbridge General, DC1; PAS and EPR\n",
		"T  Type of incident: ransomware through the pathology partner link\n",
		"H  Hazards (spread, data loss, patient safety): spread through AD; patient records encrypted; results delayed\n",
		"A  Access (command room, isolated network): ICC room 2; isolated network from the recovery host only\n",
		"N  Number of casualties or people affected: all inpatients on paper; 3 sites\n",
		"E  Emergency services present and required: NCSC present; police cyber unit required",
	} {
		wantContains(t, "METHANE entry", e.Text, want)
	}
}

func TestCommsTemplateExercise(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"), "--as", "ST09")
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"), "--as", "ST09")
	env.mustRun("incident", "new", "--ref", "EX-2026-03", "--title", "Pathology ransomware exercise", "--exercise", "--as", "ST01")
	env.mustRun("system", "status", "GP-ORDERS", "isolated", "--reason", "inject 4", "--as", "ST09")

	holding := env.mustRun("comms", "template", "holding", "--next-update", "2030-01-15 16:00")
	if !strings.HasPrefix(holding, "EXERCISE EXERCISE EXERCISE\n") {
		t.Errorf("holding statement of an exercise does not start with EXERCISE:\n%s", holding)
	}

	wantContains(t, "holding", holding, "Holding statement for patients and the public, incident EX-2026-03: Pathology ransomware exercise")
	wantContains(t, "holding", holding, "We will give a further update by 16:00 GMT on Tuesday 15 January.")
	wantContains(t, "holding", holding, "\nEXERCISE EXERCISE EXERCISE\n\nFor the approver, not for release.")
	wantContains(t, "holding notes", holding, "- GP pathology requesting and results portal (GP-ORDERS), isolated: GPs must use paper forms")

	gp := env.mustRun("comms", "template", "gp", "--add", "--as", "ST21")
	wantContains(t, "gp", gp, "Systems out of service and what it means for patients:\n- GP pathology requesting and results portal (GP-ORDERS), isolated:")
	wantContains(t, "gp", gp, "We will send a further update by [time of next update].")
	wantContains(t, "gp", gp, "M-1 drafted to GP practices by out-of-band email")

	staff := env.mustRun("comms", "template", "staff", "--add", "--channel", "radio", "--as", "ST21")
	wantContains(t, "staff", staff, "Staff briefing, incident EX-2026-03")
	wantContains(t, "staff", staff, "M-2 drafted to staff by radio")

	rows := tableRows(t, env.mustRun("comms", "list"))
	wantContains(t, "M-1 row", rows["M-1"], "GP practices")
	wantContains(t, "M-1 row", rows["M-1"], "draft")
	wantContains(t, "M-2 row", rows["M-2"], "staff")

	stderr := env.mustFail("comms", "template", "press")
	wantContains(t, "unknown template", stderr, `invalid template "press"`)

	stderr = env.mustFail("comms", "template", "staff", "--channel", "radio")
	wantContains(t, "channel without add", stderr, "--channel and --counterpart go with --add")

	drafted := jsonlEntries(t, env)
	wantContains(t, "drafted entry", drafted[len(drafted)-1].Text, "Message M-2 drafted to staff by radio: EXERCISE EXERCISE EXERCISE")
}

func TestHandoverCommand(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"))
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"))
	env.mustRun("incident", "new", "--ref", "NBH-H", "--title", "Handover", "--as", "ST09")
	env.mustRun("system", "status", "EPR", "isolated", "--reason", "EDR alert", "--as", "ST10")
	env.mustRun("task", "add", "Rebuild the EPR servers", "--system", "EPR", "--owner", "ST10", "--as", "ST09")

	out := env.mustRun("handover", "ST10", "--to", "ST11", "--save", "--as", "ST10")
	for _, want := range []string{"Handover from Mateo Nuñez (ST10) to Priya Raghunathan (ST11)", "T-1 Rebuild the EPR servers (todo", "EPR isolated for", "recorded as entry"} {
		if !strings.Contains(out, want) {
			t.Errorf("handover output lacks %q:\n%s", want, out)
		}
	}

	if _, stderr, code := env.run("handover", "ST99"); code == 0 || !strings.Contains(stderr, `"ST99" is not on the roster`) {
		t.Errorf("handover for someone off the roster: exit %d, %q", code, stderr)
	}
}

func TestDeadlineCorrectCommand(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "staff", scenarioPath(t, "staff.csv"))
	env.mustRun("incident", "new", "--ref", "NBH-D", "--title", "Deadline", "--as", "ST05")
	env.mustRun("deadline", "start", "ICO", "--rationale", "breach likely", "--as", "ST05")

	if _, stderr, code := env.run("deadline", "start", "ICO", "--aware", "-30h", "--rationale", "x", "--late-reason", "y", "--as", "ST05"); code == 0 || !strings.Contains(stderr, "--correct") {
		t.Errorf("restarting a running clock: exit %d, %q", code, stderr)
	}

	out := env.mustRun("deadline", "start", "ICO", "--correct", "--aware", "-30h", "--rationale", "the DPO's log shows awareness yesterday", "--as", "ST05")
	if !strings.Contains(out, "clock started for ICO personal-data breach report") {
		t.Errorf("correction output = %q", out)
	}

	list := env.mustRun("deadline", "list")
	// 72 hours less the 30 moved back leave 41h 59m and some seconds.
	if !strings.Contains(list, "OPEN, 1d 17h 59m left") {
		t.Errorf("deadline list after a 30-hour correction lacks 1d 17h 59m left:\n%s", list)
	}
}
