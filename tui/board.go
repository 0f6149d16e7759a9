package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// boardSort is an order the systems board can show.
type boardSort int

const (
	sortRecovery    boardSort = iota // the service's recovery order
	sortStatus                       // most in need first: compromised, isolated, shut down…
	sortCriticality                  // 5 first
	sortRTOLeft                      // out of service, least RTO left first; then in service, shortest RTO first
	sortCount
)

var boardSortNames = [sortCount]string{"recovery order", "status", "criticality", "RTO left"}

// statusRank orders statuses for sortStatus: those that need the room's
// attention first, operational last.
var statusRank = map[incident.SystemStatus]int{
	incident.SystemCompromised: 0,
	incident.SystemIsolated:    1,
	incident.SystemShutDown:    2,
	incident.SystemSuspected:   3,
	incident.SystemRebuilding:  4,
	incident.SystemValidating:  5,
	incident.SystemRestored:    6,
	incident.SystemOperational: 7,
}

// statusOut is the board's status filter that keeps every system out of
// service, whatever its status.
const statusOut incident.SystemStatus = "out of service"

// boardStatusFilters are the values the status filter cycles through,
// after "" (any status).
var boardStatusFilters = append([]incident.SystemStatus{statusOut}, incident.SystemStatuses...)

// boardList is the systems board's state: its order, filters, cursor and
// the detail pane. The systems themselves live in the root's containment.
type boardList struct {
	sort   boardSort
	status incident.SystemStatus // "" for any, statusOut, or one status
	text   string                // lower case

	search    textinput.Model
	searching bool

	// visible contains the systems that pass the filters, in the chosen
	// order. It is rebuilt when the data, the order or a filter changes,
	// never while drawing.
	visible []*systemItem
	cur     listCursor

	// selected is the id of the selected system, which stays selected
	// across reads, orders and filters that keep it.
	selected string

	cols   boardColumns
	detail *systemPane
}

func newBoardList() boardList {
	search := textinput.New()
	search.Prompt = "/"
	search.Placeholder = "id, name, owner or impact"
	search.CharLimit = 200

	return boardList{search: search}
}

func (b *boardList) applyStyles(st themes.Styles) {
	b.search.SetStyles(textInputStyles(st))
}

// filtered reports whether any filter is in force.
func (b *boardList) filtered() bool {
	return b.status != "" || b.text != ""
}

func (b *boardList) match(it *systemItem) bool {
	switch {
	case b.status == statusOut && !it.row.State.Status.OutOfService():
		return false
	case b.status != "" && b.status != statusOut && it.row.State.Status != b.status:
		return false
	}

	return b.text == "" || strings.Contains(it.search, b.text)
}

// rebuild filters and orders data's systems again and selects the same
// system as before, or the row at the same position when it is gone.
func (b *boardList) rebuild(data *containment, l layout) {
	visible := make([]*systemItem, 0, len(data.systems))
	for _, it := range data.systems {
		if b.match(it) {
			visible = append(visible, it)
		}
	}

	slices.SortStableFunc(visible, b.compare)
	b.visible = visible
	b.cols = newBoardColumns(l.Width, len(data.systems), data.idWidth)

	at := b.cur.cursor
	if i := slices.IndexFunc(visible, func(it *systemItem) bool { return it.row.ID == b.selected }); i >= 0 {
		at = i
	}

	b.moveTo(at, l)
}

// moveTo selects visible row i and remembers its system.
func (b *boardList) moveTo(i int, l layout) {
	b.cur.moveTo(i, len(b.visible), l.BoardListHeight)

	if it := b.at(b.cur.cursor); it != nil {
		b.selected = it.row.ID
	}
}

// at returns visible row i, or nil.
func (b *boardList) at(i int) *systemItem {
	if i < 0 || i >= len(b.visible) {
		return nil
	}

	return b.visible[i]
}

// compare orders two systems by the chosen sort, then by recovery place.
func (b *boardList) compare(x, y *systemItem) int {
	switch b.sort {
	case sortStatus:
		if d := statusRank[x.row.State.Status] - statusRank[y.row.State.Status]; d != 0 {
			return d
		}
	case sortCriticality:
		if d := y.row.Criticality - x.row.Criticality; d != 0 {
			return d
		}
	case sortRTOLeft:
		if d := compareRTOLeft(x, y); d != 0 {
			return d
		}
	}

	return x.row.Place.Place - y.row.Place.Place
}

// compareRTOLeft puts systems out of service first, soonest deadline
// first, which is least RTO left at any moment, then systems in service by
// their whole RTO. Comparing deadlines, not time left, gives an order that
// does not change as the clock moves, so it is sorted once per read.
func compareRTOLeft(x, y *systemItem) int {
	xOut, yOut := !x.deadline.IsZero(), !y.deadline.IsZero()

	switch {
	case xOut && !yOut:
		return -1
	case !xOut && yOut:
		return 1
	case xOut:
		return x.deadline.Compare(y.deadline)
	}

	switch {
	case x.row.RTOHours < y.row.RTOHours:
		return -1
	case x.row.RTOHours > y.row.RTOHours:
		return 1
	}

	return 0
}

// resize fits the search input, columns and cursor to a new layout.
func (b *boardList) resize(data *containment, l layout) {
	b.search.SetWidth(max(10, l.Width-60))

	if data != nil {
		b.cols = newBoardColumns(l.Width, len(data.systems), data.idWidth)
	}

	b.cur.ensureVisible(len(b.visible), l.BoardListHeight)
}

// boardColumns are the widths of the board's columns; 0 hides one.
type boardColumns struct {
	Marker, Place, Status, Crit, ID, Bar, RTO, Gate, Owner, Impact int
}

// Board column widths that do not depend on the data.
const (
	critCols      = 1  // criticality 1 to 5
	gateCols      = 8  // "OVERRIDE", or signed of six as "4/6"
	boardBarFrom  = 80 // narrower than this, the RTO bar gives way
	ownerFrom     = 100
	ownerMaxCols  = 26
	impactMinCols = 8 // narrower than this, the impact column is left out
)

// newBoardColumns fits the columns to width for a register of places
// systems whose longest id is idWidth.
func newBoardColumns(width, places, idWidth int) boardColumns {
	c := boardColumns{
		Marker: markerCols, Place: max(2, len(itoa(places))), Status: statusCols, Crit: critCols,
		ID: max(6, idWidth), RTO: rtoFigureCols, Gate: gateCols,
	}

	if width >= boardBarFrom {
		c.Bar = rtoBarCols
	}

	used := c.Marker + c.Place + c.Status + c.Crit + c.ID + c.RTO + c.Gate + 6*gapCols
	if c.Bar > 0 {
		used += c.Bar + gapCols
	}

	rest := width - used - gapCols
	if width >= ownerFrom {
		c.Owner = min(ownerMaxCols, rest/3)
		rest -= c.Owner + gapCols
	}

	if rest >= impactMinCols {
		c.Impact = rest
	}

	return c
}
