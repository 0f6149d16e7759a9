package tui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// detailLabelCols is the width of the labels in the system and task
// details, "Depended on by" and a space.
const detailLabelCols = 16

// gateNameCols is the width of the longest gate check name,
// "immutable-backup" and "credentials-reset".
const gateNameCols = 17

// systemPane is the whole of one system, scrollable, in place of the
// board's list.
type systemPane struct {
	pane

	id string

	// override is the decision entry that overrode the gate, looked up in
	// the timeline when overrideSeq changes rather than on every redraw.
	overrideSeq int64
	override    *row
}

// renderSystemDetail lays the open system detail out again: when it
// opens, on resize, when the board is read again and each second while the
// system is out of service, because its time out of service moves on.
func (m *Model) renderSystemDetail() {
	p := m.board.detail
	if p == nil || m.cont == nil || m.layout.TooSmall {
		return
	}

	it := m.cont.byID[p.id]
	height := m.layout.BodyHeight - filterRows

	if it == nil {
		p.setLines([]string{"", m.styles.Warning.Render("System " + incident.SanitizeLine(p.id) + " is no longer in the register.")}, height)

		return
	}

	if seq := it.row.Gate.OverrideSeq; seq != p.overrideSeq {
		p.overrideSeq, p.override = seq, nil
		if seq != 0 {
			p.override = m.entries.findSeq(seq)
		}
	}

	w := &detailWriter{st: m.styles, width: m.layout.Width}
	m.systemDetailLines(w, it, p.override)
	p.setLines(w.lines, height)
}

func (m *Model) systemDetailLines(w *detailWriter, it *systemItem, override *row) {
	st, row, zone := m.styles, it.row, m.opts.Zone
	rto := rtoStateOf(row, m.now)

	heading := st.Heading.Render(it.id) + "  " + st.Base.Render(it.name) + "  " +
		st.SystemStatus(row.State.Status).Render(systemStatusLabel(row.State.Status))
	w.add(heading, "")

	w.field("Recovery place", strconv.Itoa(row.Place.Place)+" of "+strconv.Itoa(len(m.cont.systems))+": "+
		incident.SanitizeLine(row.Place.Reason))

	if rto.level == rtoInService {
		w.field("Out of service", "no; RTO "+rtoText(row.RTOHours))
	} else {
		out := rto.style(st).Render(rto.bar(rtoBarCols)+" "+rto.figures(row.System)) + " since " + dateTime(row.State.OutSince, zone)
		switch rto.level {
		case rtoOver:
			out += ", " + st.RTOOver.Render("RTO breached by "+shortDuration(rto.left))
		case rtoNear:
			out += ", " + st.RTONear.Render("near its RTO: "+shortDuration(rto.left)+" left")
		default:
			out += ", " + shortDuration(rto.left) + " of RTO left"
		}

		w.field("Out of service", out)
	}

	if !row.State.Since.IsZero() {
		since := dateTime(row.State.Since, zone)
		if row.State.ChangedBy != "" {
			since += ", set by " + m.cont.person(row.State.ChangedBy)
		}

		if row.State.EntrySeq != 0 {
			since += " (entry #" + strconv.FormatInt(row.State.EntrySeq, 10) + ")"
		}

		w.field("Status since", since)
	}

	w.field("Function", incident.SanitizeLine(row.Function))
	w.field("Owner role", it.owner)
	w.field("Criticality", strconv.Itoa(row.Criticality)+" of 5")
	w.field("Patient impact", it.impact)
	w.field("RTO / RPO", rtoText(row.RTOHours)+" / "+rtoText(row.RPOHours))
	w.field("Depends on", incident.SanitizeLine(strings.Join(row.DependsOn, ", ")))
	w.field("Depended on by", incident.SanitizeLine(strings.Join(row.Dependents, ", ")))
	w.field("Supplier", incident.SanitizeLine(row.Supplier))
	w.field("Hosting", incident.SanitizeLine(row.Hosting))

	m.gateLines(w, it, override)
	m.systemTaskLines(w, it)
}

