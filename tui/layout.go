package tui

// MinWidth and MinHeight are the smallest terminal the console draws in.
// Below them the whole screen gives the size the terminal must have.
const (
	MinWidth  = 60
	MinHeight = 20
)

// Fixed parts of the screen, in rows or columns.
const (
	statusRows = 2 // incident line, then clocks and identity

	// presenceFrom is the height from which a third status line lists who
	// is connected; below it the first line gives only their number.
	presenceFrom = 24
	footerRows   = 1 // tabs, messages and key hints

	filterRows = 1 // the filter line of the timeline, the board and the tasks
	stickyRows = 1 // the date of the top row, above the timeline's list
	headerRows = 1 // column names above the board's and the tasks' lists

	markerCols = 2  // "› " before the selected row
	timeCols   = 5  // HH:MM
	seqCols    = 7  // "#" and up to six digits
	levelCols  = 6  // "silver", the longest level word
	kindCols   = 11 // "observation" and "containment", the longest kind words
	gapCols    = 1  // between columns

	wideWidth       = 100 // from here the decision maker gets a wider column
	makerCols       = 8   // decision maker id from 80 columns
	makerWide       = 12  // decision maker id from wideWidth
	makerFrom       = 80  // narrower than this, the list drops the decision maker
	labelCols       = 15  // form labels
	reasonLabelCols = 25  // "› Reason for correction *", the one longer label
	statusCell      = 19  // one containment status and its count on the dashboard
	lateMax         = 3   // late entries listed on the dashboard
	textMin         = 3   // rows of the entry text box in the form
	textMax         = 8
	reasonRows      = 2 // rows of the rationale box
)

// layout holds every size the views draw with, computed once per resize.
type layout struct {
	Width, Height int
	TooSmall      bool

	StatusHeight int  // status bar rows: statusRows, and the presence line when shown
	PresenceLine bool // the status bar has room for a line of who is connected

	BodyHeight int // between the status bar and the footer

	// Timeline.
	ListHeight int // entry and date-change rows below the sticky date
	Columns    columns

	// Systems board and tasks: rows below the filter line and the column
	// names. Their columns also depend on the data, so boardList and
	// taskList compute them.
	BoardListHeight int
	TaskListHeight  int

	// People: rows below the filter line and the column names, before a
	// roll call line takes one. Comms: at most CommsDeadlineRows duties
	// above the messages, whose list has CommsListHeight rows less the
	// duties shown.
	PeopleListHeight  int
	CommsDeadlineRows int
	CommsListHeight   int

	// Sitrep: the rows of the report below its form.
	SitrepHeight int

	// Dashboard.
	StatusColumns int // containment statuses per row
	StatusRows    int
	DashBlanks    int // blank lines between the dashboard's sections, 0 to 3
	LatestRows    int
	LateShown     bool // the late entries have a section; else their count joins the latest's heading
	LateRows      int

	// New-entry form.
	InputWidth int
	TextRows   int
}

// columns are the widths of the timeline's columns. A zero width hides a
// column.
type columns struct {
	Marker, Time, Seq, Level, Kind, Maker, Text int
}

// dashboardFixedRows are the dashboard's rows that do not depend on the
// size: four incident lines, the headings of the systems and the latest
// entries, the containment lines (RTO breaches, next RTOs, overdue tasks,
// gate overrides) and the people and comms lines (on duty, deadlines,
// sitrep).
const dashboardFixedRows = 4 + 2 + containRows + peopleCommsRows

// peopleCommsRows are the dashboard's lines about people and comms.
const peopleCommsRows = 3

// containRows are the dashboard's lines about containment.
const containRows = 4

// dashBlanksMax are the blank lines between the dashboard's sections when
// there is room: after the incident, before the latest entries and before
// the late ones.
const dashBlanksMax = 3

// formFixedRows are the form's rows besides the two text boxes: heading,
// kind, level, options, occurred, two for its parsed value, late reason or
// reason for correction, blank, two for an error, and the keys. A time that
// cannot be read takes a third row under the occurred field, and then the
// blank row and the keys give way if needed (see entryForm.view).
const formFixedRows = 12

func newLayout(width, height int) layout {
	l := layout{Width: width, Height: height}
	if width < MinWidth || height < MinHeight {
		l.TooSmall = true

		return l
	}

	l.PresenceLine = height >= presenceFrom
	l.StatusHeight = statusRows
	if l.PresenceLine {
		l.StatusHeight++
	}

	l.BodyHeight = height - l.StatusHeight - footerRows
	l.ListHeight = l.BodyHeight - filterRows - stickyRows
	l.Columns = newColumns(width)
	l.BoardListHeight = l.BodyHeight - filterRows - headerRows
	l.TaskListHeight = l.BodyHeight - filterRows - headerRows

	l.StatusColumns = max(1, width/statusCell)
	l.StatusRows = (8 + l.StatusColumns - 1) / l.StatusColumns

	l.PeopleListHeight = l.BodyHeight - filterRows - headerRows
	l.CommsDeadlineRows = max(2, l.BodyHeight/4)
	l.CommsListHeight = l.BodyHeight - filterRows - headerRows
	l.SitrepHeight = l.BodyHeight - filterRows - sitrepFormRows

	l.dashboardRows()

	l.InputWidth = width - labelCols - 2 // a space after the label, and the cursor's cell
	l.TextRows = min(textMax, max(textMin, l.BodyHeight-formFixedRows-reasonRows))

	return l
}

// dashboardRows shares the dashboard's spare rows. The fixed lines come
// first, then one latest entry, then the late entries' heading and one of
// them, then blank lines, one for each three rows spare, and the rest go to
// more entries. At 60x20 only one latest entry fits, and the late count
// moves into its heading.
func (l *layout) dashboardRows() {
	rest := max(0, l.BodyHeight-dashboardFixedRows-l.StatusRows)

	l.LatestRows = min(1, rest)
	rest -= l.LatestRows

	if rest >= 2 {
		l.LateShown, l.LateRows = true, 1
		rest -= 2
	}

	l.DashBlanks = min(dashBlanksMax, rest/3)
	rest -= l.DashBlanks

	if l.LateShown {
		more := min(lateMax-l.LateRows, rest/2)
		l.LateRows += more
		rest -= more
	}

	l.LatestRows += rest
}

func newColumns(width int) columns {
	c := columns{Marker: markerCols, Time: timeCols, Seq: seqCols, Level: levelCols, Kind: kindCols}

	switch {
	case width >= wideWidth:
		c.Maker = makerWide
	case width >= makerFrom:
		c.Maker = makerCols
	}

	used := c.Marker + c.Time + gapCols + c.Seq + gapCols + c.Level + gapCols + c.Kind + gapCols
	if c.Maker > 0 {
		used += c.Maker + gapCols
	}

	c.Text = width - used

	return c
}
