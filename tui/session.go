package tui

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// StopMsg asks the console to close because its session is ending, such as
// when the SSH server stops. Reason is shown to the user by the caller
// after the console has closed.
type StopMsg struct{ Reason string }

// Ending is the reason a console closed.
type Ending int

// Endings.
const (
	EndedByUser Ending = iota // q, or a signal
	EndedIdle                 // no key for Options.IdleTimeout
	EndedStop                 // a StopMsg
)

// idleWarning is how long before the idle timeout the console warns, at
// most: a quarter of a short timeout.
const idleWarning = time.Minute

func (m *Model) handleStop(msg StopMsg) tea.Cmd {
	slog.Info("console: stopped by its session", "incident", m.inc.Ref, "actor", m.opts.Actor.ID, "reason", msg.Reason)
	m.ending = EndedStop

	return tea.Quit
}

// noteInput records that the user is at the keyboard.
func (m *Model) noteInput() {
	m.lastInput = m.opts.Now()
	m.idleWarned = false
}

// checkIdle warns as the idle timeout nears and closes the console when it
// passes.
func (m *Model) checkIdle() tea.Cmd {
	limit := m.opts.IdleTimeout
	if limit <= 0 {
		return nil
	}

	idle := m.now.Sub(m.lastInput)

	// The clock ticks once a second, so a short timeout gets a warning
	// long enough for a tick to fall in it.
	warn := min(idleWarning, limit/4)
	if warn < 2*time.Second {
		warn = min(2*time.Second, limit/2)
	}

	switch {
	case idle >= limit:
		slog.Info("console: closed when idle", "incident", m.inc.Ref, "actor", m.opts.Actor.ID, "idle", idle.Round(time.Second))
		m.ending = EndedIdle

		return tea.Quit
	case idle >= limit-warn:
		m.idleWarned = true
		left := (limit - idle).Round(time.Second)
		m.setFlash(fmt.Sprintf("No key pressed for %s: this session closes in %s. Press any key to stay.",
			idle.Round(time.Second), left), true)
	}

	return nil
}

// EndingOf returns why the console m closed. m is the model tea.Program.Run
// returned.
func EndingOf(m tea.Model) Ending {
	if c, ok := m.(Model); ok {
		return c.ending
	}

	return EndedByUser
}

// draftBody is the entry form as kept between consoles.
type draftBody struct {
	Amends     int64          `json:"amends,omitempty"` // sequence number of the entry corrected, or 0
	Kind       incident.Kind  `json:"kind"`
	Level      incident.Level `json:"level"`
	Text       string         `json:"text"`
	Rationale  string         `json:"rationale,omitempty"`
	Options    string         `json:"options,omitempty"`
	Occurred   string         `json:"occurred,omitempty"`
	LateReason string         `json:"late_reason,omitempty"`
	Reason     string         `json:"reason,omitempty"`
}

// DraftOf returns the entry form left open and changed in m, the model
// tea.Program.Run returned, encoded for Options.Draft, and false when there
// is nothing worth keeping.
func DraftOf(m tea.Model) (string, bool) {
	c, ok := m.(Model)
	if !ok {
		return "", false
	}

	// A draft taken at the start but not yet shown, because the console
	// closed first, is kept again as it was.
	if c.form == nil && c.opts.Draft != nil {
		return c.opts.Draft.Body, true
	}

	if c.form == nil || !c.form.dirty() {
		return "", false
	}

	v := c.form.values()
	d := draftBody{
		Kind: v.kind, Level: v.level, Text: v.text, Rationale: v.rationale, Options: v.options,
		Occurred: v.occurred, LateReason: v.lateReason, Reason: v.reason,
	}

	if c.form.amends != nil {
		d.Amends = c.form.amends.Seq
	}

	body, err := json.Marshal(d)
	if err != nil {
		return "", false
	}

	return string(body), true
}

// restoreDraft opens the form on the kept draft once the screen has a size
// and, for a correction, the entry it corrects has been read.
func (m *Model) restoreDraft() tea.Cmd {
	if m.opts.Draft == nil || m.layout.Width == 0 || m.layout.TooSmall || !m.loaded || m.form != nil {
		return nil
	}

	kept := m.opts.Draft
	m.opts.Draft = nil

	var d draftBody
	if err := json.Unmarshal([]byte(kept.Body), &d); err != nil {
		slog.Warn("console: unreadable draft", "incident", m.inc.Ref, "actor", m.opts.Actor.ID, "err", err)

		return nil
	}

	var cmd tea.Cmd
	if d.Amends > 0 {
		orig := m.entries.findSeq(d.Amends)
		if orig == nil {
			m.setFlash("The correction you were typing concerns entry #"+itoa(int(d.Amends))+", which is not on this timeline", true)

			return nil
		}

		cmd = m.openAmendForm(orig.entry)
	} else {
		if m.openForm(); m.form == nil {
			return nil
		}

		m.form.kind, m.form.level = d.Kind, d.Level
		cmd = m.form.focusOn(fieldText) // typing goes on in the text, not the kind chooser
	}

	f := m.form
	f.text.SetValue(d.Text)
	f.rationale.SetValue(d.Rationale)
	f.options.SetValue(d.Options)
	f.occurred.SetValue(d.Occurred)
	f.lateReason.SetValue(d.LateReason)
	f.reason.SetValue(d.Reason)
	f.refresh(m.now, m.opts.Zone)

	m.setFlash("Restored what you were typing at "+kept.SavedAt.In(m.opts.Zone).Format("15:04"), false)

	return cmd
}

// noticeMsg is a message from work in the background.
type noticeMsg struct {
	text   string
	closed bool
}

// waitForNotice waits for one message on notices.
func waitForNotice(notices <-chan string) tea.Cmd {
	if notices == nil {
		return nil
	}

	return func() tea.Msg {
		text, ok := <-notices

		return noticeMsg{text: text, closed: !ok}
	}
}

func (m *Model) handleNotice(msg noticeMsg) tea.Cmd {
	if msg.closed {
		return nil
	}

	m.setFlash(incident.SanitizeLine(msg.text), true)

	return waitForNotice(m.opts.Notices)
}
