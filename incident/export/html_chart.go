package export

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Chart geometry, in the SVG's own units: the page scales it to fit.
const (
	chartWidth  = 720
	chartLabels = 90 // room for the system ids on the left
	chartRight  = 10
	chartRow    = 18
	chartTop    = 8
	chartAxis   = 30 // room below the rows for the time axis
)

// chartSVG draws each system out of service as a bar from the start of
// its outage to the time of the report, grey until its RTO and red after,
// with a mark for each decision that names it. Systems back in service
// have no bar, because only the current outage's start is stored.
func chartSVG(systems []mdSystem, decisions []incident.Entry, opts *Options) string {
	var out []mdSystem

	for _, s := range systems {
		if !s.state.OutSince.IsZero() {
			out = append(out, s)
		}
	}

	if len(out) == 0 {
		return ""
	}

	start, end := out[0].state.OutSince, opts.Now
	for _, s := range out {
		start = minTime(start, s.state.OutSince)
	}

	if !end.After(start) {
		end = start.Add(time.Hour)
	}

	plot := float64(chartWidth - chartLabels - chartRight)
	x := func(t time.Time) float64 {
		return chartLabels + plot*float64(t.Sub(start))/float64(end.Sub(start))
	}

	height := chartTop + len(out)*chartRow + chartAxis

	var b strings.Builder

	fmt.Fprintf(&b, "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\">\n", chartWidth, height)
	b.WriteString("<title>Time out of service against each system's RTO, with the decisions that name it</title>\n")

	for i, s := range out {
		y := float64(chartTop + i*chartRow)
		rto := s.state.OutSince.Add(time.Duration(s.sys.RTOHours * float64(time.Hour)))
		fmt.Fprintf(&b, "<text x=\"0\" y=\"%.1f\">%s</text>\n", y+12, html.EscapeString(incident.SanitizeLine(s.sys.ID)))

		within := minTime(rto, end)
		if s.sys.RTOHours <= 0 {
			within = s.state.OutSince
		}

		fmt.Fprintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"#8fa7b8\"/>\n", x(s.state.OutSince), y+2, x(within)-x(s.state.OutSince))

		if within.Before(end) {
			fmt.Fprintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"#c0392b\"><title>RTO breached</title></rect>\n", x(within), y+2, x(end)-x(within))
			fmt.Fprintf(&b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"1.5\"/>\n", x(within), x(within), y, y+16)
		}

		for _, d := range decisions {
			if !slices.Contains(d.Systems, s.sys.ID) || d.OccurredAt.Before(start) || d.OccurredAt.After(end) {
				continue
			}

			cx := x(d.OccurredAt)
			fmt.Fprintf(&b, "<path d=\"M%.1f %.1fl4 6l-4 6l-4 -6z\" fill=\"#111\"><title>Entry %d: %s</title></path>\n",
				cx, y+2, d.Seq, html.EscapeString(incident.SanitizeLine(d.Text)))
		}
	}

	axisY := float64(chartTop + len(out)*chartRow + 4)
	fmt.Fprintf(&b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n", chartLabels, chartWidth-chartRight, axisY, axisY)

	step := axisStep(end.Sub(start))
	for t := start.Truncate(step).Add(step); t.Before(end); t = t.Add(step) {
		fmt.Fprintf(&b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>", x(t), x(t), axisY, axisY+4)
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x(t), axisY+15, t.In(opts.Zone).Format("Mon 15:04"))
	}

	b.WriteString("</svg>\n<p class=\"muted\">Bars run from the start of each current outage to ")
	b.WriteString(html.EscapeString(end.In(opts.Zone).Format(mdTimeLayout)))
	b.WriteString(": grey within the recovery time objective, red past it, with a line at the RTO. Diamonds mark decisions naming the system. Systems back in service are in the table only.</p></div>\n")

	return b.String()
}

// axisStep chooses a tick interval giving at most eight ticks.
func axisStep(span time.Duration) time.Duration {
	for _, step := range []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour} {
		if span/step <= 8 {
			return step
		}
	}

	return 14 * 24 * time.Hour
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}

	return a
}
