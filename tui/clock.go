package tui

import (
	"fmt"
	"time"
)

// incidentClock writes the time since declaration as "T+2d 03h 14m", or
// "T+03h 14m" within the first day. A declaration time in the future, as
// a clock set wrong would give, shows as "T-".
func incidentClock(declared, now time.Time) string {
	sign := "+"
	d := now.Sub(declared)

	if d < 0 {
		sign = "-"
		d = -d
	}

	mins := int64(d / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60

	if days > 0 {
		return fmt.Sprintf("T%s%dd %02dh %02dm", sign, days, hours, minutes)
	}

	return fmt.Sprintf("T%s%02dh %02dm", sign, hours, minutes)
}

// wallClock writes t as "14:32:05 BST" in zone.
func wallClock(t time.Time, zone *time.Location) string {
	return t.In(zone).Format("15:04:05 MST")
}

// isUTC reports whether zone shows UTC itself at t: offset 0 under the
// name UTC. A zone that merely has offset 0 at t, such as Europe/London in
// winter (GMT), is not UTC, because its offset changes in summer.
func isUTC(t time.Time, zone *time.Location) bool {
	name, offset := t.In(zone).Zone()

	return offset == 0 && name == "UTC"
}

// dateTime writes t as "Thu 11 Jun 14:32 BST" in zone.
func dateTime(t time.Time, zone *time.Location) string {
	return t.In(zone).Format("Mon 2 Jan 15:04 MST")
}

// fullTime writes t to the second with its date, local and UTC, for the
// entry detail: "2026-06-11 14:32:05 BST (13:32:05 UTC)".
func fullTime(t time.Time, zone *time.Location) string {
	return t.In(zone).Format("2006-01-02 15:04:05 MST") + " (" + t.UTC().Format("15:04:05 UTC") + ")"
}
