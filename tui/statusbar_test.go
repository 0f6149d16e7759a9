package tui

import (
	"strings"
	"testing"
	"time"
)

func TestStatusBarExercise(t *testing.T) {
	f := newFixture(t, true)
	lines := screen(f.model(80, 24))

	if !strings.HasPrefix(lines[0], " EXERCISE ") {
		t.Errorf("first line should start with the EXERCISE badge:\n%q", lines[0])
	}

	if !strings.Contains(lines[0], "T-1") || !strings.Contains(lines[0], "Ransomware on EPR") {
		t.Errorf("first line lacks the incident reference or title:\n%q", lines[0])
	}

	for _, want := range []string{"T+2d 03h 14m", "15:30:00 BST", "14:30:00 UTC", "Alex Smith (ST05)", "gold"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("second status line lacks %q:\n%q", want, lines[1])
		}
	}
}

func TestStatusBarRealIncident(t *testing.T) {
	f := newFixture(t, false)
	text := screenText(f.model(80, 24))

	if strings.Contains(text, "EXERCISE") {
		t.Errorf("a real incident shows EXERCISE:\n%s", text)
	}
}

func TestStatusBarNarrowDropsName(t *testing.T) {
	f := newFixture(t, true)
	f.actor.Name = "Dr Alexandra Fairbairn-Montgomery"
	lines := screen(f.model(60, 20))

	for _, want := range []string{"T+2d 03h 14m", "15:30:00 BST", "14:30:00 UTC", "ST05", "gold"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("second status line at 60 columns lacks %q:\n%q", want, lines[1])
		}
	}

	if !strings.Contains(lines[0], "EXERCISE") {
		t.Errorf("EXERCISE missing at 60 columns:\n%q", lines[0])
	}
}

func TestIncidentClock(t *testing.T) {
	cases := []struct {
		name    string
		elapsed string
		want    string
	}{
		{"minutes", "14m", "T+00h 14m"},
		{"hours", "3h14m", "T+03h 14m"},
		{"days", "51h14m", "T+2d 03h 14m"},
		{"future", "-5m", "T-00h 05m"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustDuration(t, c.elapsed)
			if got := incidentClock(testNow.Add(-d), testNow); got != c.want {
				t.Errorf("incidentClock after %s = %q, want %q", c.elapsed, got, c.want)
			}
		})
	}
}

func TestStatusBarUTCOneClock(t *testing.T) {
	f := newFixture(t, false)

	etc, err := time.LoadLocation("Etc/UTC")
	if err != nil {
		t.Fatalf("load Etc/UTC: %v", err)
	}

	for _, zone := range []*time.Location{time.UTC, etc} {
		for _, width := range []int{80, 60} {
			m := f.model(width, 24)
			m.opts.Zone = zone
			line := screen(m)[1]

			if n := strings.Count(line, "14:30:00 UTC"); n != 1 {
				t.Errorf("zone %s at %d columns shows %d UTC clocks, want 1: %q", zone, width, n, line)
			}

			for _, want := range []string{"T+2d 03h 14m", "ST05", "gold"} {
				if !strings.Contains(line, want) {
					t.Errorf("zone %s at %d columns: status line lacks %q: %q", zone, width, want, line)
				}
			}
		}
	}
}

func TestStatusBarGMTBothClocks(t *testing.T) {
	f := newFixture(t, false)
	f.now = time.Date(2026, 1, 15, 14, 30, 0, 0, time.UTC) // London keeps GMT, offset 0

	line := screen(f.model(60, 20))[1]

	for _, want := range []string{"14:30:00 GMT", "14:30:00 UTC", "ST05 · gold"} {
		if !strings.Contains(line, want) {
			t.Errorf("winter London status line at 60 columns lacks %q: %q", want, line)
		}
	}
}
