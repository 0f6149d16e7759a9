package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// addTaskPopup creates one task. The service checks the system, the owner
// and the dependencies, and its refusal shows here with the fields kept.
type addTaskPopup struct {
	popupBase
	fieldSet

	zone *time.Location
	now  func() time.Time

	save func(in incident.NewTask) tea.Cmd
}

// The add-task fields, in tab order.
const (
	addTitle = iota
	addSystem
	addOwner
	addLevel
	addPriority
	addDepends
	addDue
)

const addTaskLabelCols = 14 // "› Depends on" and a space

// taskLevels are the levels a task may have, in the order offered.
var taskLevels = []incident.Level{incident.LevelBronze, incident.LevelSilver, incident.LevelGold, incident.LevelNone}

// openAddTaskPopup opens the new-task popup, its system set to systemID.
func (m *Model) openAddTaskPopup(systemID string) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()

	p := &addTaskPopup{
		popupBase: popupBase{id: id},
		zone:      m.opts.Zone,
		now:       m.opts.Now,
		save: func(in incident.NewTask) tea.Cmd {
			return addTasks(ctx, svc, actor, ref, id, []incident.NewTask{in})
		},
	}

	levels := make([]string, len(taskLevels))
	for i, l := range taskLevels {
		levels[i] = string(l)
	}

	p.fields = []*popupField{
		typedField("Title", "what is to be done", true),
		typedField("System", "system id, or empty", false),
		typedField("Owner", "staff id, or empty; o assigns later", false),
		{label: "Level", kind: inputChoice, options: levels},
		{label: "Priority", kind: inputChoice, options: []string{"P1 highest", "P2", "P3", "P4 lowest"}, choice: 2, initial: 2},
		typedField("Depends on", "T-1, T-3", false),
		typedField("Due", "16:00, +2h or 2026-06-12 09:00", false),
	}

	p.fields[addSystem].input.SetValue(incident.SanitizeLine(systemID))
	p.fields[addDue].hint = p.dueHint
	p.fields[addDue].checkHint()
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(addTitle)
}

// dueHint returns what a typed due time means, or why it cannot be read.
func (p *addTaskPopup) dueHint(value string) (string, bool) {
	if strings.TrimSpace(value) == "" {
		return "from the system's RTO once it is out of service", false
	}

	at, err := parseDue(value, p.now(), p.zone)
	if err != nil {
		return incident.SanitizeLine(err.Error()), true
	}

	return "→ " + dateTime(at, p.zone), false
}

// parseDue reads a due time: "+2h" or "+90m" from now, a clock time such
// as "16:00" as the next time that clock comes round, within a day, or
// anything incident.ParseTime reads, such as "2026-06-12 09:00".
func parseDue(input string, now time.Time, zone *time.Location) (time.Time, error) {
	s := strings.TrimSpace(input)

	if rest, ok := strings.CutPrefix(s, "+"); ok {
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return time.Time{}, fmt.Errorf("invalid due time %q: write a time ahead of now as +2h or +1h30m", input)
		}

		return now.Add(d), nil
	}

	if isClock(s) {
		// ParseTime reads a clock time as its latest occurrence up to a
		// minute after the now it is given, so a now one day ahead, less
		// that minute, gives the next occurrence after the real now.
		return incident.ParseTime(s, now.Add(24*time.Hour-time.Minute), zone)
	}

	return incident.ParseTime(s, now, zone)
}

// isClock reports whether s is a time of day alone, "16:00" or "16:00:30".
func isClock(s string) bool {
	for _, layout := range []string{"15:04", "15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}

	return false
}

func (p *addTaskPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before := p.focused().input.Value()
	cmd, outcome := p.handle(msg)

	if p.err != "" && p.focused().input.Value() != before {
		p.err = ""
	}

	return cmd, outcome
}

func (p *addTaskPopup) submit() tea.Cmd {
	value := func(i int) string { return strings.TrimSpace(p.fields[i].input.Value()) }

	in := incident.NewTask{
		Title:    value(addTitle),
		SystemID: value(addSystem),
		Owner:    value(addOwner),
		Level:    taskLevels[p.fields[addLevel].choice],
		Priority: p.fields[addPriority].choice + 1,
	}

	if in.Title == "" {
		p.err = "Title is missing: say what is to be done."
		p.focusOn(addTitle)

		return nil
	}

	deps, err := parseTaskLabels(value(addDepends))
	if err != nil {
		p.err = "Depends on: " + incident.SanitizeLine(err.Error())
		p.focusOn(addDepends)

		return nil
	}

	in.DependsOn = deps

	if due := value(addDue); due != "" {
		at, err := parseDue(due, p.now(), p.zone)
		if err != nil {
			p.err = "Due: " + incident.SanitizeLine(err.Error())
			p.focusOn(addDue)

			return nil
		}

		in.Due = at
	}

	p.err, p.saving = "", true

	return p.save(in)
}

// parseTaskLabels reads task labels separated by commas or spaces, such
// as "T-1, T-3" or "1 3".
func parseTaskLabels(s string) ([]int64, error) {
	var out []int64

	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := incident.ParseTaskLabel(word)
		if err != nil {
			return nil, err
		}

		out = append(out, n)
	}

	return out, nil
}

// dirty reports typing beyond the prefilled system.
func (p *addTaskPopup) dirty() bool {
	for i, f := range p.fields {
		if i != addSystem && f.kind == inputTyped && strings.TrimSpace(f.input.Value()) != "" {
			return true
		}
	}

	return false
}

func (p *addTaskPopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), addTaskLabelCols)
}

func (p *addTaskPopup) view(st themes.Styles, width, height int) string {
	intro := []string{st.Subtle.Render("Creating it writes an action entry in the timeline.")}

	return popupFrame(st, width, height, "New task", intro, p.lines(st, popupInner(width), addTaskLabelCols), &p.popupBase,
		"ctrl+s create · esc cancel · tab next field · ←/→ level, priority")
}
