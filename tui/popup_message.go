package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// messagePopup logs a message: one going out as a draft for approval, or
// one coming in. The audience is typed, never chosen for the user, because
// it decides who may approve the message.
type messagePopup struct {
	popupBase
	fieldSet

	save func(in incident.NewMessage) tea.Cmd
}

// The message fields, in tab order.
const (
	messageDirection = iota
	messageChannel
	messageAudience
	messageCounterpart
	messageSummary
)

const messageLabelCols = 15 // "› Counterpart" and a space

// messageDirections are the directions the popup offers, in its order.
var messageDirections = []incident.Direction{incident.Outbound, incident.Inbound}

func (m *Model) openMessagePopup() tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()

	p := &messagePopup{popupBase: popupBase{id: id}}
	p.save = func(in incident.NewMessage) tea.Cmd {
		return func() tea.Msg {
			out, err := svc.AddMessage(ctx, actor, ref, in)

			done := out.Label() + " drafted to " + incident.SanitizeLine(string(out.Audience)) + ": it needs approval (A) before it is sent"
			if in.Direction == incident.Inbound {
				done = out.Label() + " from " + incident.SanitizeLine(string(out.Audience)) + " logged"
			}

			return writtenMsg{popup: id, action: "log the message", done: done, area: areaComms, selectNum: out.Num, err: err}
		}
	}

	channels := make([]string, len(incident.Channels))
	for i, c := range incident.Channels {
		channels[i] = string(c)
	}

	p.fields = []*popupField{
		{label: "Direction", kind: inputChoice, options: []string{"out: a draft to approve and send", "in: received"}},
		{label: "Channel", kind: inputChoice, options: channels},
		typedField("Audience", "press, public, ICO, NCSC, NHSE, staff, GP…", true),
		typedField("Counterpart", "who, such as the ICO duty desk", false),
		typedField("Summary", "what it says", true),
	}

	p.fields[messageAudience].hint = audienceHint
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(messageDirection)
}

// audienceHint returns which audience a typed name means and who must
// approve a message to it, or why it cannot be read.
func audienceHint(value string) (string, bool) {
	if strings.TrimSpace(value) == "" {
		return "", false
	}

	a, err := incident.ParseAudience(value)
	if err != nil {
		return incident.SanitizeLine(err.Error()), true
	}

	if a.PublicFacing() {
		return "→ " + audienceWord(a) + "; only gold approves it", false
	}

	return "→ " + audienceWord(a) + "; gold or silver approves it", false
}

func (p *messagePopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before := p.focused().input.Value()
	cmd, outcome := p.handle(msg)

	if p.err != "" && p.focused().input.Value() != before {
		p.err = ""
	}

	return cmd, outcome
}

func (p *messagePopup) submit() tea.Cmd {
	audience, err := incident.ParseAudience(p.fields[messageAudience].input.Value())
	if err != nil {
		p.err = "Audience: " + incident.SanitizeLine(err.Error())
		p.focusOn(messageAudience)

		return nil
	}

	summary := strings.TrimSpace(p.fields[messageSummary].input.Value())
	if summary == "" {
		p.err = "Summary is missing: say what the message says."
		p.focusOn(messageSummary)

		return nil
	}

	p.err, p.saving = "", true

	return p.save(incident.NewMessage{
		Direction:   messageDirections[p.fields[messageDirection].choice],
		Channel:     incident.Channels[p.fields[messageChannel].choice],
		Audience:    audience,
		Counterpart: strings.TrimSpace(p.fields[messageCounterpart].input.Value()),
		Summary:     summary,
	})
}

func (p *messagePopup) dirty() bool { return p.fieldSet.dirty() }

func (p *messagePopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), messageLabelCols)
}

func (p *messagePopup) view(st themes.Styles, width, height int) string {
	intro := []string{st.Subtle.Render("Logging it writes a comms entry in the timeline.")}

	return popupFrame(st, width, height, "New message", intro, p.lines(st, popupInner(width), messageLabelCols), &p.popupBase,
		"ctrl+s log · esc cancel · tab next · ←/→ direction, channel")
}
