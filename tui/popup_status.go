package tui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// statusPopup changes one system's containment status. It offers only the
// statuses the state machine allows from the one shown, and saves with
// that status as StatusChange.Expect, so a change someone else made in
// between is reported instead of overwritten.
type statusPopup struct {
	popupBase
	fieldSet

	system  incident.System
	expect  incident.SystemStatus // the status the user saw, sent as Expect
	allowed []incident.SystemStatus
	me      string // the user's staff id, to tell their own earlier change from someone else's
	changed string // who changed the system since the popup opened, kept until it closes

	save func(ch incident.StatusChange) tea.Cmd
}

const statusLabelCols = 14 // "› New status *"

// openStatusPopup opens the status change for the selected system.
func (m *Model) openStatusPopup(it *systemItem) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()

	p := &statusPopup{
		popupBase: popupBase{id: id},
		system:    it.row.System,
		me:        actor.ID,
		save: func(ch incident.StatusChange) tea.Cmd {
			return saveStatus(ctx, svc, actor, ref, id, ch)
		},
	}

	reason := typedField("Reason", "why, for the timeline", true)
	// Nothing is chosen at first: a status saved by pressing ctrl+s at once
	// would be one the user never picked.
	p.fields = []*popupField{{label: "New status", required: true, kind: inputList, choice: -1, initial: -1}, reason}
	p.setExpect(it.row.State.Status)
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(0)
}

// setExpect offers the statuses allowed from status, keeping the one
// chosen when it is still allowed and otherwise choosing none.
func (p *statusPopup) setExpect(status incident.SystemStatus) {
	chosen := p.chosen()

	p.expect = status
	p.allowed = incident.NextStatuses(status)

	options := make([]string, len(p.allowed))
	for i, s := range p.allowed {
		options[i] = systemStatusLabel(s)
	}

	f := p.fields[0]
	f.options, f.choice = options, slices.Index(p.allowed, chosen)
}

// chosen returns the status chosen, or "" when none is.
func (p *statusPopup) chosen() incident.SystemStatus {
	i := p.fields[0].choice
	if i < 0 || i >= len(p.allowed) {
		return ""
	}

	return p.allowed[i]
}

// refresh sets an error naming who changed the system since the popup
// opened, and offers what is allowed from its new status.
func (p *statusPopup) refresh(data *containment) {
	it := data.byID[p.system.ID]
	if it == nil || it.row.State.Status == p.expect {
		return
	}

	st, id := it.row.State, incident.SanitizeLine(p.system.ID)

	switch who := incident.SanitizeLine(st.ChangedBy); {
	case who == p.me:
		// A change of the user's own that was still being read when this
		// opened.
		p.changed = id + " is now " + statusWord(st.Status) + " after your last change."
	case who == "":
		p.changed = "Someone changed " + id + " to " + statusWord(st.Status) + " since you looked."
	default:
		p.changed = who + " changed " + id + " to " + statusWord(st.Status) + " since you looked."
	}

	p.err = p.changed + " Choose again from what is allowed now."

	// The numbers now mean other statuses, so the user chooses again,
	// with the focus on the choice and the reason kept as typed.
	p.setExpect(st.Status)
	p.fields[0].choice = -1
	_ = p.focusOn(0) // a choice field needs no cursor blink
}

func (p *statusPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before, choice := p.fields[1].input.Value(), p.fields[0].choice
	cmd, outcome := p.handle(msg)

	if p.err != "" && (p.fields[1].input.Value() != before || p.fields[0].choice != choice) {
		p.err = "" // typing a reason or choosing clears what was missing
	}

	return cmd, outcome
}

func (p *statusPopup) submit() tea.Cmd {
	if len(p.allowed) == 0 {
		p.err = "No status change is allowed from " + statusWord(p.expect) + "."

		return nil
	}

	to := p.chosen()
	if to == "" {
		p.err = strings.TrimSpace(p.changed + " Choose a status: ↑/↓ or its number, then ctrl+s.")
		p.focusOn(0)

		return nil
	}

	reason := strings.TrimSpace(p.fields[1].input.Value())
	if reason == "" {
		p.err = "Reason is missing: say why the status changes, for the timeline."
		p.focusOn(1)

		return nil
	}

	p.err, p.saving = "", true

	return p.save(incident.StatusChange{
		SystemID: p.system.ID, To: to, Reason: reason, Expect: p.expect,
	})
}

func (p *statusPopup) dirty() bool {
	return strings.TrimSpace(p.fields[1].input.Value()) != ""
}

func (p *statusPopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), statusLabelCols)
}

func (p *statusPopup) view(st themes.Styles, width, height int) string {
	inner := popupInner(width)
	title := "Change status of " + incident.SanitizeLine(p.system.ID)
	intro := []string{
		st.Subtle.Render(incident.SanitizeLine(p.system.Name)),
		st.Base.Render("Now ") + st.SystemStatus(p.expect).Render(systemStatusLabel(p.expect)),
	}

	body := p.lines(st, inner, statusLabelCols)

	return popupFrame(st, width, height, title, intro, body, &p.popupBase, "ctrl+s save · esc cancel · ↑/↓ status · tab reason")
}

// nextPopupID numbers popups so that a reply can tell whether the popup
// that sent the request is still open.
func (m *Model) nextPopupID() int {
	m.popupSeq++

	return m.popupSeq
}
