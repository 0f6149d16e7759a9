package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// tasksView draws the tasks: the filter line, the column names and the
// rows that fit, or one task's detail. Like boardView it reads only the
// rows on screen.
func (m Model) tasksView() string {
	l, t, st := m.layout, &m.tasks, m.styles

	lines := make([]string, 0, l.BodyHeight)
	lines = append(lines, m.tasksFilterLine())

	switch {
	case t.detail != nil:
		lines = append(lines, t.detail.visible()...)
	case m.contErr != nil && m.cont == nil:
		lines = append(lines, "", st.Error.Render("Could not read the tasks: "+incident.SanitizeLine(m.contErr.Error())))
	case m.cont == nil:
		lines = append(lines, "", st.Subtle.Render("Reading the tasks…"))
	case len(m.cont.tasks) == 0:
		lines = append(lines, "", st.Subtle.Render("No tasks yet. Press t to add one, or isolate a system on the board (3) to get its standard set."))
	case len(t.visible) == 0:
		lines = append(lines, "", st.Subtle.Render("No tasks match these filters. Press X to clear them."))
	default:
		lines = append(lines, m.tasksHeader())
		for i := t.cur.offset; i < len(t.visible) && i < t.cur.offset+l.TaskListHeight; i++ {
			lines = append(lines, m.taskRow(t.visible[i], i == t.cur.cursor))
		}
	}

	return block(lines, l.Width, l.BodyHeight)
}

func (m Model) tasksHeader() string {
	c := m.tasks.cols
	cells := []string{
		fit("", c.Marker) + fit("task", c.Label), fit("status", c.Status), fit("P", c.Priority), fit("title", c.Title),
	}

	for _, col := range []struct {
		name  string
		width int
	}{{"system", c.System}, {"owner", c.Owner}, {"level", c.Level}, {"due", c.Due}, {"after", c.Deps}} {
		if col.width > 0 {
			cells = append(cells, fit(col.name, col.width))
		}
	}

	return m.styles.Subtle.Render(strings.Join(cells, " "))
}

// taskRow draws one task on one line.
func (m Model) taskRow(it *taskItem, selected bool) string {
	st, c, t := m.styles, m.tasks.cols, &it.task
	gap := segment{text: " "}

	marker := "  "
	if selected {
		marker = "› "
	}

	titleStyle := st.Base
	if t.Status.Closed() {
		titleStyle = st.Subtle
	}

	segs := []segment{
		{text: marker, style: st.Accent},
		{text: fit(it.label, c.Label), style: st.Heading}, gap,
		{text: fit(taskStatusLabel(t.Status), c.Status), style: st.TaskStatus(t.Status)}, gap,
		{text: fit("P"+strconv.Itoa(t.Priority), c.Priority), style: st.Base}, gap,
		{text: fit(it.title, c.Title), style: titleStyle}, gap,
	}

	if c.System > 0 {
		segs = append(segs, segment{text: fit(it.system, c.System), style: st.Base}, gap)
	}

	if c.Owner > 0 {
		owner, style := it.owner, st.Base
		if owner == "" {
			owner, style = "–", st.Subtle
		}

		segs = append(segs, segment{text: fit(owner, c.Owner), style: style}, gap)
	}

	if c.Level > 0 {
		segs = append(segs, segment{text: fit(levelCell(t.Level), c.Level), style: st.Level(t.Level)}, gap)
	}

	due, overdue := dueText(*t, m.now, m.opts.Zone, c.Due)
	dueStyle := st.Base
	switch {
	case overdue:
		dueStyle = st.Overdue
	case t.Status.Closed() || t.Due.IsZero():
		dueStyle = st.Subtle
	}

	segs = append(segs, segment{text: fit(due, c.Due), style: dueStyle})

	if c.Deps > 0 {
		segs = append(segs, gap, segment{text: fit(it.deps, c.Deps), style: st.Subtle})
	}

	return renderSegments(segs, st, selected)
}

// dueText writes when a task is due, in zone, in at most width cells:
// "14:32" today, and "Thu 14:32" or "Thu" on another day. An open task past
// its due time gets OVERDUE before that, or OVERDUE alone where nothing
// more fits. No due time is "–". It reports whether the task is overdue.
func dueText(t incident.Task, now time.Time, zone *time.Location, width int) (string, bool) {
	if t.Due.IsZero() {
		return "–", false
	}

	// A time of day shows alone only for today, so that a task due at
	// 14:19 three days ago never reads as due at 14:19 today.
	when, day := clockOrDate(t.Due, now, zone), dayOf(t.Due, now, zone)
	candidates := []string{when}
	if day != "" {
		candidates = append(candidates, day)
	}

	overdue := t.Overdue(now)
	if overdue {
		for i, c := range candidates {
			candidates[i] = "OVERDUE " + c
		}

		candidates = append(candidates, "OVERDUE")
	}

	for _, c := range candidates {
		if ansi.StringWidth(c) <= width {
			return c, overdue
		}
	}

	return candidates[len(candidates)-1], overdue
}

// tasksFilterLine shows the filters in force, or the keys that set them,
// how many tasks show and how many are overdue.
func (m Model) tasksFilterLine() string {
	t, st := &m.tasks, m.styles

	if t.detail != nil {
		return st.Subtle.Render("Task detail · esc back to the tasks")
	}

	f := t.filter
	var parts []string

	add := func(name, value string) {
		parts = append(parts, st.Subtle.Render(name+" ")+st.Accent.Render(value))
	}

	if f.status != "" {
		add("status", string(f.status))
	}

	if f.mine {
		parts = append(parts, st.Accent.Render("mine"))
	}

	if f.owner != "" {
		add("owner", incident.SanitizeLine(f.owner))
	}

	if f.level != "" {
		add("level", string(f.level))
	}

	if f.system != "" {
		add("system", incident.SanitizeLine(f.system))
	}

	switch {
	case t.searching:
		parts = append(parts, t.search.View())
	case f.text != "":
		add("text", strconv.Quote(t.search.Value()))
	case len(parts) == 0:
		parts = append(parts, st.Subtle.Render("all tasks · f status · m mine · O owner · L level · Y system · / text"))
	}

	left := strings.Join(parts, st.Subtle.Render(" · "))

	if m.cont == nil {
		return left
	}

	right := groupThousands(len(m.cont.tasks))
	if f.active() {
		right = groupThousands(len(t.visible)) + " of " + right
	}

	if n := m.cont.overdueAt(m.now); n > 0 {
		right += st.Subtle.Render(" · ") + st.Overdue.Render(groupThousands(n)+" OVERDUE")
	}

	return spread(left, right, m.layout.Width)
}
