package importer

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// systemColumns is the header of a system register file.
var systemColumns = columns{
	required: []string{"id", "name", "criticality", "rto_hours", "rpo_hours"},
	optional: []string{"function", "owner_role", "patient_impact", "depends_on", "supplier", "hosting"},
}

// ParseSystems reads a system register file named file. Every system a row
// depends on must be in the file or in register, the systems already
// stored, and the dependencies of the two together must have no cycle. The
// error is a *ProblemsError listing what is wrong.
func ParseSystems(file string, data []byte, register []incident.System) ([]incident.System, error) {
	problems := newProblemList(file)
	rows := readTable(data, systemColumns, problems)

	systems, lines := parseUnique(rows, problems, parseSystem, func(s incident.System) string { return s.ID },
		"system %s is also on line %d: keep one row per system")

	if problems.empty() {
		checkDependencies(systems, register, lines, problems)
	}

	return systems, problems.result()
}

func parseSystem(row record, problems *problemList) (incident.System, bool) {
	before := problems.count()

	sys := incident.System{
		ID: row.value("id"), Name: row.value("name"), Function: row.value("function"),
		OwnerRole: row.value("owner_role"), PatientImpact: row.value("patient_impact"),
		Supplier: row.value("supplier"), Hosting: row.value("hosting"),
	}

	if err := checkID(sys.ID); err != nil {
		problems.add(row.line, "id", "%v", err)
	}

	if sys.Name == "" {
		problems.add(row.line, "name", "missing name")
	}

	var err error
	if sys.Criticality, err = parseCriticality(row.value("criticality")); err != nil {
		problems.add(row.line, "criticality", "%v", err)
	}

	if sys.RTOHours, err = parseHours(row.value("rto_hours")); err != nil {
		problems.add(row.line, "rto_hours", "%v", err)
	}

	if sys.RPOHours, err = parseHours(row.value("rpo_hours")); err != nil {
		problems.add(row.line, "rpo_hours", "%v", err)
	}

	seen := map[string]bool{}

	for _, dep := range splitList(row.value("depends_on")) {
		switch {
		case checkID(dep) != nil:
			problems.add(row.line, "depends_on", "%v", checkID(dep))
		case strings.EqualFold(dep, sys.ID):
			problems.add(row.line, "depends_on", "system %s depends on itself: remove it from its own list", sys.ID)
		case !seen[dep]:
			seen[dep] = true
			sys.DependsOn = append(sys.DependsOn, dep)
		}
	}

	return sys, problems.count() == before
}

// checkDependencies checks the register as it will be once the file's
// systems replace stored ones with the same id: every dependency names a
// known system and no system depends on itself through others.
func checkDependencies(systems, register []incident.System, lines map[string]int, problems *problemList) {
	graph := map[string][]string{}

	for _, s := range register {
		graph[s.ID] = s.DependsOn
	}

	for _, s := range systems {
		graph[s.ID] = s.DependsOn
	}

	for _, s := range systems {
		for _, dep := range s.DependsOn {
			if _, ok := graph[dep]; !ok {
				problems.add(lines[s.ID], "depends_on", "unknown system %s: add a row for it, or import the register that has it first", dep)
			}
		}
	}

	if !problems.empty() {
		return
	}

	for _, cycle := range findCycles(systems, graph) {
		problems.add(lines[cycle[0]], "depends_on", "dependency cycle %s: a system cannot depend on itself through others", strings.Join(cycle, " → "))
	}
}

// findCycles returns each dependency cycle reachable from systems, once,
// as the ids along it with the first repeated at the end.
func findCycles(systems []incident.System, graph map[string][]string) [][]string {
	const (
		unvisited = iota
		onPath
		done
	)

	state := map[string]int{}
	var path []string
	var cycles [][]string

	var visit func(id string)
	visit = func(id string) {
		state[id] = onPath
		path = append(path, id)

		for _, dep := range graph[id] {
			switch state[dep] {
			case unvisited:
				visit(dep)
			case onPath:
				start := len(path) - 1
				for path[start] != dep {
					start--
				}

				cycle := append(append([]string{}, path[start:]...), dep)
				cycles = append(cycles, cycle)
			}
		}

		path = path[:len(path)-1]
		state[id] = done
	}

	for _, s := range systems {
		if state[s.ID] == unvisited {
			visit(s.ID)
		}
	}

	return cycles
}
