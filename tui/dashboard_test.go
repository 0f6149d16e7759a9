package tui

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestDashboardSystemCounts(t *testing.T) {
	f := newFixture(t, false)
	systems := []incident.System{{ID: "EPR", Name: "EPR"}, {ID: "PACS", Name: "PACS"}, {ID: "LIMS", Name: "LIMS"}}

	if err := f.svc.ImportSystems(context.Background(), f.actor, "test", systems); err != nil {
		t.Fatalf("import systems: %v", err)
	}

	// No service method records a containment status yet, so the test
	// writes one row directly.
	if err := f.db.Exec(context.Background(), `INSERT INTO system_states (incident_id, system_id, status, since) VALUES (?, 'LIMS', ?, 0)`,
		f.inc.ID, string(incident.SystemCompromised)); err != nil {
		t.Fatalf("record status: %v", err)
	}

	text := screenText(f.model(80, 24))

	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`operational +2\b`),
		regexp.MustCompile(`compromised +1\b`),
		regexp.MustCompile(`isolated +0\b`),
		regexp.MustCompile(`3 in the register`),
	} {
		if !want.MatchString(text) {
			t.Errorf("dashboard lacks %s:\n%s", want, text)
		}
	}
}

func TestDashboardLatestAndLate(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Text: "Older on-time entry"})
	f.now = f.now.Add(time.Minute)
	f.log(incident.NewEntry{Text: "Late entry about phones", OccurredAt: f.now.Add(-40 * time.Minute), LateReason: "phones down"})
	f.now = f.now.Add(time.Minute)
	f.log(incident.NewEntry{Text: "Newest entry"})

	lines := screen(f.model(100, 30))
	text := strings.Join(lines, "\n")

	newest, older := strings.Index(text, "Newest entry"), strings.Index(text, "Older on-time entry")
	if newest < 0 || older < 0 || newest > older {
		t.Errorf("latest entries are not newest recorded first:\n%s", text)
	}

	late := lineWith(lines, "Late entries")
	if !strings.Contains(late, "Late entries 2") { // the declaration, back-dated two days, is late too
		t.Errorf("late heading = %q, want a count of 2", late)
	}

	if seal := lineWith(lines, "Seal"); !strings.Contains(seal, "4 entries") {
		t.Errorf("seal line = %q, want 4 entries", seal)
	}
}

func TestDashboardShowsRecordedTime(t *testing.T) {
	f := newFixture(t, false)
	f.now = testNow.Add(-24 * time.Hour)
	f.log(incident.NewEntry{Text: "Recorded yesterday"})
	f.now = testNow.Add(time.Minute)
	f.log(incident.NewEntry{Text: "Phones were down", OccurredAt: testNow.Add(-40 * time.Minute), LateReason: "no phones"})
	f.now = testNow.Add(2 * time.Minute)
	f.log(incident.NewEntry{Text: "On time"})

	// 30 rows leave room for four latest entries below the containment lines.
	lines := screen(f.model(80, 30))

	if h := lineWith(lines, "Latest entries"); !strings.Contains(h, "times are when recorded, newest first") {
		t.Errorf("latest heading = %q, want it to say the times are recording times", h)
	}

	cases := []struct {
		text, prefix string
	}{
		{"On time", "         15:32 #4"},
		{"Phones were down", "         15:31 #3"},
		{"Recorded yesterday", "  10 Jun 15:30 #2"},
	}

	for _, c := range cases {
		if l := lineWith(lines, c.text); !strings.HasPrefix(l, c.prefix) {
			t.Errorf("latest row for %q = %q, want it to start with the recorded time %q", c.text, l, c.prefix)
		}
	}

	if l := lineWith(lines, "Phones were down"); !strings.Contains(l, "LATE, occurred 14:50") {
		t.Errorf("late row in the latest list = %q, want LATE with the occurred time", l)
	}

	late := lines[slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Late entries") }):]
	if l := lineWith(late, "Phones were down"); !strings.Contains(l, "15:31") || !strings.Contains(l, "occurred 14:50") {
		t.Errorf("row in the late list = %q, want the recorded 15:31 and occurred 14:50", l)
	}
}

func TestDashboardNarrowKeepsOccurred(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Kind: incident.KindDecision, Rationale: "r", Text: "Divert ambulances to St Thomas'",
		OccurredAt: testNow.Add(-40 * time.Minute), LateReason: "in the gold meeting"})

	// At 60x20 the late entries have no section of their own: the count
	// joins the latest entries' heading, and the late row keeps its
	// occurred time.
	lines := screen(f.model(60, 20))

	if h := lineWith(lines, "Latest entries"); !strings.Contains(h, "2 LATE") {
		t.Errorf("latest heading at 60x20 = %q, want the late count 2", h)
	}

	if l := lineWith(lines, "#2"); !strings.Contains(l, "15:30") || !strings.Contains(l, "LATE, occ. 14:50") || !strings.Contains(l, "Divert") {
		t.Errorf("late row at 60 columns = %q, want recorded time, occurred time and the start of the text", l)
	}

	lines = screen(f.model(80, 24))
	late := lines[slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Late entries") }):]

	if l := lineWith(late, "#2"); !strings.Contains(l, "15:30") || !strings.Contains(l, "occurred 14:50") || !strings.Contains(l, "Divert") {
		t.Errorf("late row at 80 columns = %q, want recorded time, occurred time and the start of the text", l)
	}
}
