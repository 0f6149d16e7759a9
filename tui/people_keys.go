package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// handlePeopleKey moves through the people, changes the filters, runs the
// roll call or opens a popup about the selected person.
func (m *Model) handlePeopleKey(msg tea.KeyPressMsg) tea.Cmd {
	p, k := &m.peopleList, m.keys.People

	if p.detail != nil {
		return m.handlePersonPaneKey(msg)
	}

	if moved := m.moveInList(msg, k.listKeys, &p.cur, len(p.visible), p.height); moved {
		if it := p.at(p.cur.cursor); it != nil {
			p.selected = it.member.ID
		}

		return nil
	}

	switch {
	case key.Matches(msg, k.OnDuty):
		p.onDutyOnly = !p.onDutyOnly
		m.rebuildPeople()

		return nil
	case key.Matches(msg, k.Clear):
		p.onDutyOnly, p.text = false, ""
		p.search.SetValue("")
		m.rebuildPeople()

		return nil
	case key.Matches(msg, k.Search):
		p.searching = true

		return p.search.Focus()
	case key.Matches(msg, k.RollCall) && m.people != nil && m.people.open == nil:
		return m.confirmRollCallStart()
	case key.Matches(msg, k.CloseRoll):
		return m.confirmRollCallClose()
	}

	it := p.at(p.cur.cursor)
	if it == nil {
		return nil
	}

	if key.Matches(msg, k.Open) {
		p.detail = &personPane{id: it.member.ID}
		m.renderPersonDetail()

		return nil
	}

	return m.actOnPerson(msg, it)
}

// actOnPerson opens the popup a key requests about it, or marks it in the
// open roll call.
func (m *Model) actOnPerson(msg tea.KeyPressMsg, it *personItem) tea.Cmd {
	k := m.keys.People

	switch {
	case key.Matches(msg, k.CheckIn) && it.on:
		return m.openCheckOutPopup(it)
	case key.Matches(msg, k.CheckIn):
		return m.openCheckInPopup(it)
	case key.Matches(msg, k.Welfare) && !it.on:
		m.setFlash(it.id+" is not on duty: welfare checks are for people on duty", true)
	case key.Matches(msg, k.Welfare):
		return m.openWelfarePopup(it)
	case key.Matches(msg, k.Rest) && !it.on:
		m.setFlash(it.id+" is not on duty, so there is no rest to decide", true)
	case key.Matches(msg, k.Rest):
		return m.openRestPopup(it)
	case key.Matches(msg, k.RollCall):
		return m.markRollCall(it, true)
	case key.Matches(msg, k.Missing):
		return m.markRollCall(it, false)
	}

	return nil
}

// handlePersonPaneKey scrolls or closes a person's detail. The keys that
// act on the person work there too.
func (m *Model) handlePersonPaneKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.peopleList.detail

	if m.scrollPane(msg, &p.pane) {
		return nil
	}

	if key.Matches(msg, m.keys.Pane.Close) {
		m.peopleList.detail = nil

		return nil
	}

	if m.people == nil {
		return nil
	}

	if it := m.people.byID[p.id]; it != nil {
		return m.actOnPerson(msg, it)
	}

	return nil
}

func (m *Model) rebuildPeople() {
	if m.people != nil {
		m.peopleList.rebuild(m.people, m.layout, m.now)
	}
}

// confirmRollCallStart requests a confirmation before starting a roll
// call, giving how many people it covers.
func (m *Model) confirmRollCallStart() tea.Cmd {
	n := len(m.people.onDuty)
	if n == 0 {
		m.setFlash("Nobody is on duty: check people in with c first", true)

		return nil
	}

	num := len(m.people.people.Calls) + 1
	m.dialog = &dialog{
		question: "Start roll call " + itoa(num) + " for the " + groupThousands(n) + " on duty? Then r marks each one here and M missing.",
		onYes:    actionStartRollCall,
	}

	return nil
}

// confirmRollCallClose requests a confirmation before closing the open
// roll call, naming who is still missing.
func (m *Model) confirmRollCallClose() tea.Cmd {
	if m.people == nil || m.people.open == nil {
		m.setFlash("No roll call is open: r starts one", true)

		return nil
	}

	question := "Close roll call " + itoa(int(m.people.open.Num)) + " with everyone accounted for?"
	if missing := m.people.missing; len(missing) > 0 {
		question = "Close roll call " + itoa(int(m.people.open.Num)) + " with " + itoa(len(missing)) + " not accounted for (" +
			truncate(strings.Join(missing, ", "), 60) + ")? They are recorded as MISSING."
	}

	m.dialog = &dialog{question: question, onYes: actionCloseRollCall}

	return nil
}

func (m *Model) startRollCall() tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref

	return writePeople(0, "start a roll call", func() (string, error) {
		rc, err := svc.StartRollCall(ctx, actor, ref)

		return "Roll call " + strconv.FormatInt(rc.Num, 10) + " started: " + itoa(len(rc.Expected)) + " to account for", err
	})
}

func (m *Model) closeRollCall() tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref

	return writePeople(0, "close the roll call", func() (string, error) {
		rc, err := svc.CloseRollCall(ctx, actor, ref)
		text := "Roll call " + strconv.FormatInt(rc.Num, 10) + " closed"

		if missing := rc.Missing(); len(missing) > 0 {
			text += ": MISSING " + incident.SanitizeLine(strings.Join(missing, ", "))
		}

		return text, err
	})
}

// markRollCall marks it as accounted for or not in the open roll call.
func (m *Model) markRollCall(it *personItem, accounted bool) tea.Cmd {
	if m.people == nil || m.people.open == nil {
		m.setFlash("No roll call is open: r on a list without one starts it", true)

		return nil
	}

	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id, label := it.member.ID, it.id

	word := "accounted for"
	if !accounted {
		word = "MISSING"
	}

	return writePeople(0, "mark "+label+" in the roll call", func() (string, error) {
		rc, err := svc.MarkRollCall(ctx, actor, ref, id, accounted, "")

		return "Roll call " + strconv.FormatInt(rc.Num, 10) + ": " + label + " " + word, err
	})
}

// handlePeopleSearchKey edits the people's text filter.
func (m *Model) handlePeopleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	p := &m.peopleList

	done, cleared := m.searchBoxKey(msg, &p.search, &p.searching)
	if cleared {
		p.text = ""
		m.rebuildPeople()
	}

	if done {
		return nil
	}

	return m.updatePeopleSearch(msg)
}

func (m *Model) updatePeopleSearch(msg tea.Msg) tea.Cmd {
	p := &m.peopleList

	var cmd tea.Cmd
	p.search, cmd = p.search.Update(msg)

	if text := strings.ToLower(strings.TrimSpace(p.search.Value())); text != p.text {
		p.text = text
		m.rebuildPeople()
	}

	return cmd
}
