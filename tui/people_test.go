package tui

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// checkIn puts staff member id on duty at ago before testNow, as the
// fixture's actor, and leaves the clock at testNow.
func (f *fixture) checkIn(id string, ago time.Duration) {
	f.t.Helper()

	f.now = testNow.Add(-ago)
	defer func() { f.now = testNow }()

	in := incident.CheckIn{StaffID: id, Location: "ICC", Route: incident.RouteMobile, Contact: "07700 900" + id[len(id)-2:]}
	if _, err := f.svc.CheckInPerson(context.Background(), f.actor, f.inc.Ref, in, ""); err != nil {
		f.t.Fatalf("check in %s: %v", id, err)
	}
}

// dutyOf returns id's open spell as stored, and whether there is one.
func (f *fixture) dutyOf(id string) (incident.Duty, bool) {
	f.t.Helper()

	p, err := f.svc.People(context.Background(), f.inc.Ref)
	if err != nil {
		f.t.Fatalf("read people: %v", err)
	}

	return p.Current(id)
}

// selectPerson moves the people list's cursor to id.
func selectPerson(t *testing.T, m Model, id string) Model {
	t.Helper()

	i := slices.IndexFunc(m.peopleList.visible, func(it *personItem) bool { return it.member.ID == id })
	if i < 0 {
		t.Fatalf("%s is not shown in the people list", id)
	}

	m.peopleList.moveTo(i)

	return m
}

// personLine returns the people list's row of staff id, or "".
func personLine(lines []string, id string) string {
	row := regexp.MustCompile(`^(› |  )` + regexp.QuoteMeta(id) + ` `)
	for _, l := range lines {
		if row.MatchString(l) {
			return l
		}
	}

	return ""
}

func TestPeopleDutyMarkers(t *testing.T) {
	cases := []struct {
		name  string
		ago   time.Duration
		alert incident.DutyAlert
		want  string
		never []string
	}{
		{"11h59m", 11*time.Hour + 59*time.Minute, incident.DutyFine, "11h59m", []string{"12h+", "REST"}},
		{"12h", 12 * time.Hour, incident.DutyLong, "12h 12h+", []string{"REST"}},
		{"13h59m", 13*time.Hour + 59*time.Minute, incident.DutyLong, "13h59m 12h+", []string{"REST"}},
		{"14h", 14 * time.Hour, incident.DutyRestNeeded, "REST DECISION NEEDED", nil},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, false)
			f.importRegister()
			f.checkIn("ST09", c.ago)

			m := press(t, f.model(80, 24), "5")
			line := personLine(screen(m), "ST09")

			if !strings.Contains(line, c.want) {
				t.Errorf("row of ST09 after %s on duty = %q, want %q", c.name, line, c.want)
			}

			for _, word := range c.never {
				if strings.Contains(line, word) {
					t.Errorf("row of ST09 after %s on duty = %q, want no %q", c.name, line, word)
				}
			}

			it := m.people.byID["ST09"]
			words, alert := dutyWords(it, m.now)

			if alert != c.alert {
				t.Errorf("alert after %s = %d, want %d", c.name, alert, c.alert)
			}

			styled := m.styles.Duty(c.alert).Render(fit(fitWords(words, m.peopleList.cols.Duty), m.peopleList.cols.Duty))
			if !strings.Contains(m.personRow(it, false), styled) {
				t.Errorf("the duty cell after %s is not in the style of alert %d", c.name, c.alert)
			}
		})
	}
}

