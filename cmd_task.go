package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

func newTaskCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("task", "Add, start, finish, assign and list recovery tasks",
		`Recovery tasks: what is to be done to bring systems back, by whom, in what
order and by when. Every change is recorded on the timeline under the acting
identity (--as). A task cannot start or be done before the tasks it depends
on are done. A task on a system is due when the system's RTO runs out,
counted from the start of its outage, unless --due sets another time.

Task statuses: todo, in-progress, blocked, done, cancelled.`,
		newTaskAddCommand(g),
		newTaskActionCommand(g, incident.TaskStart, "Start a task: it moves to in progress", ""),
		newTaskActionCommand(g, incident.TaskFinish, "Mark a task done", ""),
		newTaskActionCommand(g, incident.TaskBlock, "Mark a task blocked, with a note saying what it waits for",
			"--note is required: say what the task is waiting for."),
		newTaskActionCommand(g, incident.TaskCancel, "Cancel a task", ""),
		newTaskActionCommand(g, incident.TaskReopen, "Reopen a done, cancelled or blocked task: it moves back to todo", ""),
		newTaskAssignCommand(g),
		newTaskAfterCommand(g),
		newTaskListCommand(g),
	)
}

// taskAddFlags are the options of 'sitroom task add'.
type taskAddFlags struct {
	ref, system, owner, level, due, detail, standard string
	priority                                         int
	after                                            []string
}

func newTaskAddCommand(g *globalFlags) *cobra.Command {
	var fl taskAddFlags

	cmd := &cobra.Command{
		Use:   "add TITLE [--system ID] [--owner STAFF_ID] [--level L] [--priority 1-4] [--after T-N]... [--due TIME] [--detail TEXT]",
		Short: "Add a recovery task, or the standard set for a system with --standard",
		Long: `Add a recovery task with TITLE.

--due takes +2h (from now), 18:00 (the next time the clock shows it), or a
full timestamp, read in the display zone. Without --due, a task on a system
is due when the system's RTO runs out.

--standard SYSTEM_ID adds, in one go, the usual tasks for bringing an
isolated system back: rebuild, restore from an immutable backup, verify,
reset credentials, monitoring and owner sign-off, each after the work it
needs. --owner, --level, --priority and --due then apply to every task of
the set.`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case fl.standard != "" && len(args) > 0:
				return fmt.Errorf("give either a TITLE or --standard SYSTEM_ID, not both")
			case fl.standard == "" && len(args) == 0:
				return fmt.Errorf("no task title: give what is to be done as the argument, for example: sitroom task add \"Rebuild EPR app servers\" --system EPR")
			}

			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl.standard != "" {
				for _, name := range []string{"system", "after", "detail"} {
					if cmd.Flags().Changed(name) {
						return fmt.Errorf("--%s does not apply to --standard: the standard set sets its own; change a task afterwards with 'sitroom task after' or add it separately", name)
					}
				}
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runTaskAdd(ctx, cmd.OutOrStdout(), a, fl, strings.Join(args, " "))
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&fl.system, "system", "", "id of the system the task brings back")
	f.StringVar(&fl.owner, "owner", "", "staff id of the task's owner")
	f.StringVar(&fl.level, "level", "", "command level: gold, silver, bronze or none (default bronze)")
	f.IntVar(&fl.priority, "priority", 0, "1 (highest) to 4 (default 3; 2 for the standard set)")
	f.StringSliceVar(&fl.after, "after", nil, "a task that must be done first, such as T-3; repeat or separate with commas")
	f.StringVar(&fl.due, "due", "", "when it must be done: +2h, 18:00 or a timestamp (default: when the system's RTO runs out)")
	f.StringVar(&fl.detail, "detail", "", "more about what is to be done")
	f.StringVar(&fl.standard, "standard", "", "add the standard recovery tasks for this system id")

	return cmd
}

