package incident_test

import (
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/demo"
	"github.com/northbridge-nhs/sitroom/incident/importer"
)

func scenarioSystems(t *testing.T) []incident.System {
	t.Helper()

	data, err := demo.File(demo.SystemsFile)
	if err != nil {
		t.Fatalf("read scenario systems: %v", err)
	}

	systems, err := importer.ParseSystems(demo.SystemsFile, data, nil)
	if err != nil {
		t.Fatalf("parse scenario systems: %v", err)
	}

	return systems
}

func TestRecoveryOrderScenario(t *testing.T) {
	systems := scenarioSystems(t)

	order, err := incident.RecoveryOrder(systems, nil, time.Now())
	if err != nil {
		t.Fatalf("recovery order: %v", err)
	}

	if len(order) != 46 {
		t.Fatalf("order has %d places, want 46", len(order))
	}

	place := map[string]int{}
	for _, p := range order {
		place[p.SystemID] = p.Place
	}

	for _, first := range []string{"NET-CORE", "AD", "DNS-DHCP"} {
		for _, later := range []string{"EPR", "LAB-IF"} {
			if place[first] >= place[later] {
				t.Errorf("%s is at %d, not before %s at %d", first, place[first], later, place[later])
			}
		}
	}

	// Every system comes after everything it depends on.
	for _, sys := range systems {
		for _, dep := range sys.DependsOn {
			if place[dep] >= place[sys.ID] {
				t.Errorf("%s (place %d) comes before its dependency %s (place %d)", sys.ID, place[sys.ID], dep, place[dep])
			}
		}
	}

	if !strings.Contains(order[0].Reason, "depends on nothing") || !strings.Contains(order[0].Reason, "criticality 5") {
		t.Errorf("first place reason = %q", order[0].Reason)
	}
}

func TestRecoveryOrderTieBreaks(t *testing.T) {
	now := time.Date(2026, 6, 11, 12, 0, 0, 0, time.UTC)
	systems := []incident.System{
		{ID: "LOW", Criticality: 2, RTOHours: 1},
		{ID: "SLOW", Criticality: 4, RTOHours: 24},
		{ID: "URGENT", Criticality: 4, RTOHours: 24},
	}

	// URGENT has been out longer, so less of its RTO is left.
	states := map[string]incident.SystemState{
		"URGENT": {SystemID: "URGENT", Status: incident.SystemIsolated, OutSince: now.Add(-20 * time.Hour)},
		"SLOW":   {SystemID: "SLOW", Status: incident.SystemIsolated, OutSince: now.Add(-time.Hour)},
	}

	order, err := incident.RecoveryOrder(systems, states, now)
	if err != nil {
		t.Fatalf("order: %v", err)
	}

	got := []string{order[0].SystemID, order[1].SystemID, order[2].SystemID}
	if strings.Join(got, " ") != "URGENT SLOW LOW" {
		t.Errorf("order = %v, want URGENT SLOW LOW (criticality, then least RTO left)", got)
	}

	if !strings.Contains(order[0].Reason, "4h 00m of RTO left") {
		t.Errorf("URGENT reason = %q", order[0].Reason)
	}
}

func TestRecoveryOrderCycle(t *testing.T) {
	systems := []incident.System{
		{ID: "A", DependsOn: []string{"B"}},
		{ID: "B", DependsOn: []string{"A"}},
		{ID: "C"},
	}

	_, err := incident.RecoveryOrder(systems, nil, time.Now())
	if err == nil || !strings.Contains(err.Error(), "cycle among A, B") {
		t.Errorf("error = %v, want the cycle named", err)
	}
}

func TestImportRefusesRegisterCycle(t *testing.T) {
	data := "id,name,criticality,rto_hours,rpo_hours,depends_on\n" +
		"EPR,Record,5,8,1,VIRT\nVIRT,Cluster,5,4,1,SAN\nSAN,Storage,5,4,1,EPR\n"

	_, err := importer.ParseSystems("cycle.csv", []byte(data), nil)
	if err == nil || !strings.Contains(err.Error(), "EPR → VIRT → SAN → EPR") {
		t.Errorf("error = %v, want the cycle spelt out", err)
	}
}
