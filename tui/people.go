package tui

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// personItem is one person on the roster with what the people view shows
// of them worked out once per read, inside the Cmd that read them.
type personItem struct {
	member incident.StaffMember
	duty   incident.Duty // the open spell, or zero when off duty
	on     bool
	spells int // spells on duty in this incident, open and closed

	id, name, role, team string // sanitised, on one line
	where                string // location, route and contact of the open spell
	search               string // lower-case id, name, role, team and location
}

// peopleData is one read of the incident's people picture: the roster in
// display order, the people on duty in the orders the counts need, and the
// roll calls.
type peopleData struct {
	people incident.People

	// all contains everyone: those on duty first, longest on duty first,
	// then the rest in roster order.
	all  []*personItem
	byID map[string]*personItem

	// onDuty contains those on duty, longest on duty first, so that the
	// people over a number of hours at a given time are a prefix found by
	// binary search.
	onDuty []*personItem

	// byWelfare contains those on duty, welfare check due soonest first,
	// so those overdue are likewise a prefix.
	byWelfare []*personItem

	// noRest contains those on duty without a rest decision, longest on
	// duty first, so those who need one are a prefix too.
	noRest []*personItem

	open        *incident.RollCall // the roll call still running, or nil
	latest      *incident.RollCall // the last roll call, open or closed, or nil
	lastMissing bool               // someone the last, closed, roll call found missing is still on duty
	missing     []string           // sanitised ids not accounted for in open
	expected    map[string]bool    // staff ids on duty when open started
	rollLine    string             // open's progress, see rollCallLine

	names   map[string]string // staff id to sanitised name
	idWidth int
}

// maxStaffIDCols caps the people view's id column: longer ids are cut.
const maxStaffIDCols = 8

// newPeopleData prepares p for display. It runs inside the Cmd that read
// it. Duties of someone no longer on the roster still show, under their
// id alone.
func newPeopleData(p incident.People) *peopleData {
	d := &peopleData{
		people: p,
		byID:   make(map[string]*personItem, len(p.Staff)),
		names:  make(map[string]string, len(p.Staff)),
	}

	var off []*personItem

	add := func(m incident.StaffMember) *personItem {
		it := newPersonItem(m)
		d.byID[m.ID] = it
		d.names[m.ID] = it.name
		d.idWidth = max(d.idWidth, min(maxStaffIDCols, len([]rune(it.id))))

		return it
	}

	for _, m := range p.Staff {
		off = append(off, add(m))
	}

	for _, duty := range p.Duties {
		it := d.byID[duty.StaffID]
		if it == nil {
			it = add(incident.StaffMember{ID: duty.StaffID})
			off = append(off, it)
		}

		it.spells++

		if duty.OnDuty() {
			it.on, it.duty = true, duty
			it.where = dutyWhere(duty)
		}
	}

	for _, it := range off {
		if it.on {
			d.onDuty = append(d.onDuty, it)
		}
	}

	sort.SliceStable(d.onDuty, func(i, j int) bool { return d.onDuty[i].duty.OnSince.Before(d.onDuty[j].duty.OnSince) })

	for _, it := range d.onDuty {
		if it.duty.RestSeq == 0 {
			d.noRest = append(d.noRest, it)
		}
	}

	d.byWelfare = slices.Clone(d.onDuty)
	sort.SliceStable(d.byWelfare, func(i, j int) bool {
		return d.byWelfare[i].duty.WelfareDue(p.Welfare).Before(d.byWelfare[j].duty.WelfareDue(p.Welfare))
	})

	d.all = make([]*personItem, 0, len(off))
	d.all = append(d.all, d.onDuty...)

	for _, it := range off {
		if !it.on {
			d.all = append(d.all, it)
		}
	}

	if rc, ok := p.OpenRollCall(); ok {
		d.open = &rc
		d.expected = make(map[string]bool, len(rc.Expected))

		for _, id := range rc.Expected {
			d.expected[id] = true
		}

		for _, id := range rc.Missing() {
			d.missing = append(d.missing, incident.SanitizeLine(id))
		}
	}

	if n := len(p.Calls); n > 0 {
		d.latest = &p.Calls[n-1]

		// The roll call column stays while someone the last roll call
		// found missing is still on duty.
		for _, id := range d.latest.Missing() {
			if _, on := p.Current(id); on && !d.latest.Open() {
				d.lastMissing = true
			}
		}
	}

	d.rollLine = d.rollCallLine()

	return d
}

