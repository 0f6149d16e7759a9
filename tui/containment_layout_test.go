package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestContainmentScreensFit(t *testing.T) {
	f := taskFixture(t)
	f.setStatus(f.actor, "EPR", incident.SystemCompromised, 5*time.Hour)
	f.setStatus(f.actor, "PACS", incident.SystemIsolated, 7*time.Hour)
	f.setStatus(f.actor, "LIMS", incident.SystemShutDown, time.Hour)

	views := [][]string{
		{"1"}, {"3"}, {"3", "enter"}, {"3", "enter", "pgdown"}, {"3", "c"}, {"3", "c", "2", "tab", "ctrl+s"},
		{"3", "down", "down", "g"}, {"3", "t"}, {"3", "/"}, {"3", "?"},
		{"4"}, {"4", "enter"}, {"4", "b"}, {"4", "o"}, {"4", "t"}, {"4", "x"}, {"4", "?"}, {"4", "f", "L", "O", "Y", "m"},
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

func TestContainmentDashboardPriority(t *testing.T) {
	f := taskFixture(t)
	f.setStatus(f.actor, "EPR", incident.SystemCompromised, 5*time.Hour+10*time.Minute) // 1h10m over
	f.setStatus(f.actor, "AD", incident.SystemIsolated, 4*time.Hour+5*time.Minute)      // 5m over
	f.setStatus(f.actor, "PACS", incident.SystemIsolated, 7*time.Hour)                  // 1h left
	f.setStatus(f.actor, "LIMS", incident.SystemShutDown, time.Hour)                    // 11h left

	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		lines := screen(f.model(size[0], size[1]))

		cases := []struct{ label, want string }{
			{"RTO breached", "2    EPR +1h10m · AD +5m"},
			{"Next RTO due", "PACS 1h · LIMS 11h"},
			{"Overdue tasks", "3    T-1 EPR +1h10m · T-2 EPR +1h10m"},
			{"Gate overrides", "none"},
		}

		for _, c := range cases {
			if l := lineWith(lines, c.label); !strings.Contains(l, c.want) {
				t.Errorf("%dx%d: dashboard line %q = %q, want %q", size[0], size[1], c.label, l, c.want)
			}
		}

		if i, j := indexOf(lines, "RTO breached"), indexOf(lines, "Latest entries"); i < 0 || j < 0 || i > j {
			t.Errorf("%dx%d: RTO breaches (line %d) should come before the latest entries (line %d)", size[0], size[1], i, j)
		}
	}
}

func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}

	return -1
}

func TestHelpFitsSmallest(t *testing.T) {
	f := taskFixture(t)
	m := f.model(60, 20)

	for _, view := range []string{"1", "2", "3", "4"} {
		text := screenText(press(t, m, view, "?"))
		if !strings.Contains(text, "Press ? or esc to close") {
			t.Errorf("help of view %s at 60x20 is cut short:\n%s", view, text)
		}
	}

	board := screenText(press(t, m, "3", "?"))
	for _, want := range []string{"change status", "gate check", "next order", "status filter", "dashboard, timeline, systems", "tasks, people, comms, sitrep"} {
		if !strings.Contains(board, want) {
			t.Errorf("board help lacks %q:\n%s", want, board)
		}
	}

	tasks := screenText(press(t, m, "4", "?"))
	for _, want := range []string{"start", "done (y/n)", "block (note)", "cancel (y/n)", "reopen", "assign owner", "only my tasks", "system filter", "quit"} {
		if !strings.Contains(tasks, want) {
			t.Errorf("tasks help lacks %q:\n%s", want, tasks)
		}
	}
}
