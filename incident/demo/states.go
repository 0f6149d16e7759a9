package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// stateChange is one containment step in the scenario, at the time of the
// timeline entry that reports it.
type stateChange struct {
	at     string // Europe/London time in June 2026, as in the scenario
	actor  string
	system string
	to     incident.SystemStatus
	reason string
}

// scenarioStates are the containment steps the scenario's timeline
// describes, so that the demo's board shows the attack's state rather than
// 46 operational systems. They are applied in order.
var scenarioStates = []stateChange{
	{"2026-06-11T06:19:00+01:00", "ST29", "LIMS", incident.SystemCompromised, "partner confirms ransom notes on the LIMS servers"},
	{"2026-06-11T06:19:00+01:00", "ST29", "LIMS-MW", incident.SystemCompromised, "partner confirms encrypted files on the middleware"},
	{"2026-06-11T06:19:00+01:00", "ST29", "BTS-LIMS", incident.SystemShutDown, "partner has powered down its data centre"},
	{"2026-06-11T06:20:00+01:00", "ST29", "LIMS", incident.SystemShutDown, "partner has powered down its data centre"},
	{"2026-06-11T06:20:00+01:00", "ST29", "LIMS-MW", incident.SystemShutDown, "partner has powered down its data centre"},
	{"2026-06-11T06:31:00+01:00", "ST10", "S2S-KPP", incident.SystemIsolated, "VPN to the partner disabled at the firewall"},
	{"2026-06-11T06:35:00+01:00", "ST07", "INT-ENG", incident.SystemIsolated, "INT-ENG-02 network-isolated through EDR after an unsigned binary ran"},
	{"2026-06-11T07:48:00+01:00", "ST04", "AD", incident.SystemCompromised, "evidence of domain compromise"},
	{"2026-06-11T08:30:00+01:00", "ST10", "EPR", incident.SystemShutDown, "controlled shutdown of EPR servers in the agreed order"},
	{"2026-06-11T08:30:00+01:00", "ST10", "PAS", incident.SystemShutDown, "controlled shutdown with the EPR"},
	{"2026-06-11T08:30:00+01:00", "ST10", "ORDERCOMMS", incident.SystemShutDown, "controlled shutdown with the EPR"},
	{"2026-06-11T10:06:00+01:00", "ST11", "FILESRV", incident.SystemCompromised, "files renamed with a new extension: encryption under way"},
	{"2026-06-11T10:06:00+01:00", "ST11", "FILESRV", incident.SystemShutDown, "host shut down to stop the encryption"},
	{"2026-06-11T14:20:00+01:00", "ST11", "AD", incident.SystemIsolated, "privileged passwords reset; domain cut off pending rebuild"},
	{"2026-06-11T14:20:00+01:00", "ST11", "VPN", incident.SystemShutDown, "all staff remote VPN access suspended"},
	{"2026-06-11T16:30:00+01:00", "ST10", "BACKUP", incident.SystemCompromised, "primary backup repository encrypted; immutable offsite copy intact"},
	{"2026-06-11T16:31:00+01:00", "ST10", "BACKUP", incident.SystemIsolated, "immutable offsite copy isolated"},
	{"2026-06-12T13:00:00+01:00", "ST07", "AD", incident.SystemRebuilding, "new domain controllers built from the immutable snapshot"},
	{"2026-06-13T02:30:00+01:00", "ST07", "AD", incident.SystemValidating, "EPR application servers joined to the clean domain; testing"},
	{"2026-06-13T02:30:00+01:00", "ST10", "EPR", incident.SystemRebuilding, "EPR application servers rebuilt and joined to the clean domain"},
	{"2026-06-13T09:40:00+01:00", "ST18", "EPR", incident.SystemValidating, "clinical safety sign-off for read-only use; read-only live in ED, critical care and maternity"},
	{"2026-06-13T16:15:00+01:00", "ST26", "PAS", incident.SystemValidating, "RIS back online against the restored PAS"},
	{"2026-06-14T01:20:00+01:00", "ST11", "INT-ENG", incident.SystemRebuilding, "integration engine rebuilt on a new server without the partner routes"},
}

// stateLateReason explains why the demo's containment steps are recorded
// long after they happened.
const stateLateReason = "transcribed from the paper log"

// applyStates records the scenario's containment steps, moved by days, in
// the name of the staff member who reported each, unless the incident
// already has system states. It returns how many steps it recorded.
func applyStates(ctx context.Context, svc *incident.Service, days int) (int, error) {
	board, err := svc.Board(ctx, Ref)
	if err != nil {
		return 0, err
	}

	for _, row := range board.Systems {
		if row.State.Since.After(time.Time{}) {
			return 0, nil
		}
	}

	staff := map[string]incident.StaffMember{}

	err = svc.Store().Read(ctx, func(r incident.Reader) error {
		all, err := r.Staff(ctx)
		for _, m := range all {
			staff[m.ID] = m
		}

		return err
	})
	if err != nil {
		return 0, err
	}

	for i, ch := range scenarioStates {
		at, err := time.Parse(time.RFC3339, ch.at)
		if err != nil {
			return i, fmt.Errorf("demo state %d: %w", i+1, err)
		}

		m := staff[ch.actor]
		actor := incident.Actor{ID: m.ID, Name: m.Name, Level: m.Level}

		_, err = svc.SetSystemStatus(ctx, actor, Ref, incident.StatusChange{
			SystemID: ch.system, To: ch.to, Reason: ch.reason, At: shiftDays(at, days), LateReason: stateLateReason,
		})
		if err != nil {
			return i, fmt.Errorf("demo state %d (%s to %s): %w", i+1, ch.system, ch.to, err)
		}
	}

	return len(scenarioStates), nil
}

// scenarioCheckIns are the people on duty when the scenario ends, from its
// check-in entries: the strategic commander who took the night and Sunday
// day shift, and the loggist who took over the paper log.
var scenarioCheckIns = []struct {
	at       string
	staffID  string
	location string
	route    incident.ContactRoute
}{
	{"2026-06-13T20:00:00+01:00", "ST03", "Northbridge General Hospital - Incident Coordination Centre", incident.RouteMobile},
	{"2026-06-14T05:25:00+01:00", "ST23", "Northbridge General Hospital - Incident Coordination Centre", incident.RouteLandline},
}

// applyCheckIns puts the scenario's last shift on duty, unless anyone is on
// duty already, and returns how many it checked in.
func applyCheckIns(ctx context.Context, svc *incident.Service, days int) (int, error) {
	people, err := svc.People(ctx, Ref)
	if err != nil {
		return 0, err
	}

	if len(people.Duties) > 0 {
		return 0, nil
	}

	for i, c := range scenarioCheckIns {
		at, err := time.Parse(time.RFC3339, c.at)
		if err != nil {
			return i, fmt.Errorf("demo check-in %d: %w", i+1, err)
		}

		// Each checks themselves in, as the scenario's entries record.
		var m incident.Actor
		for _, member := range people.Staff {
			if member.ID == c.staffID {
				m = incident.Actor{ID: member.ID, Name: member.Name, Level: member.Level}
			}
		}

		in := incident.CheckIn{StaffID: c.staffID, Location: c.location, Route: c.route, At: shiftDays(at, days)}
		if _, err := svc.CheckInPerson(ctx, m, Ref, in, stateLateReason); err != nil {
			return i, fmt.Errorf("demo check-in of %s: %w", c.staffID, err)
		}
	}

	return len(scenarioCheckIns), nil
}
