package incident

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TaskStatus is the state of a recovery task.
type TaskStatus string

// Task statuses.
const (
	TaskTodo       TaskStatus = "todo"
	TaskInProgress TaskStatus = "in progress"
	TaskBlocked    TaskStatus = "blocked"
	TaskDone       TaskStatus = "done"
	TaskCancelled  TaskStatus = "cancelled"
)

// TaskStatuses lists every task status in working order.
var TaskStatuses = []TaskStatus{TaskTodo, TaskInProgress, TaskBlocked, TaskDone, TaskCancelled}

// Closed reports whether the task needs no more work.
func (s TaskStatus) Closed() bool { return s == TaskDone || s == TaskCancelled }

// ParseTaskStatus reads a task status, ignoring case; "in-progress",
// "in_progress" and "started" mean in progress.
func ParseTaskStatus(s string) (TaskStatus, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer("-", " ", "_", " ").Replace(v)

	if v == "started" || v == "inprogress" {
		v = string(TaskInProgress)
	}

	for _, st := range TaskStatuses {
		if TaskStatus(v) == st {
			return st, nil
		}
	}

	return "", fmt.Errorf("invalid task status %q: use todo, in progress, blocked, done or cancelled", s)
}

// Task is a piece of recovery work.
type Task struct {
	ID         int64 // row id
	IncidentID int64
	Num        int64 // T-1, T-2… within the incident
	Title      string
	Detail     string
	SystemID   string // the system it brings back, or ""
	Owner      string // staff id, or "" when unassigned
	Level      Level
	Priority   int // 1 (highest) to 4
	Status     TaskStatus
	DependsOn  []int64 // task numbers that must be done first

	// Due is when the task must be done: set by hand, or else from the
	// system's RTO counted from the start of its outage. Zero when neither
	// applies.
	Due    time.Time
	DueSet bool // Due was set by hand rather than from the RTO

	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	Note      string // the reason given with the last change, such as why it is blocked
}

// Label returns the task's display id, such as T-7.
func (t Task) Label() string { return TaskLabel(t.Num) }

// TaskLabel returns the display id of task number num.
func TaskLabel(num int64) string { return "T-" + strconv.FormatInt(num, 10) }

// ParseTaskLabel reads "T-7", "t7" or "7" as task number 7.
func ParseTaskLabel(s string) (int64, error) {
	v := strings.TrimSpace(strings.ToUpper(s))
	v = strings.TrimPrefix(strings.TrimPrefix(v, "T"), "-")

	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("invalid task %q: give its number as shown, for example T-7", s)
	}

	return n, nil
}

// Overdue reports whether an open task is past its due time at now.
func (t Task) Overdue(now time.Time) bool {
	return !t.Status.Closed() && !t.Due.IsZero() && now.After(t.Due)
}

// TaskAction is a change to a task's status.
type TaskAction string

// Task actions, as the command line names them.
const (
	TaskStart  TaskAction = "start"
	TaskBlock  TaskAction = "block"
	TaskFinish TaskAction = "done"
	TaskCancel TaskAction = "cancel"
	TaskReopen TaskAction = "reopen"
)

// taskMoves is the task state machine: the status each action leads to and
// the statuses it may start from.
var taskMoves = map[TaskAction]struct {
	to   TaskStatus
	from []TaskStatus
}{
	TaskStart:  {TaskInProgress, []TaskStatus{TaskTodo, TaskBlocked}},
	TaskBlock:  {TaskBlocked, []TaskStatus{TaskTodo, TaskInProgress}},
	TaskFinish: {TaskDone, []TaskStatus{TaskTodo, TaskInProgress}},
	TaskCancel: {TaskCancelled, []TaskStatus{TaskTodo, TaskInProgress, TaskBlocked}},
	TaskReopen: {TaskTodo, []TaskStatus{TaskDone, TaskCancelled, TaskBlocked}},
}

// checkTaskAction returns the status action leads to from the task's
// current status, or an error saying why it cannot.
func checkTaskAction(t Task, action TaskAction) (TaskStatus, error) {
	move, ok := taskMoves[action]
	if !ok {
		return "", fmt.Errorf("invalid task action %q: use start, block, done, cancel or reopen", action)
	}

	for _, from := range move.from {
		if t.Status == from {
			return move.to, nil
		}
	}

	return "", fmt.Errorf("task %s is %s, so it cannot be %s", t.Label(), t.Status, actionPast(action))
}

func actionPast(a TaskAction) string {
	switch a {
	case TaskStart:
		return "started"
	case TaskBlock:
		return "blocked"
	case TaskFinish:
		return "marked done"
	case TaskCancel:
		return "cancelled"
	}

	return "reopened"
}

// StandardTasks returns the usual tasks for bringing an isolated system
// back, each depending on the one before where the work is sequential.
// The console shows them for editing before they are created.
func StandardTasks(sys System) []NewTask {
	titles := []string{
		"Rebuild %s from a clean, known-good source",
		"Restore %s data from an immutable backup and check its hash",
		"Verify %s: scan and sweep for indicators of compromise",
		"Reset credentials and keys used by %s",
		"Put monitoring in place for %s before it rejoins",
		"Get service owner sign-off for %s",
	}

	out := make([]NewTask, len(titles))
	for i, title := range titles {
		out[i] = NewTask{Title: fmt.Sprintf(title, sys.ID), SystemID: sys.ID, Level: LevelBronze, Priority: 2}
	}

	// Restore after rebuild, verify after restore; the rest can run beside
	// them, and sign-off waits for all.
	out[1].DependsOnIndex = []int{0}
	out[2].DependsOnIndex = []int{1}
	out[5].DependsOnIndex = []int{0, 1, 2, 3, 4}

	return out
}

// NewTask holds the fields of a task to create.
type NewTask struct {
	Title     string
	Detail    string
	SystemID  string
	Owner     string
	Level     Level
	Priority  int
	DependsOn []int64   // task numbers already in the incident
	Due       time.Time // zero means from the system's RTO

	// DependsOnIndex refers to other tasks created in the same AddTasks
	// call, by their index in it.
	DependsOnIndex []int
}
