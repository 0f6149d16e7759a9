package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// taskSetPopup offers a system's standard recovery tasks, from
// incident.StandardTasks, after it is isolated: the user edits titles,
// drops any that do not apply, and creates the rest in one AddTasks.
type taskSetPopup struct {
	popupBase

	system    incident.System
	openTasks int // open tasks the system has already

	tasks   []incident.NewTask
	titles  []string // as offered, to tell an edit
	keep    []bool
	cursor  int
	editing bool
	edit    textinput.Model

	save func(in []incident.NewTask) tea.Cmd
}

// openTaskSetPopup offers sys's standard tasks.
func (m *Model) openTaskSetPopup(sys incident.System) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()

	p := &taskSetPopup{
		popupBase: popupBase{id: id},
		system:    sys,
		tasks:     incident.StandardTasks(sys),
		edit:      textinput.New(),
		save: func(in []incident.NewTask) tea.Cmd {
			return addTasks(ctx, svc, actor, ref, id, in)
		},
	}

	if m.cont != nil {
		if it := m.cont.byID[sys.ID]; it != nil {
			p.openTasks = it.openTasks
		}
	}

	for _, t := range p.tasks {
		p.titles = append(p.titles, t.Title)
		p.keep = append(p.keep, true)
	}

	p.edit.Prompt = ""
	p.edit.CharLimit = 500
	p.edit.SetStyles(textInputStyles(m.styles))
	p.resize(m.layout.Width)

	m.popup = p

	return nil
}

func (p *taskSetPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	k, isKey := msg.(tea.KeyPressMsg)

	if p.editing {
		if isKey {
			switch k.String() {
			case "enter":
				if title := strings.TrimSpace(p.edit.Value()); title != "" {
					p.tasks[p.cursor].Title = title
				}

				p.editing = false
				p.edit.Blur()

				return nil, outcomeNone
			case "esc":
				p.editing = false
				p.edit.Blur()

				return nil, outcomeNone
			case "ctrl+s":
				return nil, outcomeNone // finish the title first, so a save never drops an edit
			}
		}

		var cmd tea.Cmd
		p.edit, cmd = p.edit.Update(msg)

		return cmd, outcomeNone
	}

	if !isKey {
		return nil, outcomeNone
	}

	switch k.String() {
	case "esc":
		return nil, outcomeCancel
	case "ctrl+s":
		return nil, outcomeSubmit
	case "space", "x":
		p.keep[p.cursor] = !p.keep[p.cursor]
		p.err = ""
	case "enter", "e":
		p.editing = true
		p.edit.SetValue(p.tasks[p.cursor].Title)
		p.edit.CursorEnd()

		return p.edit.Focus(), outcomeNone
	default:
		p.cursor = listKey(k.String(), p.cursor, len(p.tasks))
	}

	return nil, outcomeNone
}

func (p *taskSetPopup) submit() tea.Cmd {
	in := p.selected()
	if len(in) == 0 {
		p.err = "Every task is dropped: press space to keep one, or esc to create none."

		return nil
	}

	p.err, p.saving = "", true

	return p.save(in)
}

// selected returns the kept tasks. A kept task that depended on a dropped
// one depends instead on what the dropped one depended on, so that the
// order of the work survives: drop the restore, and the sweep still waits
// for the rebuild.
func (p *taskSetPopup) selected() []incident.NewTask {
	newIndex := make([]int, len(p.tasks))
	var out []incident.NewTask

	for i, t := range p.tasks {
		newIndex[i] = -1
		if !p.keep[i] {
			continue
		}

		t.DependsOnIndex = nil
		for _, dep := range p.keptDeps(i, map[int]bool{}) {
			if newIndex[dep] >= 0 {
				t.DependsOnIndex = append(t.DependsOnIndex, newIndex[dep])
			}
		}

		slices.Sort(t.DependsOnIndex)
		t.DependsOnIndex = slices.Compact(t.DependsOnIndex)
		newIndex[i] = len(out)
		out = append(out, t)
	}

	return out
}

// keptDeps returns the kept tasks that task i waits for, looking through
// dropped ones.
func (p *taskSetPopup) keptDeps(i int, seen map[int]bool) []int {
	var out []int

	for _, dep := range p.tasks[i].DependsOnIndex {
		if dep < 0 || dep >= len(p.tasks) || seen[dep] {
			continue
		}

		seen[dep] = true
		if p.keep[dep] {
			out = append(out, dep)
		} else {
			out = append(out, p.keptDeps(dep, seen)...)
		}
	}

	return out
}

func (p *taskSetPopup) dirty() bool {
	for i, t := range p.tasks {
		if !p.keep[i] || t.Title != p.titles[i] {
			return true
		}
	}

	return p.editing
}

func (p *taskSetPopup) resize(width int) {
	p.edit.SetWidth(max(10, popupInner(width)-6))
}

func (p *taskSetPopup) view(st themes.Styles, width, height int) string {
	inner := popupInner(width)
	kept := 0
	for _, k := range p.keep {
		if k {
			kept++
		}
	}

	title := "Standard tasks for " + incident.SanitizeLine(p.system.ID)
	intro := []string{st.Base.Render(itoa(kept) + " of " + itoa(len(p.tasks)) + " to create, as bronze tasks, priority 2")}
	if p.openTasks > 0 {
		intro = append(intro, st.Warning.Render(incident.SanitizeLine(p.system.ID)+" already has "+itoa(p.openTasks)+" open tasks"))
	}

	var body []string
	for i, t := range p.tasks {
		marker := "  "
		if i == p.cursor {
			marker = "› "
		}

		mark, style := "✓ ", st.Base
		if !p.keep[i] {
			mark, style = "✗ ", st.Struck
		}

		if p.editing && i == p.cursor {
			body = append(body, st.Accent.Render(marker)+mark+itoa(i+1)+" "+p.edit.View())

			continue
		}

		text := itoa(i+1) + " " + incident.SanitizeLine(t.Title)
		if deps := p.tasks[i].DependsOnIndex; len(deps) > 0 {
			labels := make([]string, len(deps))
			for j, d := range deps {
				labels[j] = itoa(d + 1)
			}

			after := " after " + strings.Join(labels, ",")
			text = fit(text, max(10, inner-4-len(after))) + after
		}

		body = append(body, st.Accent.Render(marker)+style.Render(mark+text))
	}

	keys := "ctrl+s create · space drop/keep · enter edit title · esc create none"
	if p.editing {
		keys = "enter keep this title · esc undo the edit"
	}

	return popupFrame(st, width, height, title, intro, body, &p.popupBase, keys)
}
