package incident_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestStandardTasksDependencies(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)

	tasks, err := f.svc.AddTasks(ctx, silver, "", incident.StandardTasks(incident.System{ID: "EPR"}))
	if err != nil {
		t.Fatalf("add standard tasks: %v", err)
	}

	if len(tasks) != 6 || tasks[0].Label() != "T-1" || tasks[5].Label() != "T-6" {
		t.Fatalf("tasks = %+v", tasks)
	}

	if got := tasks[5].DependsOn; len(got) != 5 {
		t.Errorf("sign-off depends on %v, want the five others", got)
	}

	// Restore (T-2) waits for the rebuild (T-1).
	_, err = f.svc.ChangeTask(ctx, bronze, "", incident.TaskChange{Num: 2, Action: incident.TaskStart})
	if err == nil || !strings.Contains(err.Error(), "before T-1 is done") {
		t.Errorf("start T-2 before T-1: %v", err)
	}

	for _, step := range []incident.TaskChange{
		{Num: 1, Action: incident.TaskStart},
		{Num: 1, Action: incident.TaskFinish},
		{Num: 2, Action: incident.TaskStart},
	} {
		if _, err := f.svc.ChangeTask(ctx, bronze, "", step); err != nil {
			t.Fatalf("%s %s: %v", step.Action, incident.TaskLabel(step.Num), err)
		}
	}

	if _, err := f.svc.ChangeTask(ctx, bronze, "", incident.TaskChange{Num: 3, Action: incident.TaskBlock}); err == nil {
		t.Error("blocking without a note was accepted")
	}

	task, err := f.svc.ChangeTask(ctx, bronze, "", incident.TaskChange{Num: 3, Action: incident.TaskBlock, Note: "waiting for the backup vendor"})
	if err != nil || task.Status != incident.TaskBlocked || task.Note != "waiting for the backup vendor" {
		t.Errorf("block T-3 = %+v, %v", task, err)
	}

	if _, err := f.svc.ChangeTask(ctx, bronze, "", incident.TaskChange{Num: 1, Action: incident.TaskStart}); err == nil || !strings.Contains(err.Error(), "T-1 is done") {
		t.Errorf("starting a done task: %v", err)
	}
}

func TestTaskDependencyCycleRefused(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	_, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{
		{Title: "A"}, {Title: "B", DependsOnIndex: []int{0}}, {Title: "C", DependsOnIndex: []int{1}},
	})
	if err != nil {
		t.Fatalf("add: %v", err)
	}

	deps := []int64{3}

	_, err = f.svc.ChangeTask(ctx, silver, "", incident.TaskChange{Num: 1, DependsOn: &deps})
	if err == nil || !strings.Contains(err.Error(), "T-1 → T-3 → T-2 → T-1") {
		t.Errorf("making a cycle: %v, want it spelt out", err)
	}

	self := []int64{1}
	if _, err := f.svc.ChangeTask(ctx, silver, "", incident.TaskChange{Num: 1, DependsOn: &self}); err == nil {
		t.Error("a task depending on itself was accepted")
	}

	missing := []int64{9}
	if _, err := f.svc.ChangeTask(ctx, silver, "", incident.TaskChange{Num: 1, DependsOn: &missing}); err == nil || !strings.Contains(err.Error(), "T-9 does not exist") {
		t.Errorf("depending on a missing task: %v", err)
	}
}

func TestTaskDueFromRTOAcrossClockChange(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()
	loc := london(t)

	// AD has a 4-hour RTO. Isolated at 00:30 BST on 25 October, it is due
	// four real hours later, which the clocks show as 03:30 GMT.
	start, err := incident.ParseTime("2026-10-25 00:30", f.now, loc)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	f.now = start
	f.move(t, "AD", incident.SystemIsolated)

	if _, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{{Title: "Rebuild AD", SystemID: "AD"}}); err != nil {
		t.Fatalf("add: %v", err)
	}

	tasks, err := f.svc.Tasks(ctx, "")
	if err != nil {
		t.Fatalf("tasks: %v", err)
	}

	due := tasks[0].Due.In(loc)
	if got := due.Format("2006-01-02 15:04 MST"); got != "2026-10-25 03:30 GMT" {
		t.Errorf("due %s, want 2026-10-25 03:30 GMT", got)
	}

	if tasks[0].Overdue(due.Add(-time.Minute)) || !tasks[0].Overdue(due.Add(time.Minute)) {
		t.Error("overdue boundary wrong")
	}

	set := start.Add(time.Hour)
	if _, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{{Title: "Brief", SystemID: "AD", Due: set}}); err != nil {
		t.Fatalf("add with due: %v", err)
	}

	tasks, _ = f.svc.Tasks(ctx, "")
	if !tasks[1].Due.Equal(set) || !tasks[1].DueSet {
		t.Errorf("hand-set due = %s (set %v), want %s", tasks[1].Due, tasks[1].DueSet, set)
	}
}

func TestTaskOwnerAndConflict(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	if _, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{{Title: "X", Owner: "ST99"}}); err == nil || !strings.Contains(err.Error(), `"ST99" is not on the staff roster`) {
		t.Errorf("unknown owner: %v", err)
	}

	if _, err := f.svc.AddTasks(ctx, silver, "", []incident.NewTask{{Title: "X", Owner: "ST10"}}); err != nil {
		t.Fatalf("add: %v", err)
	}

	owner := "ST09"
	if task, err := f.svc.ChangeTask(ctx, silver, "", incident.TaskChange{Num: 1, Owner: &owner}); err != nil || task.Owner != "ST09" {
		t.Errorf("assign = %+v, %v", task, err)
	}

	if _, err := f.svc.ChangeTask(ctx, silver, "", incident.TaskChange{Num: 1, Action: incident.TaskStart}); err != nil {
		t.Fatalf("start: %v", err)
	}

	_, err := f.svc.ChangeTask(ctx, bronze, "", incident.TaskChange{Num: 1, Action: incident.TaskFinish, Expect: incident.TaskTodo})
	if !errors.Is(err, incident.ErrConflict) {
		t.Errorf("change from a stale view: %v, want ErrConflict", err)
	}
}
