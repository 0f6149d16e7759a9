package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// rowText replaces parts of a row that the dashboard draws differently
// from the timeline. An empty field keeps the timeline's.
type rowText struct {
	when string // in place of the occurred HH:MM
	late string // in place of the LATE badge, when it leaves the text minTextCols
}

// minTextCols is the least room for text that a longer late badge may
// leave before the row falls back to plain LATE.
const minTextCols = 12

// renderRow draws one entry on one line: marker, time, sequence number,
// level (unless its column is 0), kind, decision maker and text, with LATE
// and amendment badges before the text. The sequence column is as wide as
// the largest number so far, and the text takes what it leaves.
func renderRow(r *row, set *entrySet, st themes.Styles, c columns, selected bool, alt rowText) string {
	e := &r.entry
	segs := make([]segment, 0, 16)
	gap := segment{text: " "}

	marker := "  "
	if selected {
		marker = "› "
	}

	when := alt.when
	if when == "" {
		when = r.clock
	}

	seqWidth := min(c.Seq, 1+len(strconv.FormatInt(set.maxSeq, 10)))
	room := c.Text + c.Seq - seqWidth

	segs = append(segs,
		segment{text: marker, style: st.Accent},
		segment{text: when, style: st.Base}, gap,
		segment{text: padLeft("#"+strconv.FormatInt(e.Seq, 10), seqWidth), style: st.Subtle}, gap,
	)

	if c.Level > 0 {
		segs = append(segs, segment{text: fit(levelCell(e.Level), c.Level), style: st.Level(e.Level)}, gap)
	}

	segs = append(segs, segment{text: fit(string(e.Kind), c.Kind), style: st.Kind(e.Kind)}, gap)

	if c.Maker > 0 {
		segs = append(segs, segment{text: fit(r.maker, c.Maker), style: st.Subtle}, gap)
	}

	badge := func(text string, style lipgloss.Style) {
		width := ansi.StringWidth(text)
		if room <= width+1 {
			return
		}

		segs = append(segs, segment{text: text, style: style}, gap)
		room -= width + 1
	}

	if e.Late() {
		late := "LATE"
		if alt.late != "" && room-ansi.StringWidth(alt.late)-1 >= minTextCols {
			late = alt.late
		}

		badge(late, st.Late)
	}

	if e.Amends != 0 {
		badge("corrects #"+strconv.FormatInt(e.Amends, 10), st.Corrects)
	}

	by, amended := set.correctedBy[e.Seq]
	if amended {
		badge("corrected by #"+strconv.FormatInt(by, 10), st.CorrectedBy)
	}

	textStyle := st.Base
	if amended {
		textStyle = st.Struck
	}

	segs = append(segs, segment{text: fit(r.line, room), style: textStyle, struck: amended})

	return renderSegments(segs, st, selected)
}

// segment is a piece of a row with its own style.
type segment struct {
	text   string
	style  lipgloss.Style
	struck bool
}

// renderSegments styles each segment. A selected row is drawn in the
// selection style throughout, keeping only strikethrough, so that its
// highlight has no gaps.
func renderSegments(segs []segment, st themes.Styles, selected bool) string {
	var b strings.Builder

	for _, s := range segs {
		style := s.style
		if selected {
			style = st.Selected.Strikethrough(s.struck)
		}

		if s.text == " " && !selected {
			b.WriteByte(' ')

			continue
		}

		b.WriteString(style.Render(s.text))
	}

	return b.String()
}

func padLeft(s string, width int) string {
	if pad := width - ansi.StringWidth(s); pad > 0 {
		return strings.Repeat(" ", pad) + s
	}

	return s
}

// levelCell is the level word for the list's narrow level column.
func levelCell(l incident.Level) string {
	if l == "" {
		return string(incident.LevelNone)
	}

	return string(l)
}

// levelWord returns the level as the status bar and detail show it.
func levelWord(l incident.Level) string {
	if l == "" || l == incident.LevelNone {
		return "no level"
	}

	return string(l)
}
