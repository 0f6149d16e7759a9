package export

import (
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// commsSection lists the notification duties and the messages.
func (m *mdWriter) commsSection(pc peopleComms) {
	m.printf("## Notification duties\n\n")

	if len(pc.deadlines) == 0 {
		m.printf("No notification duty is recorded.\n\n")
	} else {
		m.printf("| Duty | Audience | Clock runs from | Due | Met | Outcome |\n|---|---|---|---|---|---|\n")

		for _, d := range pc.deadlines {
			due := "within " + incident.FormatWithin(d.Within) + " of " + d.StartEvent
			switch {
			case d.ASAP():
				due = "as soon as possible after " + d.StartEvent
			case d.Started():
				due = m.local(d.Due())
			}

			m.printf("| %s | %s | %s | %s | %s | %s |\n", mdText(d.Name), mdText(string(d.Audience)), m.optional(d.StartedAt, "not started"),
				mdText(due), m.optional(d.MetAt, "-"), mdOutcome(d, m.opts))
		}

		m.printf("\n")
	}

	m.printf("## Communications\n\n")

	if len(pc.messages) == 0 {
		m.printf("No message was recorded in the comms log. Entries of kind comms are in the timeline.\n\n")

		return
	}

	m.printf("| Message | Direction and channel | Audience | Summary | Status | Approved | Sent |\n|---|---|---|---|---|---|---|\n")

	for _, msg := range pc.messages {
		approved, sent := "-", "-"
		if msg.ApprovedBy != "" {
			approved = m.person(msg.ApprovedBy) + " at " + m.local(msg.ApprovedAt)
		}

		if msg.SentBy != "" {
			sent = m.person(msg.SentBy) + " at " + m.local(msg.SentAt)
		}

		m.printf("| %s | %s, %s | %s | %s | %s | %s | %s |\n", mdText(msg.Label()), mdText(string(msg.Direction)), mdText(string(msg.Channel)),
			mdText(string(msg.Audience)), mdText(msg.Summary), mdText(string(msg.Status)), approved, sent)
	}

	m.printf("\n")
}

func (m *mdWriter) optional(t time.Time, none string) string {
	if t.IsZero() {
		return "_" + none + "_"
	}

	return m.local(t)
}

func mdOutcome(d incident.Deadline, opts *Options) string {
	switch d.State(opts.Now) {
	case incident.DeadlineMet:
		return "met in time"
	case incident.DeadlineMetLate:
		return "**met late**"
	case incident.DeadlineMissed:
		return "**MISSED**"
	case incident.DeadlineOpen, incident.DeadlineSoon:
		return "open"
	}

	return "not started"
}

// staffingSection lists every spell on duty; contact details only with
// Options.IncludePersonal.
func (m *mdWriter) staffingSection(pc peopleComms) {
	m.printf("## Staffing\n\n")

	if len(pc.duties) == 0 {
		m.printf("Nobody was checked in.\n\n")

		return
	}

	duties := pc.byStart()

	head, rule := "| Person | Role | On duty from | Until | Hours | Location |", "|---|---|---|---|---|---|"
	if m.opts.IncludePersonal {
		head, rule = head+" Contact |", rule+"---|"
	}

	m.printf("%s\n%s\n", head, rule)

	for _, d := range duties {
		st := pc.staff[d.StaffID]

		until := "**still on duty**"
		if !d.OffAt.IsZero() {
			until = m.local(d.OffAt)
		}

		cells := []string{m.person(d.StaffID), mdText(st.Role), m.local(d.OnSince), until, incident.FormatDuration(d.Hours(m.opts.Now)), mdText(d.Location)}
		if m.opts.IncludePersonal {
			cells = append(cells, mdText(strings.TrimSpace(string(d.Route)+" "+d.Contact+" "+st.Phone)))
		}

		m.printf("| %s |\n", strings.Join(cells, " | "))
	}

	m.printf("\n")

	if !m.opts.IncludePersonal {
		m.printf("Phone numbers and other contact details are left out; export with --include-personal to include them.\n\n")
	}
}
