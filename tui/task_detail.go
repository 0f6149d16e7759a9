package tui

import (
	"strconv"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// taskPane is the whole of one task, scrollable, in place of the list.
type taskPane struct {
	pane

	num int64

	// neededBy lists the tasks that depend on this one. Finding them scans
	// every task, so it is done when the pane opens and on each read, not
	// on each clock tick.
	neededBy []*taskItem
	scanned  *containment
}

// renderTaskDetail lays the open task detail out again.
func (m *Model) renderTaskDetail() {
	p := m.tasks.detail
	if p == nil || m.cont == nil || m.layout.TooSmall {
		return
	}

	height := m.layout.BodyHeight - filterRows
	it := m.cont.byNum[p.num]

	if it == nil {
		p.setLines([]string{"", m.styles.Warning.Render(incident.TaskLabel(p.num) + " is no longer in this incident.")}, height)

		return
	}

	if p.scanned != m.cont {
		p.scanned, p.neededBy = m.cont, nil
		for _, other := range m.cont.tasks {
			for _, dep := range other.task.DependsOn {
				if dep == p.num {
					p.neededBy = append(p.neededBy, other)
				}
			}
		}
	}

	st, t, zone := m.styles, &it.task, m.opts.Zone
	w := &detailWriter{st: st, width: m.layout.Width}

	heading := st.Heading.Render(it.label) + "  " + st.TaskStatus(t.Status).Render(taskStatusLabel(t.Status))
	if t.Overdue(m.now) {
		heading += "  " + st.Overdue.Render("OVERDUE")
	}

	w.add(heading, "")
	w.field("Title", it.title)
	w.field("Priority", "P"+strconv.Itoa(t.Priority)+" (1 is highest)")
	w.field("Level", levelWord(t.Level))

	if sys := m.cont.byID[t.SystemID]; sys != nil {
		w.field("System", sys.id+" "+sys.name+", "+systemStatusLabel(sys.row.State.Status))
	} else {
		w.field("System", it.system)
	}

	owner := "nobody: press o to assign"
	if t.Owner != "" {
		owner = m.cont.person(t.Owner)
	}

	w.field("Owner", owner)
	w.field("Due", m.dueDetail(t))
	w.field("Depends on", m.taskRefs(t.DependsOn))

	needed := make([]int64, len(p.neededBy))
	for i, other := range p.neededBy {
		needed[i] = other.task.Num
	}

	w.field("Needed by", m.taskRefs(needed))
	w.field("Created", dateTime(t.CreatedAt, zone)+" by "+m.cont.person(t.CreatedBy))
	w.field("Last change", dateTime(t.UpdatedAt, zone))
	w.field("Note", incident.SanitizeLine(t.Note))

	if detail := incident.Sanitize(t.Detail); strings.TrimSpace(detail) != "" {
		w.add("", st.Heading.Render("Detail"))
		for _, line := range strings.Split(detail, "\n") {
			w.indented(0, line, st.Base)
		}
	}

	p.setLines(w.lines, height)
}

// dueDetail writes a task's due time in full, where it came from, and how
// far off or past it is.
func (m *Model) dueDetail(t *incident.Task) string {
	if t.Due.IsZero() {
		return "not set, and no outage of its system to count an RTO from"
	}

	source := "from its system's RTO"
	if t.DueSet {
		source = "set by hand"
	}

	text := fullTime(t.Due, m.opts.Zone) + ", " + source

	switch {
	case t.Overdue(m.now):
		text += "; " + m.styles.Overdue.Render("OVERDUE by "+shortDuration(m.now.Sub(t.Due)))
	case !t.Status.Closed():
		text += "; in " + shortDuration(t.Due.Sub(m.now))
	}

	return text
}

// taskRefs writes task numbers as "T-1 ✓ done, T-2 ▶ in progress".
func (m *Model) taskRefs(nums []int64) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = incident.TaskLabel(n)
		if other := m.cont.byNum[n]; other != nil {
			parts[i] += " " + taskStatusLabel(other.task.Status)
		}
	}

	return strings.Join(parts, ", ")
}
