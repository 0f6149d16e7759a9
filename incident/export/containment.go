package export

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// overrideSeqs returns the entry numbers of the decisions that overrode a
// reinfection gate, from the override marks stored with the gate
// signatures, so that a decision merely worded like one is not listed.
func overrideSeqs(ctx context.Context, r incident.Reader, inc incident.Incident) (map[int64]bool, error) {
	sigs, err := r.GateSignatures(ctx, inc.ID)
	if err != nil {
		return nil, err
	}

	out := map[int64]bool{}
	for _, sig := range sigs {
		if sig.IsOverride() {
			out[sig.EntrySeq] = true
		}
	}

	return out, nil
}

// mdSystem is one system that is not operational, for the Systems section.
type mdSystem struct {
	sys   incident.System
	state incident.SystemState
	place int // in the recovery order, or past the end for a system in a dependency cycle
	gate  incident.GateStatus
}

// readSystems returns the systems that are not operational in inc, in
// recovery order at now, with the gate checks of their current or last
// outage.
func readSystems(ctx context.Context, r incident.Reader, inc incident.Incident, now time.Time) ([]mdSystem, error) {
	systems, err := r.Systems(ctx)
	if err != nil {
		return nil, err
	}

	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return nil, err
	}

	sigs, err := r.GateSignatures(ctx, inc.ID)
	if err != nil {
		return nil, err
	}

	// A dependency cycle leaves some systems unplaced, so they sort last,
	// by id. 'sitroom system list' names the cycle.
	order, _ := incident.RecoveryOrder(systems, states, now)

	place := make(map[string]int, len(order))
	for _, p := range order {
		place[p.SystemID] = p.Place
	}

	var out []mdSystem

	for _, sys := range systems {
		st, ok := states[sys.ID]
		if !ok || st.Status == incident.SystemOperational {
			continue
		}

		p, placed := place[sys.ID]
		if !placed {
			p = len(systems) + 1
		}

		out = append(out, mdSystem{sys: sys, state: st, place: p, gate: incident.GateStatusOf(st, sigs)})
	}

	sort.SliceStable(out, func(i, j int) bool {
		if out[i].place != out[j].place {
			return out[i].place < out[j].place
		}

		return out[i].sys.ID < out[j].sys.ID
	})

	return out, nil
}

func (m *mdWriter) systemSection(systems []mdSystem) {
	m.printf("## Systems\n\n")

	if len(systems) == 0 {
		m.printf("Every system in the register was operational when this report was written.\n\n")

		return
	}

	noun := "systems were"
	if len(systems) == 1 {
		noun = "system was"
	}

	m.printf("%d %s not operational when this report was written, listed in recovery order. Time out of service runs to %s and is measured against each system's recovery time objective (RTO).\n\n",
		len(systems), noun, m.local(m.opts.Now))
	m.printf("| Place | System | Status | Out of service since | Time out / RTO | Reinfection gate |\n")
	m.printf("|--:|---|---|---|---|---|\n")

	for _, s := range systems {
		m.printf("| %d | %s | %s | %s | %s | %s |\n", s.place, mdText(s.sys.ID+": "+s.sys.Name),
			mdText(string(s.state.Status)), m.outSince(s.state), m.outAgainstRTO(s), gateCell(s))
	}

	m.printf("\n")
}

func (m *mdWriter) outSince(st incident.SystemState) string {
	switch {
	case !st.OutSince.IsZero():
		return m.local(st.OutSince)
	case st.Status == incident.SystemRestored:
		return "back in service, restored at " + m.local(st.Since)
	}

	return "in service"
}

// outAgainstRTO shows the time out of service against the RTO, for
// example "5h 10m of 4h, **RTO BREACHED**" or "1h 05m of 8h (14%)".
func (m *mdWriter) outAgainstRTO(s mdSystem) string {
	if s.state.OutSince.IsZero() {
		return "-"
	}

	now := m.opts.Now
	out := incident.FormatDuration(s.state.OutFor(now)) + " of " + hoursLabel(s.sys.RTOHours)

	if incident.RTOLeft(s.sys, s.state, now) < 0 {
		return out + ", **RTO BREACHED**"
	}

	return fmt.Sprintf("%s (%d%%)", out, int(math.Round(incident.RTOUsed(s.sys, s.state, now)*100)))
}

// hoursLabel shows a number of hours: whole hours as "4h", anything else
// as FormatDuration does ("15m", "1h 30m").
func hoursLabel(hours float64) string {
	if hours == math.Trunc(hours) {
		return strconv.FormatFloat(hours, 'f', 0, 64) + "h"
	}

	return incident.FormatDuration(time.Duration(hours * float64(time.Hour)))
}

// gateCell shows how far a system is through the gate of its current or
// last outage.
func gateCell(s mdSystem) string {
	if s.state.Episode == 0 {
		return "not applicable: not out of service in this incident"
	}

	total := len(incident.GateChecks)
	missing := s.gate.Missing()
	signed := fmt.Sprintf("%d of %d checks signed", total-len(missing), total)

	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, c := range missing {
			names[i] = string(c)
		}

		signed += "; missing: " + strings.Join(names, ", ")
	}

	if s.gate.OverrideSeq != 0 {
		return fmt.Sprintf("**OVERRIDDEN** by decision entry %d (%s)", s.gate.OverrideSeq, signed)
	}

	return signed
}

func (m *mdWriter) overrideSection(sum *mdSummary) {
	m.printf("## Reinfection gate overrides\n\n")

	if len(sum.overrides) == 0 {
		m.printf("No reinfection gate was overridden.\n\n")

		return
	}

	noun := "decisions let a system"
	if len(sum.overrides) == 1 {
		noun = "decision let a system"
	}

	m.printf("%d %s be restored without every gate check signed, in the order they occurred. Each also appears under Decisions, with the options considered.\n\n",
		len(sum.overrides), noun)
	m.printf("| Entry | Occurred | System | Decision maker | Rationale | Decision |\n")
	m.printf("|--:|---|---|---|---|---|\n")

	for i := range sum.overrides {
		e := &sum.overrides[i]

		text := mdText(e.Text)
		if corrections := sum.correctedBy[e.Seq]; len(corrections) > 0 {
			text = strike(text) + " **" + correctedBy(corrections) + "**"
		}

		if unverified(sum, e) {
			text += "<br>**Chain: UNVERIFIED**"
		}

		m.printf("| %d | %s | %s | %s, %s level | %s | %s |\n", e.Seq, m.local(e.OccurredAt), orNone(mdList(e.Systems), "none named"),
			m.person(e.DecisionMaker), mdText(string(e.Level)), orNone(mdText(e.Rationale), "no rationale recorded"), text)
	}

	m.printf("\n")
}
