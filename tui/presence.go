package tui

import (
	"context"
	"log/slog"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// presenceMsg carries the consoles open on the incident.
type presenceMsg struct {
	list []incident.Presence
	err  error
}

func loadPresence(ctx context.Context, svc Service, incidentID int64) tea.Cmd {
	return func() tea.Msg {
		list, err := svc.Present(ctx, incidentID)

		return presenceMsg{list: list, err: err}
	}
}

func (m *Model) handlePresence(msg presenceMsg) tea.Cmd {
	if msg.err != nil {
		slog.Warn("console: read presence", "incident", m.inc.Ref, "err", msg.err)

		return nil
	}

	m.present, m.presentRead = msg.list, true

	return nil
}

// presentPerson is one person on the presence line, however many consoles
// they have open.
type presentPerson struct {
	label  string
	level  incident.Level
	access incident.Access
	you    bool
}

// presentPeople returns each person connected once, most senior level
// first, then in the order they joined.
func (m Model) presentPeople() []presentPerson {
	connected := incident.Connected(m.present)
	out := make([]presentPerson, 0, len(connected))

	for _, p := range connected {
		label := incident.SanitizeLine(p.Name)
		if label == "" {
			label = incident.SanitizeLine(p.StaffID)
		}

		out = append(out, presentPerson{label: label, level: p.Level, access: p.Access, you: p.StaffID == m.opts.Actor.ID})
	}

	return out
}

// presenceLine draws who is connected now as "Here 4: Siân
// Pritchard-Evans gold · Marcus Delacroix-Bennett silver · …", giving "+N
// more" for those that do not fit in the width.
func (m Model) presenceLine() string {
	st, w := m.styles, m.layout.Width

	if !m.presentRead {
		return truncate(st.Subtle.Render("Here: reading who is connected…"), w)
	}

	people := m.presentPeople()
	head := st.Subtle.Render("Here " + strconv.Itoa(len(people)) + ": ")

	if len(people) == 0 {
		return truncate(head+st.Subtle.Render("nobody else"), w)
	}

	line := head
	for i, p := range people {
		part := st.Base.Render(p.label) + " " + st.Level(p.level).Render(presenceRole(p))
		if p.you {
			part += st.Subtle.Render(" (you)")
		}

		if i > 0 {
			part = st.Subtle.Render(" · ") + part
		}

		more := ""
		if rest := len(people) - i - 1; rest > 0 {
			more = st.Subtle.Render(" · +" + strconv.Itoa(rest) + " more")
		}

		if ansi.StringWidth(line+part+more) > w {
			return truncate(line+st.Subtle.Render(" · +"+strconv.Itoa(len(people)-i)+" more"), w)
		}

		line += part
	}

	return line
}

// presenceRole is the word after a name: the command level, or the access
// role for those without one.
func presenceRole(p presentPerson) string {
	if p.level != "" && p.level != incident.LevelNone {
		return levelWord(p.level)
	}

	if p.access != "" {
		return string(p.access)
	}

	return "no level"
}