func TestPeopleRestDecisionSettles(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST09", 15*time.Hour)

	m := press(t, f.model(100, 30), "5")
	if line := screen(m)[m.layout.StatusHeight]; !strings.Contains(line, "1 REST DECISION NEEDED") {
		t.Errorf("filter line = %q, want 1 REST DECISION NEEDED", line)
	}

	if l := personLine(screen(m), "ST09"); !strings.Contains(l, "15h REST DECISION NEEDED") {
		t.Errorf("row of ST09 at 100 columns = %q, want the hours beside REST DECISION NEEDED", l)
	}

	m = press(t, selectPerson(t, m, "ST09"), "R")
	m = typeText(t, m, "Stays until 18:00, then stood down")
	m = press(t, m, "ctrl+s")

	if err := popupErr(t, m); !strings.Contains(err, "Rationale is missing") {
		t.Errorf("rest decision without rationale: popup error = %q", err)
	}

	m = typeText(t, m, "No other tactical commander until the day shift")
	m = press(t, m, "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the rest popup stayed open: %q", popupErr(t, m))
	}

	d, _ := f.dutyOf("ST09")
	if d.RestSeq == 0 {
		t.Fatal("no rest decision was recorded for ST09")
	}

	var e incident.Entry
	err := f.svc.Store().Read(context.Background(), func(r incident.Reader) error {
		var err error
		e, err = r.EntryBySeq(context.Background(), f.inc.ID, d.RestSeq)

		return err
	})
	if err != nil {
		t.Fatalf("read the decision: %v", err)
	}

	if e.Kind != incident.KindDecision || e.Rationale != "No other tactical commander until the day shift" || !strings.Contains(e.Text, "Stays until 18:00") {
		t.Errorf("rest decision entry = %s %q with rationale %q", e.Kind, e.Text, e.Rationale)
	}

	if l := personLine(screen(m), "ST09"); !strings.Contains(l, "rest decided") || strings.Contains(l, "NEEDED") {
		t.Errorf("row of ST09 after the decision = %q, want rest decided", l)
	}
}

func TestPeopleWelfareDue(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST09", 2*time.Hour)             // due exactly now: not yet overdue
	f.checkIn("ST10", 2*time.Hour+time.Minute) // a minute overdue

	m := press(t, f.model(80, 24), "5")
	lines := screen(m)

	if l := personLine(lines, "ST09"); !strings.Contains(l, "due 15:30") || strings.Contains(l, "OVERDUE") {
		t.Errorf("row of ST09, welfare due now = %q, want due 15:30 and not OVERDUE", l)
	}

	if l := personLine(lines, "ST10"); !strings.Contains(l, "OVERDUE 1m") {
		t.Errorf("row of ST10, welfare a minute late = %q, want OVERDUE 1m", l)
	}

	if line := lines[m.layout.StatusHeight]; !strings.Contains(line, "1 welfare OVERDUE") {
		t.Errorf("filter line = %q, want 1 welfare OVERDUE", line)
	}

	m = press(t, selectPerson(t, m, "ST10"), "w")
	m = typeText(t, m, "Tired, has eaten")
	m = press(t, m, "enter")

	if m.popup != nil {
		t.Fatalf("the welfare popup stayed open: %q", popupErr(t, m))
	}

	if d, _ := f.dutyOf("ST10"); !d.LastWelfare.Equal(testNow) {
		t.Errorf("ST10's last welfare check = %s, want now %s", d.LastWelfare, testNow)
	}

	if l := personLine(screen(m), "ST10"); !strings.Contains(l, "due 17:30") {
		t.Errorf("row of ST10 after the check = %q, want due 17:30", l)
	}

	if !strings.Contains(m.flash, "Welfare check of ST10 recorded") {
		t.Errorf("footer = %q, want the check confirmed", m.flash)
	}
}

