package incident

import (
	"fmt"
	"strings"
	"time"
)

// nextStatuses is the containment state machine: for each status, the
// statuses a system may move to next. A system comes back only through
// validating, where the reinfection gate stands, except that a suspicion
// found to be false may return straight to operational.
var nextStatuses = map[SystemStatus][]SystemStatus{
	SystemOperational: {SystemSuspected, SystemCompromised, SystemIsolated, SystemShutDown},
	SystemSuspected:   {SystemOperational, SystemCompromised, SystemIsolated, SystemShutDown},
	SystemCompromised: {SystemIsolated, SystemShutDown},
	SystemIsolated:    {SystemCompromised, SystemShutDown, SystemRebuilding, SystemValidating},
	SystemShutDown:    {SystemSuspected, SystemCompromised, SystemIsolated, SystemRebuilding, SystemValidating},
	SystemRebuilding:  {SystemCompromised, SystemValidating},
	SystemValidating:  {SystemCompromised, SystemRebuilding, SystemRestored},
	SystemRestored:    {SystemSuspected, SystemCompromised, SystemIsolated, SystemShutDown},
}

// NextStatuses returns the statuses a system in status from may move to.
func NextStatuses(from SystemStatus) []SystemStatus {
	return nextStatuses[from]
}

// CheckTransition returns an error naming the allowed next statuses when a
// system may not move from one status to the other.
func CheckTransition(systemID string, from, to SystemStatus) error {
	if _, ok := nextStatuses[to]; !ok {
		return fmt.Errorf("invalid status %q for system %s: use one of %s", to, systemID, joinStatuses(SystemStatuses))
	}

	for _, next := range nextStatuses[from] {
		if next == to {
			return nil
		}
	}

	return fmt.Errorf("system %s cannot go from %s to %s: from %s it can go to %s",
		systemID, from, to, from, joinStatuses(nextStatuses[from]))
}

// ParseSystemStatus reads a status name, ignoring case; "shut down",
// "shutdown" and "shut-down" all mean shut down (precaution).
func ParseSystemStatus(s string) (SystemStatus, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.ReplaceAll(v, "_", " ")

	switch v {
	case "shut down", "shutdown", "shut-down", "shut down (precaution)", "precaution":
		return SystemShutDown, nil
	}

	for _, st := range SystemStatuses {
		if SystemStatus(v) == st {
			return st, nil
		}
	}

	return "", fmt.Errorf("invalid system status %q: use one of %s", s, joinStatuses(SystemStatuses))
}

func joinStatuses(list []SystemStatus) string {
	names := make([]string, len(list))
	for i, st := range list {
		names[i] = string(st)
	}

	return strings.Join(names, ", ")
}

// OutOfService reports whether a system in this status is unavailable to
// its users. A suspected system still runs, so it is not out of service.
func (s SystemStatus) OutOfService() bool {
	switch s {
	case SystemCompromised, SystemIsolated, SystemShutDown, SystemRebuilding, SystemValidating:
		return true
	}

	return false
}

// EntryKind returns the timeline kind of a move to this status: moves that
// take a system out or hold it are containment, moves back are recovery.
func (s SystemStatus) EntryKind() Kind {
	switch s {
	case SystemRebuilding, SystemValidating, SystemRestored, SystemOperational:
		return KindRecovery
	}

	return KindContainment
}

// SystemState is one system's containment state within an incident. A
// system with no recorded state is operational.
type SystemState struct {
	SystemID string
	Status   SystemStatus
	Since    time.Time // when it entered Status

	// OutSince is when the current outage began: the first move into an
	// out-of-service status since it was last in service. Zero when the
	// system is in service.
	OutSince time.Time

	// Episode counts the system's outages in this incident. Gate checks
	// belong to one episode, so a system that is compromised again after
	// being restored must pass the gate afresh.
	Episode int64

	// OverrideSeq is the sequence number of the decision entry that
	// overrode the reinfection gate in this episode, or 0.
	OverrideSeq int64

	ChangedBy string // who made the last change
	EntrySeq  int64  // the entry that recorded the last change
}

// OutFor returns how long the system has been out of service at now, or
// zero when it is in service. Instants are subtracted, not wall-clock
// times, so an outage across a clock change has its real length.
func (st SystemState) OutFor(now time.Time) time.Duration {
	if st.OutSince.IsZero() {
		return 0
	}

	return now.Sub(st.OutSince)
}

// RTOLeft returns how much of the system's recovery time objective remains
// at now; negative once breached. A system in service has its whole RTO.
func RTOLeft(sys System, st SystemState, now time.Time) time.Duration {
	rto := time.Duration(sys.RTOHours * float64(time.Hour))

	return rto - st.OutFor(now)
}

// RTOUsed returns the fraction of the RTO used at now: 0 in service, 1 at
// the objective, more when breached. A system with no RTO counts as
// breached as soon as it is out.
func RTOUsed(sys System, st SystemState, now time.Time) float64 {
	out := st.OutFor(now)
	if out == 0 {
		return 0
	}

	if sys.RTOHours <= 0 {
		return 2
	}

	return out.Hours() / sys.RTOHours
}
