package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

const systemsHeader = "id,name,criticality,rto_hours,rpo_hours,depends_on"

func TestParseSystemsScenario(t *testing.T) {
	systems, err := ParseSystems("systems.csv", scenarioFile(t, "systems.csv"), nil)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	if len(systems) != 46 {
		t.Fatalf("systems = %d, want 46", len(systems))
	}

	byID := map[string]incident.System{}
	for _, s := range systems {
		byID[s.ID] = s
	}

	fw := byID["FW"]
	want := incident.System{
		ID: "FW", Name: "Perimeter firewalls and HSCN gateway",
		Function:  "Filters traffic to and from the internet, HSCN and supplier links",
		OwnerRole: "Head of Cyber Security", Criticality: 5,
		PatientImpact: "No access to national services, NHSmail or supplier-hosted systems",
		RTOHours:      2, RPOHours: 24, DependsOn: []string{"NET-CORE"},
		Supplier: "Corvane Networks Ltd", Hosting: "on-prem",
	}

	if !reflect.DeepEqual(fw, want) {
		t.Errorf("FW =\n%+v\nwant\n%+v", fw, want)
	}

	if byID["HSCN"].RPOHours != 0 {
		t.Errorf("HSCN RPO = %v, want 0", byID["HSCN"].RPOHours)
	}
}

func TestParseSystemsRowProblems(t *testing.T) {
	cases := []struct {
		name   string
		row    string
		column string
		text   string
	}{
		{"criticality zero", "EPR,Records,0,4,1,", "criticality", `invalid criticality "0"`},
		{"criticality six", "EPR,Records,6,4,1,", "criticality", `invalid criticality "6"`},
		{"criticality word", "EPR,Records,high,4,1,", "criticality", `invalid criticality "high"`},
		{"criticality blank", "EPR,Records,,4,1,", "criticality", `invalid criticality ""`},
		{"negative rto", "EPR,Records,5,-1,1,", "rto_hours", `invalid number of hours "-1"`},
		{"rto with unit", "EPR,Records,5,4h,1,", "rto_hours", `invalid number of hours "4h"`},
		{"rto NaN", "EPR,Records,5,NaN,1,", "rto_hours", `invalid number of hours "NaN"`},
		{"rpo infinite", "EPR,Records,5,4,Inf,", "rpo_hours", `invalid number of hours "Inf"`},
		{"rpo blank", "EPR,Records,5,4,,", "rpo_hours", `invalid number of hours ""`},
		{"missing name", "EPR,,5,4,1,", "name", "missing name"},
		{"missing id", ",Records,5,4,1,", "id", "missing id"},
		{"id with space", "E PR,Records,5,4,1,", "id", `invalid id "E PR"`},
		{"self dependency", "EPR,Records,5,4,1,EPR", "depends_on", "depends on itself"},
		{"bad dependency id", `EPR,Records,5,4,1,"NET CORE"`, "depends_on", `invalid id "NET CORE"`},
		{"unknown dependency", "EPR,Records,5,4,1,VIRT", "depends_on", "unknown system VIRT"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseSystems("s.csv", csvText(systemsHeader, c.row), nil)

			wantProblem(t, err, 2, c.column, c.text)
		})
	}
}

func TestParseSystemsDuplicateID(t *testing.T) {
	_, err := ParseSystems("s.csv", csvText(systemsHeader, "EPR,Records,5,4,1,", "EPR,Records again,5,4,1,"), nil)

	wantProblem(t, err, 3, "id", "system EPR is also on line 2")
}

func TestParseSystemsDependencyInRegister(t *testing.T) {
	register := []incident.System{{ID: "VIRT", Name: "Cluster"}}

	systems, err := ParseSystems("s.csv", csvText(systemsHeader, "EPR,Records,5,4,1,VIRT;VIRT"), register)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	if !reflect.DeepEqual(systems[0].DependsOn, []string{"VIRT"}) {
		t.Errorf("depends_on = %v, want [VIRT] with the repeat dropped", systems[0].DependsOn)
	}
}

