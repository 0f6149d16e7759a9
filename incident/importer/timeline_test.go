package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

const timelineHeader = "occurred_at,recorded_at,actor,command_level,kind,text,system_ids"

// testOptions returns options with a small roster and register, read in
// Europe/London, with the clock at 1 July 2026.
func testOptions(t *testing.T) TimelineOptions {
	return TimelineOptions{
		Zone: london(t),
		Now:  time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC),
		Staff: []incident.StaffMember{
			{ID: "ST01", Level: incident.LevelGold},
			{ID: "ST22", Level: incident.LevelNone},
		},
		Systems: []incident.System{{ID: "EPR"}, {ID: "LIMS"}},
	}
}

func TestParseTimelineScenario(t *testing.T) {
	data := scenarioFile(t, "timeline.csv")
	opts := testOptions(t)

	var err error
	if opts.Staff, err = ParseStaff("staff.csv", scenarioFile(t, "staff.csv")); err != nil {
		t.Fatalf("parse staff: %v", err)
	}

	if opts.Systems, err = ParseSystems("systems.csv", scenarioFile(t, "systems.csv"), nil); err != nil {
		t.Fatalf("parse systems: %v", err)
	}

	tl, err := ParseTimeline("scenario/timeline.csv", data, opts)
	if err != nil {
		t.Fatalf("parse timeline: %v", err)
	}

	if len(tl.Rows) != 125 {
		t.Fatalf("rows = %d, want 125", len(tl.Rows))
	}

	sum := sha256.Sum256(data)
	if tl.Digest != hex.EncodeToString(sum[:]) {
		t.Errorf("digest = %s, want the SHA-256 of the file", tl.Digest)
	}

	first := tl.Rows[0]
	want := incident.ImportedEntry{
		OccurredAt: time.Date(2026, time.June, 11, 4, 38, 0, 0, time.UTC),
		RecordedAt: time.Date(2026, time.June, 11, 4, 39, 0, 0, time.UTC),
		Actor:      "ST14", Level: incident.LevelBronze, Kind: incident.KindObservation,
		Text:    "Night blood bank reports the analyser worklist is empty; no sample orders have arrived from the partner LIMS since about 05:05.",
		Systems: []string{"BTS-LIMS", "LIMS", "LAB-IF"},
		Source:  "timeline.csv line 2, SHA-256 " + tl.Digest[:16],
	}

	if !reflect.DeepEqual(first.ImportedEntry, want) {
		t.Errorf("first row =\n%+v\nwant\n%+v", first.ImportedEntry, want)
	}

	if first.Line != 2 {
		t.Errorf("first row line = %d, want 2", first.Line)
	}

	kinds := map[incident.Kind]int{}
	for _, r := range tl.Rows {
		kinds[r.Kind]++
	}

	if kinds[incident.KindCheckIn] != 14 || kinds[incident.KindDecision] != 30 {
		t.Errorf("kinds = %v, want 14 check-ins (written checkin) and 30 decisions", kinds)
	}

	if got := tl.Label(); got != "timeline.csv (SHA-256 "+tl.Digest+")" {
		t.Errorf("label = %q", got)
	}
}

func TestParseTimelineLocalTimes(t *testing.T) {
	cases := []struct {
		value string
		want  time.Time
	}{
		{"2026-06-11 05:38", time.Date(2026, time.June, 11, 4, 38, 0, 0, time.UTC)},
		{"2026-06-11 05:38:30", time.Date(2026, time.June, 11, 4, 38, 30, 0, time.UTC)},
		{"2026-06-11T05:38", time.Date(2026, time.June, 11, 4, 38, 0, 0, time.UTC)},
		{"11/06/2026 05:38", time.Date(2026, time.June, 11, 4, 38, 0, 0, time.UTC)},
		{"15/01/2026 09:00", time.Date(2026, time.January, 15, 9, 0, 0, 0, time.UTC)},
		{"2026-06-11T05:38:00Z", time.Date(2026, time.June, 11, 5, 38, 0, 0, time.UTC)},
		{"2026-06-11T05:38:00.25+01:00", time.Date(2026, time.June, 11, 4, 38, 0, 250_000_000, time.UTC)},
	}

	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			tl, err := ParseTimeline("t.csv", csvText(timelineHeader, `"`+c.value+`","`+c.value+`",ST01,,action,Did it,`), testOptions(t))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}

			if got := tl.Rows[0].OccurredAt; !got.Equal(c.want) || got.Location() != time.UTC {
				t.Errorf("occurred = %v, want %v in UTC", got, c.want)
			}
		})
	}
}

