package tui

import (
	"log/slog"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// peopleRefresher is a popup that checks a new read of the people picture
// against what it was opened with, such as a person someone else has
// checked in since.
type peopleRefresher interface {
	refreshPeople(data *peopleData)
}

// commsRefresher is the same for messages and notification duties.
type commsRefresher interface {
	refreshComms(data *commsData)
}

// refreshPeople starts a read of the people picture, or notes that one
// must follow the read that is running.
func (m *Model) refreshPeople() tea.Cmd {
	gen, ok := m.peopleRead.begin()
	if !ok {
		return nil
	}

	return loadPeople(m.opts.Context, m.opts.Service, m.inc.Ref, gen)
}

// refreshComms starts a read of messages, duties and sitreps.
func (m *Model) refreshComms() tea.Cmd {
	gen, ok := m.commsRead.begin()
	if !ok {
		return nil
	}

	return loadComms(m.opts.Context, m.opts.Service, m.inc.Ref, m.inc.ID, gen)
}

// handlePeople swaps in a new read of the people picture, keeping the
// selection, the filters and any popup with what was typed in it.
func (m *Model) handlePeople(msg peopleMsg) tea.Cmd {
	latest, again := m.peopleRead.end(msg.generation)
	if !latest {
		return nil
	}

	var next tea.Cmd
	if again {
		next = m.refreshPeople()
	}

	if msg.err != nil {
		slog.Error("console: read people", "incident", m.inc.Ref, "err", msg.err)
		m.peopleErr = msg.err
		m.setFlash("Could not read who is on duty: "+incident.SanitizeLine(msg.err.Error()), true)

		return next
	}

	m.peopleErr = nil
	m.people = msg.data
	m.peopleList.rebuild(m.people, m.layout, m.now)
	m.renderPersonDetail()

	if r, ok := m.popup.(peopleRefresher); ok {
		r.refreshPeople(m.people)
	}

	return next
}

// tickPeople follows the clock in the people view: the duty column widens
// when someone passes incident.DutyRestAfter, and an open person detail
// shows their hours moving on.
func (m *Model) tickPeople() {
	if m.people == nil {
		return
	}

	if wide := m.people.onDutyLongerAt(m.now, incident.DutyRestAfter) > 0; wide != m.peopleList.restWide {
		m.peopleList.restWide = wide
		m.peopleList.fit(m.people, m.layout)
	}

	if m.peopleList.detail != nil {
		m.renderPersonDetail()
	}
}

// handleComms swaps in a new read of messages, duties and sitreps.
func (m *Model) handleComms(msg commsMsg) tea.Cmd {
	latest, again := m.commsRead.end(msg.generation)
	if !latest {
		return nil
	}

	var next tea.Cmd
	if again {
		next = m.refreshComms()
	}

	if msg.err != nil {
		slog.Error("console: read comms", "incident", m.inc.Ref, "err", msg.err)
		m.commsErr = msg.err
		m.setFlash("Could not read messages: "+incident.SanitizeLine(msg.err.Error()), true)

		return next
	}

	m.commsErr = nil
	m.comms = msg.data
	m.commsList.rebuild(m.comms, m.layout)
	m.renderMessageDetail()

	if r, ok := m.popup.(commsRefresher); ok {
		r.refreshComms(m.comms)
	}

	return next
}

// handleWritten closes the popup after a write and reads again what it
// changed, or shows why the service refused it.
func (m *Model) handleWritten(msg writtenMsg) tea.Cmd {
	if msg.err != nil {
		slog.Info("console: change refused", "incident", m.inc.Ref, "action", msg.action, "actor", m.opts.Actor.ID, "err", msg.err)
		m.showRefusal(msg.popup, msg.action, msg.err)

		// What the user saw may be out of date, which is often why.
		return m.refreshArea(msg.area)
	}

	slog.Info("console: changed", "incident", m.inc.Ref, "action", msg.action, "actor", m.opts.Actor.ID)

	if m.popupFor(msg.popup) != nil {
		m.popup = nil
	}

	m.setFlash(msg.done, false)

	if msg.selectNum != 0 {
		m.commsList.selected = msg.selectNum
	}

	return tea.Batch(m.refreshArea(msg.area), m.fetchNew(), m.refreshDashboard(), m.sitrepStale())
}

func (m *Model) refreshArea(area writeArea) tea.Cmd {
	if area == areaComms {
		return m.refreshComms()
	}

	return m.refreshPeople()
}

// showRefusal shows why the service rejected a change, in the popup that
// sent it with what was typed kept. Without that popup it shows a notice
// that stays until a key closes it, because a reason such as "only a gold
// commander can approve a message to press" is too long for the footer
// and must not be missed.
func (m *Model) showRefusal(id int, action string, err error) {
	text := rejectionText(err)

	if p := m.popupFor(id); p != nil {
		p.base().saving = false
		p.base().err = text

		return
	}

	if m.dialog != nil {
		m.setFlash("Could not "+action+": "+text, true)

		return
	}

	m.dialog = &dialog{question: "Could not " + action + ": " + text, notice: true}
}

// applyPeopleComms carries out a confirmed change of the people, comms or
// sitrep views.
func (m *Model) applyPeopleComms(a action) tea.Cmd {
	p := m.pending
	m.pending = pendingChange{}

	switch a {
	case actionStartRollCall:
		return m.startRollCall()
	case actionCloseRollCall:
		return m.closeRollCall()
	case actionApproveMessage:
		return m.approveMessage(p.message)
	case actionSendMessage:
		return m.sendMessage(p.message)
	case actionSaveSitrep:
		return m.saveSitrepNow()
	}

	return nil
}
