package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

const ellipsis = "…"

// truncate shortens s, which may hold styling, to at most width cells,
// ending with an ellipsis when something was cut.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}

	return ansi.Truncate(s, width, ellipsis)
}

// fit truncates s to width cells and pads it with spaces to exactly width.
func fit(s string, width int) string {
	s = truncate(s, width)
	if pad := width - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}

	return s
}

// block joins lines into exactly height lines, each cut to width: missing
// lines are blank and extra lines are dropped.
func block(lines []string, width, height int) string {
	var b strings.Builder

	for i := range height {
		if i > 0 {
			b.WriteByte('\n')
		}

		if i < len(lines) {
			b.WriteString(truncate(lines[i], width))
		}
	}

	return b.String()
}

// spread puts left and right on one line of width cells, with right flush
// to the end. When both do not fit, left is cut.
func spread(left, right string, width int) string {
	rw := ansi.StringWidth(right)
	if rw >= width {
		return truncate(right, width)
	}

	left = truncate(left, width-rw-1)
	gap := width - rw - ansi.StringWidth(left)

	return left + strings.Repeat(" ", gap) + right
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := strings.TrimPrefix(strconv.Itoa(n), "-")

	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}

	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}

		b.WriteRune(c)
	}

	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