func TestParseTimelineClockChange(t *testing.T) {
	opts := testOptions(t)
	opts.Now = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

	cases := []struct {
		name, value, text string
	}{
		{"ambiguous", "2026-10-25 01:30", "ambiguous in Europe/London"},
		{"skipped", "2026-03-29 01:30", "does not exist in Europe/London"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseTimeline("t.csv", csvText(timelineHeader, c.value+",2026-11-01T00:00:00Z,ST01,,action,Did it,"), opts)

			wantProblem(t, err, 2, "occurred_at", c.text)
		})
	}
}

func TestParseTimelineLevel(t *testing.T) {
	tl, err := ParseTimeline("t.csv", csvText(timelineHeader,
		"2026-06-11T05:38:00+01:00,2026-06-11T05:39:00+01:00,ST01,,decision,From the roster,",
		"2026-06-11T05:38:00+01:00,2026-06-11T05:39:00+01:00,ST01,silver,decision,Acting down,",
	), testOptions(t))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	if tl.Rows[0].Level != incident.LevelGold {
		t.Errorf("blank level = %q, want the roster's gold", tl.Rows[0].Level)
	}

	if tl.Rows[1].Level != incident.LevelSilver {
		t.Errorf("given level = %q, want silver", tl.Rows[1].Level)
	}
}

func TestParseTimelineWithoutOptionalColumns(t *testing.T) {
	tl, err := ParseTimeline("t.csv", csvText("text,kind,actor,recorded_at,occurred_at",
		"Welfare round done,check in,ST22,2026-06-11 06:00,2026-06-11 05:50"), testOptions(t))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	row := tl.Rows[0]
	if row.Kind != incident.KindCheckIn || row.Level != incident.LevelNone || row.Systems != nil {
		t.Errorf("row = %+v, want a check-in at level none with no systems", row)
	}

	if want := time.Date(2026, time.June, 11, 4, 50, 0, 0, time.UTC); !row.OccurredAt.Equal(want) {
		t.Errorf("occurred = %v, want %v (columns matched by name, not position)", row.OccurredAt, want)
	}
}

func TestParseTimelineProblems(t *testing.T) {
	const ok = "2026-06-11T05:38:00+01:00"

	cases := []struct {
		name   string
		row    string
		column string
		text   string
	}{
		{"clock time", "14:32," + ok + ",ST01,,action,Did it,", "occurred_at", `invalid time "14:32"`},
		{"offset from now", "-15m," + ok + ",ST01,,action,Did it,", "occurred_at", `invalid time "-15m"`},
		{"missing recorded", ok + ",,ST01,,action,Did it,", "recorded_at", "missing time"},
		{"future", "2026-07-01T12:03:00Z,2026-07-01T12:03:00Z,ST01,,action,Did it,", "occurred_at", "in the future"},
		{"recorded first", "2026-06-11T05:40:00+01:00," + ok + ",ST01,,action,Did it,", "recorded_at", "before it occurred"},
		{"unknown actor", ok + "," + ok + ",ST77,,action,Did it,", "actor", `staff member "ST77" is not on the roster`},
		{"missing actor", ok + "," + ok + ",,,action,Did it,", "actor", "missing actor"},
		{"bad kind", ok + "," + ok + ",ST01,,meeting,Did it,", "kind", `invalid entry kind "meeting"`},
		{"system kind", ok + "," + ok + ",ST01,,system,Did it,", "kind", "kind system is kept for entries sitroom writes itself"},
		{"bad level", ok + "," + ok + ",ST01,golden,action,Did it,", "command_level", `invalid command level "golden"`},
		{"missing text", ok + "," + ok + ",ST01,,action,  ,", "text", "missing text"},
		{"unknown system", ok + "," + ok + ",ST01,,action,Did it,EPR;PACS", "system_ids", `unknown system "PACS": import the system register first`},
		{"system case", ok + "," + ok + ",ST01,,action,Did it,epr", "system_ids", `unknown system "epr": did you mean EPR?`},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl, err := ParseTimeline("t.csv", csvText(timelineHeader, c.row), testOptions(t))

			wantProblem(t, err, 2, c.column, c.text)

			if tl != nil {
				t.Errorf("timeline = %+v, want nil with a problem", tl)
			}
		})
	}
}

