package tui

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// personPane is the whole of one person, scrollable, in place of the
// people list.
type personPane struct {
	pane

	id string
}

// renderPersonDetail lays the open person detail out again: when it
// opens, on resize and when the people are read again.
func (m *Model) renderPersonDetail() {
	p := m.peopleList.detail
	if p == nil || m.people == nil || m.layout.TooSmall {
		return
	}

	height := m.layout.BodyHeight - filterRows
	it := m.people.byID[p.id]

	if it == nil {
		p.setLines([]string{"", m.styles.Warning.Render(incident.SanitizeLine(p.id) + " is no longer on the roster.")}, height)

		return
	}

	st, zone, now := m.styles, m.opts.Zone, m.now
	w := &detailWriter{st: st, width: m.layout.Width}
	mem := it.member

	w.add(st.Heading.Render(personLabel(mem))+"  "+st.Level(mem.Level).Render(levelWord(mem.Level)), "")
	w.field("Role", it.role)
	w.field("Team", it.team)
	w.field("Phone", incident.SanitizeLine(mem.Phone))
	w.field("Base", incident.SanitizeLine(mem.Location))

	if mem.OnCall {
		w.field("On call", "yes")
	}

	w.add("")

	if !it.on {
		w.field("On duty", "no; "+itoa(it.spells)+" earlier spells in this incident. Press c to check them in.")
		p.setLines(w.lines, height)

		return
	}

	d := it.duty
	words, alert := dutyWords(it, now)
	interval := m.people.people.Welfare

	w.field("On duty since", fullTime(d.OnSince, zone))
	w.field("Time on duty", st.Duty(alert).Render(words[0]))
	w.field("Location", incident.SanitizeLine(d.Location))
	w.field("Contact", string(d.Route)+" "+incident.SanitizeLine(d.Contact))
	w.field("Last welfare", fullTime(d.LastWelfare, zone))

	due := "due " + fullTime(d.WelfareDue(interval), zone) + ", every " + incident.FormatDuration(interval)
	if d.WelfareOverdue(now, interval) {
		due = st.Overdue.Render("OVERDUE by "+shortDuration(now.Sub(d.WelfareDue(interval)))) + "; " + due
	}

	w.field("Next welfare", due)

	if d.RestSeq != 0 {
		w.field("Rest decision", "entry #"+itoa(int(d.RestSeq)))
	}

	if rc := m.people.open; rc != nil && m.people.expected[mem.ID] {
		mark, _ := m.rollCallMark(it)
		w.field("Roll call "+itoa(int(rc.Num)), strings.TrimSpace(mark))
	}

	w.add("", st.Subtle.Render("c check out · w welfare check · R rest decision · esc back"))
	p.setLines(w.lines, height)
}
