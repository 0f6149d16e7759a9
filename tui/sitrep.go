package tui

import (
	"log/slog"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// sitrepFormRows are the sitrep screen's rows above the report: the four
// fields, the meaning of the typed next meeting, and a rule.
const sitrepFormRows = 6

const sitrepLabelCols = 15 // "› Next meeting" and a space

// The sitrep fields, in tab order.
const (
	sitrepConditions = iota
	sitrepActions
	sitrepNeeds
	sitrepNext
)

// sitrepScreen is the sitrep view's state: the commander's form, kept
// while other views are used, and the last report built from it, which
// Service.BuildSitrep writes without saving.
type sitrepScreen struct {
	fieldSet

	editing bool // the form has the keys, else they scroll the report

	preview pane
	rep     incident.Sitrep
	built   bool
	err     error
	read    readState
	input   incident.SitrepInput // the input of the report shown
	stale   bool                 // the data changed since it was built
	saving  bool

	now  func() time.Time
	zone *time.Location
}

func newSitrepScreen(now func() time.Time, zone *time.Location) sitrepScreen {
	s := sitrepScreen{now: now, zone: zone}
	if s.now == nil {
		s.now = time.Now
	}

	if s.zone == nil {
		s.zone = time.Local
	}

	s.fields = []*popupField{
		typedField("Conditions", "the situation in a sentence or two", false),
		typedField("Actions", "what is being done", false),
		typedField("Needs", "what the room needs from gold or outside", false),
		typedField("Next meeting", "16:00, +2h or 2026-06-12 09:00", false),
	}

	s.fields[sitrepNext].hint = s.nextHint
	s.fields[sitrepNext].checkHint()

	return s
}

// nextHint returns what a typed next meeting means.
func (s *sitrepScreen) nextHint(value string) (string, bool) {
	if strings.TrimSpace(value) == "" {
		return "not set", false
	}

	at, err := parseDue(value, s.now(), s.zone)
	if err != nil {
		return incident.SanitizeLine(err.Error()), true
	}

	return "→ " + dateTime(at, s.zone), false
}

// formInput reads the form. A next meeting that cannot be read is left
// out, and its error returned.
func (s *sitrepScreen) formInput() (incident.SitrepInput, error) {
	in := incident.SitrepInput{
		Conditions: strings.TrimSpace(s.fields[sitrepConditions].input.Value()),
		Actions:    strings.TrimSpace(s.fields[sitrepActions].input.Value()),
		Needs:      strings.TrimSpace(s.fields[sitrepNeeds].input.Value()),
	}

	if value := strings.TrimSpace(s.fields[sitrepNext].input.Value()); value != "" {
		at, err := parseDue(value, s.now(), s.zone)
		if err != nil {
			return in, err
		}

		in.NextMeeting = at
	}

	return in, nil
}

func (s *sitrepScreen) dirty() bool { return s.fieldSet.dirty() }

func (s *sitrepScreen) clear() {
	for _, f := range s.fields {
		f.input.SetValue("")
		f.checkHint()
	}
}

func (s *sitrepScreen) resize(l layout) {
	s.fieldSet.resize(l.Width, sitrepLabelCols)
	s.layoutPreview(l)
}

// layoutPreview wraps the report to the width and keeps the scroll
// position where it can.
func (s *sitrepScreen) layoutPreview(l layout) {
	if l.TooSmall {
		return
	}

	top := s.preview.top

	var lines []string
	for _, line := range strings.Split(s.rep.Text, "\n") {
		lines = append(lines, wrapWords(incident.SanitizeLine(line), l.Width-2)...)
	}

	s.preview.setLines(lines, l.SitrepHeight)
	s.preview.top = top
	s.preview.scroll(0)
}

func (s *sitrepScreen) applyStyles(st themes.Styles) { s.fieldSet.applyStyles(st) }

// openSitrep builds the report when the screen opens, unless the one
// shown is up to date.
func (m *Model) openSitrep() tea.Cmd {
	if m.sitrep.built && !m.sitrep.stale {
		return nil
	}

	return m.rebuildSitrep()
}

// rebuildSitrep starts building the report from the form as it is now.
func (m *Model) rebuildSitrep() tea.Cmd {
	in, _ := m.sitrep.formInput()

	gen, ok := m.sitrep.read.begin()
	if !ok {
		return nil
	}

	m.sitrep.stale, m.sitrep.input = false, in

	return buildSitrep(m.opts.Context, m.opts.Service, m.inc.Ref, in, m.opts.Zone, gen)
}

// sitrepStale notes that the data changed: the report on screen is built
// again at once, and one not on screen when the sitrep view next opens.
func (m *Model) sitrepStale() tea.Cmd {
	m.sitrep.stale = true
	if m.view != viewSitrep {
		return nil
	}

	return m.rebuildSitrep()
}

func (m *Model) handleSitrep(msg sitrepMsg) tea.Cmd {
	latest, again := m.sitrep.read.end(msg.generation)
	if !latest {
		return nil
	}

	var next tea.Cmd
	if again {
		next = m.rebuildSitrep()
	}

	if msg.err != nil {
		slog.Error("console: build sitrep", "incident", m.inc.Ref, "err", msg.err)
		m.sitrep.err = msg.err

		return next
	}

	m.sitrep.err, m.sitrep.rep, m.sitrep.built = nil, msg.rep, true
	m.sitrep.layoutPreview(m.layout)

	return next
}

// handleSitrepKey scrolls the report, opens the form, or requests a
// confirmation to save.
func (m *Model) handleSitrepKey(msg tea.KeyPressMsg) tea.Cmd {
	k, s := m.keys.Sitrep, &m.sitrep
	page := max(1, s.preview.height-1)

	switch {
	case key.Matches(msg, k.Edit):
		s.editing = true

		return s.focusOn(s.focus)
	case key.Matches(msg, k.Save):
		return m.confirmSitrepSave()
	case key.Matches(msg, k.Up):
		s.preview.scroll(-1)
	case key.Matches(msg, k.Down):
		s.preview.scroll(1)
	case key.Matches(msg, k.PageUp):
		s.preview.scroll(-page)
	case key.Matches(msg, k.PageDown):
		s.preview.scroll(page)
	}

	return nil
}

// handleSitrepEditKey gives a key to the form. Esc, or enter on the last
// field, leaves the form and builds the report from what was typed. Tab
// moves and builds it again, and ctrl+s requests a confirmation to save.
func (m *Model) handleSitrepEditKey(msg tea.KeyPressMsg) tea.Cmd {
	s := &m.sitrep

	switch msg.String() {
	case "esc":
		return m.leaveSitrepForm()
	case "enter":
		if s.focus == len(s.fields)-1 {
			return m.leaveSitrepForm()
		}
	}

	focus := s.focus

	cmd, outcome := s.handle(msg)
	if outcome == outcomeSubmit {
		return tea.Batch(cmd, m.confirmSitrepSave())
	}

	if s.focus != focus {
		return tea.Batch(cmd, m.rebuildIfChanged())
	}

	return cmd
}

func (m *Model) updateSitrepForm(msg tea.Msg) tea.Cmd {
	cmd, _ := m.sitrep.handle(msg)

	return cmd
}

func (m *Model) leaveSitrepForm() tea.Cmd {
	s := &m.sitrep
	s.editing = false
	s.fields[s.focus].input.Blur()

	return m.rebuildIfChanged()
}

// rebuildIfChanged builds the report again when the form differs from the
// input of the one shown.
func (m *Model) rebuildIfChanged() tea.Cmd {
	in, _ := m.sitrep.formInput()
	if in == m.sitrep.input && m.sitrep.built {
		return nil
	}

	return m.rebuildSitrep()
}

// confirmSitrepSave requests a confirmation to save, once the next
// meeting parses.
func (m *Model) confirmSitrepSave() tea.Cmd {
	if _, err := m.sitrep.formInput(); err != nil {
		m.setFlash("Next meeting: "+incident.SanitizeLine(err.Error()), true)

		return nil
	}

	if m.sitrep.saving {
		m.setFlash("The sitrep is still being saved", true)

		return nil
	}

	num := m.sitrep.rep.Num
	if num == 0 && m.comms != nil {
		num = int64(m.comms.sitreps) + 1
	}

	m.dialog = &dialog{question: "Save SITREP " + itoa(int(num)) + " to the timeline? It is built again from the state at this moment.", onYes: actionSaveSitrep}

	return nil
}

func (m *Model) saveSitrepNow() tea.Cmd {
	in, err := m.sitrep.formInput()
	if err != nil {
		m.setFlash("Next meeting: "+incident.SanitizeLine(err.Error()), true)

		return nil
	}

	m.sitrep.saving = true

	return saveSitrep(m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref, in, m.opts.Zone)
}

// handleSitrepSaved clears the form after a save and reads again what
// the save changed, or shows why it failed with the form kept.
func (m *Model) handleSitrepSaved(msg sitrepSavedMsg) tea.Cmd {
	m.sitrep.saving = false

	if msg.err != nil {
		slog.Info("console: sitrep refused", "incident", m.inc.Ref, "actor", m.opts.Actor.ID, "err", msg.err)
		m.showRefusal(0, "save the sitrep", msg.err)

		return nil
	}

	slog.Info("console: sitrep saved", "incident", m.inc.Ref, "num", msg.rep.Num, "seq", msg.entry.Seq, "actor", m.opts.Actor.ID)
	m.setFlash("Saved SITREP "+itoa(int(msg.rep.Num))+" as entry #"+itoa(int(msg.entry.Seq)), false)
	m.sitrep.clear()
	m.sitrep.input = incident.SitrepInput{}

	return tea.Batch(m.refreshComms(), m.fetchNew(), m.refreshDashboard(), m.sitrepStale())
}
