package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// openForm opens the new-entry form, level defaulting to the user's.
func (m *Model) openForm() tea.Cmd {
	m.form = newEntryForm(m.opts.Actor.Level, m.styles, m.layout, m.keys.Form.Newline)
	m.form.refresh(m.now, m.opts.Zone)

	return m.form.focusOn(fieldKind)
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
			m.dialog = &dialog{question: "Discard this entry? What you typed will be lost.", onYes: actionDiscardForm}

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

// submitForm checks the occurred time and hands the entry to the service
// in a Cmd. The service applies the rules (text present, rationale for a
// decision, reason for a late entry) and its refusal comes back as a
// savedMsg, leaving the form as typed.
func (m *Model) submitForm() tea.Cmd {
	f := m.form
	if f.saving {
		return nil
	}

	f.refresh(m.now, m.opts.Zone)

	if f.parseErr != nil {
		f.err = "Occurred time: " + incident.SanitizeLine(f.parseErr.Error())

		return f.focusOn(fieldOccurred)
	}

	f.err = ""
	f.saving = true

	return saveEntry(m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref, f.newEntry())
}