func TestPeopleCheckInAndOut(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, selectPerson(t, press(t, f.model(80, 24), "5"), "ST07"), "c")
	p, ok := m.popup.(*checkInPopup)

	if !ok {
		t.Fatalf("c on someone off duty opened %T, want the check-in popup", m.popup)
	}

	if p.dirty() {
		t.Error("the check-in popup counts as typed in before anything was typed")
	}

	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "Bronze cell, room 4")
	m = press(t, m, "tab", "right", "tab", "ctrl+u")
	m = typeText(t, m, "channel 3")
	m = press(t, m, "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the check-in popup stayed open: %q", popupErr(t, m))
	}

	d, on := f.dutyOf("ST07")
	if !on || d.Location != "Bronze cell, room 4" || d.Route != incident.RouteRadio || d.Contact != "channel 3" {
		t.Fatalf("ST07's duty = %+v (on %v), want the typed location, radio and channel 3", d, on)
	}

	if l := personLine(screen(m), "ST07"); !strings.Contains(l, "15:30") || !strings.Contains(l, "Bronze cell") {
		t.Errorf("row of ST07 = %q, want on duty since 15:30 at the bronze cell", l)
	}

	if it := m.peopleList.at(m.peopleList.cur.cursor); it == nil || it.member.ID != "ST07" {
		t.Errorf("after checking in the selection is %v, want ST07 kept", it)
	}

	m = press(t, m, "c")
	if _, ok := m.popup.(*personPopup); !ok {
		t.Fatalf("c on someone on duty opened %T, want the check-out popup", m.popup)
	}

	f.now = testNow.Add(3 * time.Hour)
	m = press(t, m, "enter")

	if _, on := f.dutyOf("ST07"); on {
		t.Error("ST07 is still on duty after checking out")
	}

	if !strings.Contains(m.flash, "ST07 checked out after 3h") {
		t.Errorf("footer = %q, want the hours on duty", m.flash)
	}
}

func TestPeopleRollCall(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST09", 3*time.Hour)
	f.checkIn("ST10", 2*time.Hour)
	f.checkIn("ST05", time.Hour)

	m := press(t, f.model(80, 24), "5", "r")
	if m.dialog == nil || !strings.Contains(m.dialog.question, "Start roll call 1 for the 3 on duty") {
		t.Fatalf("r without a roll call did not ask to start one: %+v", m.dialog)
	}

	m = press(t, m, "y")
	if line := lineWith(screen(m), "Roll call 1"); !strings.Contains(line, "Roll call 1: 0 of 3 accounted for; not accounted for: ST09?, ST10?, ST05?") {
		t.Errorf("roll call line = %q, want 0 of 3 and all three missing", line)
	}

	m = press(t, selectPerson(t, m, "ST09"), "r")
	m = press(t, selectPerson(t, m, "ST10"), "M")
	lines := screen(m)

	if line := lineWith(lines, "Roll call 1"); !strings.Contains(line, "Roll call 1: 1 of 3 accounted for; not accounted for: MISSING ST10, ST05?") {
		t.Errorf("roll call line = %q, want 1 of 3 with ST10 and ST05 missing", line)
	}

	for id, want := range map[string]string{"ST09": "✓ accounted", "ST10": "✕ MISSING", "ST05": "? no answer"} {
		if l := personLine(lines, id); !strings.Contains(l, want) {
			t.Errorf("row of %s = %q, want %q", id, l, want)
		}
	}

	if l := lineWith(screen(press(t, m, "1")), "On duty"); !strings.Contains(l, "roll call 1: 1 of 3") {
		t.Errorf("dashboard on duty line = %q, want the roll call", l)
	}

	m = press(t, m, "C")
	if m.dialog == nil || !strings.Contains(m.dialog.question, "2 not accounted for (ST10, ST05)") {
		t.Fatalf("C did not ask, naming who is missing: %+v", m.dialog)
	}

	m = press(t, m, "y")
	if line := lineWith(screen(m)[:m.layout.Height-1], "Roll call 1"); line != "" {
		t.Errorf("after closing, the roll call line is still shown: %q", line)
	}

	if !strings.Contains(m.flash, "Roll call 1 closed: MISSING ST10, ST05") {
		t.Errorf("footer = %q, want who is missing", m.flash)
	}

	// Closing the roll call does not hide who it found missing.
	lines = screen(m)
	for id, want := range map[string]string{"ST10": "✕ MISSING", "ST05": "✕ MISSING"} {
		if l := personLine(lines, id); !strings.Contains(l, want) {
			t.Errorf("row of %s after closing = %q, want %q", id, l, want)
		}
	}

	if l := personLine(lines, "ST09"); strings.Contains(l, "MISSING") {
		t.Errorf("row of ST09, who answered, = %q", l)
	}
}