func TestParseSystemsCycleInFile(t *testing.T) {
	_, err := ParseSystems("s.csv", csvText(systemsHeader,
		"A,Alpha,3,4,1,B",
		"B,Beta,3,4,1,C",
		"C,Gamma,3,4,1,A",
		"D,Delta,3,4,1,A",
	), nil)

	problems := problemsOf(t, err)
	if len(problems) != 1 {
		t.Fatalf("problems = %v, want the one cycle", problems)
	}

	if !strings.Contains(problems[0].Msg, "dependency cycle A → B → C → A") {
		t.Errorf("message = %q, want the cycle spelt out", problems[0].Msg)
	}

	if problems[0].Line != 2 {
		t.Errorf("line = %d, want 2", problems[0].Line)
	}
}

func TestParseSystemsCycleThroughRegister(t *testing.T) {
	register := []incident.System{{ID: "VIRT", DependsOn: []string{"EPR"}}}

	_, err := ParseSystems("s.csv", csvText(systemsHeader, "EPR,Records,5,4,1,VIRT"), register)

	wantProblem(t, err, 2, "depends_on", "dependency cycle EPR → VIRT → EPR")
}

func TestParseSystemsReplacementBreaksCycle(t *testing.T) {
	// The stored VIRT depends on EPR, but the file's VIRT replaces it.
	register := []incident.System{{ID: "VIRT", DependsOn: []string{"EPR"}}}

	_, err := ParseSystems("s.csv", csvText(systemsHeader, "EPR,Records,5,4,1,VIRT", "VIRT,Cluster,5,4,1,"), register)
	if err != nil {
		t.Errorf("parse: %v, want no cycle once VIRT is replaced", err)
	}
}

const staffHeader = "id,name,role,command_level,on_call"

func TestParseStaffScenario(t *testing.T) {
	staff, err := ParseStaff("staff.csv", scenarioFile(t, "staff.csv"))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	if len(staff) != 30 {
		t.Fatalf("staff = %d, want 30", len(staff))
	}

	want := incident.StaffMember{
		ID: "ST01", Name: "Siân Pritchard-Evans",
		Role:  "Chief Operating Officer (Executive on call / Strategic Commander)",
		Level: incident.LevelGold, Team: "Executive Team", Phone: "07700 900101",
		Location: "Northbridge General Hospital - Incident Coordination Centre", OnCall: true,
	}

	if !reflect.DeepEqual(staff[0], want) {
		t.Errorf("ST01 =\n%+v\nwant\n%+v", staff[0], want)
	}

	if staff[21].ID != "ST22" || staff[21].Level != incident.LevelNone || staff[21].OnCall || staff[21].Access != "" {
		t.Errorf("ST22 = %+v, want a loggist at level none, not on call", staff[21])
	}
}

func TestParseStaffDefaults(t *testing.T) {
	staff, err := ParseStaff("s.csv", csvText("id,name", "ST99,Alex Doe"))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	if staff[0].Level != incident.LevelNone {
		t.Errorf("level = %q, want none", staff[0].Level)
	}

	if staff[0].OnCall {
		t.Error("on call = true, want false when the column is absent")
	}
}

func TestParseStaffProblems(t *testing.T) {
	cases := []struct {
		name   string
		row    string
		column string
		text   string
	}{
		{"bad level", "ST99,Alex Doe,Loggist,platinum,no", "command_level", `invalid command level "platinum"`},
		{"bad on call", "ST99,Alex Doe,Loggist,none,maybe", "on_call", `invalid value "maybe": give yes or no`},
		{"missing name", "ST99,,Loggist,none,no", "name", "missing name"},
		{"id with semicolon", "ST;99,Alex Doe,Loggist,none,no", "id", `invalid id "ST;99"`},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseStaff("s.csv", csvText(staffHeader, c.row))

			wantProblem(t, err, 2, c.column, c.text)
		})
	}
}

func TestParseStaffDuplicateID(t *testing.T) {
	_, err := ParseStaff("s.csv", csvText(staffHeader, "ST99,Alex Doe,,,", "ST99,Sam Roe,,,"))

	wantProblem(t, err, 3, "id", "staff member ST99 is also on line 2")
}
