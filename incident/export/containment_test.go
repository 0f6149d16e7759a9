package export

import (
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// withSystems imports a small register: EPR depends on NET.
func (f *fixture) withSystems() {
	f.t.Helper()

	err := f.svc.ImportSystems(f.ctx, f.actor, "systems.csv", []incident.System{
		{ID: "NET", Name: "Core network", Criticality: 5, RTOHours: 2},
		{ID: "EPR", Name: "Electronic patient record", Criticality: 5, RTOHours: 4, DependsOn: []string{"NET"}},
		{ID: "PACS", Name: "Imaging", Criticality: 4, RTOHours: 8},
	})
	if err != nil {
		f.t.Fatalf("import systems: %v", err)
	}
}

func (f *fixture) moveSystem(id string, to incident.SystemStatus) {
	f.t.Helper()

	_, err := f.svc.SetSystemStatus(f.ctx, f.actor, f.ref, incident.StatusChange{SystemID: id, To: to, Reason: "test"})
	if err != nil {
		f.t.Fatalf("move %s to %s: %v", id, to, err)
	}
}

// section returns the Markdown from heading to the next second-level
// heading.
func section(t *testing.T, md, heading string) string {
	t.Helper()

	_, rest, ok := strings.Cut(md, heading+"\n")
	if !ok {
		t.Fatalf("no %q section in:\n%s", heading, md)
	}

	body, _, _ := strings.Cut(rest, "\n## ")

	return body
}

func TestMarkdownSystemsSection(t *testing.T) {
	f := newFixture(t, false)
	f.withSystems()

	f.moveSystem("NET", incident.SystemIsolated)
	f.now = f.now.Add(30 * time.Minute)
	f.moveSystem("EPR", incident.SystemIsolated)

	for _, check := range []incident.GateCheck{incident.GateCleanSource, incident.GateScanClean} {
		if _, err := f.svc.SignGateCheck(f.ctx, f.actor, f.ref, "EPR", check, "checked"); err != nil {
			t.Fatalf("sign %s: %v", check, err)
		}
	}

	// NET has been out 2h 30m against a 2h RTO, EPR 2h against 4h.
	f.now = f.now.Add(2 * time.Hour)
	systems := section(t, f.export(Markdown), "## Systems")

	wantContains := []string{
		"2 systems were not operational when this report was written",
		"| 1 | NET: Core network | isolated | 2026-06-11 06:00:00 +01:00 | 2h 30m of 2h, **RTO BREACHED** | 0 of 6 checks signed; missing: clean-source, immutable-backup, credentials-reset, scan-clean, monitoring, owner-sign-off |",
		"| 2 | EPR: Electronic patient record | isolated | 2026-06-11 06:30:00 +01:00 | 2h 00m of 4h (50%) | 2 of 6 checks signed; missing: immutable-backup, credentials-reset, monitoring, owner-sign-off |",
	}
	for _, want := range wantContains {
		if !strings.Contains(systems, want) {
			t.Errorf("Systems section lacks\n%s\nin\n%s", want, systems)
		}
	}

	if strings.Contains(systems, "PACS") {
		t.Errorf("Systems section lists the operational PACS:\n%s", systems)
	}
}

func TestMarkdownSystemsAllOperational(t *testing.T) {
	f := newFixture(t, false)
	f.withSystems()

	systems := section(t, f.export(Markdown), "## Systems")
	if !strings.Contains(systems, "Every system in the register was operational") {
		t.Errorf("Systems section with nothing out:\n%s", systems)
	}
}

func TestMarkdownGateOverrideListed(t *testing.T) {
	f := newFixture(t, false)
	f.withSystems()
	f.moveSystem("PACS", incident.SystemShutDown)
	f.now = f.now.Add(time.Minute)

	e, err := f.svc.OverrideGate(f.ctx, f.actor, f.ref, incident.GateOverride{
		SystemID: "PACS", Rationale: "radiology | needs images", Options: []string{"wait"}, DecisionMaker: "ST01", Level: incident.LevelGold,
	})
	if err != nil {
		t.Fatalf("override: %v", err)
	}

	// Decisions that are not overrides stay out of the section, even one
	// typed with an override's opening words.
	f.log(incident.NewEntry{Kind: incident.KindDecision, Text: "Open the paper downtime procedure", Rationale: "EPR out"})
	f.log(incident.NewEntry{Kind: incident.KindDecision, Text: "Reinfection gate OVERRIDDEN talk: not a real override", Rationale: "briefing"})
	f.moveSystem("PACS", incident.SystemValidating)
	f.moveSystem("PACS", incident.SystemRestored)

	md := f.export(Markdown)
	overrides := section(t, md, "## Reinfection gate overrides")

	if !strings.Contains(overrides, "1 decision let a system be restored") {
		t.Errorf("override count wrong:\n%s", overrides)
	}

	wantRow := "| 3 | 2026-06-11 06:01:00 +01:00 | PACS | Siân Pritchard-Evans (ST01), gold level | radiology \\| needs images | Reinfection gate OVERRIDDEN for PACS (Imaging): it may be restored without clean-source, immutable-backup, credentials-reset, scan-clean, monitoring, owner-sign-off |"
	if e.Seq != 3 || !strings.Contains(overrides, wantRow) {
		t.Errorf("override entry %d; section lacks\n%s\nin\n%s", e.Seq, wantRow, overrides)
	}

	if strings.Contains(overrides, "paper downtime") || strings.Contains(overrides, "not a real override") {
		t.Errorf("an ordinary decision is listed as an override:\n%s", overrides)
	}

	systems := section(t, md, "## Systems")
	if !strings.Contains(systems, "| restored | back in service, restored at 2026-06-11 06:03:00 +01:00 | - | **OVERRIDDEN** by decision entry 3 (0 of 6 checks signed;") {
		t.Errorf("Systems section does not show the restored PACS with its override:\n%s", systems)
	}
}

func TestMarkdownNoGateOverrides(t *testing.T) {
	f := newFixture(t, false)

	overrides := section(t, f.export(Markdown), "## Reinfection gate overrides")
	if !strings.Contains(overrides, "No reinfection gate was overridden.") {
		t.Errorf("overrides section with none:\n%s", overrides)
	}
}