func TestPeopleRefusalShown(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST09", time.Hour)

	m := press(t, selectPerson(t, press(t, f.model(80, 24), "5"), "ST07"), "M")
	if !strings.Contains(m.flash, "No roll call is open") {
		t.Errorf("M without a roll call: footer = %q", m.flash)
	}

	m = press(t, m, "r", "y", "M") // ST07 is off duty, so not in the roll call
	if m.dialog == nil || !m.dialog.notice || !strings.Contains(m.dialog.question, "ST07 was not on duty when roll call 1 started") {
		t.Fatalf("marking someone off duty: dialog = %+v, want the service's refusal", m.dialog)
	}

	m = press(t, m, "enter")
	if m.dialog != nil {
		t.Error("enter did not close the refusal")
	}
}

func TestPeopleFilters(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST10", time.Hour)

	m := press(t, f.model(80, 24), "5")
	ids := func(m Model) []string {
		var out []string
		for _, it := range m.peopleList.visible {
			out = append(out, it.member.ID)
		}

		return out
	}

	if got := ids(m); !slices.Equal(got, []string{"ST10", "ST05", "ST07", "ST09"}) {
		t.Errorf("people shown = %v, want ST10 on duty first, then the roster in id order", got)
	}

	if got := ids(press(t, m, "f")); !slices.Equal(got, []string{"ST10"}) {
		t.Errorf("on duty only = %v, want ST10", got)
	}

	m = typeText(t, press(t, m, "/"), "deputy")
	if got := ids(m); !slices.Equal(got, []string{"ST09"}) {
		t.Errorf("text filter deputy = %v, want ST09, the deputy COO", got)
	}

	if got := ids(press(t, m, "enter", "x")); len(got) != 4 {
		t.Errorf("x left %v, want all four", got)
	}
}

func TestPeopleRefreshKeepsPopupAndSelection(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST10", time.Hour)

	m := press(t, selectPerson(t, press(t, f.model(80, 24), "5"), "ST10"), "w")
	m = typeText(t, m, "Half a no")

	// Someone else checks in ST09, who sorts above ST10.
	if _, err := f.svc.CheckInPerson(context.Background(), otherActor, f.inc.Ref, incident.CheckIn{StaffID: "ST09"}, ""); err != nil {
		t.Fatalf("check in behind the console: %v", err)
	}

	m = send(t, m, changeMsg{})

	p, ok := m.popup.(*personPopup)
	if !ok || p.fields[0].input.Value() != "Half a no" || p.err != "" {
		t.Fatalf("after a refresh the popup is %T with %q, want the welfare popup with the typing kept", m.popup, p.fields[0].input.Value())
	}

	if it := m.peopleList.at(m.peopleList.cur.cursor); it == nil || it.member.ID != "ST10" {
		t.Errorf("after a refresh the selection is %v, want ST10 kept", it)
	}

	if personLine(screen(m), "ST09") == "" {
		t.Error("the other writer's check-in is not shown")
	}

	// Now ST10 goes off duty behind the console, and the popup reports it.
	if _, err := f.svc.CheckOutPerson(context.Background(), otherActor, f.inc.Ref, "ST10", ""); err != nil {
		t.Fatalf("check out behind the console: %v", err)
	}

	m = send(t, m, changeMsg{})
	if err := popupErr(t, m); !strings.Contains(err, "ST10 is no longer on duty") {
		t.Errorf("popup error = %q, want that ST10 went off duty", err)
	}
}
