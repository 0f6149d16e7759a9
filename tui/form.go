package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// fieldID names the form's fields in the order tab visits them.
type fieldID int

const (
	fieldKind fieldID = iota
	fieldLevel
	fieldText
	fieldRationale
	fieldOptions
	fieldOccurred
	fieldLateReason
	fieldReason // reason for correction, shown only when the form corrects an entry

	fieldNone fieldID = -1 // no field, as the field of an error that concerns none
)

// optionSeparator divides the options considered in their one-line field.
const optionSeparator = ";"

// entryForm is the new-entry form, or with amends set, the form that
// corrects an earlier entry. Rationale and options show only for a
// decision. The late reason shows only for a new entry whose occurred time
// is more than incident.LateAfter ago: the service gives a late correction
// its own reason.
type entryForm struct {
	kind  incident.Kind
	level incident.Level

	text       textarea.Model
	rationale  textarea.Model
	options    textinput.Model
	occurred   textinput.Model
	lateReason textinput.Model
	reason     textinput.Model // reason for a correction, shown only with amends

	focus fieldID

	occurredAt time.Time // parsed occurred time, or zero for now
	ago        string    // how long before now that is, as "1h 05m ago"
	parseErr   error
	late       bool

	// amends is the entry being corrected, or nil for a new entry. initial
	// contains the values the form opened with, copied from it, so that
	// dirty can tell an edit from the prefilled text.
	amends  *incident.Entry
	initial formValues

	err      string  // reason the last save failed, from the form or the service
	errField fieldID // field that err concerns, or fieldNone. Editing that field clears err
	saving   bool
}

// formValues are the form's editable values as typed or chosen.
type formValues struct {
	kind  incident.Kind
	level incident.Level

	text, rationale, options, occurred, lateReason, reason string
}

func newEntryForm(level incident.Level, st themes.Styles, l layout, newline key.Binding) *entryForm {
	f := &entryForm{kind: incident.KindObservation, level: level}
	if f.level == "" {
		f.level = incident.LevelNone
	}

	f.text = newTextArea("what happened, was decided or done", newline)
	f.rationale = newTextArea("why (required for a decision)", newline)
	f.options = newTextInput("considered and rejected, separated by ;")
	f.occurred = newTextInput("now, or 14:32, -15m, 2026-06-11 14:32")
	f.lateReason = newTextInput("why this is recorded late (required)")
	f.reason = newTextInput("what was wrong in the original")
	f.errField = fieldNone

	f.applyStyles(st)
	f.resize(l)

	return f
}

// newTextArea returns a text box in which enter moves on and newline
// breaks the line.
func newTextArea(placeholder string, newline key.Binding) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = placeholder
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 8000
	ta.KeyMap.InsertNewline.SetKeys(newline.Keys()...)

	return ta
}

func newTextInput(placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Placeholder = placeholder
	ti.Prompt = ""
	ti.CharLimit = 2000

	return ti
}

func (f *entryForm) applyStyles(st themes.Styles) {
	ta, ti := textAreaStyles(st), textInputStyles(st)

	f.text.SetStyles(ta)
	f.rationale.SetStyles(ta)
	f.options.SetStyles(ti)
	f.occurred.SetStyles(ti)
	f.lateReason.SetStyles(ti)
	f.reason.SetStyles(ti)
}

func (f *entryForm) resize(l layout) {
	f.text.SetWidth(l.InputWidth)
	f.text.SetHeight(l.TextRows)
	f.rationale.SetWidth(l.InputWidth)
	f.rationale.SetHeight(reasonRows)
	f.options.SetWidth(l.InputWidth)
	f.occurred.SetWidth(l.InputWidth)
	f.lateReason.SetWidth(l.InputWidth)
	f.reason.SetWidth(max(10, l.Width-reasonLabelCols-2))
}

// fields returns the fields shown now, in tab order.
func (f *entryForm) fields() []fieldID {
	out := []fieldID{fieldKind, fieldLevel, fieldText}
	if f.kind == incident.KindDecision {
		out = append(out, fieldRationale, fieldOptions)
	}

	out = append(out, fieldOccurred)

	switch {
	case f.amends != nil:
		out = append(out, fieldReason)
	case f.late:
		out = append(out, fieldLateReason)
	}

	return out
}

// shows reports whether field id is shown now.
func (f *entryForm) shows(id fieldID) bool {
	for _, visible := range f.fields() {
		if visible == id {
			return true
		}
	}

	return false
}

func (f *entryForm) values() formValues {
	return formValues{
		kind: f.kind, level: f.level,
		text: f.text.Value(), rationale: f.rationale.Value(), options: f.options.Value(),
		occurred: f.occurred.Value(), lateReason: f.lateReason.Value(), reason: f.reason.Value(),
	}
}

