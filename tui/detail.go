package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// detail shows one whole entry, wrapped to the screen and scrollable.
type detail struct {
	row    *row
	lines  []string
	height int
	top    int
}

func (d *detail) scroll(by int) {
	d.top = max(0, min(d.top+by, len(d.lines)-d.height))
}

// visible returns the lines on screen.
func (d *detail) visible() []string {
	end := min(len(d.lines), d.top+d.height)

	return d.lines[d.top:end]
}

// render lays the entry out for width×height. It runs when the pane opens
// and on resize, not on every frame.
func (d *detail) render(set *entrySet, st themes.Styles, zone *time.Location, width, height int) {
	e := &d.row.entry
	var lines []string

	add := func(s ...string) { lines = append(lines, s...) }
	field := func(label, value string) {
		if value == "" {
			return
		}

		wrapped := ansi.Wrap(value, max(10, width-labelCols), "")
		for i, line := range strings.Split(wrapped, "\n") {
			if i == 0 {
				add(st.FieldLabel.Render(fit(label, labelCols)) + line)
			} else {
				add(strings.Repeat(" ", labelCols) + line)
			}
		}
	}
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}

		add("", st.Heading.Render(title))
		add(strings.Split(ansi.Wrap(body, width, ""), "\n")...)
	}

	heading := st.Heading.Render(fmt.Sprintf("Entry #%d", e.Seq)) + "  " +
		st.Kind(e.Kind).Render(string(e.Kind)) + "  " + st.Level(e.Level).Render(levelWord(e.Level))
	if e.Late() {
		heading += "  " + st.Late.Render("LATE")
	}

	if e.Amends != 0 {
		heading += "  " + st.Corrects.Render(fmt.Sprintf("corrects #%d", e.Amends))
	}

	if by, ok := set.correctedBy[e.Seq]; ok {
		heading += "  " + st.CorrectedBy.Render(fmt.Sprintf("corrected by #%d", by))
	}

	add(heading, "")
	field("Occurred", fullTime(e.OccurredAt, zone))
	field("Recorded", fullTime(e.RecordedAt, zone)+", "+incident.FormatDuration(e.RecordedAt.Sub(e.OccurredAt))+" after it occurred")
	field("Decision by", incident.SanitizeLine(e.DecisionMaker))
	field("Written by", incident.SanitizeLine(e.Author))

	if e.Amends != 0 {
		field("Corrects", fmt.Sprintf("#%d: %s", e.Amends, incident.SanitizeLine(e.AmendReason)))
	}

	if by := set.corrections[e.Seq]; len(by) > 0 {
		field("Corrected by", seqList(by)+" (this entry is kept, struck through)")
	}

	if chain := set.correctionChain(d.row); len(chain) > 2 {
		field("Chain", chainText(chain, e.Seq))
	}

	if e.ReviewAt != nil {
		field("Review at", fullTime(*e.ReviewAt, zone))
	}

	field("Systems", incident.SanitizeLine(strings.Join(e.Systems, ", ")))
	field("Tasks", incident.SanitizeLine(strings.Join(e.Tasks, ", ")))
	field("People", incident.SanitizeLine(strings.Join(e.People, ", ")))
	field("Source", incident.SanitizeLine(e.Source))

	section("Text", incident.Sanitize(e.Text))
	section("Rationale", incident.Sanitize(e.Rationale))

	if len(e.Options) > 0 {
		var b strings.Builder
		for _, o := range e.Options {
			b.WriteString("- " + incident.SanitizeLine(o) + "\n")
		}

		section("Options considered and rejected", strings.TrimSuffix(b.String(), "\n"))
	}

	section("Reason recorded late", incident.Sanitize(e.LateReason))

	add("")
	field("Hash", e.Hash)
	field("Previous hash", e.PrevHash)

	d.lines, d.height = lines, height
	d.scroll(0)
}

// seqList writes sequence numbers as "#7, #9".
func seqList(seqs []int64) string {
	parts := make([]string, len(seqs))
	for i, seq := range seqs {
		parts[i] = fmt.Sprintf("#%d", seq)
	}

	return strings.Join(parts, ", ")
}

// chainText writes a chain of corrections as "#3 → #7 (this) → #9 (current)",
// marking the entry shown and the latest correction.
func chainText(chain []int64, this int64) string {
	parts := make([]string, len(chain))
	last := len(chain) - 1

	for i, seq := range chain {
		var notes []string
		if seq == this {
			notes = append(notes, "this")
		}

		if i == last {
			notes = append(notes, "current")
		}

		parts[i] = fmt.Sprintf("#%d", seq)
		if len(notes) > 0 {
			parts[i] += " (" + strings.Join(notes, ", ") + ")"
		}
	}

	return strings.Join(parts, " → ")
}
