package tui

import (
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// deadlinePopup starts the clock of a notification duty: which duty, when
// the trust became aware of what starts it, and why. The service logs it
// as a decision. Every duty is listed, but those already started cannot
// be chosen, and none is chosen for the user.
type deadlinePopup struct {
	popupBase
	fieldSet

	duties []incident.Deadline // in the service's order, which starting a clock does not change
	zone   *time.Location
	now    func() time.Time

	save func(which, name string, aware time.Time, rationale, late string) tea.Cmd
}

// The deadline fields, in tab order.
const (
	deadlineDuty = iota
	deadlineAware
	deadlineRationale
	deadlineLate
)

const deadlineLabelCols = 15 // "› Late reason" and a space

func (m *Model) openDeadlinePopup() tea.Cmd {
	if m.comms == nil {
		m.setFlash("The notification duties are still being read", true)

		return nil
	}

	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()

	p := &deadlinePopup{
		popupBase: popupBase{id: id},
		zone:      m.opts.Zone,
		now:       m.opts.Now,
		save: func(which, name string, aware time.Time, rationale, late string) tea.Cmd {
			return writeComms(id, "start the clock for "+name, func() (string, error) {
				d, err := svc.StartDeadline(ctx, actor, ref, which, aware, rationale, late)

				text := "Clock started for " + incident.SanitizeLine(d.Name) + ": report to " + incident.SanitizeLine(string(d.Audience))
				if d.ASAP() {
					return text + " as soon as possible", err
				}

				return text + " within " + hoursMinutes(d.Within), err
			})
		},
	}

	p.fields = []*popupField{
		{label: "Duty", required: true, kind: inputList, choice: -1, initial: -1},
		typedField("Aware at", "now, 14:32, -2h or 2026-06-11 09:00", false),
		typedField("Rationale", "why the duty applies, for the decision log", true),
		typedField("Late reason", "only when aware more than 10m ago", false),
	}

	p.fields[deadlineAware].hint = p.awareHint
	p.fields[deadlineAware].checkHint()
	p.setDuties(m.comms)
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(deadlineDuty)
}

// setDuties lists every duty in data, marking those started as taken.
func (p *deadlinePopup) setDuties(data *commsData) {
	now := p.now()
	f := p.fields[deadlineDuty]

	p.duties = make([]incident.Deadline, len(data.listed))
	f.options = make([]string, len(data.listed))
	f.disabled = make([]bool, len(data.listed))

	for i, it := range data.listed {
		d := it.d
		p.duties[i] = d

		within := "as soon as possible"
		if !d.ASAP() {
			within = "within " + hoursMinutes(d.Within)
		}

		f.options[i] = it.name + ", " + within

		if d.Started() {
			f.disabled[i] = true
			f.options[i] = it.name + ": " + deadlineWords(d, now, p.zone)[0]
		}
	}
}

// chosen returns the duty chosen and true, or false when none is.
func (p *deadlinePopup) chosen() (incident.Deadline, bool) {
	i := p.fields[deadlineDuty].choice
	if i < 0 || i >= len(p.duties) {
		return incident.Deadline{}, false
	}

	return p.duties[i], true
}

// refreshComms marks duties started since the popup opened. When the
// chosen one is among them the choice is cleared.
func (p *deadlinePopup) refreshComms(data *commsData) {
	chosen, had := p.chosen()
	p.setDuties(data)
	p.fields[deadlineDuty].choice = -1

	if !had {
		return
	}

	for i, d := range p.duties {
		if d.Name != chosen.Name {
			continue
		}

		if d.Started() {
			p.err = "Someone started the clock for " + incident.SanitizeLine(d.Name) + " since you looked."

			return
		}

		p.fields[deadlineDuty].choice = i
	}
}

// awareHint returns what a typed awareness time means, and whether the
// entry will need a late reason.
func (p *deadlinePopup) awareHint(value string) (string, bool) {
	if strings.TrimSpace(value) == "" {
		return "empty means now", false
	}

	now := p.now()

	at, err := incident.ParseTime(value, now, p.zone)
	if err != nil {
		return incident.SanitizeLine(err.Error()), true
	}

	text := "→ " + clockOrDate(at, now, p.zone)
	if now.Sub(at) > incident.LateAfter {
		text += "; over " + incident.FormatDuration(incident.LateAfter) + " ago: give a late reason"
	}

	return text, false
}

func (p *deadlinePopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	if k, ok := msg.(tea.KeyPressMsg); ok && p.focus == deadlineDuty {
		if i, isDigit := digitIndex(k.String()); isDigit && i < len(p.duties) && p.duties[i].Started() {
			p.err = "The clock for " + incident.SanitizeLine(p.duties[i].Name) + " is already running or done: choose another duty."

			return nil, outcomeNone
		}
	}

	before, choice := p.focused().input.Value(), p.fields[deadlineDuty].choice
	cmd, outcome := p.handle(msg)

	if p.err != "" && (p.focused().input.Value() != before || p.fields[deadlineDuty].choice != choice) {
		p.err = ""
	}

	return cmd, outcome
}

func (p *deadlinePopup) submit() tea.Cmd {
	d, ok := p.chosen()
	if !ok {
		p.err = "Choose a duty: ↑/↓ or its number."
		p.focusOn(deadlineDuty)

		return nil
	}

	var aware time.Time
	if value := strings.TrimSpace(p.fields[deadlineAware].input.Value()); value != "" {
		at, err := incident.ParseTime(value, p.now(), p.zone)
		if err != nil {
			p.err = "Aware at: " + incident.SanitizeLine(err.Error())
			p.focusOn(deadlineAware)

			return nil
		}

		aware = at
	}

	rationale := strings.TrimSpace(p.fields[deadlineRationale].input.Value())
	if rationale == "" {
		p.err = "Rationale is missing: say why the duty applies, such as why it counts as a personal-data breach."
		p.focusOn(deadlineRationale)

		return nil
	}

	// Duties not yet stored have no id, so the service finds them by name.
	which := d.Name
	if d.ID != 0 {
		which = strconv.FormatInt(d.ID, 10)
	}

	p.err, p.saving = "", true

	return p.save(which, d.Name, aware, rationale, strings.TrimSpace(p.fields[deadlineLate].input.Value()))
}

func (p *deadlinePopup) dirty() bool { return p.fieldSet.dirty() }

func (p *deadlinePopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), deadlineLabelCols)
}

func (p *deadlinePopup) view(st themes.Styles, width, height int) string {
	intro := []string{st.Subtle.Render("Recorded as a decision in your name.")}

	return popupFrame(st, width, height, "Start a notification deadline clock", intro, p.lines(st, popupInner(width), deadlineLabelCols),
		&p.popupBase, "ctrl+s start · esc cancel · ↑/↓ or digit duty · tab next")
}
