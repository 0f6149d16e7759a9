package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// taskFixture is a register, a roster and five tasks: T-1 and T-2 for EPR
// (T-2 after T-1), T-3 at silver with no owner or system, T-4 for PACS due
// an hour ago, and T-5 done.
func taskFixture(t *testing.T) *fixture {
	t.Helper()

	f := newFixture(t, false)
	f.importRegister()
	f.addTasks(
		incident.NewTask{Title: "Rebuild EPR", SystemID: "EPR", Owner: "ST05", Priority: 2},
		incident.NewTask{Title: "Restore EPR data", SystemID: "EPR", Owner: "ST09", DependsOnIndex: []int{0}},
		incident.NewTask{Title: "Brief the press office", Level: incident.LevelSilver, Priority: 1},
		incident.NewTask{Title: "Check PACS images", SystemID: "PACS", Owner: "ST10", Due: testNow.Add(-time.Hour)},
		incident.NewTask{Title: "Print paper request forms", Owner: "ST05", Due: testNow.Add(time.Hour)},
	)

	if _, err := f.svc.ChangeTask(t.Context(), f.actor, f.inc.Ref, incident.TaskChange{Num: 5, Action: incident.TaskFinish}); err != nil {
		t.Fatalf("finish T-5: %v", err)
	}

	return f
}

func TestTasksListsAll(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(100, 24), "4")

	if got := visibleNums(m); !slices.Equal(got, []int64{1, 2, 3, 4, 5}) {
		t.Fatalf("tasks shown = %v, want all five in number order", got)
	}

	lines := screen(m)
	for _, want := range []struct{ label, text string }{
		{"T-1", "○ todo        P2 Rebuild EPR"},
		{"T-3", "P1 Brief the press office"},
		{"T-5", "✓ done"},
	} {
		if l := taskLine(lines, want.label); !strings.Contains(l, want.text) {
			t.Errorf("row of %s = %q, want %q", want.label, l, want.text)
		}
	}

	if l := taskLine(lines, "T-2"); !strings.Contains(l, "EPR") || !strings.Contains(l, "ST09") || !strings.Contains(l, "bronze") {
		t.Errorf("row of T-2 = %q, want its system, owner and level", l)
	}
}

func TestTasksFilters(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4")

	cases := []struct {
		keys []string
		want []int64
		line string
	}{
		{[]string{"f"}, []int64{1, 2, 3, 4}, "status open"},
		{[]string{"f", "f"}, []int64{1, 2, 3, 4}, "status todo"},
		{[]string{"L", "L"}, []int64{3}, "level silver"},
		{[]string{"O"}, []int64{1, 5}, "owner ST05"},
		{[]string{"O", "O", "O", "O"}, []int64{3}, "owner (nobody)"},
		{[]string{"Y"}, []int64{1, 2}, "system EPR"},
		{[]string{"Y", "Y"}, []int64{4}, "system PACS"},
		{[]string{"f", "O"}, []int64{1}, "owner ST05"},
		{[]string{"/", "p", "r", "e", "s", "s", "enter"}, []int64{3}, `text "press"`},
	}

	for _, c := range cases {
		shot := press(t, m, c.keys...)
		if got := visibleNums(shot); !slices.Equal(got, c.want) {
			t.Errorf("after %v the tasks shown are %v, want %v", c.keys, got, c.want)
		}

		if line := screen(shot)[shot.layout.StatusHeight]; !strings.Contains(line, c.line) {
			t.Errorf("after %v the filter line is %q, want %q", c.keys, line, c.line)
		}

		if cleared := press(t, shot, "X"); len(visibleNums(cleared)) != 5 {
			t.Errorf("X after %v left %v, want all five", c.keys, visibleNums(cleared))
		}
	}
}

