package tui

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// register is a small register: EPR depends on AD and VIRT, PACS on VIRT,
// LIMS on nothing. Criticality and RTOs differ so each order differs.
var register = []incident.System{
	{ID: "VIRT", Name: "Virtualisation cluster", OwnerRole: "IT Infrastructure Manager", Criticality: 5, RTOHours: 4,
		PatientImpact: "All on-premises systems down"},
	{ID: "AD", Name: "Active Directory", OwnerRole: "IT Infrastructure Manager", Criticality: 5, RTOHours: 4, DependsOn: []string{"VIRT"},
		PatientImpact: "Staff cannot log in"},
	{ID: "EPR", Name: "Electronic patient record", OwnerRole: "Head of Clinical Systems", Criticality: 5, RTOHours: 4,
		DependsOn: []string{"AD", "VIRT"}, PatientImpact: "Clinicians lose records and results"},
	{ID: "PACS", Name: "Picture archiving", OwnerRole: "Radiology Services Manager", Criticality: 4, RTOHours: 8,
		DependsOn: []string{"VIRT"}, PatientImpact: "No images for radiology reporting"},
	{ID: "LIMS", Name: "Laboratory information system", OwnerRole: "Head of Pathology", Criticality: 3, RTOHours: 12,
		PatientImpact: "Pathology results on paper"},
}

// roster is the staff the tasks tests assign to.
var roster = []incident.StaffMember{
	{ID: "ST05", Name: "Alex Smith", Role: "Tactical commander", Level: incident.LevelGold},
	{ID: "ST09", Name: "Marcus Bennett", Role: "Deputy COO", Level: incident.LevelSilver},
	{ID: "ST10", Name: "Priya Shah", Role: "IT on call", Level: incident.LevelBronze},
	{ID: "ST07", Name: "Dana Other", Role: "Head of Cyber Security", Level: incident.LevelSilver},
}

// otherActor is someone else in the room, who changes things behind the
// fixture's console.
var otherActor = incident.Actor{ID: "ST07", Name: "Dana Other", Level: incident.LevelSilver, Setup: true}

func (f *fixture) importRegister() {
	f.t.Helper()

	ctx := context.Background()
	if err := f.svc.ImportSystems(ctx, f.actor, "test", register); err != nil {
		f.t.Fatalf("import systems: %v", err)
	}

	if err := f.svc.ImportStaff(ctx, f.actor, "test", roster); err != nil {
		f.t.Fatalf("import staff: %v", err)
	}
}

// setStatus moves a system to status as actor, at ago before testNow,
// and leaves the fixture's clock at testNow.
func (f *fixture) setStatus(actor incident.Actor, id string, to incident.SystemStatus, ago time.Duration) {
	f.t.Helper()

	f.now = testNow.Add(-ago)
	defer func() { f.now = testNow }()

	_, err := f.svc.SetSystemStatus(context.Background(), actor, f.inc.Ref, incident.StatusChange{SystemID: id, To: to, Reason: "test"})
	if err != nil {
		f.t.Fatalf("set %s to %s: %v", id, to, err)
	}
}

// addTasks creates tasks as the fixture's actor and fails the test on
// error.
func (f *fixture) addTasks(in ...incident.NewTask) []incident.Task {
	f.t.Helper()

	tasks, err := f.svc.AddTasks(context.Background(), f.actor, f.inc.Ref, in)
	if err != nil {
		f.t.Fatalf("add tasks: %v", err)
	}

	return tasks
}

// tasksNow reads the incident's tasks as stored.
func (f *fixture) tasksNow() []incident.Task {
	f.t.Helper()

	tasks, err := f.svc.Tasks(context.Background(), f.inc.Ref)
	if err != nil {
		f.t.Fatalf("read tasks: %v", err)
	}

	return tasks
}

// boardNow reads the board as stored.
func (f *fixture) boardNow() incident.Board {
	f.t.Helper()

	b, err := f.svc.Board(context.Background(), f.inc.Ref)
	if err != nil {
		f.t.Fatalf("read board: %v", err)
	}

	return b
}

func (f *fixture) rowOf(id string) incident.SystemRow {
	f.t.Helper()

	b := f.boardNow()
	i := slices.IndexFunc(b.Systems, func(r incident.SystemRow) bool { return r.ID == id })
	if i < 0 {
		f.t.Fatalf("system %s is not on the board", id)
	}

	return b.Systems[i]
}

// visibleIDs returns the board's rows as shown, in order.
func visibleIDs(m Model) []string {
	ids := make([]string, len(m.board.visible))
	for i, it := range m.board.visible {
		ids[i] = it.row.ID
	}

	return ids
}

// visibleNums returns the tasks list's rows as shown, in order.
func visibleNums(m Model) []int64 {
	nums := make([]int64, len(m.tasks.visible))
	for i, it := range m.tasks.visible {
		nums[i] = it.task.Num
	}

	return nums
}

// selectSystem moves the board's cursor to id.
func selectSystem(t *testing.T, m Model, id string) Model {
	t.Helper()

	i := slices.Index(visibleIDs(m), id)
	if i < 0 {
		t.Fatalf("system %s is not shown on the board: %v", id, visibleIDs(m))
	}

	m.board.moveTo(i, m.layout)

	return m
}

// popupErr returns the open popup's error, or fails the test when none
// is open.
func popupErr(t *testing.T, m Model) string {
	t.Helper()

	if m.popup == nil {
		t.Fatal("no popup is open")
	}

	return m.popup.base().err
}

// boardLine returns the board row of system id as drawn, or "".
func boardLine(lines []string, id string) string {
	row := regexp.MustCompile(`^(› |  ) *\d+ . .+ \d ` + regexp.QuoteMeta(id) + ` `)
	for _, l := range lines {
		if row.MatchString(l) {
			return l
		}
	}

	return ""
}

// popupText returns the open popup as drawn, without styling.
func popupText(t *testing.T, m Model) string {
	t.Helper()

	if m.popup == nil {
		t.Fatal("no popup is open")
	}

	return ansi.Strip(m.popup.view(m.styles, m.layout.Width, m.layout.Height))
}

// taskLine returns the tasks list's row of the task labelled label, or "".
func taskLine(lines []string, label string) string {
	row := regexp.MustCompile(`^(› |  )` + regexp.QuoteMeta(label) + ` `)
	for _, l := range lines {
		if row.MatchString(l) {
			return l
		}
	}

	return ""
}
