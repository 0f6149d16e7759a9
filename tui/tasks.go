package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// taskStatusOpen is the tasks' status filter that keeps every task not
// done or cancelled.
const taskStatusOpen incident.TaskStatus = "open"

// taskStatusFilters are the values the status filter cycles through,
// after "" (any status).
var taskStatusFilters = append([]incident.TaskStatus{taskStatusOpen}, incident.TaskStatuses...)

// ownerUnassigned is the owner filter that keeps tasks without an owner.
// Staff ids are letters and digits, so it cannot be one.
const ownerUnassigned = "(nobody)"

// taskFilter narrows the tasks list. Empty fields match everything.
type taskFilter struct {
	status incident.TaskStatus // "", taskStatusOpen or one status
	level  incident.Level
	owner  string // a staff id, ownerUnassigned, or ""
	system string
	mine   bool   // only tasks the user at the keyboard owns
	text   string // lower case
}

func (f taskFilter) active() bool {
	return f.status != "" || f.level != "" || f.owner != "" || f.system != "" || f.mine || f.text != ""
}

func (f taskFilter) match(it *taskItem, me string) bool {
	t := &it.task

	switch {
	case f.status == taskStatusOpen && t.Status.Closed():
		return false
	case f.status != "" && f.status != taskStatusOpen && t.Status != f.status:
		return false
	case f.level != "" && t.Level != f.level:
		return false
	case f.owner == ownerUnassigned && t.Owner != "":
		return false
	case f.owner != "" && f.owner != ownerUnassigned && t.Owner != f.owner:
		return false
	case f.system != "" && t.SystemID != f.system:
		return false
	case f.mine && t.Owner != me:
		return false
	}

	return f.text == "" || strings.Contains(it.search, f.text)
}

// taskList is the tasks view's state. The tasks themselves live in the
// root's containment.
type taskList struct {
	filter taskFilter

	search    textinput.Model
	searching bool

	// visible contains the tasks that pass the filter, in number order,
	// rebuilt when the data or the filter changes, never while drawing.
	visible []*taskItem
	cur     listCursor

	// selected is the number of the selected task, which stays selected
	// across reads and filters that keep it.
	selected int64

	// saving contains the tasks with a change on its way to the service, so
	// that a second key on one waits for the first to land.
	saving map[int64]bool

	cols   taskColumns
	detail *taskPane
}

func newTaskList() taskList {
	search := textinput.New()
	search.Prompt = "/"
	search.Placeholder = "title, system, owner or note"
	search.CharLimit = 200

	return taskList{search: search, saving: map[int64]bool{}}
}

func (t *taskList) applyStyles(st themes.Styles) {
	t.search.SetStyles(textInputStyles(st))
}

// rebuild filters data's tasks again for the user me and keeps the same
// task selected, or the row at the same position when it is gone.
func (t *taskList) rebuild(data *containment, l layout, me string) {
	visible := make([]*taskItem, 0, len(data.tasks))
	for _, it := range data.tasks {
		if t.filter.match(it, me) {
			visible = append(visible, it)
		}
	}

	t.visible = visible
	t.cols = newTaskColumns(l.Width, data.labelWidth, data.idWidth)

	at := t.cur.cursor
	if i := slices.IndexFunc(visible, func(it *taskItem) bool { return it.task.Num == t.selected }); i >= 0 {
		at = i
	}

	t.moveTo(at, l)
}

// moveTo selects visible row i and remembers its task.
func (t *taskList) moveTo(i int, l layout) {
	t.cur.moveTo(i, len(t.visible), l.TaskListHeight)

	if it := t.at(t.cur.cursor); it != nil {
		t.selected = it.task.Num
	}
}

// at returns visible row i, or nil.
func (t *taskList) at(i int) *taskItem {
	if i < 0 || i >= len(t.visible) {
		return nil
	}

	return t.visible[i]
}

func (t *taskList) resize(data *containment, l layout) {
	t.search.SetWidth(max(10, l.Width-60))

	if data != nil {
		t.cols = newTaskColumns(l.Width, data.labelWidth, data.idWidth)
	}

	t.cur.ensureVisible(len(t.visible), l.TaskListHeight)
}

// nextOwner steps the owner filter through the owners in data, with
// ownerUnassigned for tasks without an owner and "" (any) between the last and
// the first.
func nextOwner(current string, data *containment) string {
	owners := make([]string, len(data.owners))
	for i, o := range data.owners {
		owners[i] = o
		if o == "" {
			owners[i] = ownerUnassigned
		}
	}

	if len(owners) == 0 {
		return ""
	}

	return cycle(owners, current, 1, true)
}

// taskColumns are the widths of the tasks list's columns; 0 hides one.
type taskColumns struct {
	Marker, Label, Status, Priority, Title, System, Owner, Level, Due, Deps int
}

// Task column widths and the widths from which the optional ones show.
const (
	priorityCols   = 2 // "P1"
	taskOwnerCols  = 6
	taskSystemMax  = 10
	depsCols       = 12
	dueNarrowCols  = 9  // "Thu 14:32" or "OVERDUE"
	dueCols        = 13 // "OVERDUE 14:32"
	dueWideCols    = 17 // "OVERDUE Thu 14:32"
	taskSystemFrom = 80
	taskLevelFrom  = 100
	taskDepsFrom   = 120
)

// newTaskColumns fits the columns to width, for labels up to labelWidth
// and system ids up to idWidth wide.
func newTaskColumns(width, labelWidth, idWidth int) taskColumns {
	c := taskColumns{
		Marker: markerCols, Label: max(len("task"), labelWidth), Status: statusCols, Priority: priorityCols, Due: dueNarrowCols,
	}

	if width >= taskSystemFrom {
		c.System, c.Owner, c.Due = min(taskSystemMax, max(6, idWidth)), taskOwnerCols, dueCols
	}

	if width >= taskLevelFrom {
		c.Level = levelCols
	}

	if width >= taskDepsFrom {
		c.Deps, c.Due = depsCols, dueWideCols
	}

	used := c.Marker + c.Label + c.Status + c.Priority + c.Due + 4*gapCols
	for _, optional := range []int{c.System, c.Owner, c.Level, c.Deps} {
		if optional > 0 {
			used += optional + gapCols
		}
	}

	c.Title = max(0, width-used)

	return c
}