func TestTasksMine(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "m")

	if got := visibleNums(m); !slices.Equal(got, []int64{1, 5}) {
		t.Errorf("my tasks as ST05 = %v, want T-1 and T-5", got)
	}

	if line := screen(m)[m.layout.StatusHeight]; !strings.Contains(line, "mine") || !strings.Contains(line, "2 of 5") {
		t.Errorf("filter line = %q, want mine and 2 of 5", line)
	}

	if got := visibleNums(press(t, m, "m")); len(got) != 5 {
		t.Errorf("m again shows %v, want all five", got)
	}

	f.actor = incident.Actor{ID: "ST09", Level: incident.LevelSilver, Setup: true}
	if got := visibleNums(press(t, f.model(80, 24), "4", "m")); !slices.Equal(got, []int64{2}) {
		t.Errorf("my tasks as ST09 = %v, want T-2", got)
	}
}

func TestTasksOverdueMarked(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4")
	lines := screen(m)

	overdue := taskLine(lines, "T-4")
	if !strings.Contains(overdue, "OVERDUE 14:30") {
		t.Errorf("row of T-4, due an hour ago = %q, want OVERDUE and its due time 14:30 BST", overdue)
	}

	for _, label := range []string{"T-1", "T-3"} {
		if l := taskLine(lines, label); strings.Contains(l, "OVERDUE") {
			t.Errorf("row %q has no due time but is marked overdue", l)
		}
	}

	if l := taskLine(lines, "T-5"); strings.Contains(l, "OVERDUE") || !strings.Contains(l, "16:30") {
		t.Errorf("row of the done T-5 = %q, want its due time and no OVERDUE", l)
	}

	it := m.cont.byNum[4]
	if styled := m.styles.Overdue.Render(fit("OVERDUE 14:30", m.tasks.cols.Due)); !strings.Contains(m.taskRow(it, false), styled) {
		t.Errorf("T-4's due cell is not in the overdue style %q", styled)
	}

	if line := lines[m.layout.StatusHeight]; !strings.Contains(line, "1 OVERDUE") {
		t.Errorf("filter line = %q, want 1 OVERDUE", line)
	}

	if l := lineWith(screen(press(t, m, "1")), "Overdue tasks"); !strings.Contains(l, "1") || !strings.Contains(l, "T-4 PACS +1h") {
		t.Errorf("dashboard overdue line = %q, want 1 and T-4 PACS +1h", l)
	}
}

func TestTasksOverdueFromRTO(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemIsolated, 5*time.Hour) // RTO 4 h, so due an hour ago
	f.addTasks(incident.NewTask{Title: "Rebuild EPR", SystemID: "EPR"})

	m := press(t, f.model(80, 24), "4")
	if l := taskLine(screen(m), "T-1"); !strings.Contains(l, "OVERDUE 14:30") {
		t.Errorf("row of a task whose system's RTO ran out an hour ago = %q, want OVERDUE 14:30", l)
	}
}

func TestTasksDueText(t *testing.T) {
	zone := london(t)
	due := testNow.Add(-3 * 24 * time.Hour) // Mon 8 Jun 15:30 BST

	cases := []struct {
		status incident.TaskStatus
		width  int
		want   string
	}{
		{incident.TaskTodo, 17, "OVERDUE Mon 15:30"},
		{incident.TaskTodo, 13, "OVERDUE Mon"},
		{incident.TaskTodo, 9, "OVERDUE"},
		{incident.TaskDone, 9, "Mon 15:30"},
		{incident.TaskDone, 5, "Mon"},
	}

	for _, c := range cases {
		got, _ := dueText(incident.Task{Status: c.status, Due: due}, testNow, zone, c.width)
		if got != c.want {
			t.Errorf("due three days ago, %s, in %d cells = %q, want %q", c.status, c.width, got, c.want)
		}
	}
}