// gateLines lists the six checks with who signed each, when and the note,
// and the decision that overrode the gate, if one did.
func (m *Model) gateLines(w *detailWriter, it *systemItem, override *row) {
	st, gate, zone := m.styles, it.row.Gate, m.opts.Zone

	title := st.Heading.Render("Reinfection gate") + st.Subtle.Render("  "+strconv.Itoa(len(gate.Signed))+" of "+
		strconv.Itoa(len(incident.GateChecks))+" checks signed")
	if it.row.State.Episode > 1 {
		title += st.Subtle.Render(" in outage " + strconv.FormatInt(it.row.State.Episode, 10))
	}

	w.add("", title)

	for _, check := range incident.GateChecks {
		sig, ok := gate.Signed[check]
		if !ok {
			w.add(st.Warning.Render("✗ "+fit(string(check), gateNameCols)+" not signed") + st.Subtle.Render(": "+check.Describe()))

			continue
		}

		w.add(st.Success.Render("✓ "+fit(string(check), gateNameCols)) + st.Subtle.Render(" "+check.Describe()))
		signed := "signed by " + m.cont.person(sig.SignedBy) + ", " + dateTime(sig.SignedAt, zone) +
			" (entry #" + strconv.FormatInt(sig.EntrySeq, 10) + ")"
		w.indented(4, signed, st.Base)
		w.indented(4, "Note: "+incident.SanitizeLine(sig.Note), st.Base)
	}

	if gate.OverrideSeq == 0 {
		return
	}

	w.add("", st.Override.Render("OVERRIDE")+st.Base.Render(" by decision #"+strconv.FormatInt(gate.OverrideSeq, 10)))

	if override == nil {
		w.indented(4, "The decision is in the timeline (view 2).", st.Subtle)

		return
	}

	e := &override.entry
	w.indented(4, "by "+m.cont.person(e.DecisionMaker)+", "+levelWord(e.Level)+", "+dateTime(e.OccurredAt, zone), st.Base)
	w.indented(4, incident.SanitizeLine(e.Text), st.Base)
	w.indented(4, "Rationale: "+incident.SanitizeLine(e.Rationale), st.Base)
}

// systemTaskLines lists the system's tasks.
func (m *Model) systemTaskLines(w *detailWriter, it *systemItem) {
	st := m.styles
	title := st.Heading.Render("Tasks") + st.Subtle.Render("  "+strconv.Itoa(it.openTasks)+" open of "+strconv.Itoa(len(it.tasks)))
	w.add("", title)

	if len(it.tasks) == 0 {
		w.add(st.Subtle.Render("none: press t to add one"))

		return
	}

	labelWidth := m.cont.labelWidth
	for _, t := range it.tasks {
		line := st.Base.Render(fit(t.label, labelWidth)) + " " +
			st.TaskStatus(t.task.Status).Render(fit(taskStatusLabel(t.task.Status), statusCols)) + " " + st.Base.Render(t.title)
		if t.task.Overdue(m.now) {
			line = st.Base.Render(fit(t.label, labelWidth)) + " " + st.Overdue.Render("OVERDUE") + " " +
				st.TaskStatus(t.task.Status).Render(taskStatusLabel(t.task.Status)) + " " + st.Base.Render(t.title)
		}

		w.add(truncate(line, w.width))
	}
}

// detailWriter collects the lines of a detail pane, wrapping long values
// under their label.
type detailWriter struct {
	st    themes.Styles
	width int
	lines []string
}

func (w *detailWriter) add(lines ...string) {
	w.lines = append(w.lines, lines...)
}

// field adds label and value, the value wrapped in the column after the
// label. An empty value adds nothing.
func (w *detailWriter) field(label, value string) {
	if value == "" {
		return
	}

	// wrapWords breaks only at spaces, so names such as Delacroix-Bennett
	// and dates such as 2026-06-11 stay whole.
	for i, line := range wrapWords(value, max(10, w.width-detailLabelCols)) {
		if i == 0 {
			w.add(w.st.FieldLabel.Render(fit(label, detailLabelCols)) + line)
		} else {
			w.add(strings.Repeat(" ", detailLabelCols) + line)
		}
	}
}

// indented adds text wrapped to the width, every line indent cells in.
func (w *detailWriter) indented(indent int, text string, style lipgloss.Style) {
	pad := strings.Repeat(" ", indent)
	for _, line := range wrapWords(text, max(10, w.width-indent)) {
		w.add(pad + style.Render(line))
	}
}

// clockOrDate writes t in zone as "14:32" when it falls on the same day as
// now, else as "Thu 14:32" within six days either side, else "12 Jun 14:32".
func clockOrDate(t, now time.Time, zone *time.Location) string {
	day := dayOf(t, now, zone)
	if day == "" {
		return t.In(zone).Format("15:04")
	}

	return day + " " + t.In(zone).Format("15:04")
}

// dayOf names t's day in zone for clockOrDate: "" for the day of now,
// "Thu" within six days either side, else "12 Jun".
func dayOf(t, now time.Time, zone *time.Location) string {
	local, today := t.In(zone), now.In(zone)

	switch {
	case local.Year() == today.Year() && local.YearDay() == today.YearDay():
		return ""
	case local.Sub(today).Abs() < 6*24*time.Hour:
		return local.Format("Mon")
	}

	return local.Format("2 Jan")
}