// dirty reports whether anything has been typed, which makes cancelling
// and quitting ask first. A correction is dirty once any value differs from
// the entry it opened with, including its kind or level.
func (f *entryForm) dirty() bool {
	if f.amends != nil {
		return f.values() != f.initial
	}

	for _, v := range []string{f.text.Value(), f.rationale.Value(), f.options.Value(), f.occurred.Value(), f.lateReason.Value()} {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}

	return false
}

// setError records text as the reason a save failed, and the field it
// concerns, so that editing that field clears it.
func (f *entryForm) setError(text string, id fieldID) {
	f.err, f.errField = text, id
}

// isLast reports whether the focused field is the last one shown.
func (f *entryForm) isLast() bool {
	fields := f.fields()

	return f.focus == fields[len(fields)-1]
}

// step moves focus by one field forwards (1) or backwards (-1), wrapping.
func (f *entryForm) step(by int) tea.Cmd {
	fields := f.fields()
	at := 0

	for i, id := range fields {
		if id == f.focus {
			at = i
		}
	}

	return f.focusOn(fields[((at+by)%len(fields)+len(fields))%len(fields)])
}

func (f *entryForm) focusOn(id fieldID) tea.Cmd {
	f.focus = id
	f.text.Blur()
	f.rationale.Blur()
	f.options.Blur()
	f.occurred.Blur()
	f.lateReason.Blur()
	f.reason.Blur()

	switch id {
	case fieldText:
		return f.text.Focus()
	case fieldRationale:
		return f.rationale.Focus()
	case fieldOptions:
		return f.options.Focus()
	case fieldOccurred:
		return f.occurred.Focus()
	case fieldLateReason:
		return f.lateReason.Focus()
	case fieldReason:
		return f.reason.Focus()
	}

	return nil
}

// refresh parses the occurred time against now, decides whether the entry
// is late, and moves focus off a field that has just been hidden. A
// correction whose occurred text is as it opened keeps the original's
// instant to the nanosecond, without parsing the text again.
func (f *entryForm) refresh(now time.Time, zone *time.Location) {
	f.occurredAt, f.parseErr = time.Time{}, nil

	switch v := strings.TrimSpace(f.occurred.Value()); {
	case f.keepsOccurred():
		f.occurredAt = f.amends.OccurredAt.In(zone)
	case v != "":
		f.occurredAt, f.parseErr = incident.ParseTime(v, now, zone)
		f.occurredAt = f.occurredAt.In(zone)
	}

	f.late = f.parseErr == nil && !f.occurredAt.IsZero() && now.Sub(f.occurredAt) > incident.LateAfter

	f.ago = incident.FormatDuration(now.Sub(f.occurredAt)) + " ago"
	if f.occurredAt.After(now) {
		f.ago = "in " + incident.FormatDuration(f.occurredAt.Sub(now)) + ", which is in the future"
	}

	for _, id := range f.fields() {
		if id == f.focus {
			return
		}
	}

	f.focusOn(fieldOccurred)
}

// update sends msg to the focused field. The kind and level fields take
// left and right, or a letter, to choose. Editing the field that the last
// save error concerns, or hiding it, clears that error.
func (f *entryForm) update(msg tea.Msg, now time.Time, zone *time.Location) tea.Cmd {
	var cmd tea.Cmd

	before := f.values()

	switch f.focus {
	case fieldKind:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			f.kind = chooseKind(f.kind, k.String())
		}
	case fieldLevel:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			f.level = chooseLevel(f.level, k.String())
		}
	case fieldText:
		f.text, cmd = f.text.Update(msg)
	case fieldRationale:
		f.rationale, cmd = f.rationale.Update(msg)
	case fieldOptions:
		f.options, cmd = f.options.Update(msg)
	case fieldOccurred:
		f.occurred, cmd = f.occurred.Update(msg)
	case fieldLateReason:
		f.lateReason, cmd = f.lateReason.Update(msg)
	case fieldReason:
		f.reason, cmd = f.reason.Update(msg)
	}

	f.refresh(now, zone)

	if f.err != "" && f.errField != fieldNone {
		edited := f.focus == f.errField && f.values() != before
		if edited || !f.shows(f.errField) {
			f.setError("", fieldNone)
		}
	}

	return cmd
}

// newEntry builds what the service needs from the fields shown now. Hidden
// fields are left out, so a rationale typed before switching away from
// decision is not saved with an action. A correction also carries what the
// form does not edit (decision maker, references, review time) from the
// entry it corrects.
func (f *entryForm) newEntry() incident.NewEntry {
	in := incident.NewEntry{
		Kind:       f.kind,
		Level:      f.level,
		Text:       f.text.Value(),
		OccurredAt: f.occurredAt,
	}

	if f.amends != nil {
		f.carryOver(&in)
	}

	if f.kind == incident.KindDecision {
		in.Rationale = f.rationale.Value()
		for _, o := range strings.Split(f.options.Value(), optionSeparator) {
			if o = strings.TrimSpace(o); o != "" {
				in.Options = append(in.Options, o)
			}
		}
	}

	if f.shows(fieldLateReason) {
		in.LateReason = f.lateReason.Value()
	}

	return in
}
