package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// peopleCommsFixture has three people on duty (one past 14 hours, one past
// 12, one overdue a welfare check), an open roll call, two clocks running,
// one of them missed, and two messages.
func peopleCommsFixture(t *testing.T) *fixture {
	t.Helper()

	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST09", 15*time.Hour)
	f.checkIn("ST10", 12*time.Hour+30*time.Minute)
	f.checkIn("ST05", 3*time.Hour)
	f.startClock("NCSC initial", 25*time.Hour) // missed an hour ago
	f.startClock("ICO", 2*time.Hour)
	f.draft(incident.AudiencePress, strings.Repeat("A long holding statement for the press office to read out ", 3))
	f.draft(incident.AudienceICO, "Initial breach report")

	if _, err := f.svc.StartRollCall(context.Background(), f.actor, f.inc.Ref); err != nil {
		t.Fatalf("start roll call: %v", err)
	}

	return f
}

func TestPeopleCommsScreensFit(t *testing.T) {
	f := peopleCommsFixture(t)

	views := [][]string{
		{"1"}, {"5"}, {"5", "enter"}, {"5", "c"}, {"5", "w"}, {"5", "R"}, {"5", "C"}, {"5", "/"}, {"5", "?"}, {"5", "f"},
		{"5", "down", "down", "down", "c"},
		{"6"}, {"6", "enter"}, {"6", "t"}, {"6", "D"}, {"6", "A"}, {"6", "?"}, {"6", "/"}, {"6", "f"},
		{"6", "down", "A", "y"},
		{"7"}, {"7", "e"}, {"7", "?"}, {"7", "ctrl+s"},
	}

	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := send(t, f.model(100, 30), teaResize(size[0], size[1]))

		for _, keys := range views {
			shot := press(t, m, keys...)
			lines := strings.Split(shot.View().Content, "\n")

			if len(lines) != size[1] {
				t.Errorf("%dx%d after %v: %d lines, want %d", size[0], size[1], keys, len(lines), size[1])
			}

			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d after %v: line %d is %d wide: %q", size[0], size[1], keys, i, w, ansi.Strip(l))
				}
			}
		}
	}
}

func TestPeopleCommsHelpFits(t *testing.T) {
	f := peopleCommsFixture(t)
	m := f.model(60, 20)

	cases := []struct {
		view string
		want []string
	}{
		{"5", []string{"check in or out", "welfare check", "rest decision", "roll call: mark missing", "roll call: close", "on duty or all", "quit"}},
		{"6", []string{"new message", "approve (y/n)", "send (y/n)", "acknowledged", "start a deadline clock", "status filter", "quit"}},
		{"7", []string{"edit the form", "save sitrep (y/n)", "page down", "tasks, people, comms, sitrep"}},
	}

	for _, c := range cases {
		text := screenText(press(t, m, c.view, "?"))
		if !strings.Contains(text, "Press ? or esc to close") {
			t.Errorf("help of view %s at 60x20 is cut short:\n%s", c.view, text)
		}

		for _, want := range c.want {
			if !strings.Contains(text, want) {
				t.Errorf("help of view %s lacks %q:\n%s", c.view, want, text)
			}
		}
	}
}

func TestDashboardPeopleComms(t *testing.T) {
	f := peopleCommsFixture(t)

	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		lines := screen(f.model(size[0], size[1]))

		cases := []struct{ label, want string }{
			{"On duty", "3 on duty · 1 REST DECISION NEEDED"},
			{"Deadlines", "NCSC MISSED 1h 00m ago"},
			{"Sitrep", "none saved yet"},
		}

		for _, c := range cases {
			if l := lineWith(lines, c.label); !strings.Contains(l, c.want) {
				t.Errorf("%dx%d: dashboard line %q = %q, want %q", size[0], size[1], c.label, l, c.want)
			}
		}

		if i, j := indexOf(lines, "Gate overrides"), indexOf(lines, "On duty"); i < 0 || j != i+1 {
			t.Errorf("%dx%d: the people lines (line %d) should follow the containment lines (line %d)", size[0], size[1], j, i)
		}
	}

	full := screen(f.model(120, 30))
	if l := lineWith(full, "On duty"); !strings.Contains(l, "3 welfare OVERDUE") || !strings.Contains(l, "2 over 12h") ||
		!strings.Contains(l, "roll call 1: 0 of 3") {
		t.Errorf("dashboard on duty line at 120 columns = %q, want welfare, 12h and the roll call", l)
	}

	if l := lineWith(full, "Deadlines"); !strings.Contains(l, "ICO 70h 00m left") || !strings.Contains(l, "2 not started") {
		t.Errorf("dashboard deadlines line at 120 columns = %q, want ICO counting down and the duties not started", l)
	}
}
