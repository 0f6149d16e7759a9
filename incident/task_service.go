package incident

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// AddTasks creates tasks in one transaction, each with its own timeline
// entry. A task's due time comes from its system's RTO, counted from the
// start of the outage, unless set by hand.
func (s *Service) AddTasks(ctx context.Context, actor Actor, ref string, in []NewTask) ([]Task, error) {
	now := s.Now()
	var out []Task

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		existing, err := tx.Tasks(ctx, inc.ID)
		if err != nil {
			return err
		}

		known := map[int64]bool{}
		for _, t := range existing {
			known[t.Num] = true
		}

		next := int64(len(existing)) + 1

		for i, nt := range in {
			t, err := s.newTask(ctx, tx, inc, nt, next+int64(i), now, actor, known, out)
			if err != nil {
				return fmt.Errorf("task %d of %d (%q): %w", i+1, len(in), nt.Title, err)
			}

			if err := tx.InsertTask(ctx, &t); err != nil {
				return err
			}

			if err := s.taskEntry(ctx, tx, inc, actor, t, KindAction, taskCreatedText(t), now); err != nil {
				return err
			}

			known[t.Num] = true
			out = append(out, t)
		}

		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add tasks: %w", err)
	}

	return out, nil
}

func (s *Service) newTask(ctx context.Context, r Reader, inc Incident, nt NewTask, num int64, now time.Time,
	actor Actor, known map[int64]bool, created []Task,
) (Task, error) {
	title := strings.TrimSpace(nt.Title)
	if title == "" {
		return Task{}, fmt.Errorf("task has no title: say what is to be done")
	}

	if nt.Priority == 0 {
		nt.Priority = 3
	}

	if nt.Priority < 1 || nt.Priority > 4 {
		return Task{}, fmt.Errorf("invalid priority %d: use 1 (highest) to 4", nt.Priority)
	}

	level := nt.Level
	if level == "" {
		level = LevelBronze
	}

	t := Task{
		IncidentID: inc.ID, Num: num, Title: title, Detail: strings.TrimSpace(nt.Detail), Owner: nt.Owner,
		Level: level, Priority: nt.Priority, Status: TaskTodo, Due: nt.Due.UTC(), DueSet: !nt.Due.IsZero(),
		CreatedAt: now, CreatedBy: actor.ID, UpdatedAt: now,
	}

	if nt.SystemID != "" {
		sys, err := systemByID(ctx, r, nt.SystemID)
		if err != nil {
			return Task{}, err
		}

		t.SystemID = sys.ID
	}

	if err := checkOwner(ctx, r, nt.Owner); err != nil {
		return Task{}, err
	}

	for _, dep := range nt.DependsOn {
		if !known[dep] {
			return Task{}, fmt.Errorf("depends on %s, which does not exist", TaskLabel(dep))
		}

		t.DependsOn = append(t.DependsOn, dep)
	}

	for _, idx := range nt.DependsOnIndex {
		if idx < 0 || idx >= len(created) {
			return Task{}, fmt.Errorf("depends on task %d of this set, which comes later or does not exist", idx+1)
		}

		t.DependsOn = append(t.DependsOn, created[idx].Num)
	}

	return t, nil
}

func checkOwner(ctx context.Context, r Reader, owner string) error {
	if owner == "" {
		return nil
	}

	staff, err := r.Staff(ctx)
	if err != nil || len(staff) == 0 {
		return err
	}

	for _, m := range staff {
		if m.ID == owner {
			return nil
		}
	}

	return fmt.Errorf("owner %q is not on the staff roster: give a staff id", owner)
}

func taskCreatedText(t Task) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Task %s created: %s", t.Label(), t.Title)

	var facts []string
	if t.SystemID != "" {
		facts = append(facts, "system "+t.SystemID)
	}

	if t.Owner != "" {
		facts = append(facts, "owner "+t.Owner)
	}

	facts = append(facts, fmt.Sprintf("%s, priority %d", t.Level, t.Priority))

	if len(t.DependsOn) > 0 {
		facts = append(facts, "after "+joinTaskLabels(t.DependsOn))
	}

	fmt.Fprintf(&b, " (%s)", strings.Join(facts, "; "))

	return b.String()
}

func joinTaskLabels(nums []int64) string {
	labels := make([]string, len(nums))
	for i, n := range nums {
		labels[i] = TaskLabel(n)
	}

	return strings.Join(labels, ", ")
}

func (s *Service) taskEntry(ctx context.Context, tx Tx, inc Incident, actor Actor, t Task, kind Kind, text string, now time.Time) error {
	e := Entry{
		OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
		Kind: kind, Text: text, Tasks: []string{t.Label()},
	}

	if t.SystemID != "" {
		e.Systems = []string{t.SystemID}
	}

	return appendEntry(ctx, tx, inc, &e)
}

// TaskChange is a change to one task: an action on its status, a new
// owner, or new dependencies. Note gives the reason, and is required to
// block a task.
type TaskChange struct {
	Num    int64
	Action TaskAction // empty for no status change
	Owner  *string    // new owner when set; "" unassigns

	// DependsOn replaces the task's dependencies when set. A change that
	// would make a cycle is rejected.
	DependsOn *[]int64
	Note      string

	// Expect is the status the user saw; when set and the task has moved
	// on since, the change is rejected with ErrConflict.
	Expect TaskStatus
}

