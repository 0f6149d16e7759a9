package tui

import (
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// row is one timeline entry with what the list shows of it worked out once,
// when it arrives, so that drawing a screen costs the same however long the
// timeline is.
type row struct {
	entry incident.Entry

	line   string // text on one line, sanitised
	maker  string // decision maker, sanitised
	search string // lower-case text, rationale and people, for the text filter
	clock  string // occurred time as HH:MM in the display zone
	day    int32  // occurred date in the display zone as yyyymmdd, for date rows

	// drawn is the row as the timeline list last drew it, and drawnFor
	// what it was drawn for, so that a screen redrawn for a clock tick or
	// another session's change reuses rows that have not changed.
	drawn    string
	drawnFor drawKey
}

// drawKey is everything a timeline row's drawing depends on besides the
// entry itself.
type drawKey struct {
	cols     columns
	selected bool
	setGen   int // entrySet.gen: corrections and the sequence number width
	styleGen int // Model.styleGen: the theme
}

// newRow prepares e for display in zone. It runs inside the Cmd that read
// e, so Update only has to place it.
func newRow(e incident.Entry, zone *time.Location) *row {
	local := e.OccurredAt.In(zone)
	y, m, d := local.Date()

	r := &row{
		entry: e,
		line:  incident.SanitizeLine(e.Text),
		maker: incident.SanitizeLine(e.DecisionMaker),
		clock: local.Format("15:04"),
		day:   int32(y*10000 + int(m)*100 + d),
	}

	r.search = strings.ToLower(r.line + "\x00" + incident.SanitizeLine(e.Rationale) + "\x00" + r.maker + "\x00" + e.Author)

	return r
}

// before orders rows by occurred time, then by sequence number, which is
// the timeline's reading order.
func (r *row) before(o *row) bool {
	if !r.entry.OccurredAt.Equal(o.entry.OccurredAt) {
		return r.entry.OccurredAt.Before(o.entry.OccurredAt)
	}

	return r.entry.Seq < o.entry.Seq
}

// recordedAfter orders rows newest recorded first, for the dashboard.
func (r *row) recordedAfter(o *row) bool {
	if !r.entry.RecordedAt.Equal(o.entry.RecordedAt) {
		return r.entry.RecordedAt.After(o.entry.RecordedAt)
	}

	return r.entry.Seq > o.entry.Seq
}

// dayLabel writes a yyyymmdd day as "Thu 11 Jun 2026".
func dayLabel(day int32, zone *time.Location) string {
	y, m, d := int(day/10000), time.Month(day/100%100), int(day%100)

	return time.Date(y, m, d, 12, 0, 0, 0, zone).Format("Mon 2 Jan 2006")
}
