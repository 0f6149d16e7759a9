package tui

import (
	"context"
	"regexp"
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

	lines := screen(f.model(80, 24))
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
