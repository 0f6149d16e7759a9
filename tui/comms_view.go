package tui

import (
	"strconv"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// The symbols before each message status, one cell wide like those of the
// board.
var messageSymbols = map[incident.MessageStatus]string{
	incident.MessageReceived:     "←",
	incident.MessageDraft:        "○",
	incident.MessageApproved:     "◆",
	incident.MessageSent:         "→",
	incident.MessageAcknowledged: "✓",
}

// messageStatusLabel returns a message status as its symbol and word.
func messageStatusLabel(s incident.MessageStatus) string {
	sym := messageSymbols[s]
	if sym == "" {
		sym = "·"
	}

	return sym + " " + incident.SanitizeLine(string(s))
}

// commsView draws the comms view: the filter line, the notification
// duties counting down, the column names and the messages that fit, or
// one message's detail. It reads only the rows on screen.
func (m Model) commsView() string {
	l, c, st := m.layout, &m.commsList, m.styles

	lines := make([]string, 0, l.BodyHeight)
	lines = append(lines, m.commsFilterLine())

	switch {
	case c.detail != nil:
		lines = append(lines, c.detail.visible()...)
	case m.commsErr != nil && m.comms == nil:
		lines = append(lines, "", st.Error.Render("Could not read messages: "+incident.SanitizeLine(m.commsErr.Error())))
	case m.comms == nil:
		lines = append(lines, "", st.Subtle.Render("Reading messages…"))
	default:
		lines = append(lines, m.dutyLines()...)

		switch {
		case len(m.comms.messages) == 0:
			lines = append(lines, "", st.Subtle.Render("No messages yet. Press t to log one going out or coming in."))
		case len(c.visible) == 0:
			lines = append(lines, "", st.Subtle.Render("No messages match these filters. Press x to clear them."))
		default:
			lines = append(lines, m.messagesHeader())
			for i := c.cur.offset; i < len(c.visible) && i < c.cur.offset+c.height; i++ {
				lines = append(lines, m.messageRow(c.visible[i], i == c.cur.cursor))
			}
		}
	}

	return block(lines, l.Width, l.BodyHeight)
}

// dutyLines draws the notification duties, most urgent first, each with
// its state in words and colour. When more duties exist than lines, the
// last line counts the rest.
func (m Model) dutyLines() []string {
	c, st, now := &m.commsList, m.styles, m.now
	duties := m.comms.deadlines[:c.dutyRows]

	more := len(m.comms.deadlines) - c.dutyRows
	if more > 0 {
		duties = duties[:len(duties)-1]
		more++
	}

	lines := make([]string, 0, c.dutyRows)
	for _, it := range duties {
		d := it.d
		line := "  " + st.Base.Render(fit(it.name, c.duty.Name)) + " "

		if c.duty.Audience > 0 {
			line += st.Subtle.Render(fit(incident.SanitizeLine(string(d.Audience)), c.duty.Audience)) + " "
		}

		line += st.Deadline(d.State(now)).Render(fitWords(deadlineWords(d, now, m.opts.Zone), c.duty.State))
		lines = append(lines, line)
	}

	if more > 0 {
		lines = append(lines, st.Subtle.Render("  +"+itoa(more)+" more notification duties: D lists those not started"))
	}

	return lines
}

func (m Model) messagesHeader() string {
	c := m.commsList.cols
	cells := []string{fit("", c.Marker) + fit("msg", c.Label), fit("dir", c.Dir), fit("status", c.Status), fit("audience", c.Audience)}

	for _, col := range []struct {
		name  string
		width int
	}{{"channel", c.Channel}, {"counterpart", c.Counterpart}, {"summary", c.Summary}, {"by", c.Approver}} {
		if col.width > 0 {
			cells = append(cells, fit(col.name, col.width))
		}
	}

	return m.styles.Subtle.Render(strings.Join(cells, " "))
}

// messageRow draws one message on one line.
func (m Model) messageRow(it *messageItem, selected bool) string {
	st, c, msg := m.styles, m.commsList.cols, &it.msg
	gap := segment{text: " "}

	marker := "  "
	if selected {
		marker = "› "
	}

	segs := []segment{
		{text: marker, style: st.Accent},
		{text: fit(it.label, c.Label), style: st.Heading}, gap,
		{text: fit(it.direction, c.Dir), style: st.Subtle}, gap,
		{text: fit(messageStatusLabel(msg.Status), c.Status), style: st.MessageStatus(msg.Status)}, gap,
		{text: fit(audienceWord(msg.Audience), c.Audience), style: st.Base}, gap,
	}

	if c.Channel > 0 {
		segs = append(segs, segment{text: fit(it.channel, c.Channel), style: st.Subtle}, gap)
	}

	if c.Counterpart > 0 {
		segs = append(segs, segment{text: fit(it.counterpart, c.Counterpart), style: st.Base}, gap)
	}

	segs = append(segs, segment{text: fit(it.summary, c.Summary), style: st.Base})

	if c.Approver > 0 {
		approver, style := it.approver, st.Subtle
		if approver == "" {
			approver = "–"
		}

		segs = append(segs, gap, segment{text: fit(approver, c.Approver), style: style})
	}

	return renderSegments(segs, st, selected)
}

// audienceWord returns the audience in the list's narrow column: "public"
// for patients and public and "GPs" for GP practices, else its name.
func audienceWord(a incident.Audience) string {
	switch a {
	case incident.AudiencePublic:
		return "public"
	case incident.AudienceGPs:
		return "GPs"
	}

	return incident.SanitizeLine(string(a))
}

// commsFilterLine shows the filters, how many messages show, and how many
// wait for approval or sending.
func (m Model) commsFilterLine() string {
	c, st := &m.commsList, m.styles

	if c.detail != nil {
		return st.Subtle.Render("Message detail · esc back to the messages")
	}

	status := "any"
	if c.status != "" {
		status = string(c.status)
	}

	left := st.Subtle.Render("status ") + st.Accent.Render(status) + st.Subtle.Render(" · ")

	switch {
	case c.searching:
		left += c.search.View()
	case c.text != "":
		left += st.Subtle.Render("text ") + st.Accent.Render(strconv.Quote(c.search.Value()))
	default:
		left += st.Subtle.Render("/ to search")
	}

	if m.comms == nil {
		return left
	}

	right := groupThousands(len(m.comms.messages)) + " messages"
	if len(m.comms.messages) == 1 {
		right = "1 message"
	}

	if c.filtered() {
		right = groupThousands(len(c.visible)) + " of " + right
	}

	if n := m.comms.awaiting; n > 0 {
		right += st.Subtle.Render(" · ") + st.MessageStatus(incident.MessageDraft).Render(groupThousands(n)+" to approve")
	}

	if n := m.comms.toSend; n > 0 {
		right += st.Subtle.Render(" · ") + st.MessageStatus(incident.MessageApproved).Render(groupThousands(n)+" to send")
	}

	return spread(left, right, m.layout.Width)
}
