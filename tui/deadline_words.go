package tui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// hoursMinutes writes d as "71h 12m", "5h 03m" or "45m". A notification
// duty is counted in hours, as regulators state it, so a day never shows
// as days.
func hoursMinutes(d time.Duration) string {
	if d < 0 {
		d = -d
	}

	mins := int64(d / time.Minute)
	if mins < 60 {
		return fmt.Sprintf("%dm", mins)
	}

	return fmt.Sprintf("%dh %02dm", mins/60, mins%60)
}

// deadlineWords returns a duty's state at now in words, longest first, so
// that a cell takes the longest that fits. Each one names the state
// (not started, left, SOON, ASAP, MISSED, MET, MET LATE), so that colour
// is never the only sign.
func deadlineWords(d incident.Deadline, now time.Time, zone *time.Location) []string {
	switch d.State(now) {
	case incident.DeadlineNotStarted:
		return []string{"not started: D starts the clock", "not started"}
	case incident.DeadlineMet, incident.DeadlineMetLate:
		met := "MET"
		if d.State(now) == incident.DeadlineMetLate {
			met = "MET LATE"
		}

		when := clockOrDate(d.MetAt, now, zone)
		by := ""
		if d.MetBy != 0 {
			by = " by M-" + itoa(int(d.MetBy))
		}

		return []string{met + " " + when + by, met + " " + when, met}
	case incident.DeadlineMissed:
		ago := hoursMinutes(now.Sub(d.Due()))

		return []string{"MISSED: was due " + clockOrDate(d.Due(), now, zone) + ", " + ago + " ago", "MISSED " + ago + " ago", "MISSED"}
	}

	if d.ASAP() {
		running := hoursMinutes(now.Sub(d.StartedAt))

		return []string{"ASAP: clock running " + running, "ASAP " + running, "ASAP"}
	}

	left := hoursMinutes(d.Left(now)) + " left"
	due := "due " + clockOrDate(d.Due(), now, zone)

	if d.State(now) == incident.DeadlineSoon {
		return []string{"SOON: " + left + ", " + due, "SOON " + left, "SOON"}
	}

	return []string{left + ", " + due, left}
}

// fitWords returns the first of words that fits width cells, or the last
// cut to width.
func fitWords(words []string, width int) string {
	for _, w := range words {
		if ansi.StringWidth(w) <= width {
			return w
		}
	}

	return truncate(words[len(words)-1], width)
}

// deadlineBadges returns the status bar's countdown for d, longest first:
// the audience it reports to and the time left, missed or running.
func deadlineBadges(d incident.Deadline, now time.Time) []string {
	who := incident.SanitizeLine(string(d.Audience))

	switch st := d.State(now); {
	case st == incident.DeadlineMissed:
		ago := hoursMinutes(now.Sub(d.Due()))

		return []string{who + " MISSED " + ago + " ago", who + " MISSED " + ago, who + " MISSED"}
	case d.ASAP():
		return []string{who + " ASAP, running " + hoursMinutes(now.Sub(d.StartedAt)), who + " ASAP"}
	case st == incident.DeadlineSoon:
		left := hoursMinutes(d.Left(now))

		return []string{who + " SOON " + left + " left", who + " " + left + " left", who + " " + left}
	}

	left := hoursMinutes(d.Left(now))

	return []string{who + " " + left + " left", who + " " + left}
}