func TestParseTimelineFutureWithinSkew(t *testing.T) {
	opts := testOptions(t)
	at := opts.Now.Add(time.Minute).Format(time.RFC3339)

	_, err := ParseTimeline("t.csv", csvText(timelineHeader, at+","+at+",ST01,,action,Did it,"), opts)
	if err != nil {
		t.Errorf("parse: %v, want a minute ahead accepted as clock skew", err)
	}
}

func TestParseTimelineKeepsText(t *testing.T) {
	text := "Line one\nLine two, with \"quotes\" and \x1b[31mescape\x1b[0m"
	quoted := `"` + strings.ReplaceAll(text, `"`, `""`) + `"`

	tl, err := ParseTimeline("t.csv", csvText(timelineHeader, "2026-06-11T05:38:00+01:00,2026-06-11T05:39:00+01:00,ST01,,observation,"+quoted+","), testOptions(t))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	// The file's text is stored as written; views pass it through
	// incident.Sanitize before they show it.
	if tl.Rows[0].Text != text {
		t.Errorf("text = %q, want %q", tl.Rows[0].Text, text)
	}
}

func TestTimelineOptionalColumns(t *testing.T) {
	data := "occurred_at,recorded_at,actor,decision_maker,kind,text,rationale,options,late_reason\n" +
		"2026-06-11T06:55:00+01:00,2026-06-11T09:31:00+01:00,ST22,ST01,decision,Critical incident declared,spread into trust systems,\"wait, then review; declare major incident\",at the gold meeting\n" +
		"2026-06-11T07:00:00+01:00,2026-06-11T07:01:00+01:00,ST01,,decision,Stand up the ICC. Rationale: site-wide impact.,,,\n"

	tl, err := ParseTimeline("t.csv", []byte(data), TimelineOptions{
		Zone: time.UTC, Now: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		Staff: []incident.StaffMember{{ID: "ST01"}, {ID: "ST22"}},
	})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	first, second := tl.Rows[0], tl.Rows[1]

	if first.Actor != "ST22" || first.DecisionMaker != "ST01" {
		t.Errorf("row 1 actor %q maker %q, want ST22 writing for ST01", first.Actor, first.DecisionMaker)
	}

	if first.Rationale != "spread into trust systems" || first.LateReason != "at the gold meeting" {
		t.Errorf("row 1 rationale %q late reason %q", first.Rationale, first.LateReason)
	}

	if len(first.Options) != 2 || first.Options[0] != "wait, then review" || first.Options[1] != "declare major incident" {
		t.Errorf("row 1 options = %q, want two, split on ';' only", first.Options)
	}

	if second.Rationale != "site-wide impact." || second.Text != "Stand up the ICC. Rationale: site-wide impact." {
		t.Errorf("row 2 rationale %q text %q, want the rationale taken from the text and the text kept whole", second.Rationale, second.Text)
	}
}

func TestTimelineUnknownDecisionMaker(t *testing.T) {
	data := "occurred_at,recorded_at,actor,decision_maker,kind,text\n" +
		"2026-06-11T06:55:00+01:00,2026-06-11T06:56:00+01:00,ST22,ST77,decision,x\n"

	_, err := ParseTimeline("t.csv", []byte(data), TimelineOptions{
		Zone: time.UTC, Now: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		Staff: []incident.StaffMember{{ID: "ST22"}},
	})
	if err == nil || !strings.Contains(err.Error(), `line 2, column decision_maker: staff member "ST77" is not on the roster`) {
		t.Errorf("error = %v, want the unknown decision maker named with its line", err)
	}
}
