package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// blockPopup blocks a task, asking what it is waiting for: the service
// requires that note.
type blockPopup struct {
	popupBase
	fieldSet

	task incident.Task
	save func(note string) tea.Cmd
}

const noteLabelCols = 8 // "› Note *"

func (m *Model) openBlockPopup(t incident.Task) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()
	num, shown := t.Num, t.Status

	p := &blockPopup{
		popupBase: popupBase{id: id},
		task:      t,
		save: func(note string) tea.Cmd {
			return changeTask(ctx, svc, actor, ref, id, incident.TaskChange{Num: num, Action: incident.TaskBlock, Note: note, Expect: shown})
		},
	}

	p.fields = []*popupField{typedField("Note", "what it is waiting for", true)}
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(0)
}

func (p *blockPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before := p.fields[0].input.Value()
	cmd, outcome := p.handle(msg)

	if p.err != "" && p.fields[0].input.Value() != before {
		p.err = ""
	}

	return cmd, outcome
}

func (p *blockPopup) submit() tea.Cmd {
	note := strings.TrimSpace(p.fields[0].input.Value())
	if note == "" {
		p.err = "Note is missing: say what the task is waiting for."

		return nil
	}

	p.err, p.saving = "", true

	return p.save(note)
}

func (p *blockPopup) dirty() bool { return p.fieldSet.dirty() }

func (p *blockPopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), noteLabelCols)
}

func (p *blockPopup) view(st themes.Styles, width, height int) string {
	title := "Block " + p.task.Label()
	intro := []string{st.Base.Render(incident.SanitizeLine(p.task.Title))}

	return popupFrame(st, width, height, title, intro, p.lines(st, popupInner(width), noteLabelCols), &p.popupBase,
		"enter or ctrl+s block · esc cancel")
}
