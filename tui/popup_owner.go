package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// ownerPopup assigns a task: type to narrow the roster, choose with ↑/↓,
// or give an id the roster lacks as typed. The first option, shown while
// nothing is typed, unassigns it.
type ownerPopup struct {
	popupBase

	task    incident.Task
	staff   []incident.StaffMember
	query   textinput.Model
	options []ownerOption
	cursor  int

	// pick, when set, makes this the popup in which a loggist chooses the
	// commander they write for, instead of a task's owner.
	pick *staffPick

	save func(owner string) tea.Cmd
}

// staffPick sets the popup up to choose someone from the roster rather
// than assign a task.
type staffPick struct {
	title, intro, now, verb string
	nobody                  string // label of the option that chooses nobody
	only                    func(incident.StaffMember) bool
}

// ownerOption is one owner the popup offers.
type ownerOption struct {
	id    string // "" unassigns
	label string // sanitised
}

// ownerRows is the most options the popup lists at once.
const ownerRows = 8

func (m *Model) openOwnerPopup(t incident.Task) tea.Cmd {
	ctx, svc, actor, ref := m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref
	id := m.nextPopupID()
	num := t.Num

	p := &ownerPopup{
		popupBase: popupBase{id: id},
		task:      t,
		query:     textinput.New(),
		save: func(owner string) tea.Cmd {
			return changeTask(ctx, svc, actor, ref, id, incident.TaskChange{Num: num, Owner: &owner})
		},
	}

	if m.cont != nil {
		p.staff = m.cont.staff
	}

	p.query.Prompt = "find: "
	p.query.Placeholder = "staff id, name or role"
	p.query.CharLimit = 100
	p.query.SetStyles(textInputStyles(m.styles))
	p.resize(m.layout.Width)
	p.match()

	m.popup = p

	return p.query.Focus()
}

// match lists the roster entries whose id, name or role contain the
// query, after "nobody" when the query is empty, and the query itself as
// an id when no roster entry has exactly that id.
func (p *ownerPopup) match() {
	q := strings.ToLower(strings.TrimSpace(p.query.Value()))
	p.options = p.options[:0]

	nobody := "nobody: unassign it"
	if p.pick != nil {
		nobody = p.pick.nobody
	}

	if q == "" {
		p.options = append(p.options, ownerOption{label: nobody})
	}

	exact := false
	for _, s := range p.staff {
		if p.pick != nil && !p.pick.only(s) {
			continue
		}

		text := strings.ToLower(s.ID + "\x00" + s.Name + "\x00" + s.Role)
		if q != "" && !strings.Contains(text, q) {
			continue
		}

		exact = exact || strings.EqualFold(s.ID, q)
		label := incident.SanitizeLine(s.ID) + "  " + incident.SanitizeLine(s.Name) + " · " + levelWord(s.Level) + " · " + incident.SanitizeLine(s.Role)
		p.options = append(p.options, ownerOption{id: s.ID, label: label})
	}

	if q != "" && !exact && p.pick == nil {
		typed := strings.TrimSpace(p.query.Value())
		p.options = append(p.options, ownerOption{id: typed, label: "use " + incident.SanitizeLine(typed) + " as typed (not on the roster)"})
	}

	p.cursor = min(p.cursor, max(0, len(p.options)-1))
}

func (p *ownerPopup) update(msg tea.Msg) (tea.Cmd, popupOutcome) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return nil, outcomeCancel
		case "enter", "ctrl+s":
			return nil, outcomeSubmit
		case "up":
			p.cursor = max(0, p.cursor-1)

			return nil, outcomeNone
		case "down":
			p.cursor = min(len(p.options)-1, p.cursor+1)

			return nil, outcomeNone
		}
	}

	before := p.query.Value()

	var cmd tea.Cmd
	p.query, cmd = p.query.Update(msg)

	if p.query.Value() != before {
		p.err, p.cursor = "", 0
		p.match()
	}

	return cmd, outcomeNone
}

func (p *ownerPopup) submit() tea.Cmd {
	if len(p.options) == 0 {
		p.err = "Nobody matches: type a staff id."

		return nil
	}

	p.err, p.saving = "", true

	return p.save(p.options[p.cursor].id)
}

func (p *ownerPopup) dirty() bool { return false } // nothing typed here is worth a question

func (p *ownerPopup) resize(width int) {
	p.query.SetWidth(max(10, popupInner(width)-len(p.query.Prompt)-1))
}

func (p *ownerPopup) view(st themes.Styles, width, height int) string {
	inner := popupInner(width)
	title, keys := "Assign "+p.task.Label(), "enter assign · esc cancel · ↑/↓ choose · type to narrow"

	owner := "nobody"
	if p.task.Owner != "" {
		owner = incident.SanitizeLine(p.task.Owner)
	}

	intro := []string{st.Base.Render(incident.SanitizeLine(p.task.Title)), st.Subtle.Render("Owner now: " + owner)}
	if k := p.pick; k != nil {
		title, keys = k.title, "enter "+k.verb+" · esc cancel · ↑/↓ choose · type to narrow"
		intro = []string{st.Base.Render(k.intro), st.Subtle.Render(k.now)}
	}
	body := []string{p.query.View()}

	rows := min(ownerRows, max(1, height-12))
	top := max(0, min(p.cursor-rows+1, len(p.options)-rows))
	top = max(0, min(top, p.cursor))

	for i := top; i < len(p.options) && i < top+rows; i++ {
		line := "  " + p.options[i].label
		style := st.Base
		if i == p.cursor {
			line, style = "› "+p.options[i].label, st.Selected
		}

		body = append(body, style.Render(truncate(line, inner)))
	}

	if len(p.options) == 0 {
		body = append(body, st.Subtle.Render("  nobody on the roster matches"))
	}

	return popupFrame(st, width, height, title, intro, body, &p.popupBase, keys)
}
