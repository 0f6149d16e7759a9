package export

import (
	"bufio"
	"context"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// writeICS214 writes an activity log in the layout of the ICS 214 form for
// each person with entries in the export: the incident, the operational
// period, the person and their position, their dated notable activities
// (the entries they made or that record their decisions and actions), and
// who prepared it. Options.Filter.People narrows it to those people, and
// its times set the operational period. It is Markdown, one log after the
// other.
func writeICS214(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	staff, err := r.Staff(ctx)
	if err != nil {
		return Result{}, err
	}

	roster := map[string]incident.StaffMember{}
	for _, m := range staff {
		roster[m.ID] = m
	}

	logs := map[string][]incident.Entry{}
	loggists := map[string]map[string]bool{}

	var first time.Time

	res, err := verifiedStream(ctx, r, inc, &opts, func(e *incident.Entry) error {
		for _, id := range uniqueIDs(e.DecisionMaker, e.Author) {
			if len(opts.Filter.People) > 0 && !anyOf([]string{id}, opts.Filter.People) {
				continue
			}

			logs[id] = append(logs[id], *e)
		}

		if e.Author != e.DecisionMaker {
			if loggists[e.DecisionMaker] == nil {
				loggists[e.DecisionMaker] = map[string]bool{}
			}

			loggists[e.DecisionMaker][e.Author] = true
		}

		if first.IsZero() || e.OccurredAt.Before(first) {
			first = e.OccurredAt
		}

		return nil
	})
	if err != nil {
		return res, err
	}

	from, to := first, opts.Now
	if !opts.Filter.From.IsZero() {
		from = opts.Filter.From
	}

	if !opts.Filter.To.IsZero() {
		to = opts.Filter.To
	}

	m := &mdWriter{w: bufio.NewWriterSize(w, 64*1024), opts: &opts}

	ids := make([]string, 0, len(logs))
	for id := range logs {
		ids = append(ids, id)
	}

	sort.Strings(ids)

	if len(ids) == 0 {
		m.printf("# Activity log (ICS 214)\n\nNo entries match, so there is no activity to log.\n")
	}

	for i, id := range ids {
		if i > 0 {
			m.printf("\n---\n\n")
		}

		m.ics214(inc, roster[id], id, logs[id], loggists[id], from, to)
		m.printf("\n%s\n", mdText(sealText(res)))
	}

	if m.err != nil {
		return res, m.err
	}

	return res, m.w.Flush()
}

func (m *mdWriter) ics214(inc incident.Incident, who incident.StaffMember, id string, entries []incident.Entry, loggists map[string]bool,
	from, to time.Time,
) {
	position := who.Role
	if who.Level != "" && who.Level != incident.LevelNone {
		position = strings.TrimSpace(position + ", " + string(who.Level) + " " + string(who.Access))
	}

	m.printf("# Activity log (ICS 214): %s\n\n", m.person(id))
	m.printf("| Block | |\n|---|---|\n")
	m.printf("| 1. Incident name | %s: %s |\n", mdText(inc.Ref), mdText(inc.Title))
	m.printf("| 2. Operational period | from %s to %s |\n", m.local(from), m.local(to))
	m.printf("| 3. Name | %s |\n", m.person(id))
	m.printf("| 4. ICS position | %s |\n", orNone(mdText(position), "not on the roster"))
	m.printf("| 5. Home agency (and unit) | %s |\n", orNone(mdText(who.Team), "not recorded"))

	var names []string
	for l := range loggists {
		names = append(names, m.person(l))
	}

	sort.Strings(names)
	m.printf("| 6. Resources assigned | %s |\n\n", orNone(strings.Join(names, "; "), "no loggist recorded for them"))

	m.printf("## 7. Activity log\n\n| Date and time (%s) | Notable activities |\n|---|---|\n", mdText(zoneLabel(m.opts.Zone)))

	for _, e := range entries {
		note := "[" + string(e.Kind) + " #" + strconv.FormatInt(e.Seq, 10) + "] " + mdText(e.Text)
		if e.Rationale != "" {
			note += "<br>Rationale: " + mdText(e.Rationale)
		}

		if e.Author != id {
			note += "<br>Recorded by " + m.person(e.Author)
		} else if e.DecisionMaker != id {
			note += "<br>For " + m.person(e.DecisionMaker)
		}

		m.printf("| %s | %s |\n", m.local(e.OccurredAt), note)
	}

	prepared := "sitroom export"
	if m.opts.ExportedBy != "" {
		prepared = mdText(m.opts.ExportedBy)
	}

	m.printf("\n**8. Prepared by:** %s, from the sitroom timeline, at %s. Signature: ____________________\n", prepared, m.local(m.opts.Now))
}

// uniqueIDs returns the ids once each, in order.
func uniqueIDs(ids ...string) []string {
	out := ids[:0:0]

	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}

	return out
}
