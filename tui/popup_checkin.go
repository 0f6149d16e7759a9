package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// checkInPopup puts a person on duty, asking where they are and how to
// reach them without email or Teams. Location and contact start from the
// roster's base and phone, for the user to correct.
type checkInPopup struct {
	popupBase
	fieldSet

	person  incident.StaffMember
	initial [3]string // the values the fields opened with, for dirty
	onDuty  bool      // someone else has checked them in since it opened

	save func(in incident.CheckIn) tea.Cmd
}

// The check-in fields, in tab order.
const (
	checkInLocation = iota
	checkInRoute
	checkInContact
)

const checkInLabelCols = 12 // "› Location" and a space

func (m *Model) openCheckInPopup(it *personItem) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()
	label := it.id

	p := &checkInPopup{
		popupBase: popupBase{id: id},
		person:    it.member,
		save: func(in incident.CheckIn) tea.Cmd {
			return writePeople(id, "check "+label+" in", func() (string, error) {
				d, err := svc.CheckInPerson(ctx, actor, ref, in, "")

				return label + " checked in, contact by " + incident.SanitizeLine(string(d.Route)), err
			})
		},
	}

	routes := make([]string, len(incident.ContactRoutes))
	for i, r := range incident.ContactRoutes {
		routes[i] = string(r)
	}

	p.fields = []*popupField{
		typedField("Location", "where they are, such as ICC room 2", false),
		{label: "Route", kind: inputChoice, options: routes},
		typedField("Contact", "number, radio channel, or where a runner finds them", false),
	}

	p.fields[checkInLocation].input.SetValue(incident.SanitizeLine(it.member.Location))
	p.fields[checkInContact].input.SetValue(incident.SanitizeLine(it.member.Phone))
	p.initial = [3]string{p.fields[checkInLocation].input.Value(), "", p.fields[checkInContact].input.Value()}
	p.applyStyles(m.styles)
	p.resize(m.layout.Width)

	m.popup = p

	return p.focusOn(checkInLocation)
}

// refreshPeople notes when someone else has checked the person in since
// the popup opened.
func (p *checkInPopup) refreshPeople(data *peopleData) {
	it := data.byID[p.person.ID]
	if it == nil || !it.on || p.onDuty {
		return
	}

	p.onDuty = true
	p.err = incident.SanitizeLine(p.person.ID) + " is now on duty: someone else checked them in since you looked. Press esc."
}

func (p *checkInPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	before := p.focused().input.Value()
	cmd, outcome := p.handle(msg)

	if p.err != "" && !p.onDuty && p.focused().input.Value() != before {
		p.err = ""
	}

	return cmd, outcome
}

func (p *checkInPopup) submit() tea.Cmd {
	p.err, p.saving = "", true

	return p.save(incident.CheckIn{
		StaffID:  p.person.ID,
		Location: strings.TrimSpace(p.fields[checkInLocation].input.Value()),
		Route:    incident.ContactRoutes[p.fields[checkInRoute].choice],
		Contact:  strings.TrimSpace(p.fields[checkInContact].input.Value()),
	})
}

func (p *checkInPopup) dirty() bool {
	return p.fields[checkInLocation].input.Value() != p.initial[0] || p.fields[checkInContact].input.Value() != p.initial[2] ||
		p.fields[checkInRoute].choice != 0
}

func (p *checkInPopup) resize(width int) {
	p.fieldSet.resize(popupInner(width), checkInLabelCols)
}

func (p *checkInPopup) view(st themes.Styles, width, height int) string {
	title := "Check in " + personLabel(p.person)
	intro := []string{st.Subtle.Render(incident.SanitizeLine(p.person.Role))}

	return popupFrame(st, width, height, title, intro, p.lines(st, popupInner(width), checkInLabelCols), &p.popupBase,
		"ctrl+s check in · esc cancel · tab next · ←/→ route")
}

// personLabel writes a roster entry as "Name (ID)", or the id alone.
func personLabel(m incident.StaffMember) string {
	id := incident.SanitizeLine(m.ID)
	if m.Name == "" {
		return id
	}

	return incident.SanitizeLine(m.Name) + " (" + id + ")"
}
