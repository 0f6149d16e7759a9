package incident

import (
	"fmt"
	"strings"
)

// Level is a command level: gold (strategic), silver (tactical), bronze
// (operational), or none for loggists and external liaisons.
type Level string

// Command levels.
const (
	LevelGold   Level = "gold"
	LevelSilver Level = "silver"
	LevelBronze Level = "bronze"
	LevelNone   Level = "none"
)

// Levels lists every command level, most senior first.
var Levels = []Level{LevelGold, LevelSilver, LevelBronze, LevelNone}

// LevelRank orders command levels for sorting and comparing, gold first
// (0). None comes after bronze, and an unknown level last.
func LevelRank(l Level) int {
	for i, v := range Levels {
		if v == l {
			return i
		}
	}

	return len(Levels)
}

// ParseLevel reads a level name, ignoring case and surrounding space. An
// empty string is LevelNone.
func ParseLevel(s string) (Level, error) {
	v := Level(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return LevelNone, nil
	}

	for _, l := range Levels {
		if v == l {
			return l, nil
		}
	}

	return "", fmt.Errorf("invalid command level %q: use gold, silver, bronze or none", s)
}

// Kind classifies a timeline entry.
type Kind string

// Entry kinds.
const (
	KindDecision    Kind = "decision"
	KindAction      Kind = "action"
	KindObservation Kind = "observation"
	KindComms       Kind = "comms"
	KindContainment Kind = "containment"
	KindRecovery    Kind = "recovery"
	KindCheckIn     Kind = "check-in"
	KindInject      Kind = "inject"
	KindSystem      Kind = "system"
)

// Kinds lists every entry kind in the order the console offers them.
var Kinds = []Kind{
	KindDecision, KindAction, KindObservation, KindComms, KindContainment,
	KindRecovery, KindCheckIn, KindInject, KindSystem,
}

// ParseKind reads a kind name, ignoring case. "checkin" and "check in" are
// accepted for check-in, because the scenario files and people write both.
func ParseKind(s string) (Kind, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "checkin" || v == "check in" {
		v = string(KindCheckIn)
	}

	for _, k := range Kinds {
		if Kind(v) == k {
			return k, nil
		}
	}

	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}

	return "", fmt.Errorf("invalid entry kind %q: use one of %s", s, strings.Join(names, ", "))
}

// Status is an incident's status.
type Status string

// Incident statuses, in the order an incident moves through them.
const (
	StatusDeclared   Status = "declared"
	StatusContained  Status = "contained"
	StatusRecovering Status = "recovering"
	StatusStoodDown  Status = "stood down"
)

// Open reports whether the incident is still running.
func (s Status) Open() bool { return s != StatusStoodDown }

// SystemStatus is a system's containment status within one incident.
type SystemStatus string

// Containment statuses.
const (
	SystemOperational SystemStatus = "operational"
	SystemSuspected   SystemStatus = "suspected"
	SystemCompromised SystemStatus = "compromised"
	SystemIsolated    SystemStatus = "isolated"
	SystemShutDown    SystemStatus = "shut down (precaution)"
	SystemRebuilding  SystemStatus = "rebuilding"
	SystemValidating  SystemStatus = "validating"
	SystemRestored    SystemStatus = "restored"
)

// SystemStatuses lists every containment status, from healthy through the
// incident and back.
var SystemStatuses = []SystemStatus{
	SystemOperational, SystemSuspected, SystemCompromised, SystemIsolated,
	SystemShutDown, SystemRebuilding, SystemValidating, SystemRestored,
}