func runTaskAdd(ctx context.Context, w io.Writer, a *app, fl taskAddFlags, title string) error {
	base := incident.NewTask{Title: title, Detail: fl.detail, SystemID: fl.system, Owner: fl.owner, Priority: fl.priority}

	var err error

	if fl.level != "" {
		if base.Level, err = incident.ParseLevel(fl.level); err != nil {
			return err
		}
	}

	if fl.due != "" {
		if base.Due, err = parseDue(fl.due, a.svc.Now(), a.zone); err != nil {
			return err
		}
	}

	if base.DependsOn, err = parseTaskLabels(fl.after); err != nil {
		return err
	}

	in := []incident.NewTask{base}

	if fl.standard != "" {
		if in, err = standardTasks(ctx, a, fl.ref, fl.standard, base); err != nil {
			return err
		}
	}

	tasks, err := a.svc.AddTasks(ctx, a.actor, fl.ref, in)
	if err != nil {
		return err
	}

	for _, t := range tasks {
		after := ""
		if len(t.DependsOn) > 0 {
			after = " (after " + joinLabels(t.DependsOn) + ")"
		}

		fmt.Fprintf(w, "%s created: %s%s\n", t.Label(), incident.SanitizeLine(t.Title), after)
	}

	return nil
}

// standardTasks returns the standard set for systemID, with the owner,
// level, priority and due time given on the command line in place of the
// set's own.
func standardTasks(ctx context.Context, a *app, ref, systemID string, base incident.NewTask) ([]incident.NewTask, error) {
	b, err := a.svc.Board(ctx, ref)
	if err != nil {
		return nil, err
	}

	row, ok := findSystemRow(b.Systems, systemID)
	if !ok {
		return nil, fmt.Errorf("system %q is not in the register: list systems with 'sitroom system list'", systemID)
	}

	// The standard set is for a system on its way back, and only once.
	if !row.State.Status.OutOfService() {
		return nil, fmt.Errorf("system %s is %s: the standard recovery tasks are for a system out of service; isolate or shut it down first", row.ID, row.State.Status)
	}

	var open []string
	for _, t := range b.Tasks {
		if t.SystemID == row.ID && !t.Status.Closed() {
			open = append(open, t.Label())
		}
	}

	if len(open) > 0 {
		return nil, fmt.Errorf("system %s already has open recovery tasks (%s): add further tasks one at a time with 'sitroom task add TITLE --system %s'", row.ID, strings.Join(open, ", "), row.ID)
	}

	set := incident.StandardTasks(row.System)

	for i := range set {
		if base.Owner != "" {
			set[i].Owner = base.Owner
		}

		if base.Level != "" {
			set[i].Level = base.Level
		}

		if base.Priority != 0 {
			set[i].Priority = base.Priority
		}

		set[i].Due = base.Due
	}

	return set, nil
}

// parseDue reads a due time. It takes what incident.ParseTime takes, but
// reads forward where ParseTime reads back: "+2h" is two hours from now,
// and a clock time such as 18:00 is the next time the clock shows it.
func parseDue(input string, now time.Time, zone *time.Location) (time.Time, error) {
	s := strings.TrimSpace(input)

	if rest, ok := strings.CutPrefix(s, "+"); ok {
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return time.Time{}, fmt.Errorf("invalid due time %q: write an offset ahead of now as +2h or +1h30m", input)
		}

		return now.Add(d), nil
	}

	t, err := incident.ParseTime(s, now, zone)
	if err != nil {
		return time.Time{}, err
	}

	if !clockOnly.MatchString(s) || t.After(now) {
		return t, nil
	}

	// ParseTime read the clock time as the last one before now, so the
	// next one is a calendar day later on the wall clock, which a clock
	// change can make 23 or 25 hours.
	local := t.In(zone)
	wall := time.Date(local.Year(), local.Month(), local.Day()+1, local.Hour(), local.Minute(), local.Second(), 0, time.UTC)

	return incident.LocalTime(wall, zone)
}

