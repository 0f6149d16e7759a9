package tui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// gatePopup signs one check of a system's reinfection gate. It offers the
// checks not yet signed in the current outage.
type gatePopup struct {
	popupBase
	fieldSet

	system   incident.System
	unsigned []incident.GateCheck

	save func(check incident.GateCheck, note string) tea.Cmd
}

// openGatePopup opens the gate check for the selected system, or shows in
// the footer why there is nothing to sign.
func (m *Model) openGatePopup(it *systemItem) tea.Cmd {
	row := it.row

	switch {
	case row.State.OutSince.IsZero():
		m.setFlash(it.id+" is "+statusWord(row.State.Status)+": its gate is signed on the way back, once it is out of service", true)

		return nil
	case len(row.Gate.Missing()) == 0:
		m.setFlash("All "+itoa(len(incident.GateChecks))+" gate checks of "+it.id+" are signed", false)

		return nil
	}

	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()
	systemID := row.ID

	p := &gatePopup{
		popupBase: popupBase{id: id},
		system:    row.System,
		save: func(check incident.GateCheck, note string) tea.Cmd {
			return signGate(ctx, svc, actor, ref, id, systemID, check, note)
		},
	}

	note := typedField("Note", "what was checked, such as the backup hash", true)
	p.fields = []*popupField{{label: "Check", required: true, kind: inputList}, note}
	p.setUnsigned(row.Gate.Missing())
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(0)
}

// setUnsigned offers the checks in missing, keeping the one chosen when
// it is still among them.
func (p *gatePopup) setUnsigned(missing []incident.GateCheck) {
	var chosen incident.GateCheck
	if len(p.unsigned) > 0 {
		chosen = p.unsigned[p.fields[0].choice]
	}

	p.unsigned = missing

	options := make([]string, len(missing))
	for i, c := range missing {
		options[i] = string(c) + ": " + c.Describe()
	}

	f := p.fields[0]
	f.options, f.choice = options, max(0, slices.Index(missing, chosen))
}

// refresh drops checks that someone else has signed since the popup
// opened, saying so when one of them was the chosen check.
func (p *gatePopup) refresh(data *containment) {
	it := data.byID[p.system.ID]
	if it == nil {
		return
	}

	missing := it.row.Gate.Missing()
	if slices.Equal(missing, p.unsigned) {
		return
	}

	if len(p.unsigned) > 0 {
		chosen := p.unsigned[p.fields[0].choice]
		if sig, signed := it.row.Gate.Signed[chosen]; signed {
			p.err = incident.SanitizeLine(sig.SignedBy) + " signed " + string(chosen) + " since you looked."
		}
	}

	if len(missing) == 0 {
		p.err = "Every gate check of " + incident.SanitizeLine(p.system.ID) + " is now signed. Press esc."
		p.unsigned = nil
		p.fields[0].options, p.fields[0].choice = nil, 0

		return
	}

	p.setUnsigned(missing)
}

func (p *gatePopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before := p.fields[1].input.Value()
	cmd, outcome := p.handle(msg)

	if p.err != "" && p.fields[1].input.Value() != before {
		p.err = ""
	}

	return cmd, outcome
}

func (p *gatePopup) submit() tea.Cmd {
	if len(p.unsigned) == 0 {
		p.err = "Every gate check is signed: there is nothing left to sign."

		return nil
	}

	note := strings.TrimSpace(p.fields[1].input.Value())
	if note == "" {
		p.err = "Note is missing: say what was checked, for example the backup hash that matched."
		p.focusOn(1)

		return nil
	}

	p.err, p.saving = "", true

	return p.save(p.unsigned[p.fields[0].choice], note)
}

func (p *gatePopup) dirty() bool {
	return strings.TrimSpace(p.fields[1].input.Value()) != ""
}

func (p *gatePopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), statusLabelCols)
}

func (p *gatePopup) view(st themes.Styles, width, height int) string {
	title := "Sign a gate check for " + incident.SanitizeLine(p.system.ID)
	signed := len(incident.GateChecks) - len(p.unsigned)
	intro := []string{st.Subtle.Render(itoa(signed) + " of " + itoa(len(incident.GateChecks)) + " checks signed; you sign as yourself")}

	return popupFrame(st, width, height, title, intro, p.lines(st, popupInner(width), statusLabelCols), &p.popupBase,
		"ctrl+s sign · esc cancel · ↑/↓ check · tab note")
}
