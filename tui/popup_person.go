package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// personPopup records something about one person on duty: a check-out or
// a welfare check with an optional note, or a rest decision with its
// rationale. Enter on the last field saves, so it also serves as the
// confirmation of a check-out.
type personPopup struct {
	popupBase
	fieldSet

	staffID string
	title   string
	intro   []string // plain text, sanitised
	keys    string
	cols    int
	gone    bool // they went off duty since it opened

	save func(values []string) tea.Cmd
}

// openPersonPopup opens a personPopup about it with fields, whose values
// save receives in order.
func (m *Model) openPersonPopup(it *personItem, title string, intro []string, keys string, cols int, fields []*popupField,
	save func(id int, values []string) tea.Cmd) tea.Cmd {
	id := m.nextPopupID()

	p := &personPopup{
		popupBase: popupBase{id: id},
		staffID:   it.member.ID,
		title:     title,
		intro:     intro,
		keys:      keys,
		cols:      cols,
		save:      func(values []string) tea.Cmd { return save(id, values) },
	}

	p.fields = fields
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(0)
}

// dutyIntro describes it's spell on duty at the model's clock.
func (m *Model) dutyIntro(it *personItem) []string {
	d := it.duty

	return []string{
		it.role,
		"On duty since " + clockOrDate(d.OnSince, m.now, m.opts.Zone) + ", " + shortDuration(d.Hours(m.now)) +
			"; last welfare check " + clockOrDate(d.LastWelfare, m.now, m.opts.Zone),
	}
}

func (m *Model) openCheckOutPopup(it *personItem) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	staffID, label := it.member.ID, it.id

	fields := []*popupField{typedField("Note", "optional: handover, who relieves them", false)}

	return m.openPersonPopup(it, "Check out "+personLabel(it.member), m.dutyIntro(it), "enter or ctrl+s check out · esc cancel",
		noteLabelCols, fields, func(id int, values []string) tea.Cmd {
			return writePeople(id, "check "+label+" out", func() (string, error) {
				d, err := svc.CheckOutPerson(ctx, actor, ref, staffID, values[0])

				return label + " checked out after " + shortDuration(d.Hours(d.OffAt)), err
			})
		})
}

func (m *Model) openWelfarePopup(it *personItem) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	staffID, label := it.member.ID, it.id

	fields := []*popupField{typedField("Note", "optional: how they are, what they need", false)}

	return m.openPersonPopup(it, "Welfare check: "+personLabel(it.member), m.dutyIntro(it), "enter or ctrl+s record · esc cancel",
		noteLabelCols, fields, func(id int, values []string) tea.Cmd {
			return writePeople(id, "record a welfare check of "+label, func() (string, error) {
				_, err := svc.WelfareCheck(ctx, actor, ref, staffID, values[0])

				return "Welfare check of " + label + " recorded", err
			})
		})
}

const restLabelCols = 13 // "› Rationale *"

func (m *Model) openRestPopup(it *personItem) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	staffID, label := it.member.ID, it.id

	fields := []*popupField{
		typedField("Decision", "stood down at 18:00, or stays on until relieved", true),
		typedField("Rationale", "why, for the timeline", true),
	}

	intro := append(m.dutyIntro(it), "Recorded as a decision in your name.")

	return m.openPersonPopup(it, "Rest decision: "+personLabel(it.member), intro, "ctrl+s record · esc cancel · tab next",
		restLabelCols, fields, func(id int, values []string) tea.Cmd {
			return writePeople(id, "record a rest decision for "+label, func() (string, error) {
				e, err := svc.RestDecision(ctx, actor, ref, staffID, values[0], values[1])

				return "Rest decision for " + label + " recorded as entry #" + itoa(int(e.Seq)), err
			})
		})
}

// refreshPeople sets an error when the person has gone off duty since the
// popup opened, because nothing here applies to someone off duty.
func (p *personPopup) refreshPeople(data *peopleData) {
	it := data.byID[p.staffID]
	if p.gone || (it != nil && it.on) {
		return
	}

	p.gone = true
	p.err = incident.SanitizeLine(p.staffID) + " is no longer on duty: someone checked them out since you looked. Press esc."
}

func (p *personPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before := p.focused().input.Value()
	cmd, outcome := p.handle(msg)

	if p.err != "" && !p.gone && p.focused().input.Value() != before {
		p.err = ""
	}

	return cmd, outcome
}

func (p *personPopup) submit() tea.Cmd {
	values := make([]string, len(p.fields))

	for i, f := range p.fields {
		values[i] = strings.TrimSpace(f.input.Value())
		if f.required && values[i] == "" {
			p.err = f.label + " is missing."
			p.focusOn(i)

			return nil
		}
	}

	p.err, p.saving = "", true

	return p.save(values)
}

func (p *personPopup) dirty() bool { return p.fieldSet.dirty() }

func (p *personPopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), p.cols)
}

func (p *personPopup) view(st themes.Styles, width, height int) string {
	intro := make([]string, 0, len(p.intro))
	for _, line := range p.intro {
		if line != "" {
			intro = append(intro, st.Subtle.Render(line))
		}
	}

	return popupFrame(st, width, height, p.title, intro, p.lines(st, popupInner(width), p.cols), &p.popupBase, p.keys)
}