// clockOnly matches a time of day with no date, such as 18:00 or 18:00:30.
var clockOnly = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?$`)

func parseTaskLabels(labels []string) ([]int64, error) {
	var nums []int64

	for _, label := range labels {
		n, err := incident.ParseTaskLabel(label)
		if err != nil {
			return nil, err
		}

		nums = append(nums, n)
	}

	return nums, nil
}

func joinLabels(nums []int64) string {
	labels := make([]string, len(nums))
	for i, n := range nums {
		labels[i] = incident.TaskLabel(n)
	}

	return strings.Join(labels, ", ")
}

func newTaskActionCommand(g *globalFlags, action incident.TaskAction, short, long string) *cobra.Command {
	var ref, note string

	cmd := &cobra.Command{
		Use:   string(action) + " T-N [--note TEXT]",
		Short: short,
		Long:  strings.TrimSpace(short + ".\n\n" + long),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			num, err := incident.ParseTaskLabel(args[0])
			if err != nil {
				return err
			}

			if action == incident.TaskBlock && strings.TrimSpace(note) == "" {
				return fmt.Errorf("blocking task %s needs a note: say what it is waiting for with --note TEXT", incident.TaskLabel(num))
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				t, err := a.svc.ChangeTask(ctx, a.actor, ref, incident.TaskChange{Num: num, Action: action, Note: note})
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "%s is now %s: %s\n", t.Label(), taskStatusWord(t.Status), incident.SanitizeLine(t.Title))

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	cmd.Flags().StringVar(&note, "note", "", "the reason for the change, recorded on the timeline")

	return cmd
}

// taskStatusWord returns a task status as one word, "in-progress" for in
// progress, which ParseTaskStatus reads back and a script can split on
// spaces.
func taskStatusWord(st incident.TaskStatus) string {
	return strings.ReplaceAll(string(st), " ", "-")
}

func newTaskAssignCommand(g *globalFlags) *cobra.Command {
	var ref, note string

	cmd := &cobra.Command{
		Use:   "assign T-N STAFF_ID",
		Short: "Give a task to a staff member",
		Long: `Give a task to the staff member with STAFF_ID, who must be on the roster.
An empty STAFF_ID ("") leaves the task unassigned.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			num, err := incident.ParseTaskLabel(args[0])
			if err != nil {
				return err
			}

			owner := strings.TrimSpace(args[1])

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				t, err := a.svc.ChangeTask(ctx, a.actor, ref, incident.TaskChange{Num: num, Owner: &owner, Note: note})
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "%s assigned to %s: %s\n", t.Label(), incident.SanitizeLine(orNobody(t.Owner)),
					incident.SanitizeLine(t.Title))

				return nil
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	cmd.Flags().StringVar(&note, "note", "", "the reason for the change, recorded on the timeline")

	return cmd
}

func orNobody(s string) string {
	if s == "" {
		return "nobody"
	}

	return s
}

func newTaskAfterCommand(g *globalFlags) *cobra.Command {
	var ref, note string
	var none bool

	cmd := &cobra.Command{
		Use:   "after T-N T-M... | after T-N --none",
		Short: "Set the tasks that must be done before a task",
		Long: `Make task T-N depend on the tasks after it, replacing its dependencies; with
--none, clear them. A dependency that would make a cycle is rejected.`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return fmt.Errorf("no task given: for example, sitroom task after T-5 T-3 T-4")
			case none && len(args) > 1:
				return fmt.Errorf("give either the tasks T-N depends on or --none, not both")
			case !none && len(args) == 1:
				return fmt.Errorf("no dependencies given for %s: name the tasks it waits for, or give --none to clear them", args[0])
			}

			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			num, err := incident.ParseTaskLabel(args[0])
			if err != nil {
				return err
			}

			deps, err := parseTaskLabels(args[1:])
			if err != nil {
				return err
			}

			if deps == nil {
				deps = []int64{}
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				t, err := a.svc.ChangeTask(ctx, a.actor, ref, incident.TaskChange{Num: num, DependsOn: &deps, Note: note})
				if err != nil {
					return err
				}

				fmt.Fprintf(cmd.OutOrStdout(), "%s now depends on %s: %s\n", t.Label(), orNothing(joinLabels(t.DependsOn)),
					incident.SanitizeLine(t.Title))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&note, "note", "", "the reason for the change, recorded on the timeline")
	f.BoolVar(&none, "none", false, "clear the task's dependencies")

	return cmd
}

