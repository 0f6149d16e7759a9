package tui

import (
	"sort"
	"time"

	"charm.land/bubbles/v2/textinput"

	"github.com/northbridge-nhs/sitroom/themes"
)

// timeline is the scrolling list's state. The entries themselves live in
// the root's entrySet. Positions here count visible rows, which are every
// row or, with a filter, the matching ones.
type timeline struct {
	filter  filter
	matches []int // positions in entrySet.rows that the filter matches, or nil without a filter

	cursor int  // selected visible row
	offset int  // first visible row drawn below the sticky date
	follow bool // the cursor sits on the last row and stays there as entries arrive
	unseen int  // entries that arrived below the cursor while not following

	search    textinput.Model
	searching bool

	detail *detail // the whole selected entry, or nil

	selectSeq int64 // sequence number to select once it arrives, or 0
}

func newTimeline() timeline {
	search := textinput.New()
	search.Prompt = "/"
	search.Placeholder = "text, rationale or staff id"
	search.CharLimit = 200

	return timeline{follow: true, search: search}
}

func (t *timeline) applyStyles(st themes.Styles) {
	t.search.SetStyles(textInputStyles(st))
}

// count returns how many rows are visible.
func (t *timeline) count(set *entrySet) int {
	if t.matches != nil {
		return len(t.matches)
	}

	return len(set.rows)
}

// rowAt returns visible row i, or nil when there is none.
func (t *timeline) rowAt(set *entrySet, i int) *row {
	if i < 0 || i >= t.count(set) {
		return nil
	}

	if t.matches != nil {
		return set.rows[t.matches[i]]
	}

	return set.rows[i]
}

// visibleIndex returns r's visible position, or where it would be when the
// filter hides it.
func (t *timeline) visibleIndex(set *entrySet, r *row) int {
	i := set.indexOf(r)
	if i < 0 || t.matches == nil {
		return i
	}

	return sort.SearchInts(t.matches, i)
}

// place adds rows read from the store. A user at the bottom stays at the
// bottom. Anyone else keeps the same entry selected and the same top row,
// wherever late arrivals land.
func (t *timeline) place(set *entrySet, rows []*row, l layout) {
	selected, top := t.rowAt(set, t.cursor), t.rowAt(set, t.offset)

	added := set.add(rows)
	if added == 0 {
		return
	}

	t.matches = t.filter.matches(set.rows)

	if t.follow || selected == nil {
		t.moveTo(set, t.count(set)-1, l.ListHeight)

		return
	}

	t.unseen += added
	t.cursor = t.visibleIndex(set, selected)
	t.offset = max(0, t.visibleIndex(set, top))
	t.ensureVisible(set, l.ListHeight)
}

// applyFilter recomputes the visible rows for a changed filter, keeping the
// selected entry in view when it still matches.
func (t *timeline) applyFilter(set *entrySet, l layout) {
	selected := t.rowAt(set, t.cursor)
	t.matches = t.filter.matches(set.rows)

	if t.follow || selected == nil {
		t.moveTo(set, t.count(set)-1, l.ListHeight)

		return
	}

	t.cursor = t.visibleIndex(set, selected)
	t.moveTo(set, t.cursor, l.ListHeight)
}

// moveTo selects visible row i, clamped to the list, and scrolls to it.
func (t *timeline) moveTo(set *entrySet, i, height int) {
	n := t.count(set)
	t.cursor = max(0, min(i, n-1))
	t.follow = n == 0 || t.cursor == n-1

	if t.follow {
		t.unseen = 0
	}

	t.ensureVisible(set, height)
}

// ensureVisible moves offset so that the cursor's row is drawn and no
// blank space is left below the last row. It looks at no more rows than
// fit on screen, whatever the timeline's length.
func (t *timeline) ensureVisible(set *entrySet, height int) {
	n := t.count(set)
	if n == 0 {
		t.cursor, t.offset = 0, 0

		return
	}

	t.cursor = max(0, min(t.cursor, n-1))
	t.offset = max(0, min(t.offset, n-1))

	if height <= 0 {
		return // too small to draw, so the next resize scrolls
	}

	if t.cursor < t.offset {
		t.offset = t.cursor
	}

	if !t.fits(set, t.offset, t.cursor, height) {
		t.offset = t.topFor(set, t.cursor, height)
	}

	if bottom := t.topFor(set, n-1, height); t.offset > bottom {
		t.offset = bottom
	}
}

// fits reports whether rows from..to fit in height lines, counting a date
// line wherever the day changes below the first row.
func (t *timeline) fits(set *entrySet, from, to, height int) bool {
	if to-from >= height {
		return false
	}

	lines := 1
	for i := from + 1; i <= to; i++ {
		lines += t.linesFor(set, i)
		if lines > height {
			return false
		}
	}

	return true
}

// topFor returns the first row of the tallest window that ends at last.
func (t *timeline) topFor(set *entrySet, last, height int) int {
	top, lines := last, 1

	for top > 0 {
		// The row at top gets a date line once the row above joins.
		need := t.linesFor(set, top)
		if lines+need > height {
			break
		}

		lines += need
		top--
	}

	return top
}

// linesFor returns the lines visible row i takes when it is not the first
// row drawn: one, plus a date line when its day differs from the row above.
func (t *timeline) linesFor(set *entrySet, i int) int {
	if t.rowAt(set, i).day != t.rowAt(set, i-1).day {
		return 2
	}

	return 1
}

// resize keeps the cursor in view and redraws the detail for new sizes.
func (t *timeline) resize(set *entrySet, l layout, st themes.Styles, zone *time.Location) {
	// The filter line also holds the kind and level filters (about 25
	// columns) and the counts (about 30), so the input gets the rest.
	t.search.SetWidth(max(10, l.Width-58))
	t.ensureVisible(set, l.ListHeight)

	if t.detail != nil {
		t.detail.render(set, st, zone, l.Width, l.BodyHeight-filterRows)
	}
}
