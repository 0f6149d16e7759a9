package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// messageStatuses are the values the comms status filter cycles through,
// after "" (any status).
var messageStatuses = []incident.MessageStatus{
	incident.MessageDraft, incident.MessageApproved, incident.MessageSent, incident.MessageAcknowledged, incident.MessageReceived,
}

// commsList is the comms view's state: its filters, cursor, columns and
// the detail pane. The messages themselves live in the root's commsData.
type commsList struct {
	status incident.MessageStatus // "" for any
	text   string                 // lower case

	search    textinput.Model
	searching bool

	// visible contains the messages that pass the filters, newest first,
	// rebuilt when the data or a filter changes, never while drawing.
	visible []*messageItem
	cur     listCursor

	// dutyRows is how many notification duties show above the messages,
	// and height how many message rows fit below them.
	dutyRows int
	height   int

	// selected is the number of the selected message, which stays
	// selected across reads and filters that keep it.
	selected int64

	cols   messageColumns
	duty   dutyColumns
	detail *messagePane
}

func newCommsList() commsList {
	search := textinput.New()
	search.Prompt = "/"
	search.Placeholder = "summary, counterpart, audience or channel"
	search.CharLimit = 200

	return commsList{search: search}
}

func (c *commsList) applyStyles(st themes.Styles) {
	c.search.SetStyles(textInputStyles(st))
}

func (c *commsList) filtered() bool { return c.status != "" || c.text != "" }

func (c *commsList) match(it *messageItem) bool {
	if c.status != "" && it.msg.Status != c.status {
		return false
	}

	return c.text == "" || strings.Contains(it.search, c.text)
}

// rebuild filters data again and keeps the same message selected, or the
// row at the same position when it is gone.
func (c *commsList) rebuild(data *commsData, l layout) {
	visible := make([]*messageItem, 0, len(data.messages))
	for _, it := range data.messages {
		if c.match(it) {
			visible = append(visible, it)
		}
	}

	c.visible = visible
	c.fit(data, l)

	at := c.cur.cursor
	if i := slices.IndexFunc(visible, func(it *messageItem) bool { return it.msg.Num == c.selected }); i >= 0 {
		at = i
	}

	c.moveTo(at)
}

// fit sets the columns, the duty lines and the list's height for the
// layout and data.
func (c *commsList) fit(data *commsData, l layout) {
	labelWidth, duties := 0, 0
	if data != nil {
		labelWidth, duties = data.labelWidth, len(data.deadlines)
		c.duty = newDutyColumns(l.Width, data.deadlines)
	}

	c.dutyRows = min(duties, l.CommsDeadlineRows)
	c.height = l.CommsListHeight - c.dutyRows
	c.cols = newMessageColumns(l.Width, labelWidth)
}

// moveTo selects visible row i and remembers its message.
func (c *commsList) moveTo(i int) {
	c.cur.moveTo(i, len(c.visible), c.height)

	if it := c.at(c.cur.cursor); it != nil {
		c.selected = it.msg.Num
	}
}

// at returns visible row i, or nil.
func (c *commsList) at(i int) *messageItem {
	if i < 0 || i >= len(c.visible) {
		return nil
	}

	return c.visible[i]
}

func (c *commsList) resize(data *commsData, l layout) {
	c.search.SetWidth(max(10, l.Width-50))
	c.fit(data, l)
	c.cur.ensureVisible(len(c.visible), c.height)
}

// messageColumns are the widths of the message list's columns. A width of
// 0 hides its column.
type messageColumns struct {
	Marker, Label, Dir, Status, Audience, Channel, Counterpart, Summary, Approver int
}

// Message column widths and the widths from which the optional ones show.
const (
	dirCols           = 3  // "out"
	messageStatusCols = 14 // "✓ acknowledged"
	audienceCols      = 11 // "NHS England"
	channelCols       = 13 // "messaging app"
	counterpartCols   = 16
	approverCols      = 6
	approverFrom      = 80
	channelFrom       = 100
)

func newMessageColumns(width, labelWidth int) messageColumns {
	c := messageColumns{
		Marker: markerCols, Label: max(len("M-1"), labelWidth), Dir: dirCols, Status: messageStatusCols, Audience: audienceCols,
	}

	if width >= approverFrom {
		c.Approver = approverCols
	}

	if width >= channelFrom {
		c.Channel, c.Counterpart = channelCols, counterpartCols
	}

	used := c.Marker + c.Label + gapCols
	for _, w := range []int{c.Dir, c.Status, c.Audience, c.Channel, c.Counterpart, c.Approver} {
		if w > 0 {
			used += w + gapCols
		}
	}

	c.Summary = max(0, width-used)

	return c
}

// dutyColumns are the widths of the notification duty lines above the
// messages: the duty's name, its audience (from 80 columns) and its state.
type dutyColumns struct {
	Name, Audience, State int
}

func newDutyColumns(width int, duties []*deadlineItem) dutyColumns {
	longest := 0
	for _, d := range duties {
		longest = max(longest, ansi.StringWidth(d.name))
	}

	c := dutyColumns{Name: min(longest, width/2-markerCols)}
	if width >= approverFrom {
		c.Audience = audienceCols
	}

	c.State = width - markerCols - c.Name - gapCols
	if c.Audience > 0 {
		c.State -= c.Audience + gapCols
	}

	return c
}
