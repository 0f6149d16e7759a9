package tui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// rtoLevel is how far a system's outage has used its recovery time
// objective.
type rtoLevel int

const (
	rtoInService rtoLevel = iota // not out of service
	rtoWithin                    // out, under rtoNearFrom of the RTO used
	rtoNear                      // out, at least rtoNearFrom used
	rtoOver                      // out for longer than the RTO
)

// rtoNearFrom is the fraction of the RTO from which the board warns.
const rtoNearFrom = 0.75

// rtoBarCols is the width of the bar drawn before the figures, and
// rtoFigureCols of the figures and word after it, "99d23h/168h OVER".
const (
	rtoBarCols    = 5
	rtoFigureCols = 16
)

// rtoState is one system's outage measured against its RTO at one time.
type rtoState struct {
	level rtoLevel
	used  float64       // fraction of the RTO used, see incident.RTOUsed
	out   time.Duration // time out of service
	left  time.Duration // RTO left; negative once breached
}

func rtoStateOf(row incident.SystemRow, now time.Time) rtoState {
	s := rtoState{
		used: incident.RTOUsed(row.System, row.State, now),
		out:  row.State.OutFor(now),
		left: incident.RTOLeft(row.System, row.State, now),
	}

	switch {
	case row.State.OutSince.IsZero():
		s.level = rtoInService
	case s.left < 0 || (row.RTOHours <= 0 && s.out > 0):
		s.level = rtoOver
	case s.used >= rtoNearFrom:
		s.level = rtoNear
	default:
		s.level = rtoWithin
	}

	return s
}

// word returns the word that carries what the colour shows: "OVER" past
// the RTO, "near" from rtoNearFrom of it, else "".
func (s rtoState) word() string {
	switch s.level {
	case rtoOver:
		return "OVER"
	case rtoNear:
		return "near"
	}

	return ""
}

func (s rtoState) style(st themes.Styles) lipgloss.Style {
	switch s.level {
	case rtoOver:
		return st.RTOOver
	case rtoNear:
		return st.RTONear
	case rtoWithin:
		return st.RTOWithin
	}

	return st.Subtle
}

// figures writes time out of service against the RTO, such as "5h10m/4h",
// or "–/4h" for a system in service.
func (s rtoState) figures(sys incident.System) string {
	out := "–"
	if s.level != rtoInService {
		out = shortDuration(s.out)
	}

	return out + "/" + rtoText(sys.RTOHours)
}

// bar draws the fraction of the RTO used in width cells: full once
// breached, and at least one cell for any outage.
func (s rtoState) bar(width int) string {
	filled := 0
	if s.level != rtoInService {
		filled = max(1, min(width, int(math.Ceil(s.used*float64(width)))))
	}

	return strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
}

// shortDuration writes d without spaces, to the minute: "45m", "5h10m",
// "4h", "2d03h". A negative d is written as its size.
func shortDuration(d time.Duration) string {
	if d < 0 {
		d = -d
	}

	mins := int64(d / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60

	switch {
	case days > 0 && hours == 0:
		return fmt.Sprintf("%dd", days)
	case days > 0:
		return fmt.Sprintf("%dd%02dh", days, hours)
	case hours > 0 && minutes == 0:
		return fmt.Sprintf("%dh", hours)
	case hours > 0:
		return fmt.Sprintf("%dh%02dm", hours, minutes)
	}

	return fmt.Sprintf("%dm", minutes)
}

// rtoText writes an RTO given in hours: "4h", "72h", or "1h30m" and "30m"
// for parts of an hour. No RTO is "0h".
func rtoText(hours float64) string {
	switch {
	case hours <= 0:
		return "0h"
	case hours == math.Trunc(hours):
		return fmt.Sprintf("%dh", int64(hours))
	}

	return shortDuration(time.Duration(hours * float64(time.Hour)))
}
