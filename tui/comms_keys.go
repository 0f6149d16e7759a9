package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// handleCommsKey moves through the messages, changes the filters, or acts
// on the selected message.
func (m *Model) handleCommsKey(msg tea.KeyPressMsg) tea.Cmd {
	c, k := &m.commsList, m.keys.Comms

	if c.detail != nil {
		return m.handleMessagePaneKey(msg)
	}

	if moved := m.moveInList(msg, k.listKeys, &c.cur, len(c.visible), c.height); moved {
		if it := c.at(c.cur.cursor); it != nil {
			c.selected = it.msg.Num
		}

		return nil
	}

	switch {
	case key.Matches(msg, k.Status):
		c.status = cycle(messageStatuses, c.status, 1, true)
		m.rebuildComms()

		return nil
	case key.Matches(msg, k.Clear):
		c.status, c.text = "", ""
		c.search.SetValue("")
		m.rebuildComms()

		return nil
	case key.Matches(msg, k.Search):
		c.searching = true

		return c.search.Focus()
	case key.Matches(msg, k.New):
		return m.openMessagePopup()
	case key.Matches(msg, k.Deadline):
		return m.openDeadlinePopup()
	}

	it := c.at(c.cur.cursor)
	if it == nil {
		return nil
	}

	if key.Matches(msg, k.Open) {
		c.detail = &messagePane{num: it.msg.Num}
		m.renderMessageDetail()

		return nil
	}

	return m.actOnMessage(msg, it.msg)
}

// actOnMessage approves, sends or acknowledges msg as shown. Approving and
// sending request a confirmation naming the message, because each speaks
// for the trust. The service then decides who may do it.
func (m *Model) actOnMessage(msg tea.KeyPressMsg, mess incident.Message) tea.Cmd {
	k := m.keys.Comms
	label := mess.Label() + " to " + incident.SanitizeLine(string(mess.Audience))
	summary := truncate(incident.SanitizeLine(mess.Summary), 60)

	switch {
	case key.Matches(msg, k.Approve) && mess.Status != incident.MessageDraft:
		m.setFlash(mess.Label()+" is "+incident.SanitizeLine(string(mess.Status))+": only a draft going out is approved", true)
	case key.Matches(msg, k.Approve):
		m.pending = pendingChange{message: mess}
		m.dialog = &dialog{question: "Approve " + label + ": " + summary + "?", onYes: actionApproveMessage}
	case key.Matches(msg, k.Send) && mess.Status == incident.MessageDraft:
		m.setFlash(mess.Label()+" is a draft: it is approved (A) before it is sent", true)
	case key.Matches(msg, k.Send) && mess.Status != incident.MessageApproved:
		m.setFlash(mess.Label()+" is "+incident.SanitizeLine(string(mess.Status))+": only an approved message is sent", true)
	case key.Matches(msg, k.Send):
		m.pending = pendingChange{message: mess}
		m.dialog = &dialog{question: "Record " + label + " as sent by " + incident.SanitizeLine(string(mess.Channel)) + ": " + summary + "?", onYes: actionSendMessage}
	case key.Matches(msg, k.Ack):
		return m.acknowledgeMessage(mess)
	}

	return nil
}

func (m *Model) approveMessage(mess incident.Message) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	num, label := mess.Num, mess.Label()

	return writeComms(0, "approve "+label, func() (string, error) {
		out, err := svc.ApproveMessage(ctx, actor, ref, num)

		return label + " to " + incident.SanitizeLine(string(out.Audience)) + " approved", err
	})
}

func (m *Model) sendMessage(mess incident.Message) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	num, label := mess.Num, mess.Label()

	return writeComms(0, "send "+label, func() (string, error) {
		out, met, err := svc.SendMessage(ctx, actor, ref, num, 0)

		return sentText(out, met), err
	})
}

func (m *Model) acknowledgeMessage(mess incident.Message) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	num, label := mess.Num, mess.Label()

	return writeComms(0, "record "+label+" as acknowledged", func() (string, error) {
		_, err := svc.AcknowledgeMessage(ctx, actor, ref, num)

		return label + " acknowledged", err
	})
}

// handleMessagePaneKey scrolls or closes a message's detail. The keys
// that act on the message work there too.
func (m *Model) handleMessagePaneKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.commsList.detail

	if m.scrollPane(msg, &p.pane) {
		return nil
	}

	if key.Matches(msg, m.keys.Pane.Close) {
		m.commsList.detail = nil

		return nil
	}

	if m.comms == nil {
		return nil
	}

	if it := m.comms.byNum[p.num]; it != nil {
		return m.actOnMessage(msg, it.msg)
	}

	return nil
}

func (m *Model) rebuildComms() {
	if m.comms != nil {
		m.commsList.rebuild(m.comms, m.layout)
	}
}

// handleCommsSearchKey edits the messages' text filter.
func (m *Model) handleCommsSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	c := &m.commsList

	done, cleared := m.searchBoxKey(msg, &c.search, &c.searching)
	if cleared {
		c.text = ""
		m.rebuildComms()
	}

	if done {
		return nil
	}

	return m.updateCommsSearch(msg)
}

func (m *Model) updateCommsSearch(msg tea.Msg) tea.Cmd {
	c := &m.commsList

	var cmd tea.Cmd
	c.search, cmd = c.search.Update(msg)

	if text := strings.ToLower(strings.TrimSpace(c.search.Value())); text != c.text {
		c.text = text
		m.rebuildComms()
	}

	return cmd
}
