package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestLayoutSizes(t *testing.T) {
	cases := []struct {
		width, height               int
		body, list, maker, text     int
		statusColumns, latest, late int
		inputWidth, textRows        int
	}{
		{80, 24, 20, 18, 8, 36, 4, 2, 2, 63, 6},
		{60, 20, 17, 15, 0, 25, 3, 1, 0, 43, 3},
		{100, 30, 26, 24, 12, 52, 5, 5, 3, 83, 8},
	}

	for _, c := range cases {
		l := newLayout(c.width, c.height)
		got := []int{l.BodyHeight, l.ListHeight, l.Columns.Maker, l.Columns.Text, l.StatusColumns, l.LatestRows, l.LateRows, l.InputWidth, l.TextRows}
		want := []int{c.body, c.list, c.maker, c.text, c.statusColumns, c.latest, c.late, c.inputWidth, c.textRows}
		names := []string{"body", "list", "maker", "text", "status columns", "latest rows", "late rows", "input width", "text rows"}

		if l.TooSmall {
			t.Errorf("%dx%d counted as too small", c.width, c.height)
		}

		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%dx%d: %s = %d, want %d", c.width, c.height, names[i], got[i], want[i])
			}
		}
	}
}

func TestLayoutColumnsFillWidth(t *testing.T) {
	for width := MinWidth; width <= 200; width++ {
		c := newColumns(width)
		used := c.Marker + c.Time + c.Seq + c.Level + c.Kind + c.Maker + c.Text + 4*gapCols
		if c.Maker > 0 {
			used += gapCols
		}

		if used != width {
			t.Errorf("width %d: columns use %d", width, used)
		}

		if c.Text < 20 {
			t.Errorf("width %d leaves %d columns for text", width, c.Text)
		}
	}
}

func TestLayoutTooSmall(t *testing.T) {
	for _, size := range [][2]int{{59, 20}, {60, 19}, {50, 15}, {1, 1}} {
		if !newLayout(size[0], size[1]).TooSmall {
			t.Errorf("%dx%d is not counted as too small", size[0], size[1])
		}
	}
}

func TestScreenTooSmall(t *testing.T) {
	f := newFixture(t, false)
	m := send(t, f.model(80, 24), teaResize(50, 15))
	text := screenText(m)

	if !strings.Contains(strings.Join(strings.Fields(text), " "), "sitroom needs at least 60x20; this terminal is 50x15") {
		t.Errorf("too-small screen does not give the sizes:\n%s", text)
	}

	if strings.Contains(text, "Ransomware on EPR") {
		t.Errorf("too-small screen still draws the console:\n%s", text)
	}

	m = send(t, m, teaResize(60, 20))
	lines := screen(m)

	if len(lines) != 20 || !strings.Contains(lines[0], "T-1") {
		t.Errorf("back at 60x20 the console should return with 20 lines, got %d:\n%s", len(lines), strings.Join(lines, "\n"))
	}
}

func TestScreenFitsEverySize(t *testing.T) {
	f := newFixture(t, true)
	logMixed(f)
	importSpread(t, f, 30)

	for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}, {132, 43}} {
		m := send(t, f.model(80, 24), teaResize(size[0], size[1]))

		for _, keys := range [][]string{{"1"}, {"2"}, {"2", "enter"}, {"n", "d"}, {"?"}, {"2", "a", "shift+tab", "shift+tab", "d"}, {"2", "enter", "a"}} {
			shot := press(t, m, keys...)
			lines := strings.Split(shot.View().Content, "\n")

			if len(lines) != size[1] {
				t.Errorf("%dx%d after %v: %d lines", size[0], size[1], keys, len(lines))
			}

			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d after %v: line %d is %d wide: %q", size[0], size[1], keys, i, w, ansi.Strip(l))
				}
			}
		}
	}
}
