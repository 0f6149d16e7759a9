package tui

import (
	"sort"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// messageItem is one message with what the comms view shows of it worked
// out once per read, inside the Cmd that read it.
type messageItem struct {
	msg incident.Message

	label, counterpart, summary, approver string // sanitised, on one line
	channel, direction                    string // sanitised
	search                                string // lower-case label, counterpart, audience, channel and summary
}

// deadlineItem is one notification duty prepared for display.
type deadlineItem struct {
	d    incident.Deadline
	name string // sanitised
}

// commsData is one read of the incident's messages, notification duties
// and saved sitreps.
type commsData struct {
	messages []*messageItem // newest first
	byNum    map[int64]*messageItem

	// deadlines contains every duty in the order the comms view lists
	// them: those running as soon as possible, those running with a due
	// time (soonest first), those not started, and those met.
	deadlines []*deadlineItem

	// listed contains every duty in the service's order, which does not
	// change as clocks start, so that a duty keeps its number in a list.
	listed []*deadlineItem

	// timed contains the running duties with a due time, soonest first,
	// so that the missed ones lead. asap contains the running ones
	// without a due time.
	timed []*deadlineItem
	asap  []*deadlineItem

	sitreps    int
	lastSitrep *incident.SitrepRecord // nil before the first is saved

	labelWidth int // widest message label
	awaiting   int // outbound drafts awaiting approval
	toSend     int // approved and not yet sent
}

// newCommsData prepares what loadComms read. It runs inside that Cmd.
func newCommsData(msgs []incident.Message, deadlines []incident.Deadline, sitreps []incident.SitrepRecord) *commsData {
	c := &commsData{byNum: make(map[int64]*messageItem, len(msgs)), sitreps: len(sitreps)}

	c.messages = make([]*messageItem, len(msgs))
	for i, m := range msgs {
		it := newMessageItem(m)
		c.messages[i] = it
		c.byNum[m.Num] = it
		c.labelWidth = max(c.labelWidth, len(it.label))

		switch {
		case m.Direction == incident.Outbound && m.Status == incident.MessageDraft:
			c.awaiting++
		case m.Status == incident.MessageApproved:
			c.toSend++
		}
	}

	sort.SliceStable(c.messages, func(i, j int) bool { return c.messages[i].msg.Num > c.messages[j].msg.Num })

	var waiting, met []*deadlineItem
	for _, d := range deadlines {
		it := &deadlineItem{d: d, name: incident.SanitizeLine(d.Name)}
		c.listed = append(c.listed, it)

		switch {
		case d.Met():
			met = append(met, it)
		case !d.Started():
			waiting = append(waiting, it)
		case d.ASAP():
			c.asap = append(c.asap, it)
		default:
			c.timed = append(c.timed, it)
		}
	}

	sort.SliceStable(c.timed, func(i, j int) bool { return c.timed[i].d.Due().Before(c.timed[j].d.Due()) })
	sort.SliceStable(met, func(i, j int) bool { return met[i].d.MetAt.Before(met[j].d.MetAt) })

	c.deadlines = append(append(append(append(c.deadlines, c.asap...), c.timed...), waiting...), met...)

	if n := len(sitreps); n > 0 {
		c.lastSitrep = &sitreps[n-1]
	}

	return c
}

func newMessageItem(m incident.Message) *messageItem {
	it := &messageItem{
		msg:         m,
		label:       m.Label(),
		counterpart: incident.SanitizeLine(m.Counterpart),
		summary:     incident.SanitizeLine(m.Summary),
		approver:    incident.SanitizeLine(m.ApprovedBy),
		channel:     incident.SanitizeLine(string(m.Channel)),
		direction:   incident.SanitizeLine(string(m.Direction)),
	}

	it.search = strings.ToLower(strings.Join([]string{
		it.label, it.counterpart, incident.SanitizeLine(string(m.Audience)), it.channel, it.summary,
	}, "\x00"))

	return it
}

// urgent returns the duty the status bar counts down: the first missed
// one, else one running as soon as possible, else the one due soonest.
// It returns nil when no clock is running.
func (c *commsData) urgent(now time.Time) *deadlineItem {
	switch {
	case len(c.timed) > 0 && c.timed[0].d.State(now) == incident.DeadlineMissed:
		return c.timed[0]
	case len(c.asap) > 0:
		return c.asap[0]
	case len(c.timed) > 0:
		return c.timed[0]
	}

	return nil
}

// missedAt returns how many running duties are past their due time at
// now: the first so many of timed.
func (c *commsData) missedAt(now time.Time) int {
	return sort.Search(len(c.timed), func(i int) bool { return !now.After(c.timed[i].d.Due()) })
}