func newPersonItem(m incident.StaffMember) *personItem {
	it := &personItem{
		member: m,
		id:     incident.SanitizeLine(m.ID),
		name:   incident.SanitizeLine(m.Name),
		role:   incident.SanitizeLine(m.Role),
		team:   incident.SanitizeLine(m.Team),
	}

	it.search = strings.ToLower(strings.Join([]string{
		it.id, it.name, it.role, it.team, incident.SanitizeLine(m.Location),
	}, "\x00"))

	return it
}

// dutyWhere writes where someone on duty is and how to reach them, as
// "ICC · mobile 07700 900101".
func dutyWhere(d incident.Duty) string {
	parts := []string{}
	if loc := incident.SanitizeLine(d.Location); loc != "" {
		parts = append(parts, loc)
	}

	route := incident.SanitizeLine(string(d.Route))
	if c := incident.SanitizeLine(d.Contact); c != "" {
		route += " " + c
	}

	return strings.Join(append(parts, route), " · ")
}

// welfareOverdueAt returns how many people on duty are past their welfare
// check at now: the first so many of byWelfare.
func (d *peopleData) welfareOverdueAt(now time.Time) int {
	return sort.Search(len(d.byWelfare), func(i int) bool {
		return !d.byWelfare[i].duty.WelfareDue(d.people.Welfare).Before(now)
	})
}

// onDutyLongerAt returns how many people have been on duty for limit or
// more at now: the first so many of onDuty.
func (d *peopleData) onDutyLongerAt(now time.Time, limit time.Duration) int {
	return sort.Search(len(d.onDuty), func(i int) bool { return d.onDuty[i].duty.Hours(now) < limit })
}

// restNeededAt returns how many people need a rest decision at now: those
// on duty for incident.DutyRestAfter or more without one, the first so
// many of noRest.
func (d *peopleData) restNeededAt(now time.Time) int {
	return sort.Search(len(d.noRest), func(i int) bool { return d.noRest[i].duty.Hours(now) < incident.DutyRestAfter })
}

// rollLineMax is the most cells of the roll call line kept, wider than
// any terminal it is drawn in, so that drawing never measures a list of
// thousands.
const rollLineMax = 400

// rollCallLine writes the open roll call's progress as "Roll call 2: 5 of
// 7 accounted for; missing: ST03, ST07", or "" when none is open. It runs
// once per read. The ids stop at rollLineMax cells, ending with "…".
func (d *peopleData) rollCallLine() string {
	rc := d.open
	if rc == nil {
		return ""
	}

	expected := len(rc.Expected)
	line := "Roll call " + itoa(int(rc.Num)) + ": " + groupThousands(expected-len(d.missing)) + " of " + groupThousands(expected) + " accounted for"

	if len(d.missing) == 0 {
		return line + "; press C to close it"
	}

	// Those marked missing come first, apart from those not yet asked.
	var marked, unanswered []string
	for _, id := range d.missing {
		if _, ok := rc.Marks[id]; ok {
			marked = append(marked, "MISSING "+id)
		} else {
			unanswered = append(unanswered, id+"?")
		}
	}

	var b strings.Builder
	b.WriteString(line + "; not accounted for: ")

	for i, id := range append(marked, unanswered...) {
		if i > 0 {
			b.WriteString(", ")
		}

		if b.Len()+len(id) > rollLineMax {
			b.WriteString(ellipsis)

			break
		}

		b.WriteString(id)
	}

	return b.String()
}

// person writes a staff id as "Name (ID)", or the id alone when the roster
// does not know it.
func (d *peopleData) person(id string) string {
	clean := incident.SanitizeLine(id)
	if name := d.names[id]; name != "" {
		return name + " (" + clean + ")"
	}

	return clean
}
