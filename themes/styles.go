package themes

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Styles are the lipgloss styles the console draws with, built once per
// palette by NewStyles and read-only afterwards.
type Styles struct {
	Palette Palette

	Base    lipgloss.Style
	Subtle  lipgloss.Style
	Accent  lipgloss.Style
	Heading lipgloss.Style // section titles
	Success lipgloss.Style
	Warning lipgloss.Style
	Error   lipgloss.Style

	Exercise    lipgloss.Style // the EXERCISE badge: loud on purpose
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style

	Selected    lipgloss.Style // the row under the cursor
	Struck      lipgloss.Style // an amended entry, kept visible but struck through
	Late        lipgloss.Style // the LATE badge
	Corrects    lipgloss.Style // "corrects #N" on a correction
	CorrectedBy lipgloss.Style // "corrected by #N" on the entry it corrects
	DateHeader  lipgloss.Style

	FieldLabel        lipgloss.Style
	FieldLabelFocused lipgloss.Style
	FieldHint         lipgloss.Style
	Dialog            lipgloss.Style // border and padding of a confirmation

	HelpKey       lipgloss.Style
	HelpDesc      lipgloss.Style
	HelpSeparator lipgloss.Style

	// Time out of service against the recovery time objective: within it,
	// at 75% or more of it, and past it.
	RTOWithin lipgloss.Style
	RTONear   lipgloss.Style
	RTOOver   lipgloss.Style

	Overdue  lipgloss.Style // the OVERDUE badge of a task past its due time
	Override lipgloss.Style // a reinfection gate overridden by a decision

	levels       map[incident.Level]lipgloss.Style
	kinds        map[incident.Kind]lipgloss.Style
	statuses     map[incident.SystemStatus]lipgloss.Style
	taskStatuses map[incident.TaskStatus]lipgloss.Style

	// People and comms, built in people.go.
	duties    map[incident.DutyAlert]lipgloss.Style
	deadlines map[incident.DeadlineState]lipgloss.Style
	messages  map[incident.MessageStatus]lipgloss.Style
}

// NewStyles builds every style from p. With a colourless palette it uses
// text attributes only, so that emphasis survives without colour.
func NewStyles(p Palette) Styles {
	plain := lipgloss.NewStyle()
	fg := func(c color.Color) lipgloss.Style {
		if !p.Colour || c == nil {
			return plain
		}

		return plain.Foreground(c)
	}

	s := Styles{
		Palette: p,
		Base:    fg(p.Base),
		Subtle:  fg(p.Subtle),
		Accent:  fg(p.Accent),
		Heading: fg(p.Accent).Bold(true),
		Success: fg(p.Success),
		Warning: fg(p.Warning).Bold(true),
		Error:   fg(p.Danger).Bold(true),

		TabActive:   fg(p.Accent).Bold(true).Underline(true),
		TabInactive: fg(p.Subtle),

		Struck:      fg(p.Subtle).Strikethrough(true),
		Late:        fg(p.Warning).Bold(true),
		Corrects:    fg(p.Accent),
		CorrectedBy: fg(p.Subtle).Italic(true),
		DateHeader:  fg(p.Accent).Bold(true),

		FieldLabel:        fg(p.Subtle),
		FieldLabelFocused: fg(p.Accent).Bold(true),
		FieldHint:         fg(p.Subtle),

		HelpKey:       fg(p.Accent).Bold(true),
		HelpDesc:      fg(p.Base),
		HelpSeparator: fg(p.Subtle),

		RTOWithin: fg(p.Success),
		RTONear:   fg(p.Warning).Bold(true),
		RTOOver:   fg(p.Danger).Bold(true),
		Overdue:   fg(p.Danger).Bold(true),
		Override:  fg(p.Warning).Bold(true).Underline(!p.Colour),
	}

	s.Dialog = plain.Border(lipgloss.RoundedBorder()).Padding(0, 1)
	s.Exercise = plain.Bold(true).Reverse(true)
	s.Selected = plain.Reverse(true)

	if p.Colour {
		s.Dialog = s.Dialog.BorderForeground(p.Accent)
		s.Exercise = plain.Bold(true).Foreground(lipgloss.Color("#ffffff")).Background(p.Danger)
		s.Selected = plain.Background(p.Selection).Bold(true)
	}

	s.levels = map[incident.Level]lipgloss.Style{
		incident.LevelGold:   fg(p.Gold).Bold(true),
		incident.LevelSilver: fg(p.Silver).Bold(true),
		incident.LevelBronze: fg(p.Bronze).Bold(true),
		incident.LevelNone:   fg(p.Subtle),
	}

	s.kinds = map[incident.Kind]lipgloss.Style{
		incident.KindDecision:    fg(p.Decision).Bold(true),
		incident.KindAction:      fg(p.Action),
		incident.KindObservation: fg(p.Observation),
		incident.KindComms:       fg(p.Comms),
		incident.KindContainment: fg(p.Containment),
		incident.KindRecovery:    fg(p.Recovery),
		incident.KindCheckIn:     fg(p.CheckIn),
		incident.KindInject:      fg(p.Inject).Underline(!p.Colour),
		incident.KindSystem:      fg(p.System),
	}

	s.statuses = map[incident.SystemStatus]lipgloss.Style{
		incident.SystemOperational: fg(p.Success),
		incident.SystemSuspected:   fg(p.Warning),
		incident.SystemCompromised: fg(p.Danger).Bold(true),
		incident.SystemIsolated:    fg(p.Danger),
		incident.SystemShutDown:    fg(p.Warning),
		incident.SystemRebuilding:  fg(p.Accent),
		incident.SystemValidating:  fg(p.Accent),
		incident.SystemRestored:    fg(p.Success).Bold(true),
	}

	s.taskStatuses = map[incident.TaskStatus]lipgloss.Style{
		incident.TaskTodo:       fg(p.Base),
		incident.TaskInProgress: fg(p.Accent).Bold(true),
		incident.TaskBlocked:    fg(p.Warning).Bold(true),
		incident.TaskDone:       fg(p.Success),
		incident.TaskCancelled:  fg(p.Subtle).Strikethrough(true),
	}

	s.addPeopleComms()

	return s
}

// Level returns the style for a command level, or the base style for an
// unknown level.
func (s Styles) Level(l incident.Level) lipgloss.Style {
	if st, ok := s.levels[l]; ok {
		return st
	}

	return s.Base
}

// Kind returns the style for an entry kind, or the base style for an
// unknown kind.
func (s Styles) Kind(k incident.Kind) lipgloss.Style {
	if st, ok := s.kinds[k]; ok {
		return st
	}

	return s.Base
}

// SystemStatus returns the style for a containment status, or the base
// style for an unknown status.
func (s Styles) SystemStatus(st incident.SystemStatus) lipgloss.Style {
	if style, ok := s.statuses[st]; ok {
		return style
	}

	return s.Base
}

// TaskStatus returns the style for a task status, or the base style for an
// unknown status.
func (s Styles) TaskStatus(st incident.TaskStatus) lipgloss.Style {
	if style, ok := s.taskStatuses[st]; ok {
		return style
	}

	return s.Base
}
