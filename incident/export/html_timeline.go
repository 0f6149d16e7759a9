package export

import (
	"strconv"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

func (h *htmlWriter) timelineHead() {
	h.raw("<h2>Timeline</h2>\n")
	h.raw("<p>Every entry in the order it occurred; entries that occurred at the same time are in the order they were recorded. A corrected entry is struck through, beside the entry that corrects it. LATE marks an entry recorded more than 10 minutes after it occurred.</p>\n")
	h.printf("<table>\n<thead><tr><th>Occurred (%s)</th><th>#</th><th>Level</th><th>Kind</th><th>Decision maker</th><th>Entry</th></tr></thead>\n<tbody>\n",
		text(zoneLabel(h.opts.Zone)))
}

// timelineRow writes one entry. It is the export's inner loop, so it
// builds the row in one buffer.
func (h *htmlWriter) timelineRow(e *incident.Entry, sum *mdSummary) {
	var b strings.Builder

	b.Grow(512 + len(e.Text))
	b.WriteString("<tr><td>")
	b.WriteString(h.local(e.OccurredAt))
	b.WriteString("</td><td>")
	b.WriteString(strconv.FormatInt(e.Seq, 10))
	b.WriteString("</td><td>")
	b.WriteString(text(string(e.Level)))
	b.WriteString("</td><td>")
	b.WriteString(text(string(e.Kind)))
	b.WriteString("</td><td>")
	b.WriteString(h.person(e.DecisionMaker))
	b.WriteString("</td><td>")

	if e.IsAmendment() {
		b.WriteString("<strong>Corrects entry " + strconv.FormatInt(e.Amends, 10) + ":</strong> " + orNoneHTML(text(e.AmendReason), "no reason given") + "<br>")
	}

	if c := sum.correctedBy[e.Seq]; len(c) > 0 {
		b.WriteString("<del>" + text(e.Text) + "</del> <strong>" + correctedBy(c) + "</strong>")
	} else {
		b.WriteString(text(e.Text))
	}

	if e.Rationale != "" {
		b.WriteString("<br><em>Rationale:</em> " + text(e.Rationale))
	}

	if e.Author != e.DecisionMaker {
		b.WriteString("<br>Recorded by " + h.person(e.Author))
	}

	if e.Late() {
		b.WriteString("<br><span class=\"late\">LATE:</span> recorded " + h.local(e.RecordedAt) + ", " +
			incident.FormatDuration(e.RecordedAt.Sub(e.OccurredAt)) + " after it occurred; reason: " + orNoneHTML(text(e.LateReason), "no reason given"))
	}

	for _, refs := range []struct {
		label string
		items []string
	}{{"Systems", e.Systems}, {"Tasks", e.Tasks}, {"People", e.People}} {
		if len(refs.items) > 0 {
			b.WriteString("<br>" + refs.label + ": " + htmlList(refs.items))
		}
	}

	if unverified(sum, e) {
		b.WriteString("<br><strong class=\"missed\">Chain: UNVERIFIED</strong>")
	}

	b.WriteString("</td></tr>\n")
	h.raw(b.String())
}
