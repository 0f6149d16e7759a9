package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// containLabelCols is the width of the containment lines' labels,
// "Gate overrides" and a space.
const containLabelCols = 15

// containmentLines draws exactly containRows lines: systems past their
// RTO, worst first; the next RTOs to run out; overdue tasks, most overdue
// first; and gates overridden. Each line gives a count and as many items
// as fit the width. The lists come from slices kept sorted on each read,
// so drawing looks at no more items than fit.
func (m Model) containmentLines() []string {
	st, c := m.styles, m.cont

	label := func(s string) string { return st.FieldLabel.Render(fit(s, containLabelCols)) }

	if c == nil {
		reading := st.Subtle.Render("reading…")
		if m.contErr != nil {
			reading = st.Error.Render("Could not read the board: " + incident.SanitizeLine(m.contErr.Error()))
		}

		return padRows([]string{label("RTO breached") + reading}, containRows)
	}

	now := m.now
	breached := c.breachedAt(now)
	overdue := c.overdueAt(now)
	room := m.layout.Width - containLabelCols - 5 // after the count

	var b []string
	for _, it := range c.deadlines[:breached] {
		b = append(b, it.id+" +"+shortDuration(now.Sub(it.deadline)))
		if itemsWidth(b) > room {
			break
		}
	}

	var next []string
	for _, it := range c.deadlines[breached:] {
		next = append(next, it.id+" "+shortDuration(it.deadline.Sub(now)))
		if itemsWidth(next) > room {
			break
		}
	}

	var late []string
	for _, it := range c.dueOpen[:overdue] {
		item := it.label
		if it.system != "" {
			item += " " + it.system
		}

		late = append(late, item+" +"+shortDuration(now.Sub(it.task.Due)))
		if itemsWidth(late) > room {
			break
		}
	}

	var overrides []string
	for _, it := range c.overrides {
		overrides = append(overrides, it.id+" "+statusWord(it.row.State.Status))
		if itemsWidth(overrides) > room {
			break
		}
	}

	countStyle := func(n int) string {
		if n == 0 {
			return st.Success.Render(fit("none", 5))
		}

		return st.Error.Render(fit(groupThousands(n), 5))
	}

	items := func(list []string) string {
		return st.Base.Render(strings.Join(list, " · "))
	}

	nextLine := label("Next RTO due") + st.Subtle.Render(fit("", 5)) + items(next)
	if len(next) == 0 {
		nextLine = label("Next RTO due") + st.Subtle.Render("none: no other system is out of service")
	}

	overrideLine := label("Gate overrides") + st.Override.Render(fit(groupThousands(len(c.overrides)), 5)) + items(overrides)
	if len(c.overrides) == 0 {
		overrideLine = label("Gate overrides") + st.Subtle.Render("none")
	}

	return []string{
		label("RTO breached") + countStyle(breached) + st.RTOOver.Render(strings.Join(b, " · ")),
		nextLine,
		label("Overdue tasks") + countStyle(overdue) + st.Overdue.Render(strings.Join(late, " · ")),
		overrideLine,
	}
}

// itemsWidth returns the width of items joined with " · ".
func itemsWidth(items []string) int {
	w := 0
	for i, it := range items {
		if i > 0 {
			w += 3
		}

		w += ansi.StringWidth(it)
	}

	return w
}