// ChangeTask applies a change to a task and writes an action entry in the
// same transaction. A task cannot start or be done before the tasks it
// depends on are done.
func (s *Service) ChangeTask(ctx context.Context, actor Actor, ref string, ch TaskChange) (Task, error) {
	now := s.Now()
	var out Task

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		tasks, err := tx.Tasks(ctx, inc.ID)
		if err != nil {
			return err
		}

		t, byNum, err := findTask(tasks, ch.Num)
		if err != nil {
			return err
		}

		if ch.Expect != "" && ch.Expect != t.Status {
			return fmt.Errorf("task %s is now %s, not %s: %w", t.Label(), t.Status, ch.Expect, ErrConflict)
		}

		texts, err := applyTaskChange(ctx, tx, &t, byNum, ch)
		if err != nil {
			return err
		}

		if len(texts) == 0 {
			return fmt.Errorf("nothing to change on task %s", t.Label())
		}

		t.UpdatedAt = now
		t.Note = strings.TrimSpace(ch.Note)

		if err := tx.UpdateTask(ctx, t); err != nil {
			return err
		}

		text := fmt.Sprintf("Task %s %s: %s", t.Label(), strings.Join(texts, "; "), t.Title)
		if t.Note != "" {
			text += ". Note: " + t.Note
		}

		out = t

		return s.taskEntry(ctx, tx, inc, actor, t, KindAction, text, now)
	})
	if err != nil {
		return Task{}, fmt.Errorf("change task %s: %w", TaskLabel(ch.Num), err)
	}

	return out, nil
}

func findTask(tasks []Task, num int64) (Task, map[int64]Task, error) {
	byNum := make(map[int64]Task, len(tasks))
	for _, t := range tasks {
		byNum[t.Num] = t
	}

	t, ok := byNum[num]
	if !ok {
		return Task{}, byNum, fmt.Errorf("task %s not found: list tasks with 'sitroom task list': %w", TaskLabel(num), ErrNotFound)
	}

	return t, byNum, nil
}

// applyTaskChange changes t in memory and returns a phrase for each part
// of the change, for its timeline entry.
func applyTaskChange(ctx context.Context, r Reader, t *Task, byNum map[int64]Task, ch TaskChange) ([]string, error) {
	var texts []string

	if ch.DependsOn != nil {
		if err := checkTaskDeps(t.Num, *ch.DependsOn, byNum); err != nil {
			return nil, err
		}

		t.DependsOn = append([]int64(nil), (*ch.DependsOn)...)
		texts = append(texts, "now depends on "+orNothing(joinTaskLabels(t.DependsOn)))
		byNum[t.Num] = *t
	}

	if ch.Owner != nil {
		if err := checkOwner(ctx, r, *ch.Owner); err != nil {
			return nil, err
		}

		t.Owner = *ch.Owner
		texts = append(texts, "assigned to "+orNothing(t.Owner))
	}

	if ch.Action == "" {
		return texts, nil
	}

	to, err := checkTaskAction(*t, ch.Action)
	if err != nil {
		return nil, err
	}

	if ch.Action == TaskBlock && strings.TrimSpace(ch.Note) == "" {
		return nil, fmt.Errorf("blocking task %s needs a note: say what it is waiting for", t.Label())
	}

	if to == TaskInProgress || to == TaskDone {
		if open := unfinishedDeps(*t, byNum); len(open) > 0 {
			return nil, fmt.Errorf("task %s cannot be %s before %s %s done", t.Label(), actionPast(ch.Action),
				joinTaskLabels(open), isAre(len(open)))
		}
	}

	t.Status = to

	return append(texts, actionPast(ch.Action)), nil
}

func orNothing(s string) string {
	if s == "" {
		return "nobody"
	}

	return s
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}

	return "are"
}

func unfinishedDeps(t Task, byNum map[int64]Task) []int64 {
	var open []int64

	for _, dep := range t.DependsOn {
		if d, ok := byNum[dep]; ok && d.Status != TaskDone {
			open = append(open, dep)
		}
	}

	sort.Slice(open, func(i, j int) bool { return open[i] < open[j] })

	return open
}

// checkTaskDeps rejects dependencies on missing tasks and any that would
// close a cycle back to task num.
func checkTaskDeps(num int64, deps []int64, byNum map[int64]Task) error {
	for _, dep := range deps {
		if _, ok := byNum[dep]; !ok {
			return fmt.Errorf("%s does not exist", TaskLabel(dep))
		}

		if path := pathBetween(dep, num, byNum, map[int64]bool{}); path != nil {
			cycle := append([]int64{num}, path...)

			return fmt.Errorf("depending on %s would make a cycle: %s", TaskLabel(dep), arrowTaskLabels(cycle))
		}
	}

	return nil
}

// pathBetween returns the dependency path from one task to another,
// following DependsOn, or nil when there is none.
func pathBetween(from, to int64, byNum map[int64]Task, seen map[int64]bool) []int64 {
	if from == to {
		return []int64{to}
	}

	if seen[from] {
		return nil
	}

	seen[from] = true

	for _, dep := range byNum[from].DependsOn {
		if rest := pathBetween(dep, to, byNum, seen); rest != nil {
			return append([]int64{from}, rest...)
		}
	}

	return nil
}

func arrowTaskLabels(nums []int64) string {
	labels := make([]string, len(nums))
	for i, n := range nums {
		labels[i] = TaskLabel(n)
	}

	return strings.Join(labels, " → ")
}
