package themes

import (
	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// addPeopleComms builds the styles of time on duty, notification
// deadlines and message statuses from styles already built, so that amber
// and red mean the same here as on the board: Warning is amber, Error red.
func (s *Styles) addPeopleComms() {
	s.duties = map[incident.DutyAlert]lipgloss.Style{
		incident.DutyFine:        s.Base,
		incident.DutyLong:        s.Warning,
		incident.DutyRestNeeded:  s.Error,
		incident.DutyRestDecided: s.Warning.Bold(false),
	}

	s.deadlines = map[incident.DeadlineState]lipgloss.Style{
		incident.DeadlineNotStarted: s.Subtle,
		incident.DeadlineOpen:       s.Base,
		incident.DeadlineSoon:       s.Warning,
		incident.DeadlineMissed:     s.Error,
		incident.DeadlineMet:        s.Success.Bold(true),
		incident.DeadlineMetLate:    s.Warning,
	}

	s.messages = map[incident.MessageStatus]lipgloss.Style{
		incident.MessageReceived:     s.Base,
		incident.MessageDraft:        s.Warning.Bold(false),
		incident.MessageApproved:     s.Accent.Bold(true),
		incident.MessageSent:         s.Success,
		incident.MessageAcknowledged: s.Success.Bold(true),
	}
}

// Duty returns the style for how long someone has been on duty: amber
// from incident.DutyWarnAfter, red while a rest decision is needed.
func (s Styles) Duty(a incident.DutyAlert) lipgloss.Style {
	if st, ok := s.duties[a]; ok {
		return st
	}

	return s.Base
}

// Deadline returns the style for a notification duty's state: amber when
// little time is left or it was met late, red when missed, green when met.
func (s Styles) Deadline(d incident.DeadlineState) lipgloss.Style {
	if st, ok := s.deadlines[d]; ok {
		return st
	}

	return s.Base
}

// MessageStatus returns the style for a message's status.
func (s Styles) MessageStatus(m incident.MessageStatus) lipgloss.Style {
	if st, ok := s.messages[m]; ok {
		return st
	}

	return s.Base
}
