package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// writeForMsg is a loggist's choice of the commander they write for; id
// "" means nobody.
type writeForMsg struct {
	popup int
	id    string
}

// openWriteForPopup lets a loggist choose the commander whose decisions
// and actions they record. The service checks the choice on every write.
func (m *Model) openWriteForPopup() tea.Cmd {
	a := m.opts.Actor
	if a.Access != incident.AccessLoggist {
		m.setFlash("Only a loggist writes for a commander; you write as yourself", true)

		return nil
	}

	cmd := m.openOwnerPopup(incident.Task{})
	p := m.popup.(*ownerPopup)

	now := "Writing as yourself"
	if a.ForID != "" {
		now = "Writing for " + incident.SanitizeLine(a.ForName) + " (" + incident.SanitizeLine(a.ForID) + ")"
	}

	p.pick = &staffPick{
		title:  "Write for a commander",
		intro:  "Your entries will name them as decision maker, at their level, and you as author.",
		now:    now,
		verb:   "choose",
		nobody: "nobody: write as yourself",
		only:   func(s incident.StaffMember) bool { return s.Access == incident.AccessCommander },
	}

	id := p.id
	p.save = func(staffID string) tea.Cmd {
		return func() tea.Msg { return writeForMsg{popup: id, id: staffID} }
	}

	p.match()

	return cmd
}

func (m *Model) handleWriteFor(msg writeForMsg) tea.Cmd {
	if m.popupFor(msg.popup) != nil {
		m.popup = nil
	}

	a := &m.opts.Actor
	a.ForID, a.ForName, a.ForLevel = "", "", ""

	if msg.id == "" {
		m.setFlash("Writing as yourself", false)

		return nil
	}

	if m.cont == nil {
		return nil
	}

	for _, s := range m.cont.staff {
		if s.ID == msg.id {
			a.ForID, a.ForName, a.ForLevel = s.ID, s.Name, s.Level
		}
	}

	m.setFlash("Writing for "+incident.SanitizeLine(a.ForName)+" ("+incident.SanitizeLine(a.ForID)+"), "+levelWord(a.ForLevel), false)

	return nil
}

// readOnlyText returns why the user cannot write and what to do.
func readOnlyText(a incident.Actor) string {
	if a.Access == incident.AccessObserver {
		return "You are an observer: you may read but not write"
	}

	return incident.SanitizeLine(a.ID) + " is not on the staff roster, so may read but not write: start sitroom with --as STAFF_ID"
}
