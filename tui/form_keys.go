package tui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// openForm opens the new-entry form, level defaulting to the user's.
func (m *Model) openForm() tea.Cmd {
	a := m.opts.Actor
	if !a.CanWrite() {
		m.setFlash(readOnlyText(a), true)

		return nil
	}

	level := a.Level
	if a.ForID != "" {
		level = a.ForLevel // a loggist records at their commander's level
	}

	m.form = newEntryForm(level, m.styles, m.layout, m.keys.Form.Newline)
	m.form.refresh(m.now, m.opts.Zone)

	return m.form.focusOn(fieldKind)
}

// openAmendForm opens the form to correct orig, with focus in its text.
// An entry that is already corrected may be corrected again: the new
// correction joins the chain and the earlier ones stay.
func (m *Model) openAmendForm(orig incident.Entry) tea.Cmd {
	m.showHelp = false
	m.form = newAmendForm(orig, m.opts.Zone, m.styles, m.layout, m.keys.Form.Newline)
	m.form.refresh(m.now, m.opts.Zone)

	return m.form.focusOn(fieldText)
}

// handleFormKey saves, cancels or moves between fields. Any other key goes
// to the focused field.
func (m *Model) handleFormKey(msg tea.KeyPressMsg) tea.Cmd {
	f, k := m.form, m.keys.Form

	switch {
	case key.Matches(msg, k.Save):
		return m.submitForm()
	case key.Matches(msg, k.Cancel):
		if f.saving {
			return nil
		}

		if f.dirty() {
			question := "Discard this entry? What you typed will be lost."
			if f.amends != nil {
				question = "Discard this correction? What you changed will be lost."
			}

			m.dialog = &dialog{question: question, onYes: actionDiscardForm}

			return nil
		}

		m.form = nil

		return nil
	case msg.String() == "enter" && f.isLast():
		return m.submitForm()
	case key.Matches(msg, k.Next):
		return f.step(1)
	case key.Matches(msg, k.Prev):
		return f.step(-1)
	}

	return f.update(msg, m.now, m.opts.Zone)
}

// submitForm checks the occurred time, and a correction's reason, and
// hands the entry to the service in a Cmd. The service applies the rules
// (text present, rationale for a decision, reason for a late entry) and
// its refusal comes back as a savedMsg, leaving the form as typed.
func (m *Model) submitForm() tea.Cmd {
	f := m.form
	if f.saving {
		return nil
	}

	f.refresh(m.now, m.opts.Zone)

	if f.parseErr != nil {
		// The note under the field already gives the whole reason.
		f.setError("Occurred time is invalid or ambiguous: see the note under it.", fieldOccurred)

		return f.focusOn(fieldOccurred)
	}

	if f.amends != nil && strings.TrimSpace(f.reason.Value()) == "" {
		f.setError("Reason for correction is missing: say what was wrong in entry #"+strconv.FormatInt(f.amends.Seq, 10)+".", fieldReason)

		return f.focusOn(fieldReason)
	}

	f.setError("", fieldNone)
	f.saving = true

	if f.amends != nil {
		return saveAmendment(m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref, f.amends.Seq, f.reason.Value(), f.newEntry())
	}

	return saveEntry(m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref, f.newEntry())
}

// fieldForError returns the field that a refusal from the service concerns,
// or fieldNone when it names none the form can point at.
func fieldForError(err error) fieldID {
	switch {
	case errors.Is(err, incident.ErrNoRationale):
		return fieldRationale
	case errors.Is(err, incident.ErrNoLateReason):
		return fieldLateReason
	}

	return fieldNone
}