func TestTasksStartThenDone(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "down", "s")

	if !m.flashErr || !strings.Contains(m.flash, "T-2 cannot be started before T-1 is done") {
		t.Errorf("footer after starting T-2 = %q (error %v), want the dependency refusal", m.flash, m.flashErr)
	}

	m = press(t, m, "up", "s")
	if got := m.cont.byNum[1].task.Status; got != incident.TaskInProgress {
		t.Errorf("T-1 after s = %s, want in progress", got)
	}

	if l := taskLine(screen(m), "T-1"); !strings.Contains(l, "▶ in progress") {
		t.Errorf("row of T-1 = %q, want ▶ in progress", l)
	}

	m = press(t, m, "d")
	if m.dialog == nil || !strings.Contains(m.dialog.question, "Mark T-1 done: Rebuild EPR?") {
		t.Fatalf("d did not ask to confirm, naming the task: %+v", m.dialog)
	}

	if got := f.tasksNow()[0].Status; got != incident.TaskInProgress {
		t.Errorf("before the answer T-1 is %s, want still in progress", got)
	}

	m = press(t, m, "y", "down", "s", "d", "y")

	tasks := f.tasksNow()
	if tasks[0].Status != incident.TaskDone || tasks[1].Status != incident.TaskDone {
		t.Errorf("T-1 and T-2 are %s and %s, want both done", tasks[0].Status, tasks[1].Status)
	}

	if it := m.tasks.at(m.tasks.cur.cursor); it == nil || it.task.Num != 2 {
		t.Errorf("after the changes the selection is %v, want T-2 kept", it)
	}
}

func TestTasksConflict(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4")

	if _, err := f.svc.ChangeTask(t.Context(), otherActor, f.inc.Ref, incident.TaskChange{Num: 1, Action: incident.TaskCancel}); err != nil {
		t.Fatalf("cancel T-1 behind the console: %v", err)
	}

	m = press(t, m, "s")
	if !strings.Contains(m.flash, "Someone else changed T-1 to cancelled since you looked") {
		t.Errorf("footer = %q, want the conflict with the new status", m.flash)
	}

	if got := m.cont.byNum[1].task.Status; got != incident.TaskCancelled {
		t.Errorf("after the conflict T-1 shows %s, want the board read again", got)
	}
}

func TestTasksBlockAndCancel(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "b", "enter")

	if err := popupErr(t, m); !strings.Contains(err, "Note is missing") {
		t.Errorf("block without a note: popup error = %q", err)
	}

	m = typeText(t, m, "waiting for the vendor")
	m = press(t, m, "enter")

	if m.popup != nil {
		t.Fatalf("the block popup stayed open: %q", popupErr(t, m))
	}

	if got := f.tasksNow()[0]; got.Status != incident.TaskBlocked || got.Note != "waiting for the vendor" {
		t.Errorf("T-1 = %s with note %q, want blocked with the note", got.Status, got.Note)
	}

	m = press(t, m, "x")
	if m.dialog == nil || !strings.Contains(m.dialog.question, "Cancel T-1") {
		t.Fatalf("x did not ask to confirm: %+v", m.dialog)
	}

	m = press(t, m, "n")
	if got := f.tasksNow()[0].Status; got != incident.TaskBlocked {
		t.Errorf("after answering no T-1 is %s, want still blocked", got)
	}

	m = press(t, m, "x", "y")
	if got := f.tasksNow()[0].Status; got != incident.TaskCancelled {
		t.Errorf("after answering yes T-1 is %s, want cancelled", got)
	}

	if !strings.Contains(m.flash, "T-1 cancelled") {
		t.Errorf("footer = %q, want T-1 cancelled", m.flash)
	}
}

func TestTasksAssignOwner(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "down", "down", "o")

	if _, ok := m.popup.(*ownerPopup); !ok {
		t.Fatalf("o opened %T, want the owner popup", m.popup)
	}

	m = typeText(t, m, "priya")
	if text := popupText(t, m); !strings.Contains(text, "ST10  Priya Shah") {
		t.Errorf("owner popup after typing priya lacks Priya Shah:\n%s", text)
	}

	m = press(t, m, "enter")
	if got := f.tasksNow()[2].Owner; got != "ST10" {
		t.Errorf("T-3 owner = %q, want ST10", got)
	}

	m = press(t, m, "o", "enter") // with nothing typed, the first option unassigns
	if got := f.tasksNow()[2].Owner; got != "" {
		t.Errorf("T-3 owner after unassigning = %q, want nobody", got)
	}
}

