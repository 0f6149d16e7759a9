package incident

import (
	"fmt"
	"strings"
	"time"
)

// Welfare and duty limits.
const (
	// DefaultWelfareInterval is how long after the last welfare check a
	// person on duty is overdue for another, unless the incident sets its
	// own.
	DefaultWelfareInterval = 2 * time.Hour

	// DutyWarnAfter is the time on duty after which the console warns.
	DutyWarnAfter = 12 * time.Hour

	// DutyRestAfter is the time on duty after which a rest decision must
	// be logged for the person.
	DutyRestAfter = 14 * time.Hour
)

// ContactRoute is how to reach someone without email or Teams.
type ContactRoute string

// Contact routes.
const (
	RouteMobile   ContactRoute = "mobile"
	RouteRadio    ContactRoute = "radio"
	RouteLandline ContactRoute = "landline"
	RouteRunner   ContactRoute = "runner"
)

// ContactRoutes lists every contact route.
var ContactRoutes = []ContactRoute{RouteMobile, RouteRadio, RouteLandline, RouteRunner}

// ParseContactRoute reads a route name, ignoring case; empty means mobile.
func ParseContactRoute(s string) (ContactRoute, error) {
	v := ContactRoute(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return RouteMobile, nil
	}

	for _, r := range ContactRoutes {
		if v == r {
			return r, nil
		}
	}

	return "", fmt.Errorf("invalid contact route %q: use mobile, radio, landline or runner", s)
}

// Duty is one spell on duty of one person in an incident, from check-in
// to check-out.
type Duty struct {
	ID          int64
	IncidentID  int64
	StaffID     string
	OnSince     time.Time
	OffAt       time.Time // zero while on duty
	Location    string
	Route       ContactRoute
	Contact     string    // number, channel or where a runner finds them
	LastWelfare time.Time // last welfare check, or check-in when none yet
	RestSeq     int64     // the decision entry that settled their rest, or 0
}

// OnDuty reports whether the spell is still open.
func (d Duty) OnDuty() bool { return d.OffAt.IsZero() }

// Hours returns the time on duty at now, or the length of a closed spell.
// Instants are subtracted, so a shift across a clock change has its real
// length.
func (d Duty) Hours(now time.Time) time.Duration {
	if !d.OnDuty() {
		return d.OffAt.Sub(d.OnSince)
	}

	return now.Sub(d.OnSince)
}

// WelfareDue returns when the next welfare check is due.
func (d Duty) WelfareDue(interval time.Duration) time.Time {
	if interval <= 0 {
		interval = DefaultWelfareInterval
	}

	return d.LastWelfare.Add(interval)
}

// WelfareOverdue reports whether a person on duty is past their welfare
// check at now. Due exactly now is not yet overdue.
func (d Duty) WelfareOverdue(now time.Time, interval time.Duration) bool {
	return d.OnDuty() && now.After(d.WelfareDue(interval))
}

// DutyAlert grades time on duty.
type DutyAlert int

// Duty alerts, in rising order.
const (
	DutyFine        DutyAlert = iota
	DutyLong                  // DutyWarnAfter or more
	DutyRestNeeded            // DutyRestAfter or more and no rest decision logged
	DutyRestDecided           // DutyRestAfter or more, rest decision logged
)

// Alert grades the spell at now: a warning from 12 hours, and from 14 hours
// an insistence until a rest decision is logged.
func (d Duty) Alert(now time.Time) DutyAlert {
	h := d.Hours(now)

	switch {
	case !d.OnDuty() || h < DutyWarnAfter:
		return DutyFine
	case h < DutyRestAfter:
		return DutyLong
	case d.RestSeq == 0:
		return DutyRestNeeded
	}

	return DutyRestDecided
}

// RollCall asks everyone on duty to be accounted for.
type RollCall struct {
	ID         int64
	IncidentID int64
	Num        int64
	StartedAt  time.Time
	StartedBy  string
	ClosedAt   time.Time // zero while open
	Expected   []string  // staff on duty when it started
	Marks      map[string]RollMark
}

// RollMark records one person's answer to a roll call.
type RollMark struct {
	StaffID   string
	Accounted bool
	At        time.Time
	By        string
	Note      string
}

// Open reports whether the roll call is still running.
func (rc RollCall) Open() bool { return rc.ClosedAt.IsZero() }

// Missing returns the expected people not accounted for, in Expected
// order: those marked not accounted for and those not marked at all.
func (rc RollCall) Missing() []string {
	var out []string

	for _, id := range rc.Expected {
		if m, ok := rc.Marks[id]; !ok || !m.Accounted {
			out = append(out, id)
		}
	}

	return out
}
