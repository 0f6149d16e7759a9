package tui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// view draws the form with its shown fields, the parsed occurred time or
// why it cannot be read, the last error, and the keys. When everything does
// not fit the body, the blank line above the error and then the line of
// keys give way, so that the error stays on screen.
func (f *entryForm) view(st themes.Styles, l layout, actor incident.Actor, ref string) string {
	title := "New entry"
	if f.amends != nil {
		title = "Correct entry #" + strconv.FormatInt(f.amends.Seq, 10)
	}

	lines := []string{st.Heading.Render(title) + st.Subtle.Render(" in "+incident.SanitizeLine(ref)+", written as "+incident.SanitizeLine(actor.Label()))}

	labelWidth := func(id fieldID, text string, required bool, width int) string {
		if required {
			text += " *"
		}

		if f.focus == id {
			return st.FieldLabelFocused.Render(fit("› "+text, width))
		}

		return st.FieldLabel.Render(fit("  "+text, width))
	}
	label := func(id fieldID, text string, required bool) string {
		return labelWidth(id, text, required, labelCols)
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

	if f.shows(fieldLateReason) {
		lines = append(lines, label(fieldLateReason, "Late reason", true)+" "+f.lateReason.View())
	}

	if f.shows(fieldReason) {
		lines = append(lines, labelWidth(fieldReason, "Reason for correction", true, reasonLabelCols)+" "+f.reason.View())
	}

	var status []string

	switch {
	case f.saving:
		status = []string{st.Subtle.Render("Saving…")}
	case f.err != "":
		for _, line := range limitLines(wrapWords(f.err, l.Width), l.Width, 2) {
			status = append(status, st.Error.Render(line))
		}
	}

	keys := []string{st.Subtle.Render("* required · ctrl+j new line in text · f1 all keys")}
	room := l.BodyHeight - len(lines) - len(status)

	switch {
	case room >= 2:
		lines = append(lines, "")
		lines = append(lines, status...)
		lines = padRows(lines, l.BodyHeight-1)
		lines = append(lines, keys...)
	case room == 1:
		lines = append(lines, status...)
		lines = append(lines, keys...)
	default:
		lines = append(lines, status...)
	}

	return block(lines, l.Width, l.BodyHeight)
}

// occurredNote returns the meaning of the typed occurred time on at most
// two lines, or why it cannot be read on at most three.
func (f *entryForm) occurredNote(st themes.Styles, l layout) string {
	var ambiguous *incident.AmbiguousTimeError

	switch {
	case errors.As(f.parseErr, &ambiguous):
		return st.Error.Render(strings.Join(ambiguityLines(ambiguous, l.InputWidth), "\n"))
	case f.parseErr != nil:
		return st.Error.Render(strings.Join(limitLines(wrapWords(incident.SanitizeLine(f.parseErr.Error()), l.InputWidth), l.InputWidth, 3), "\n"))
	case f.occurredAt.IsZero():
		return st.FieldHint.Render("now, when you save")
	}

	note := st.FieldHint.Render("→ " + dateTime(f.occurredAt, f.occurredAt.Location()) + " (" + f.occurredAt.UTC().Format("15:04 UTC") + "), " + f.ago)
	if f.keepsOccurred() {
		note += st.FieldHint.Render(", as in the original")
	}

	// A correction needs no late reason, because the service records one
	// for it, so only a new entry is marked.
	if f.late && f.amends == nil {
		note += st.FieldHint.Render(" · ") + st.Late.Render("LATE") + st.FieldHint.Render(": give a reason")
	}

	return strings.Join(limitLines(strings.Split(ansi.Wrap(note, l.InputWidth, ""), "\n"), l.InputWidth, 2), "\n")
}

// ambiguityLines explains a wall time that a clock change makes ambiguous
// or skips: what happened on one line, then each instant it could mean on
// a line of its own, written with its offset as the user can type it.
func ambiguityLines(e *incident.AmbiguousTimeError, width int) []string {
	event, cause := "happens twice", " (clocks go back)"
	if e.Skipped {
		event, cause = "never happens", " (clocks go forward)"
	}

	first := e.Wall.Format("15:04") + " " + event + cause + "; type one of:"
	if ansi.StringWidth(first) > width {
		first = e.Wall.Format("15:04") + " " + event + "; type one of:"
	}

	lines := []string{truncate(first, width)}

	for i, at := range e.Instants {
		local := at.In(time.FixedZone(e.Abbrevs[i], e.Offsets[i]))
		meaning := local.Format("2006-01-02 15:04-07:00") + "  (" + incident.SanitizeLine(e.Abbrevs[i]) + ", " + at.UTC().Format("15:04 UTC") + ")"
		lines = append(lines, truncate(meaning, width))
	}

	return lines
}

// wrapWords wraps plain text s to width cells, breaking only at spaces
// unless a word is wider than a line. ansi.Wrap also breaks after hyphens,
// which would split a timestamp such as 2026-06-11 across lines.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""

	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word

			continue
		default:
			lines = append(lines, line)
			line = word
		}

		for ansi.StringWidth(line) > width {
			lines = append(lines, ansi.Truncate(line, width, ""))
			line = ansi.TruncateLeft(line, width, "")
		}
	}

	return append(lines, line)
}

// limitLines keeps at most n lines, ending the last kept one with an
// ellipsis within width cells when lines were left out.
func limitLines(lines []string, width, n int) []string {
	if len(lines) <= n {
		return lines
	}

	lines = lines[:n]
	lines[n-1] = ansi.Truncate(lines[n-1], width-1, "") + ellipsis

	return lines
}

// chooser draws a value picked with left and right.
func chooser(st themes.Styles, value string, style interface{ Render(...string) string }, focused bool) string {
	if !focused {
		return style.Render(value)
	}

	return st.Accent.Render("‹ ") + style.Render(value) + st.Accent.Render(" ›") + st.FieldHint.Render("  ←/→ or first letter")
}
