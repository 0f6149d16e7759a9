package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// gatePopup signs one check of a system's reinfection gate. It lists all
// six checks, numbered 1 to 6 in GateChecks order whatever is signed, so
// that a number means the same check before and after each signature.
// Signed checks show who signed them and when, and cannot be chosen.
type gatePopup struct {
	popupBase
	fieldSet

	system incident.System
	signed map[incident.GateCheck]incident.GateSignature
	zone   *time.Location
	now    func() time.Time

	save func(check incident.GateCheck, note string) tea.Cmd
}

// The gate popup's fields.
const (
	gateCheckField = iota
	gateNoteField
)

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
		zone:      m.opts.Zone,
		now:       m.opts.Now,
		save: func(check incident.GateCheck, note string) tea.Cmd {
			return signGate(ctx, svc, actor, ref, id, systemID, check, note)
		},
	}

	note := typedField("Note", "what was checked, such as the backup hash", true)
	p.fields = []*popupField{{label: "Check", required: true, kind: inputList, choice: -1, initial: -1}, note}
	p.setSigned(row.Gate.Signed)
	p.fields[gateCheckField].choice = p.firstUnsigned()
	p.fields[gateCheckField].initial = p.fields[gateCheckField].choice
	p.showChosen()
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(gateCheckField)
}

// setSigned lists every check, marking those in signed as taken.
func (p *gatePopup) setSigned(signed map[incident.GateCheck]incident.GateSignature) {
	p.signed = signed

	f := p.fields[gateCheckField]
	f.options = make([]string, len(incident.GateChecks))
	f.disabled = make([]bool, len(incident.GateChecks))

	for i, c := range incident.GateChecks {
		sig, done := signed[c]
		if !done {
			f.options[i] = string(c) + ": " + c.Describe()

			continue
		}

		f.disabled[i] = true
		f.options[i] = string(c) + ": signed by " + incident.SanitizeLine(sig.SignedBy) + ", " + clockOrDate(sig.SignedAt, p.now(), p.zone)
	}
}

// firstUnsigned returns the index of the first check not signed, or -1.
func (p *gatePopup) firstUnsigned() int {
	for i, c := range incident.GateChecks {
		if _, done := p.signed[c]; !done {
			return i
		}
	}

	return -1
}

// chosen returns the chosen check, or "" when none is.
func (p *gatePopup) chosen() incident.GateCheck {
	i := p.fields[gateCheckField].choice
	if i < 0 || i >= len(incident.GateChecks) {
		return ""
	}

	return incident.GateChecks[i]
}

// showChosen names the chosen check under the note, so that the user sees
// which check the note is for while typing it.
func (p *gatePopup) showChosen() {
	note := p.fields[gateNoteField]

	i := p.fields[gateCheckField].choice
	if i < 0 {
		note.hintText, note.hintErr = "for no check yet: choose one above", true

		return
	}

	note.hintText, note.hintErr = "for check "+itoa(i+1)+" "+string(incident.GateChecks[i]), false
}

// refresh marks checks that someone else has signed since the popup
// opened. When one of them was the chosen check, the choice is cleared, so
// that the note is never signed against a check the user did not choose.
func (p *gatePopup) refresh(data *containment) {
	it := data.byID[p.system.ID]
	if it == nil {
		return
	}

	signed := it.row.Gate.Signed
	if sameSignatures(signed, p.signed) {
		return
	}

	chosen := p.chosen()
	p.setSigned(signed)

	if sig, taken := signed[chosen]; chosen != "" && taken {
		p.err = incident.SanitizeLine(sig.SignedBy) + " signed " + string(chosen) + " since you looked. Choose another check for your note."
		p.fields[gateCheckField].choice = -1
	}

	if p.firstUnsigned() < 0 {
		p.err = "Every gate check of " + incident.SanitizeLine(p.system.ID) + " is now signed. Press esc."
	}

	p.showChosen()
}

// sameSignatures reports whether a and b sign the same checks.
func sameSignatures(a, b map[incident.GateCheck]incident.GateSignature) bool {
	if len(a) != len(b) {
		return false
	}

	for c := range a {
		if _, ok := b[c]; !ok {
			return false
		}
	}

	return true
}

func (p *gatePopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	if k, ok := msg.(tea.KeyPressMsg); ok && p.focus == gateCheckField {
		if i, isDigit := digitIndex(k.String()); isDigit && i < len(incident.GateChecks) {
			if sig, taken := p.signed[incident.GateChecks[i]]; taken {
				p.err = itoa(i+1) + " " + string(incident.GateChecks[i]) + " is already signed by " +
					incident.SanitizeLine(sig.SignedBy) + ": choose a check that is not."

				return nil, outcomeNone
			}
		}
	}

	before, choice := p.fields[gateNoteField].input.Value(), p.fields[gateCheckField].choice
	cmd, outcome := p.handle(msg)

	if p.err != "" && (p.fields[gateNoteField].input.Value() != before || p.fields[gateCheckField].choice != choice) {
		p.err = ""
	}

	p.showChosen()

	return cmd, outcome
}

// digitIndex returns the option a digit key 1 to 9 chooses, counted from 0.
func digitIndex(key string) (int, bool) {
	if len(key) == 1 && key[0] >= '1' && key[0] <= '9' {
		return int(key[0] - '1'), true
	}

	return 0, false
}

func (p *gatePopup) submit() tea.Cmd {
	if p.firstUnsigned() < 0 {
		p.err = "Every gate check is signed: there is nothing left to sign."

		return nil
	}

	check := p.chosen()
	if check == "" {
		p.err = "Choose a check: ↑/↓ or its number, 1 to 6."
		p.focusOn(gateCheckField)

		return nil
	}

	note := strings.TrimSpace(p.fields[gateNoteField].input.Value())
	if note == "" {
		p.err = "Note is missing: say what was checked for " + string(check) + ", for example the backup hash that matched."
		p.focusOn(gateNoteField)

		return nil
	}

	p.err, p.saving = "", true

	return p.save(check, note)
}

func (p *gatePopup) dirty() bool {
	return strings.TrimSpace(p.fields[gateNoteField].input.Value()) != ""
}

func (p *gatePopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), statusLabelCols)
}

func (p *gatePopup) view(st themes.Styles, width, height int) string {
	title := "Sign a gate check for " + incident.SanitizeLine(p.system.ID)
	intro := []string{st.Subtle.Render(itoa(len(p.signed)) + " of " + itoa(len(incident.GateChecks)) + " checks signed; you sign as yourself")}

	return popupFrame(st, width, height, title, intro, p.lines(st, popupInner(width), statusLabelCols), &p.popupBase,
		"ctrl+s sign · esc cancel · ↑/↓ or 1-6 check · tab note")
}
