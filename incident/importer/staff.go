package importer

import (
	"github.com/northbridge-nhs/sitroom/incident"
)

// staffColumns is the header of a staff roster file.
var staffColumns = columns{
	required: []string{"id", "name"},
	optional: []string{"role", "command_level", "team", "phone", "location", "on_call", "access", "login"},
}

// ParseStaff reads a staff roster file named file. A blank command level
// reads as none and a blank on_call as no. A blank access or login stays
// blank: Service.ImportStaff keeps what the roster already holds for that
// person, or for someone new gives the default access and no login. The error is a *ProblemsError
// listing what is wrong.
func ParseStaff(file string, data []byte) ([]incident.StaffMember, error) {
	problems := newProblemList(file)
	rows := readTable(data, staffColumns, problems)

	staff, _ := parseUnique(rows, problems, parseStaffMember, func(m incident.StaffMember) string { return m.ID },
		"staff member %s is also on line %d: keep one row per person")

	return staff, problems.result()
}

func parseStaffMember(row record, problems *problemList) (incident.StaffMember, bool) {
	before := problems.count()

	m := incident.StaffMember{
		ID: row.value("id"), Name: row.value("name"), Role: row.value("role"), Team: row.value("team"),
		Phone: row.value("phone"), Location: row.value("location"), Login: row.value("login"),
	}

	if err := checkID(m.ID); err != nil {
		problems.add(row.line, "id", "%v", err)
	}

	if m.Name == "" {
		problems.add(row.line, "name", "missing name")
	}

	var err error
	if m.Level, err = incident.ParseLevel(row.value("command_level")); err != nil {
		problems.add(row.line, "command_level", "%v", err)
	}

	if m.Access, err = incident.ParseAccess(row.value("access")); err != nil {
		problems.add(row.line, "access", "%v", err)
	}

	if m.OnCall, err = parseYesNo(row.value("on_call")); err != nil {
		problems.add(row.line, "on_call", "%v", err)
	}

	return m, problems.count() == before
}