func TestTasksAddPopup(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "t")

	m = typeText(t, m, "Call the LIMS supplier")
	m = press(t, m, "tab")
	m = typeText(t, m, "LIMS")
	m = press(t, m, "tab")
	m = typeText(t, m, "ST09")
	m = press(t, m, "tab", "right", "tab", "left", "tab")
	m = typeText(t, m, "T-9")
	m = press(t, m, "ctrl+s")

	if err := popupErr(t, m); !strings.Contains(err, "T-9, which does not exist") {
		t.Errorf("popup error with a missing dependency = %q", err)
	}

	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "T-3")
	m = press(t, m, "tab")
	m = typeText(t, m, "17:00")
	m = press(t, m, "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the add popup stayed open: %q", popupErr(t, m))
	}

	tasks := f.tasksNow()
	got := tasks[len(tasks)-1]

	if got.Title != "Call the LIMS supplier" || got.SystemID != "LIMS" || got.Owner != "ST09" || got.Level != incident.LevelSilver ||
		got.Priority != 2 || !slices.Equal(got.DependsOn, []int64{3}) || !got.DueSet {
		t.Errorf("new task = %+v, want the typed title, LIMS, ST09, silver, P2, after T-3, due set", got)
	}

	if want := time.Date(2026, 6, 11, 16, 0, 0, 0, time.UTC); !got.Due.Equal(want) {
		t.Errorf("due = %s, want 17:00 BST (%s)", got.Due, want)
	}
}

func TestParseDue(t *testing.T) {
	zone := london(t)

	cases := []struct {
		in   string
		want time.Time
	}{
		{"17:00", time.Date(2026, 6, 11, 16, 0, 0, 0, time.UTC)}, // later today
		{"09:00", time.Date(2026, 6, 12, 8, 0, 0, 0, time.UTC)},  // tomorrow: 09:00 today has passed
		{"+2h", testNow.Add(2 * time.Hour)},
		{"2026-06-13 09:00", time.Date(2026, 6, 13, 8, 0, 0, 0, time.UTC)},
	}

	for _, c := range cases {
		got, err := parseDue(c.in, testNow, zone)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("parseDue(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}

	if _, err := parseDue("+soon", testNow, zone); err == nil {
		t.Error("parseDue(+soon) gave no error")
	}
}

func TestTasksDoneAsksFirst(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "s", "d")

	if m.dialog == nil || !strings.Contains(m.dialog.question, "T-1") || !strings.Contains(m.dialog.question, "Rebuild EPR") {
		t.Fatalf("d did not ask to confirm, naming T-1 and its title: %+v", m.dialog)
	}

	m = press(t, m, "n")
	if got := f.tasksNow()[0].Status; got != incident.TaskInProgress || m.dialog != nil {
		t.Errorf("after answering no T-1 is %s (dialog %v), want still in progress and the question closed", got, m.dialog)
	}

	m = press(t, m, "down", "down", "down", "down", "d")
	if m.dialog != nil || !strings.Contains(m.flash, "T-5 is already done") {
		t.Errorf("d on the done T-5 gave dialog %v and footer %q, want no question and why", m.dialog, m.flash)
	}
}

func TestTasksReopen(t *testing.T) {
	f := taskFixture(t)
	m := press(t, f.model(80, 24), "4", "r")

	if !m.flashErr || !strings.Contains(m.flash, "T-1 is todo: only a done, cancelled or blocked task can be reopened") {
		t.Errorf("r on a todo task: footer = %q (error %v), want why it cannot be reopened", m.flash, m.flashErr)
	}

	m = press(t, m, "down", "down", "down", "down", "r")
	if got := f.tasksNow()[4].Status; got != incident.TaskTodo {
		t.Errorf("T-5 after r = %s, want todo", got)
	}

	if !strings.Contains(m.flash, "T-5 reopened") {
		t.Errorf("footer = %q, want T-5 reopened", m.flash)
	}

	if l := taskLine(screen(m), "T-5"); !strings.Contains(l, "○ todo") {
		t.Errorf("row of T-5 = %q, want ○ todo", l)
	}

	m = press(t, m, "b")
	m = typeText(t, m, "vendor")
	m = press(t, m, "enter", "r")

	if got := f.tasksNow()[4].Status; got != incident.TaskTodo {
		t.Errorf("blocked T-5 after r = %s, want todo again", got)
	}
}
