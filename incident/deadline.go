package incident

import (
	"time"
)

// Deadline is a notification duty: a message that must reach an audience
// within a time of a start event. A zero Within means "as soon as
// possible", which has no fixed due time but still counts up.
type Deadline struct {
	ID         int64
	IncidentID int64
	Name       string
	Audience   Audience
	StartEvent string        // what starts the clock, such as "becoming aware of a personal-data breach"
	Within     time.Duration // 0 means as soon as possible

	StartedAt time.Time // zero until the clock is started
	StartSeq  int64     // the decision entry that started it
	MetAt     time.Time // when a sent message met it; zero while open
	MetBy     int64     // number of the message that met it
}

// DefaultDeadlines are the notification duties every incident starts with,
// not yet started; each can be edited per incident. The 72-hour ICO duty
// is UK GDPR article 33; the 24-hour initial notice and 72-hour full report
// to the regulator and NCSC are what UK cyber-resilience legislation
// proposes for essential services.
func DefaultDeadlines() []Deadline {
	return []Deadline{
		{Name: "ICO personal-data breach report", Audience: AudienceICO, StartEvent: "becoming aware of a personal-data breach", Within: 72 * time.Hour},
		{Name: "NCSC initial notice", Audience: AudienceNCSC, StartEvent: "becoming aware of a significant cyber incident", Within: 24 * time.Hour},
		{Name: "NCSC full incident report", Audience: AudienceNCSC, StartEvent: "becoming aware of a significant cyber incident", Within: 72 * time.Hour},
		{Name: "NHS England notification", Audience: AudienceNHSEngland, StartEvent: "declaring the incident", Within: 0},
	}
}

// Started reports whether the clock is running or has run.
func (d Deadline) Started() bool { return !d.StartedAt.IsZero() }

// Met reports whether a sent message met the duty.
func (d Deadline) Met() bool { return !d.MetAt.IsZero() }

// ASAP reports whether the duty is "as soon as possible".
func (d Deadline) ASAP() bool { return d.Within == 0 }

// Due returns when the duty falls due: the start plus Within, in real
// elapsed time, so a clock that runs across a clock change keeps its
// length. Zero when not started or as soon as possible.
func (d Deadline) Due() time.Time {
	if !d.Started() || d.ASAP() {
		return time.Time{}
	}

	return d.StartedAt.Add(d.Within)
}

// DeadlineState grades a duty for display.
type DeadlineState int

// Deadline states.
const (
	DeadlineNotStarted DeadlineState = iota
	DeadlineOpen                     // running, more than DeadlineAmber left
	DeadlineSoon                     // running, DeadlineAmber or less left
	DeadlineMissed                   // past due and not met
	DeadlineMet                      // met in time
	DeadlineMetLate                  // met after it fell due
)

// DeadlineAmber is the time left at which a running duty turns amber.
const DeadlineAmber = 6 * time.Hour

// State grades the duty at now. An as-soon-as-possible duty that has
// started is Soon until it is met.
func (d Deadline) State(now time.Time) DeadlineState {
	due := d.Due()

	switch {
	case !d.Started():
		return DeadlineNotStarted
	case d.Met() && (due.IsZero() || !d.MetAt.After(due)):
		return DeadlineMet
	case d.Met():
		return DeadlineMetLate
	case d.ASAP():
		return DeadlineSoon
	case now.After(due):
		return DeadlineMissed
	case due.Sub(now) <= DeadlineAmber:
		return DeadlineSoon
	}

	return DeadlineOpen
}

// Left returns the time to the due time at now; negative once missed.
func (d Deadline) Left(now time.Time) time.Duration {
	return d.Due().Sub(now)
}

// SitrepRecord records one saved situation report.
type SitrepRecord struct {
	IncidentID  int64
	Num         int64     // SITREP 1, 2…
	EntrySeq    int64     // the entry that holds its text
	EntryID     int64     // that entry's row id, where the next sitrep starts reading
	At          time.Time // when it was saved
	NextMeeting time.Time // zero when none was set
}