func orNothing(s string) string {
	if s == "" {
		return "nothing"
	}

	return s
}

// taskListFlags are the options of 'sitroom task list'.
type taskListFlags struct {
	ref, owner, level, system string
	mine                      bool
	statuses                  []string
}

func newTaskListCommand(g *globalFlags) *cobra.Command {
	var fl taskListFlags

	cmd := &cobra.Command{
		Use:   "list [--owner ID] [--mine] [--level L] [--system ID] [--status S]...",
		Short: "List recovery tasks with owner, due time and dependencies",
		Long: `List the incident's tasks in number order: status, priority, level, system,
owner, due time in the display zone (OVERDUE once past it while open), the
tasks each waits for, and title. --mine lists the tasks owned by the acting
identity (--as). --status keeps only the given statuses (repeat it, or
separate with commas).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keep, err := parseTaskStatusFilter(fl.statuses)
			if err != nil {
				return err
			}

			var level incident.Level
			if fl.level != "" {
				if level, err = incident.ParseLevel(fl.level); err != nil {
					return err
				}
			}

			if fl.mine && fl.owner != "" {
				return fmt.Errorf("give either --mine or --owner, not both")
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				owner := fl.owner
				if fl.mine {
					if a.actor.ID == "" {
						return fmt.Errorf("--mine needs to know who you are: give --as STAFF_ID or set SITROOM_USER")
					}

					owner = a.actor.ID
				}

				b, err := a.svc.Board(ctx, fl.ref)
				if err != nil {
					return err
				}

				var rows []incident.Task

				for _, t := range b.Tasks {
					if keepTask(t, owner, level, fl.system, keep) {
						rows = append(rows, t)
					}
				}

				return writeTaskTable(cmd.OutOrStdout(), rows, b.Now, a.zone)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&fl.owner, "owner", "", "keep only tasks owned by this staff id")
	f.BoolVar(&fl.mine, "mine", false, "keep only tasks owned by the acting identity (--as)")
	f.StringVar(&fl.level, "level", "", "keep only tasks at this command level")
	f.StringVar(&fl.system, "system", "", "keep only tasks on this system id")
	f.StringSliceVar(&fl.statuses, "status", nil, "keep only tasks in this status; repeat or separate with commas")

	return cmd
}

func parseTaskStatusFilter(names []string) (map[incident.TaskStatus]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}

	keep := map[incident.TaskStatus]bool{}

	for _, name := range names {
		st, err := incident.ParseTaskStatus(name)
		if err != nil {
			return nil, err
		}

		keep[st] = true
	}

	return keep, nil
}

func keepTask(t incident.Task, owner string, level incident.Level, system string, keep map[incident.TaskStatus]bool) bool {
	switch {
	case owner != "" && !strings.EqualFold(t.Owner, owner):
		return false
	case level != "" && t.Level != level:
		return false
	case system != "" && !strings.EqualFold(t.SystemID, system):
		return false
	case keep != nil && !keep[t.Status]:
		return false
	}

	return true
}

func writeTaskTable(w io.Writer, tasks []incident.Task, now time.Time, zone *time.Location) error {
	if len(tasks) == 0 {
		_, err := fmt.Fprintln(w, "no tasks match")

		return err
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TASK\tSTATUS\tPRI\tLEVEL\tSYSTEM\tOWNER\tDUE\tAFTER\tTITLE")

	for _, t := range tasks {
		due := "-"
		if !t.Due.IsZero() {
			due = t.Due.In(zone).Format(displayLayout)
		}

		if t.Overdue(now) {
			due += " OVERDUE"
		}

		title := t.Title
		if t.Status == incident.TaskBlocked && t.Note != "" {
			title += " [blocked: " + t.Note + "]"
		}

		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Label(), taskStatusWord(t.Status), t.Priority, t.Level,
			incident.SanitizeLine(orDash(t.SystemID)), incident.SanitizeLine(orDash(t.Owner)), due,
			orDash(joinLabels(t.DependsOn)), incident.SanitizeLine(title))
	}

	return tw.Flush()
}
