package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// timelineView draws the filter line, the date of the top row and as many
// rows as fit. It reads only the rows on screen, so its cost does not grow
// with the timeline.
func (m Model) timelineView() string {
	l, t, set := m.layout, &m.timeline, &m.entries

	lines := make([]string, 0, l.BodyHeight)
	lines = append(lines, m.filterLine())

	switch {
	case t.detail != nil:
		lines = append(lines, t.detail.visible()...)
	case !m.loaded && m.loadErr == nil:
		lines = append(lines, "", m.styles.Subtle.Render("Reading the timeline…"))
	case t.count(set) == 0 && t.filter.active():
		lines = append(lines, "", m.styles.Subtle.Render("No entries match these filters. Press x to clear them."))
	case t.count(set) == 0:
		lines = append(lines, "", m.styles.Subtle.Render("No entries yet. Press n to log the first."))
	default:
		lines = append(lines, m.listLines()...)
	}

	return block(lines, l.Width, l.BodyHeight)
}

// listLines returns the sticky date line and the visible rows, with a date
// line wherever the day changes.
func (m Model) listLines() []string {
	l, t, set, st := m.layout, &m.timeline, &m.entries, m.styles

	first := t.rowAt(set, t.offset)
	lines := make([]string, 0, l.ListHeight+stickyRows)
	lines = append(lines, m.dateLine(first.day))

	prevDay := first.day
	for i := t.offset; i < t.count(set) && len(lines) < l.ListHeight+stickyRows; i++ {
		r := t.rowAt(set, i)
		if r.day != prevDay {
			lines = append(lines, m.dateLine(r.day))
			prevDay = r.day

			if len(lines) == l.ListHeight+stickyRows {
				break
			}
		}

		key := drawKey{cols: l.Columns, selected: i == t.cursor, setGen: set.gen, styleGen: m.styleGen}
		if r.drawnFor != key || r.drawn == "" {
			r.drawn, r.drawnFor = renderRow(r, set, st, l.Columns, key.selected, rowText{}), key
		}

		lines = append(lines, r.drawn)
	}

	return lines
}

func (m Model) dateLine(day int32) string {
	label := "── " + dayLabel(day, m.opts.Zone) + " "

	return m.styles.DateHeader.Render(label + strings.Repeat("─", max(0, m.layout.Width-ansi.StringWidth(label))))
}

// filterLine shows every filter in force, how many rows match, and whether
// the list is following new entries.
func (m Model) filterLine() string {
	t, st := &m.timeline, m.styles

	if t.detail != nil {
		return st.Subtle.Render("Entry detail · esc back to the list")
	}

	kind, level := "any", "any"
	if t.filter.kind != "" {
		kind = string(t.filter.kind)
	}

	if t.filter.level != "" {
		level = string(t.filter.level)
	}

	left := st.Subtle.Render("kind ") + st.Accent.Render(kind) + st.Subtle.Render(" · level ") + st.Accent.Render(level) + st.Subtle.Render(" · ")
	if t.searching {
		left += t.search.View()
	} else if t.filter.text != "" {
		left += st.Subtle.Render("text ") + st.Accent.Render(strconv.Quote(t.search.Value()))
	} else {
		left += st.Subtle.Render("/ to search")
	}

	total := len(m.entries.rows)
	right := groupThousands(total)
	if t.filter.active() {
		right = groupThousands(t.count(&m.entries)) + " of " + right
	}

	switch {
	case t.follow:
		right += st.Subtle.Render(" · following")
	case t.unseen > 0:
		right += st.Warning.Render(" · " + groupThousands(t.unseen) + " new, G")
	}

	return spread(left, right, m.layout.Width)
}
