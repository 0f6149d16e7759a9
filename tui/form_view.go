package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// view draws the form with its shown fields, the parsed occurred time or
// why it cannot be read, the last error, and the keys.
func (f *entryForm) view(st themes.Styles, l layout, actor incident.Actor, ref string) string {
	lines := []string{st.Heading.Render("New entry") + st.Subtle.Render(" in "+incident.SanitizeLine(ref)+", written as "+incident.SanitizeLine(actor.Label()))}

	label := func(id fieldID, text string, required bool) string {
		if required {
			text += " *"
		}

		if f.focus == id {
			return st.FieldLabelFocused.Render(fit("› "+text, labelCols))
		}

		return st.FieldLabel.Render(fit("  "+text, labelCols))
	}
	multi := func(first string, body string) {
		for i, line := range strings.Split(body, "\n") {
			if i == 0 {
				lines = append(lines, first+" "+line)
			} else {
				lines = append(lines, strings.Repeat(" ", labelCols+1)+line)
			}
		}
	}

	lines = append(lines,
		label(fieldKind, "Kind", false)+" "+chooser(st, string(f.kind), st.Kind(f.kind), f.focus == fieldKind),
		label(fieldLevel, "Level", false)+" "+chooser(st, levelCell(f.level), st.Level(f.level), f.focus == fieldLevel),
	)

	multi(label(fieldText, "Text", true), f.text.View())

	if f.kind == incident.KindDecision {
		multi(label(fieldRationale, "Rationale", true), f.rationale.View())
		lines = append(lines, label(fieldOptions, "Options", false)+" "+f.options.View())
	}

	lines = append(lines, label(fieldOccurred, "Occurred", false)+" "+f.occurred.View())
	multi(strings.Repeat(" ", labelCols), f.occurredNote(st, l))

	if f.late {
		lines = append(lines, label(fieldLateReason, "Late reason", true)+" "+f.lateReason.View())
	}

	lines = append(lines, "")

	switch {
	case f.saving:
		lines = append(lines, st.Subtle.Render("Saving…"))
	case f.err != "":
		lines = append(lines, strings.Split(ansi.Wrap(st.Error.Render(f.err), l.Width, ""), "\n")...)
	}

	lines = padRows(lines, l.BodyHeight-1)
	lines = append(lines, st.Subtle.Render("* required · ctrl+j new line in text · f1 all keys"))

	return block(lines, l.Width, l.BodyHeight)
}

// occurredNote returns the meaning of the typed occurred time, or why it
// cannot be read, on at most two lines.
func (f *entryForm) occurredNote(st themes.Styles, l layout) string {
	if f.parseErr != nil {
		wrapped := strings.Split(ansi.Wrap(incident.SanitizeLine(f.parseErr.Error()), l.InputWidth, ""), "\n")

		return st.Error.Render(strings.Join(wrapped[:min(2, len(wrapped))], "\n"))
	}

	if f.occurredAt.IsZero() {
		return st.FieldHint.Render("now, when you save")
	}

	note := st.FieldHint.Render("→ " + dateTime(f.occurredAt, f.occurredAt.Location()) + " (" + f.occurredAt.UTC().Format("15:04 UTC") + "), " + f.ago)
	if f.late {
		note += st.FieldHint.Render(" · ") + st.Late.Render("LATE") + st.FieldHint.Render(": give a reason")
	}

	wrapped := strings.Split(ansi.Wrap(note, l.InputWidth, ""), "\n")

	return strings.Join(wrapped[:min(2, len(wrapped))], "\n")
}

// chooser draws a value picked with left and right.
func chooser(st themes.Styles, value string, style interface{ Render(...string) string }, focused bool) string {
	if !focused {
		return style.Render(value)
	}

	return st.Accent.Render("‹ ") + style.Render(value) + st.Accent.Render(" ›") + st.FieldHint.Render("  ←/→ or first letter")
}
