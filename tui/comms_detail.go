package tui

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// messagePane is the whole of one message, scrollable, in place of the
// list.
type messagePane struct {
	pane

	num int64
}

// renderMessageDetail lays the open message detail out again: when it
// opens, on resize and when the messages are read again.
func (m *Model) renderMessageDetail() {
	p := m.commsList.detail
	if p == nil || m.comms == nil || m.layout.TooSmall {
		return
	}

	height := m.layout.BodyHeight - filterRows
	it := m.comms.byNum[p.num]

	if it == nil {
		p.setLines([]string{"", m.styles.Warning.Render("M-" + itoa(int(p.num)) + " is no longer in this incident.")}, height)

		return
	}

	st, zone, msg := m.styles, m.opts.Zone, &it.msg
	w := &detailWriter{st: st, width: m.layout.Width}
	names := func(id string) string {
		if m.people != nil {
			return m.people.person(id)
		}

		return incident.SanitizeLine(id)
	}

	w.add(st.Heading.Render(it.label)+"  "+st.MessageStatus(msg.Status).Render(messageStatusLabel(msg.Status)), "")
	w.field("Direction", it.direction)
	w.field("Channel", it.channel)
	w.field("Audience", incident.SanitizeLine(string(msg.Audience)))
	w.field("Counterpart", it.counterpart)
	w.field("Logged", dateTime(msg.CreatedAt, zone)+" by "+names(msg.CreatedBy))

	if msg.ApprovedBy != "" {
		w.field("Approved", dateTime(msg.ApprovedAt, zone)+" by "+names(msg.ApprovedBy)+", "+levelWord(msg.ApproverLevel))
	} else if msg.Direction == incident.Outbound && msg.Audience.PublicFacing() {
		w.field("Approval", "a gold commander must approve it, because it speaks for the trust in public")
	}

	if !msg.SentAt.IsZero() {
		w.field("Sent", dateTime(msg.SentAt, zone)+" by "+names(msg.SentBy))
	}

	if !msg.AcknowledgedAt.IsZero() {
		w.field("Acknowledged", dateTime(msg.AcknowledgedAt, zone))
	}

	if msg.DeadlineID != 0 {
		for _, d := range m.comms.deadlines {
			if d.d.ID == msg.DeadlineID {
				w.field("Meets", d.name)
			}
		}
	}

	w.add("", st.Heading.Render("Summary"))
	for _, line := range strings.Split(incident.Sanitize(msg.Summary), "\n") {
		w.indented(0, line, st.Base)
	}

	p.setLines(w.lines, height)
}
