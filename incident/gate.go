package incident

import (
	"fmt"
	"strings"
	"time"
)

// GateCheck names one check of the reinfection gate, which a system must
// pass before it is restored.
type GateCheck string

// The six checks of the reinfection gate.
const (
	GateCleanSource     GateCheck = "clean-source"
	GateImmutableBackup GateCheck = "immutable-backup"
	GateCredentials     GateCheck = "credentials-reset"
	GateScanClean       GateCheck = "scan-clean"
	GateMonitoring      GateCheck = "monitoring"
	GateOwnerSignOff    GateCheck = "owner-sign-off"
)

// GateOverrideMark is stored among a system's gate signatures, with the
// decision's entry number, when a decision overrides the gate. It is not a
// check, so it is not in GateChecks, but it lets the override be found for
// every outage, not only the current one.
const GateOverrideMark GateCheck = "override"

// GateChecks lists the checks in the order they are usually done.
var GateChecks = []GateCheck{
	GateCleanSource, GateImmutableBackup, GateCredentials, GateScanClean, GateMonitoring, GateOwnerSignOff,
}

var gateDescriptions = map[GateCheck]string{
	GateCleanSource:     "clean build source confirmed",
	GateImmutableBackup: "restore taken from an immutable backup whose hash matches",
	GateCredentials:     "credentials reset",
	GateScanClean:       "scan and indicator sweep clean",
	GateMonitoring:      "monitoring in place",
	GateOwnerSignOff:    "service owner sign-off",
}

// Describe returns the check's meaning in words, for screens and exports.
func (c GateCheck) Describe() string { return gateDescriptions[c] }

// ParseGateCheck reads a check name, ignoring case and accepting spaces or
// underscores for dashes.
func ParseGateCheck(s string) (GateCheck, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer(" ", "-", "_", "-").Replace(v)

	for _, c := range GateChecks {
		if GateCheck(v) == c {
			return c, nil
		}
	}

	names := make([]string, len(GateChecks))
	for i, c := range GateChecks {
		names[i] = string(c)
	}

	return "", fmt.Errorf("invalid gate check %q: use one of %s", s, strings.Join(names, ", "))
}

// GateSignature records that a named person signed one check of a system's
// gate in one outage episode.
type GateSignature struct {
	SystemID string
	Episode  int64
	Check    GateCheck
	SignedBy string
	SignedAt time.Time
	Note     string // for example the backup hash that matched
	EntrySeq int64  // the timeline entry that recorded the signature
}

// GateStatus is how far a system is through its gate in the current
// episode.
type GateStatus struct {
	Signed      map[GateCheck]GateSignature
	OverrideSeq int64 // decision entry that overrode the gate, or 0
}

// Missing returns the checks not yet signed, in GateChecks order.
func (g GateStatus) Missing() []GateCheck {
	var out []GateCheck

	for _, c := range GateChecks {
		if _, ok := g.Signed[c]; !ok {
			out = append(out, c)
		}
	}

	return out
}

// Open reports whether the system may be restored: every check signed, or
// the gate overridden by a decision.
func (g GateStatus) Open() bool {
	return g.OverrideSeq != 0 || len(g.Missing()) == 0
}

// GateStatusOf collects, from every signature of the incident, those of
// the state's current episode.
func GateStatusOf(st SystemState, sigs []GateSignature) GateStatus {
	g := GateStatus{Signed: map[GateCheck]GateSignature{}, OverrideSeq: st.OverrideSeq}

	for _, sig := range sigs {
		if sig.SystemID != st.SystemID || sig.Episode != st.Episode {
			continue
		}

		if sig.Check == GateOverrideMark {
			g.OverrideSeq = sig.EntrySeq

			continue
		}

		g.Signed[sig.Check] = sig
	}

	return g
}

// IsOverride reports whether the signature marks a gate override rather
// than a signed check.
func (sig GateSignature) IsOverride() bool { return sig.Check == GateOverrideMark }
