package tui

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// systemItem is one system of the containment board with what the views
// show of it worked out once per read, inside the Cmd that read it, so
// that drawing a screen costs the same for any size of register.
type systemItem struct {
	row incident.SystemRow

	id, name, owner, impact string // sanitised, on one line
	search                  string // lower-case id, name, owner role, function, impact and supplier

	// deadline is when the system's RTO runs out in its current outage:
	// the start of the outage plus the RTO. Zero while it is in service.
	deadline time.Time

	tasks     []*taskItem // its tasks, in number order
	openTasks int
}

// taskItem is one recovery task prepared for display, like systemItem.
type taskItem struct {
	task incident.Task

	label, title, system, owner, deps string // sanitised, on one line
	search                            string // lower-case label, title, detail, system, owner and note
}

// containment is one read of the incident's board: systems in recovery
// order, tasks in number order, and the indexes the views search instead
// of scanning every row on every frame.
type containment struct {
	board incident.Board

	systems []*systemItem // recovery order, as the service returned them
	byID    map[string]*systemItem
	tasks   []*taskItem // number order
	byNum   map[int64]*taskItem

	// deadlines contains the systems out of service, soonest RTO deadline
	// first, so those in breach at a given time are a prefix found by
	// binary search.
	deadlines []*systemItem

	// dueOpen contains open tasks with a due time, soonest first, so the
	// overdue ones are likewise a prefix.
	dueOpen []*taskItem

	// overrides contains the systems whose gate a decision overrode in their
	// latest outage, including those since restored that way.
	overrides []*systemItem

	staff       []incident.StaffMember // the roster, for choosing an owner
	names       map[string]string      // staff id to sanitised name, for details
	owners      []string               // distinct task owners, sorted, with "" last when a task has none
	taskSystems []string               // distinct systems with tasks, sorted

	idWidth    int // widest system id, for the board's id column
	labelWidth int // widest task label
}

// maxIDCols caps the system id column: longer ids are cut.
const maxIDCols = 12

// newContainment prepares b and the roster for display. It runs inside
// the Cmd that read them, so Update only has to swap it in.
func newContainment(b incident.Board, staff []incident.StaffMember) *containment {
	c := &containment{
		board: b, staff: staff,
		byID:  make(map[string]*systemItem, len(b.Systems)),
		byNum: make(map[int64]*taskItem, len(b.Tasks)),
		names: make(map[string]string, len(staff)),
	}

	for _, s := range staff {
		c.names[s.ID] = incident.SanitizeLine(s.Name)
	}

	c.systems = make([]*systemItem, len(b.Systems))
	for i, row := range b.Systems {
		it := newSystemItem(row)
		c.systems[i] = it
		c.byID[row.ID] = it
		c.idWidth = max(c.idWidth, min(maxIDCols, len([]rune(it.id))))

		if !it.deadline.IsZero() {
			c.deadlines = append(c.deadlines, it)
		}

		if row.Gate.OverrideSeq != 0 {
			c.overrides = append(c.overrides, it)
		}
	}

	sort.SliceStable(c.deadlines, func(i, j int) bool { return c.deadlines[i].deadline.Before(c.deadlines[j].deadline) })

	owners, systems := map[string]bool{}, map[string]bool{}
	c.tasks = make([]*taskItem, len(b.Tasks))

	for i, t := range b.Tasks {
		it := newTaskItem(t)
		c.tasks[i] = it
		c.byNum[t.Num] = it
		c.labelWidth = max(c.labelWidth, len(it.label))
		owners[t.Owner] = true

		if !t.Status.Closed() && !t.Due.IsZero() {
			c.dueOpen = append(c.dueOpen, it)
		}

		if sys := c.byID[t.SystemID]; sys != nil {
			sys.tasks = append(sys.tasks, it)
			if !t.Status.Closed() {
				sys.openTasks++
			}
		}

		if t.SystemID != "" {
			systems[t.SystemID] = true
		}
	}

	sort.SliceStable(c.dueOpen, func(i, j int) bool { return c.dueOpen[i].task.Due.Before(c.dueOpen[j].task.Due) })

	unassigned := owners[""]
	delete(owners, "")

	c.owners = sortedKeys(owners)
	if unassigned {
		c.owners = append(c.owners, "")
	}

	c.taskSystems = sortedKeys(systems)

	return c
}

func newSystemItem(row incident.SystemRow) *systemItem {
	it := &systemItem{
		row:    row,
		id:     incident.SanitizeLine(row.ID),
		name:   incident.SanitizeLine(row.Name),
		owner:  incident.SanitizeLine(row.OwnerRole),
		impact: incident.SanitizeLine(row.PatientImpact),
	}

	if !row.State.OutSince.IsZero() {
		it.deadline = row.State.OutSince.Add(rtoDuration(row.System))
	}

	it.search = strings.ToLower(strings.Join([]string{
		it.id, it.name, it.owner, it.impact, incident.SanitizeLine(row.Function), incident.SanitizeLine(row.Supplier),
	}, "\x00"))

	return it
}

func newTaskItem(t incident.Task) *taskItem {
	it := &taskItem{
		task:   t,
		label:  t.Label(),
		title:  incident.SanitizeLine(t.Title),
		system: incident.SanitizeLine(t.SystemID),
		owner:  incident.SanitizeLine(t.Owner),
	}

	if len(t.DependsOn) > 0 {
		labels := make([]string, len(t.DependsOn))
		for i, n := range t.DependsOn {
			labels[i] = incident.TaskLabel(n)
		}

		it.deps = strings.Join(labels, ",")
	}

	it.search = strings.ToLower(strings.Join([]string{
		it.label, it.title, incident.SanitizeLine(t.Detail), it.system, it.owner, incident.SanitizeLine(t.Note),
	}, "\x00"))

	return it
}

// breachedAt returns how many systems are past their RTO at now: the
// first so many of deadlines.
func (c *containment) breachedAt(now time.Time) int {
	return sort.Search(len(c.deadlines), func(i int) bool { return !c.deadlines[i].deadline.Before(now) })
}

// overdueAt returns how many open tasks are past their due time at now:
// the first so many of dueOpen.
func (c *containment) overdueAt(now time.Time) int {
	return sort.Search(len(c.dueOpen), func(i int) bool { return !now.After(c.dueOpen[i].task.Due) })
}

// rtoDuration returns a system's recovery time objective as a duration.
func rtoDuration(sys incident.System) time.Duration {
	return time.Duration(sys.RTOHours * float64(time.Hour))
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}

	slices.Sort(keys)

	return keys
}

// person writes a staff id with the name the roster gives it, as
// "Name (ID)", or the id alone when the roster does not know it.
func (c *containment) person(id string) string {
	id = incident.SanitizeLine(id)
	if name := c.names[id]; name != "" {
		return name + " (" + id + ")"
	}

	return id
}
