package tui

import (
	"strings"
	"testing"
)

func TestHelpFollowsFocus(t *testing.T) {
	f := newFixture(t, false)
	m := f.model(80, 24)

	dash := screenText(press(t, m, "?"))
	for _, want := range []string{"dashboard", "timeline", "new entry", "quit"} {
		if !strings.Contains(dash, want) {
			t.Errorf("dashboard help lacks %q:\n%s", want, dash)
		}
	}

	if strings.Contains(dash, "kind filter") {
		t.Errorf("dashboard help lists timeline keys:\n%s", dash)
	}

	timeline := screenText(press(t, m, "2", "?"))
	for _, want := range []string{"kind filter", "level filter", "text filter", "page down", "whole entry", "quit"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("timeline help lacks %q:\n%s", want, timeline)
		}
	}

	form := screenText(press(t, m, "n", "f1"))
	for _, want := range []string{"save", "next field", "new line in text", "cancel"} {
		if !strings.Contains(form, want) {
			t.Errorf("form help lacks %q:\n%s", want, form)
		}
	}

	if closed := press(t, m, "2", "?", "?"); closed.showHelp {
		t.Error("? again did not close the help")
	}
}

func TestHelpListsCorrectKey(t *testing.T) {
	f := newFixture(t, false)
	m := f.model(80, 24)

	for _, keys := range [][]string{{"2", "?"}, {"2", "enter", "?"}} {
		if text := screenText(press(t, m, keys...)); !strings.Contains(text, "correct entry") {
			t.Errorf("help after %v lacks the correct entry key:\n%s", keys, text)
		}
	}

	for _, width := range []int{80, 60} {
		m := f.model(width, 24)

		for _, keys := range [][]string{{"2"}, {"2", "enter"}} {
			lines := screen(press(t, m, keys...))
			footer := lines[len(lines)-1]

			for _, want := range []string{"2 Timeline", "a correct", "?/f1 keys"} {
				if !strings.Contains(footer, want) {
					t.Errorf("footer at %d columns after %v lacks %q: %q", width, keys, want, footer)
				}
			}
		}
	}
}
