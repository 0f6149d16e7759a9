package tui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// peopleList is the people view's state: its filters, cursor, columns and
// the detail pane. The people themselves live in the root's peopleData.
type peopleList struct {
	onDutyOnly bool
	text       string // lower case

	search    textinput.Model
	searching bool

	// visible contains the people who pass the filters, in peopleData.all
	// order, rebuilt when the data or a filter changes, never while
	// drawing.
	visible []*personItem
	cur     listCursor
	height  int // rows of the list: less one while a roll call line shows

	// selected is the staff id of the selected person, who stays selected
	// across reads and filters that keep them.
	selected string

	// restWide is set while someone has been on duty past
	// incident.DutyRestAfter, which widens the duty column to hold REST
	// DECISION NEEDED or rest decided. The clock checks it each second.
	restWide bool

	cols   peopleColumns
	detail *personPane
}

func newPeopleList() peopleList {
	search := textinput.New()
	search.Prompt = "/"
	search.Placeholder = "id, name, role, team or location"
	search.CharLimit = 200

	return peopleList{search: search}
}

func (p *peopleList) applyStyles(st themes.Styles) {
	p.search.SetStyles(textInputStyles(st))
}

func (p *peopleList) filtered() bool { return p.onDutyOnly || p.text != "" }

func (p *peopleList) match(it *personItem) bool {
	if p.onDutyOnly && !it.on {
		return false
	}

	return p.text == "" || strings.Contains(it.search, p.text)
}

// rebuild filters data again and keeps the same person selected, or the
// row at the same position when they are gone.
func (p *peopleList) rebuild(data *peopleData, l layout, now time.Time) {
	visible := make([]*personItem, 0, len(data.all))
	for _, it := range data.all {
		if p.match(it) {
			visible = append(visible, it)
		}
	}

	p.visible = visible
	p.restWide = data.onDutyLongerAt(now, incident.DutyRestAfter) > 0
	p.fit(data, l)

	at := p.cur.cursor
	if i := slices.IndexFunc(visible, func(it *personItem) bool { return it.member.ID == p.selected }); i >= 0 {
		at = i
	}

	p.moveTo(at)
}

// fit sets the columns and the list's height for the layout and data.
func (p *peopleList) fit(data *peopleData, l layout) {
	p.height = l.PeopleListHeight
	if data != nil && data.open != nil {
		p.height-- // the roll call line
	}

	idWidth := 0
	if data != nil {
		idWidth = data.idWidth
	}

	p.cols = newPeopleColumns(l.Width, idWidth, p.restWide, data != nil && (data.open != nil || data.lastMissing))
}

// moveTo selects visible row i and remembers its person.
func (p *peopleList) moveTo(i int) {
	p.cur.moveTo(i, len(p.visible), p.height)

	if it := p.at(p.cur.cursor); it != nil {
		p.selected = it.member.ID
	}
}

// at returns visible row i, or nil.
func (p *peopleList) at(i int) *personItem {
	if i < 0 || i >= len(p.visible) {
		return nil
	}

	return p.visible[i]
}

func (p *peopleList) resize(data *peopleData, l layout) {
	p.search.SetWidth(max(10, l.Width-50))
	p.fit(data, l)
	p.cur.ensureVisible(len(p.visible), p.height)
}

// peopleColumns are the widths of the people list's columns. A width of
// 0 hides its column.
type peopleColumns struct {
	Marker, ID, Name, Level, Since, Duty, Welfare, Roll, Where, Role int
}

// People column widths and the widths from which the optional ones show.
const (
	sinceCols        = 9  // "Thu 14:32"
	dutyCols         = 11 // "12h40m 12h+"
	dutyRestCols     = 20 // "REST DECISION NEEDED"
	dutyRestWideCols = 27 // "14h10m REST DECISION NEEDED"
	welfareCols      = 11 // "OVERDUE 20m" or "due 16:30"
	rollCols         = 11 // "✓ accounted" or "? no answer"
	personNameMin    = 8
	personNameMax    = 24
	whereMinCols     = 12
	roleMaxCols      = 30
	peopleLevelFrom  = 80
	peopleWhereFrom  = 80
	peopleWideFrom   = 100 // the duty column keeps the hours beside REST DECISION NEEDED
	peopleRoleFrom   = 120
)

// newPeopleColumns fits the columns to width for staff ids up to idWidth
// wide. restWide widens the duty column for REST DECISION NEEDED, and
// rollOpen adds the roll call column.
func newPeopleColumns(width, idWidth int, restWide, rollOpen bool) peopleColumns {
	c := peopleColumns{Marker: markerCols, ID: max(4, idWidth), Duty: dutyCols, Welfare: welfareCols}

	switch {
	case restWide && width >= peopleWideFrom:
		c.Duty = dutyRestWideCols
	case restWide:
		c.Duty = dutyRestCols
	}

	if rollOpen {
		c.Roll = rollCols
	}

	if width >= peopleLevelFrom {
		c.Level, c.Since = levelCols, sinceCols
	}

	used := c.Marker + c.ID + gapCols
	for _, w := range []int{c.Level, c.Since, c.Duty, c.Welfare, c.Roll} {
		if w > 0 {
			used += w + gapCols
		}
	}

	rest := width - used
	if width >= peopleRoleFrom {
		c.Role = min(roleMaxCols, rest/4)
		rest -= c.Role + gapCols
	}

	c.Name = max(personNameMin, rest)
	if width >= peopleWhereFrom {
		c.Name = max(personNameMin, min(personNameMax, rest/2))
		if where := rest - c.Name - gapCols; where >= whereMinCols {
			c.Where = where
		} else {
			c.Name = max(personNameMin, rest)
		}
	}

	return c
}
