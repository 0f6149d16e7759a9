package export

import (
	"bufio"
	"context"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// writeHTML writes the review pack: one HTML file with no scripts and no
// external resources, readable in any browser and printable on A4. Like
// the Markdown report it reads the timeline twice in one snapshot: once to
// verify the chain and gather the summary, and once to write the timeline.
func writeHTML(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	sum, systems, extra, err := readReport(ctx, r, inc, &opts)
	if err != nil {
		return sum.res, err
	}

	h := &htmlWriter{w: bufio.NewWriterSize(w, 256*1024), opts: &opts}

	h.raw("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
	h.printf("<title>%s: review pack</title>\n<style>%s</style>\n</head>\n<body>\n", text(inc.Ref), htmlStyle)

	h.header(inc)
	h.summary(inc, sum)
	h.sealBox(inc, sum, "Seal")
	h.systems(systems, sum)
	h.overrides(sum)
	h.decisions(sum)
	h.comms(extra)
	h.staffing(extra)

	if h.err == nil {
		h.timelineHead()

		err = stream(ctx, r, inc, nil, func(e *incident.Entry) error {
			if opts.Filter.Match(e) {
				h.timelineRow(e, sum)
			}

			return h.err
		})
		if err != nil {
			return sum.res, err
		}

		h.raw("</tbody></table>\n")
	}

	h.sealBox(inc, sum, "Seal, again")
	h.exercise(inc)
	h.raw("</body>\n</html>\n")

	if h.err != nil {
		return sum.res, h.err
	}

	return sum.res, h.w.Flush()
}

func (h *htmlWriter) exercise(inc incident.Incident) {
	if inc.Exercise {
		h.raw("<p class=\"exercise\">EXERCISE EXERCISE EXERCISE</p>\n")
	}
}

func (h *htmlWriter) header(inc incident.Incident) {
	h.exercise(inc)
	h.printf("<h1>%s: %s</h1>\n", text(inc.Ref), text(inc.Title))

	by := ""
	if h.opts.ExportedBy != "" {
		by = " by " + h.person(h.opts.ExportedBy)
	}

	h.printf("<p class=\"muted\">Review pack exported at %s%s. Times are shown in %s with their offset from UTC; the JSON Lines export holds every time to the nanosecond.</p>\n",
		h.localAndUTC(h.opts.Now), by, text(zoneLabel(h.opts.Zone)))

	if f := h.opts.Filter.Describe(); f != "" {
		h.printf("<p><strong>Filtered:</strong> %s. The seal still covers the whole timeline.</p>\n", text(f))
	}
}

func (h *htmlWriter) summary(inc incident.Incident, sum *mdSummary) {
	h.raw("<h2>Incident</h2>\n<table>\n")

	row := func(label, value string) { h.printf("<tr><th>%s</th><td>%s</td></tr>\n", label, value) }

	row("Reference", text(inc.Ref))
	row("Title", text(inc.Title))
	row("Kind and severity", text(strings.TrimSpace(inc.Kind+", "+inc.Severity)))
	row("Status", text(string(inc.Status)))
	row("Declared", h.localAndUTC(inc.DeclaredAt)+" by "+h.person(inc.DeclaredBy))
	row("Entries", strconv.FormatInt(sum.res.Entries, 10)+" ("+text(kindCounts(sum.byKind))+")")
	row("Late entries", strconv.FormatInt(sum.late, 10)+", recorded more than "+incident.FormatDuration(incident.LateAfter)+" after they occurred"+text(bareLate(sum)))
	row("Corrections", strconv.FormatInt(sum.amendments, 10)+"; a corrected entry stays, struck through")
	row("Decisions", strconv.Itoa(len(sum.decisions)))
	h.raw("</table>\n")
}

func (h *htmlWriter) sealBox(inc incident.Incident, sum *mdSummary, title string) {
	res := sum.res

	if res.ChainErr != nil {
		h.printf("<div class=\"seal broken\"><h3>%s</h3><p><strong>%s</strong></p></div>\n", title, text(sealSummary(res)))

		return
	}

	h.printf("<div class=\"seal\"><h3>%s</h3><p>%s</p>\n", title, text(sealSummary(res)))
	h.printf("<p><strong>%s</strong><br>Full head hash <code>%s</code><br>Sealed at %s</p>\n",
		text(res.Seal.String()), text(res.Seal.Head), h.localAndUTC(res.Seal.At))
	h.raw("<p class=\"muted\">Compare with a seal recorded away from the host, such as in the paper log: when the entry count and head match, no entry up to that point has changed. <code>sitroom verify --export</code> checks the JSON Lines export the same way.</p></div>\n")
}

func (h *htmlWriter) systems(systems []mdSystem, sum *mdSummary) {
	h.raw("<h2>Systems</h2>\n")

	if len(systems) == 0 {
		h.raw("<p>Every system in the register was operational when this pack was written.</p>\n")

		return
	}

	h.raw(chartSVG(systems, sum.decisions, h.opts))

	h.raw("<table>\n<tr><th>Place</th><th>System</th><th>Status</th><th>Out of service since</th><th>Time out / RTO</th><th>Reinfection gate</th></tr>\n")

	for _, s := range systems {
		out := "-"
		if !s.state.OutSince.IsZero() {
			out = incident.FormatDuration(s.state.OutFor(h.opts.Now)) + " of " + hoursLabel(s.sys.RTOHours)
			if incident.RTOLeft(s.sys, s.state, h.opts.Now) < 0 {
				out = "<span class=\"missed\">" + out + ", RTO BREACHED</span>"
			} else {
				out += " (" + strconv.Itoa(int(math.Round(incident.RTOUsed(s.sys, s.state, h.opts.Now)*100))) + "%)"
			}
		}

		since := "in service"
		switch {
		case !s.state.OutSince.IsZero():
			since = h.local(s.state.OutSince)
		case s.state.Status == incident.SystemRestored:
			since = "restored at " + h.local(s.state.Since)
		}

		h.printf("<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", s.place,
			text(s.sys.ID+": "+s.sys.Name), text(string(s.state.Status)), since, out, text(strings.ReplaceAll(gateCell(s), "**", "")))
	}

	h.raw("</table>\n")
}

func (h *htmlWriter) overrides(sum *mdSummary) {
	if len(sum.overrides) == 0 {
		return
	}

	h.raw("<h2>Reinfection gate overrides</h2>\n<table>\n<tr><th>Entry</th><th>Occurred</th><th>Decision maker</th><th>Decision</th><th>Rationale</th></tr>\n")

	for _, e := range sum.overrides {
		h.printf("<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			e.Seq, h.local(e.OccurredAt), h.person(e.DecisionMaker), text(e.Text), text(e.Rationale))
	}

	h.raw("</table>\n")
}

func (h *htmlWriter) decisions(sum *mdSummary) {
	h.raw("<h2>Decisions</h2>\n")

	shown := 0

	for i := range sum.decisions {
		e := &sum.decisions[i]
		if !h.opts.Filter.Match(e) {
			continue
		}

		shown++

		entry := text(e.Text)
		if c := sum.correctedBy[e.Seq]; len(c) > 0 {
			entry = "<del>" + entry + "</del> <strong>" + correctedBy(c) + "</strong>"
		}

		h.printf("<h3>Entry %d: decision at %s</h3>\n<table>\n", e.Seq, h.local(e.OccurredAt))
		h.printf("<tr><th>Decision</th><td>%s</td></tr>\n", entry)
		h.printf("<tr><th>Decision maker</th><td>%s, command level %s</td></tr>\n", h.person(e.DecisionMaker), text(string(e.Level)))

		if e.Author != e.DecisionMaker {
			h.printf("<tr><th>Recorded by</th><td>%s (loggist) at %s</td></tr>\n", h.person(e.Author), h.local(e.RecordedAt))
		}

		h.printf("<tr><th>Rationale</th><td>%s</td></tr>\n", orNoneHTML(text(e.Rationale), "no rationale recorded"))
		h.printf("<tr><th>Options considered and rejected</th><td>%s</td></tr>\n", orNoneHTML(htmlList(e.Options), "none recorded"))

		if e.ReviewAt != nil {
			h.printf("<tr><th>Review</th><td>%s</td></tr>\n", h.local(*e.ReviewAt))
		}

		if e.Late() {
			h.printf("<tr><th>Late</th><td class=\"late\">recorded %s after it occurred: %s</td></tr>\n",
				incident.FormatDuration(e.RecordedAt.Sub(e.OccurredAt)), orNoneHTML(text(e.LateReason), "no reason given"))
		}

		h.raw("</table>\n")
	}

	if shown == 0 {
		h.raw("<p>No decisions were recorded.</p>\n")
	}
}

func htmlList(items []string) string {
	escaped := make([]string, len(items))
	for i, v := range items {
		escaped[i] = text(v)
	}

	return strings.Join(escaped, "; ")
}

func orNoneHTML(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return "<em>" + none + "</em>"
	}

	return s
}
