package export

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// peopleComms holds the messages, the notification duties and the spells
// on duty that the reports show besides the timeline.
type peopleComms struct {
	messages  []incident.Message
	deadlines []incident.Deadline
	duties    []incident.Duty
	staff     map[string]incident.StaffMember
}

// readReport reads what the Markdown report and the review pack show
// before their timeline: the summary pass over the entries, the systems
// out of service, and the messages, duties and spells on duty.
func readReport(ctx context.Context, r incident.Reader, inc incident.Incident, opts *Options) (*mdSummary, []mdSystem, peopleComms, error) {
	sum, err := summarise(ctx, r, inc, opts)
	if err != nil {
		return sum, nil, peopleComms{}, err
	}

	systems, err := readSystems(ctx, r, inc, opts.Now)
	if err != nil {
		return sum, nil, peopleComms{}, err
	}

	pc, err := readPeopleComms(ctx, r, inc)

	return sum, systems, pc, err
}

func readPeopleComms(ctx context.Context, r incident.Reader, inc incident.Incident) (peopleComms, error) {
	var pc peopleComms
	var err error

	if pc.messages, err = r.Messages(ctx, inc.ID); err != nil {
		return pc, err
	}

	if pc.deadlines, err = r.Deadlines(ctx, inc.ID); err != nil {
		return pc, err
	}

	// Duties are stored when first used; until then the defaults apply,
	// none started, and an inquiry needs to see that too.
	if len(pc.deadlines) == 0 {
		pc.deadlines = incident.DefaultDeadlines()
	}

	if pc.duties, err = r.Duties(ctx, inc.ID); err != nil {
		return pc, err
	}

	staff, err := r.Staff(ctx)
	if err != nil {
		return pc, err
	}

	pc.staff = make(map[string]incident.StaffMember, len(staff))
	for _, m := range staff {
		pc.staff[m.ID] = m
	}

	return pc, nil
}

func (h *htmlWriter) comms(pc peopleComms) {
	h.raw("<h2>Notification duties</h2>\n")

	if len(pc.deadlines) == 0 {
		h.raw("<p>No notification duty is recorded.</p>\n")
	} else {
		h.raw("<table>\n<tr><th>Duty</th><th>Audience</th><th>Clock runs from</th><th>Due</th><th>Met</th><th>Outcome</th></tr>\n")

		for _, d := range pc.deadlines {
			h.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", text(d.Name), text(string(d.Audience)),
				h.optional(d.StartedAt, "not started"), h.due(d), h.optional(d.MetAt, "-"), deadlineOutcome(d, h.opts))
		}

		h.raw("</table>\n")
	}

	h.raw("<h2>Communications</h2>\n")

	if len(pc.messages) == 0 {
		h.raw("<p>No message was recorded in the comms log. Entries of kind comms are in the timeline.</p>\n")

		return
	}

	h.raw("<table>\n<tr><th>Message</th><th>Direction and channel</th><th>Audience</th><th>Summary</th><th>Status</th><th>Approved</th><th>Sent</th></tr>\n")

	for _, m := range pc.messages {
		approved := "-"
		if m.ApprovedBy != "" {
			approved = h.person(m.ApprovedBy) + " at " + h.local(m.ApprovedAt)
		}

		sent := "-"
		if m.SentBy != "" {
			sent = h.person(m.SentBy) + " at " + h.local(m.SentAt)
		}

		h.printf("<tr><td>%s</td><td>%s, %s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			text(m.Label()), text(string(m.Direction)), text(string(m.Channel)), text(string(m.Audience)), text(m.Summary),
			text(string(m.Status)), approved, sent)
	}

	h.raw("</table>\n")
}

func (h *htmlWriter) optional(t time.Time, none string) string {
	if t.IsZero() {
		return "<span class=\"muted\">" + none + "</span>"
	}

	return h.local(t)
}

func (h *htmlWriter) due(d incident.Deadline) string {
	switch {
	case d.ASAP():
		return "as soon as possible after " + text(d.StartEvent)
	case !d.Started():
		return "<span class=\"muted\">within " + text(incident.FormatWithin(d.Within)) + " of " + text(d.StartEvent) + "</span>"
	}

	return h.local(d.Due())
}

// deadlineOutcome grades a duty as the report is written.
func deadlineOutcome(d incident.Deadline, opts *Options) string {
	switch d.State(opts.Now) {
	case incident.DeadlineMet:
		return "<span class=\"met\">met in time</span>"
	case incident.DeadlineMetLate:
		return "<span class=\"missed\">met late</span>"
	case incident.DeadlineMissed:
		return "<span class=\"missed\">MISSED</span>"
	case incident.DeadlineOpen, incident.DeadlineSoon:
		return "<span class=\"open\">open</span>"
	}

	return "<span class=\"muted\">not started</span>"
}

// staffing lists every spell on duty. Contact details are personal data,
// shown only with Options.IncludePersonal.
func (h *htmlWriter) staffing(pc peopleComms) {
	h.raw("<h2>Staffing</h2>\n")

	if len(pc.duties) == 0 {
		h.raw("<p>Nobody was checked in.</p>\n")

		return
	}

	duties := pc.byStart()

	contact := ""
	if h.opts.IncludePersonal {
		contact = "<th>Contact</th>"
	}

	h.printf("<table>\n<tr><th>Person</th><th>Role</th><th>On duty from</th><th>Until</th><th>Hours</th><th>Location</th>%s</tr>\n", contact)

	for _, d := range duties {
		m := pc.staff[d.StaffID]

		until := "<strong>still on duty</strong>"
		if !d.OffAt.IsZero() {
			until = h.local(d.OffAt)
		}

		cells := []string{h.person(d.StaffID), text(m.Role), h.local(d.OnSince), until,
			text(incident.FormatDuration(d.Hours(h.opts.Now))), text(d.Location)}

		if h.opts.IncludePersonal {
			cells = append(cells, text(strings.TrimSpace(string(d.Route)+" "+d.Contact+" "+m.Phone)))
		}

		h.raw("<tr><td>" + strings.Join(cells, "</td><td>") + "</td></tr>\n")
	}

	h.raw("</table>\n")

	if !h.opts.IncludePersonal {
		h.raw("<p class=\"muted\">Phone numbers and other contact details are left out; export with --include-personal to include them.</p>\n")
	}
}

// byStart returns the spells on duty in the order they began.
func (pc peopleComms) byStart() []incident.Duty {
	duties := append([]incident.Duty(nil), pc.duties...)
	sort.SliceStable(duties, func(i, j int) bool { return duties[i].OnSince.Before(duties[j].OnSince) })

	return duties
}
