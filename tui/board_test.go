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

func TestBoardRecoveryOrder(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, f.model(80, 24), "3")
	want := []string{"VIRT", "AD", "EPR", "PACS", "LIMS"}

	if got := visibleIDs(m); !slices.Equal(got, want) {
		t.Fatalf("board order = %v, want the recovery order %v", got, want)
	}

	lines := screen(m)
	last := -1

	for place, id := range want {
		i := slices.Index(lines, boardLine(lines, id))
		if i <= last {
			t.Errorf("%s is drawn on line %d, not below the system before it (line %d):\n%s", id, i, last, strings.Join(lines, "\n"))
		}

		if !strings.Contains(lines[i], itoa(place+1)+" ● operational") {
			t.Errorf("row of %s = %q, want place %d and the operational symbol and word", id, lines[i], place+1)
		}

		last = i
	}
}

func TestBoardDetailShowsPlaceReason(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := selectSystem(t, press(t, f.model(100, 40), "3"), "EPR")
	text := screenText(press(t, m, "enter"))

	for _, want := range []string{"Recovery place  3 of 5: after AD, VIRT; criticality 5", "Depends on      AD, VIRT",
		"Patient impact  Clinicians lose records and results", "Reinfection gate", "✗ clean-source", "not signed"} {
		if !strings.Contains(text, want) {
			t.Errorf("EPR detail lacks %q:\n%s", want, text)
		}
	}

	text = screenText(press(t, selectSystem(t, press(t, f.model(100, 40), "3"), "VIRT"), "enter"))
	if !strings.Contains(text, "Depended on by  AD, EPR, PACS") {
		t.Errorf("VIRT detail lacks its dependents:\n%s", text)
	}
}

func TestBoardRTOLevels(t *testing.T) {
	cases := []struct {
		name    string
		out     time.Duration // of a 4 h RTO
		level   rtoLevel
		figures string
		word    string
	}{
		{"74%", 2*time.Hour + 57*time.Minute + 36*time.Second, rtoWithin, "2h57m/4h", ""},
		{"75%", 3 * time.Hour, rtoNear, "3h/4h", "near"},
		{"breached", 4*time.Hour + time.Minute, rtoOver, "4h01m/4h", "OVER"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, false)
			f.importRegister()
			f.setStatus(f.actor, "EPR", incident.SystemCompromised, c.out)

			m := press(t, f.model(80, 24), "3")
			it := m.cont.byID["EPR"]
			state := rtoStateOf(it.row, m.now)

			if state.level != c.level {
				t.Errorf("level at %s of the RTO = %d, want %d", c.name, state.level, c.level)
			}

			cell := c.figures
			if c.word != "" {
				cell += " " + c.word
			}

			line := boardLine(screen(m), "EPR")
			if !strings.Contains(line, cell) {
				t.Errorf("EPR row = %q, want %q", line, cell)
			}

			if c.word == "" && (strings.Contains(line, "near") || strings.Contains(line, "OVER")) {
				t.Errorf("EPR row at %s = %q, want no warning word", c.name, line)
			}

			styled := state.style(m.styles).Render(fit(cell, m.board.cols.RTO))
			if !strings.Contains(m.boardRow(it, false), styled) {
				t.Errorf("EPR row at %s lacks the figures in the %s style %q", c.name, c.name, styled)
			}
		})
	}

	st := newFixture(t, false).model(80, 24).styles
	if st.RTOWithin.Render("x") == st.RTONear.Render("x") || st.RTONear.Render("x") == st.RTOOver.Render("x") {
		t.Error("the RTO levels are not drawn in three different styles")
	}
}

func TestBoardRTOBarFill(t *testing.T) {
	cases := []struct {
		used float64
		out  bool
		want string
	}{
		{0, false, "░░░░░"},
		{0.01, true, "█░░░░"},
		{0.74, true, "████░"},
		{1.5, true, "█████"},
	}

	for _, c := range cases {
		s := rtoState{used: c.used, level: rtoWithin}
		if !c.out {
			s.level = rtoInService
		}

		if got := s.bar(5); got != c.want {
			t.Errorf("bar at %.2f used = %q, want %q", c.used, got, c.want)
		}
	}
}

func TestBoardStatusFilter(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemCompromised, time.Hour)
	f.setStatus(f.actor, "PACS", incident.SystemSuspected, time.Hour)

	m := press(t, f.model(80, 24), "3", "f")
	if got := visibleIDs(m); !slices.Equal(got, []string{"EPR"}) {
		t.Errorf("status filter out of service shows %v, want [EPR]; a suspected system still runs", got)
	}

	if line := screen(m)[m.layout.StatusHeight]; !strings.Contains(line, "status out of service") || !strings.Contains(line, "1 of 5") {
		t.Errorf("filter line = %q, want the filter and 1 of 5", line)
	}

	m = press(t, m, "f") // operational
	if got := visibleIDs(m); !slices.Equal(got, []string{"VIRT", "AD", "LIMS"}) {
		t.Errorf("status filter operational shows %v, want VIRT, AD, LIMS", got)
	}

	m = press(t, m, "f") // suspected
	if got := visibleIDs(m); !slices.Equal(got, []string{"PACS"}) {
		t.Errorf("status filter suspected shows %v, want [PACS]", got)
	}

	m = press(t, m, "x")
	if got := len(visibleIDs(m)); got != 5 {
		t.Errorf("after x the board shows %d systems, want all 5", got)
	}
}

func TestBoardTextFilter(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := typeText(t, press(t, f.model(80, 24), "3", "/"), "radiology")
	if got := visibleIDs(m); !slices.Equal(got, []string{"PACS"}) {
		t.Errorf("text filter radiology shows %v, want [PACS], whose owner role and impact name it", got)
	}

	m = press(t, m, "enter")
	if m.board.searching {
		t.Error("enter did not leave the text filter")
	}

	if got := visibleIDs(m); !slices.Equal(got, []string{"PACS"}) {
		t.Errorf("after enter the filter shows %v, want it kept", got)
	}

	m = press(t, m, "/", "esc")
	if got := len(visibleIDs(m)); got != 5 {
		t.Errorf("esc in the text filter left %d systems, want all 5", got)
	}
}

func TestBoardSortCycle(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "LIMS", incident.SystemCompromised, 11*time.Hour) // 1 h of 12 left
	f.setStatus(f.actor, "PACS", incident.SystemIsolated, 2*time.Hour)     // 6 h of 8 left

	m := press(t, f.model(80, 24), "3", "s")
	if got := visibleIDs(m)[:2]; !slices.Equal(got, []string{"LIMS", "PACS"}) {
		t.Errorf("sorted by status, the first rows are %v, want compromised LIMS then isolated PACS", got)
	}

	m = press(t, m, "s")
	if got := visibleIDs(m); !slices.Equal(got, []string{"VIRT", "AD", "EPR", "PACS", "LIMS"}) {
		t.Errorf("sorted by criticality = %v, want 5s in recovery order, then PACS, then LIMS", got)
	}

	m = press(t, m, "s")
	if got := visibleIDs(m); !slices.Equal(got, []string{"LIMS", "PACS", "VIRT", "AD", "EPR"}) {
		t.Errorf("sorted by RTO left = %v, want LIMS (1h left), PACS (6h left), then those in service by RTO", got)
	}

	if line := screen(m)[m.layout.StatusHeight]; !strings.Contains(line, "sort RTO left") {
		t.Errorf("filter line = %q, want the order named", line)
	}
}

func TestBoardKeepsSelectionAcrossReads(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := selectSystem(t, press(t, f.model(80, 24), "3"), "PACS")
	f.setStatus(otherActor, "LIMS", incident.SystemCompromised, 0)

	m = send(t, m, changeMsg{})
	if it := m.board.at(m.board.cur.cursor); it == nil || it.row.ID != "PACS" {
		t.Errorf("after another writer's change the selection moved to %v, want PACS", it)
	}

	if !strings.Contains(boardLine(screen(m), "LIMS"), "✕ compromised") {
		t.Errorf("the board did not show the other writer's change:\n%s", screenText(m))
	}
}

func TestStatusPopupOffersAllowed(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemCompromised, time.Hour)

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c")
	p, ok := m.popup.(*statusPopup)

	if !ok {
		t.Fatalf("c opened %T, want the status popup", m.popup)
	}

	if want := incident.NextStatuses(incident.SystemCompromised); !slices.Equal(p.allowed, want) {
		t.Errorf("popup offers %v, want %v", p.allowed, want)
	}

	text := popupText(t, m)
	for _, want := range []string{"Change status of EPR", "Now ✕ compromised", "1 ◼ isolated", "2 ○ shut down", "Reason *"} {
		if !strings.Contains(text, want) {
			t.Errorf("status popup lacks %q:\n%s", want, text)
		}
	}

	for _, never := range []string{"restored", "operational", "rebuilding"} {
		if strings.Contains(text, never) {
			t.Errorf("status popup from compromised offers %q:\n%s", never, text)
		}
	}
}

func TestStatusPopupNeedsChoice(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c")
	if text := popupText(t, m); regexp.MustCompile(`● \d`).MatchString(text) {
		t.Errorf("the status popup opened with a status chosen:\n%s", text)
	}

	m = press(t, m, "tab")
	m = typeText(t, m, "Suspicious logins")
	m = press(t, m, "ctrl+s")

	if err := popupErr(t, m); !strings.Contains(err, "Choose a status") {
		t.Errorf("popup error without a status = %q, want a request to choose one", err)
	}

	if n := chainLength(t, f); n != 1 {
		t.Errorf("a change without a chosen status was written: chain has %d entries, want 1", n)
	}

	m = press(t, m, "1", "ctrl+s")
	if m.popup != nil {
		t.Fatalf("the popup stayed open after choosing: %q", popupErr(t, m))
	}

	if got := f.rowOf("EPR").State.Status; got != incident.NextStatuses(incident.SystemOperational)[0] {
		t.Errorf("EPR is %s, want the first status offered", got)
	}
}

func TestStatusPopupNeedsReason(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c", "1", "ctrl+s")
	if err := popupErr(t, m); !strings.Contains(err, "Reason is missing") {
		t.Errorf("popup error = %q, want the reason missing", err)
	}

	if n := chainLength(t, f); n != 1 {
		t.Errorf("a change without reason was written: chain has %d entries, want 1", n)
	}
}

func TestStatusPopupGateRefusal(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemIsolated, 2*time.Hour)
	f.setStatus(f.actor, "EPR", incident.SystemValidating, time.Hour)
	before := chainLength(t, f)

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c")
	p := m.popup.(*statusPopup)
	restored := slices.Index(p.allowed, incident.SystemRestored)

	m = press(t, m, itoa(restored+1), "tab")
	m = typeText(t, m, "Vendor says it is clean")
	m = press(t, m, "ctrl+s")

	err := popupErr(t, m)
	for _, want := range []string{"EPR cannot be restored", "6 of 6 gate checks unsigned", "Sign them with g on the board", "clean-source", "owner-sign-off"} {
		if !strings.Contains(err, want) {
			t.Errorf("popup error = %q, want it to contain %q", err, want)
		}
	}

	p = m.popup.(*statusPopup)
	if got := p.fields[1].input.Value(); got != "Vendor says it is clean" {
		t.Errorf("reason after the refusal = %q, want it kept", got)
	}

	if p.allowed[p.fields[0].choice] != incident.SystemRestored || p.saving {
		t.Errorf("after the refusal the popup chose %s (saving %v), want restored still chosen and ready", p.allowed[p.fields[0].choice], p.saving)
	}

	if !strings.Contains(screenText(m), "EPR cannot be restored") {
		t.Errorf("the refusal is not on screen:\n%s", screenText(m))
	}

	if n := chainLength(t, f); n != before {
		t.Errorf("the refused change was written: chain has %d entries, want %d", n, before)
	}
}

func TestStatusPopupConflict(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemCompromised, time.Hour)

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c", "2", "tab")
	m = typeText(t, m, "Precaution while we look")

	// Someone else isolates EPR while the popup is open, and this console
	// has not read the board since.
	f.setStatus(otherActor, "EPR", incident.SystemIsolated, 0)
	m = press(t, m, "ctrl+s")

	err := popupErr(t, m)
	if !strings.Contains(err, "ST07 changed EPR to isolated since you looked") {
		t.Errorf("popup error = %q, want who changed it to what", err)
	}

	p := m.popup.(*statusPopup)
	if want := incident.NextStatuses(incident.SystemIsolated); !slices.Equal(p.allowed, want) || p.expect != incident.SystemIsolated {
		t.Errorf("after the conflict the popup offers %v from %s, want %v from isolated", p.allowed, p.expect, want)
	}

	if got := p.fields[1].input.Value(); got != "Precaution while we look" {
		t.Errorf("reason after the conflict = %q, want it kept", got)
	}

	if got := f.rowOf("EPR").State.Status; got != incident.SystemIsolated {
		t.Errorf("EPR is %s, want the other writer's isolated kept", got)
	}
}

func TestStatusPopupSurvivesRefresh(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c", "tab")
	m = typeText(t, m, "Half a reas")

	f.setStatus(otherActor, "LIMS", incident.SystemSuspected, 0)
	m = send(t, m, changeMsg{})

	p, ok := m.popup.(*statusPopup)
	if !ok {
		t.Fatalf("after a refresh the popup is %T, want the status popup still open", m.popup)
	}

	if got := p.fields[1].input.Value(); got != "Half a reas" || p.err != "" {
		t.Errorf("after a refresh the reason is %q with error %q, want the typing kept and no error", got, p.err)
	}

	m = typeText(t, m, "on")
	if got := m.popup.(*statusPopup).fields[1].input.Value(); got != "Half a reason" {
		t.Errorf("typing after the refresh gives %q, want it to carry on", got)
	}
}

func TestIsolateOffersStandardTasks(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "c")
	isolated := slices.Index(m.popup.(*statusPopup).allowed, incident.SystemIsolated)
	m = press(t, m, itoa(isolated+1), "tab")
	m = typeText(t, m, "Contain the spread")
	m = press(t, m, "ctrl+s")

	set, ok := m.popup.(*taskSetPopup)
	if !ok {
		t.Fatalf("after isolating, the popup is %T, want the standard tasks", m.popup)
	}

	if got := f.rowOf("EPR").State.Status; got != incident.SystemIsolated {
		t.Fatalf("EPR is %s, want isolated", got)
	}

	if len(set.tasks) != 6 || !strings.Contains(screenText(m), "6 of 6 to create") {
		t.Errorf("standard tasks offered: %d, want 6:\n%s", len(set.tasks), screenText(m))
	}

	// Drop the third (the sweep), and retitle the first.
	m = press(t, m, "down", "down", "space", "up", "up", "enter", "ctrl+u")
	m = typeText(t, m, "Rebuild EPR servers from gold images")
	m = press(t, m, "enter", "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the popup stayed open: %q", popupErr(t, m))
	}

	tasks := f.tasksNow()
	if len(tasks) != 5 {
		t.Fatalf("created %d tasks, want 5 of the 6", len(tasks))
	}

	if tasks[0].Title != "Rebuild EPR servers from gold images" {
		t.Errorf("first task = %q, want the edited title", tasks[0].Title)
	}

	for _, tk := range tasks {
		if strings.Contains(tk.Title, "indicators of compromise") {
			t.Errorf("the dropped task was created: %q", tk.Title)
		}

		if tk.SystemID != "EPR" || tk.Level != incident.LevelBronze {
			t.Errorf("task %s is for %q at %s, want EPR at bronze", tk.Label(), tk.SystemID, tk.Level)
		}
	}

	if !slices.Equal(tasks[1].DependsOn, []int64{1}) {
		t.Errorf("restore depends on %v, want [1]", tasks[1].DependsOn)
	}

	if !slices.Equal(tasks[4].DependsOn, []int64{1, 2, 3, 4}) {
		t.Errorf("sign-off depends on %v, want every kept task [1 2 3 4]", tasks[4].DependsOn)
	}

	if !strings.Contains(screenText(m), "Created T-1 to T-5") {
		t.Errorf("footer lacks the created tasks:\n%s", screenText(m))
	}
}

func TestTaskSetKeepsOrderThroughDropped(t *testing.T) {
	p := &taskSetPopup{tasks: incident.StandardTasks(incident.System{ID: "EPR"})}
	p.keep = []bool{true, false, true, true, true, true} // drop the restore

	got := p.selected()
	if len(got) != 5 {
		t.Fatalf("selected %d tasks, want 5", len(got))
	}

	if !slices.Equal(got[1].DependsOnIndex, []int{0}) {
		t.Errorf("the sweep depends on %v, want the rebuild [0] in place of the dropped restore", got[1].DependsOnIndex)
	}

	if !slices.Equal(got[4].DependsOnIndex, []int{0, 1, 2, 3}) {
		t.Errorf("sign-off depends on %v, want [0 1 2 3]", got[4].DependsOnIndex)
	}
}

func TestGatePopupSigns(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemIsolated, time.Hour)

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "g")
	text := screenText(m)

	for _, want := range []string{"Sign a gate check for EPR", "0 of 6 checks signed", "1 clean-source", "6 owner-sign-off"} {
		if !strings.Contains(text, want) {
			t.Errorf("gate popup lacks %q:\n%s", want, text)
		}
	}

	m = press(t, m, "2", "ctrl+s")
	if err := popupErr(t, m); !strings.Contains(err, "Note is missing") {
		t.Errorf("popup error without a note = %q, want the note missing", err)
	}

	m = typeText(t, m, "sha256 9f2c matches the vault copy")
	m = press(t, m, "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the gate popup stayed open: %q", popupErr(t, m))
	}

	sig, ok := f.rowOf("EPR").Gate.Signed[incident.GateImmutableBackup]
	if !ok || sig.SignedBy != "ST05" || sig.Note != "sha256 9f2c matches the vault copy" {
		t.Errorf("immutable-backup signature = %+v (signed %v), want ST05 with the note", sig, ok)
	}

	if line := boardLine(screen(m), "EPR"); !strings.Contains(line, "1/6") {
		t.Errorf("EPR row = %q, want the gate at 1/6", line)
	}

	m = press(t, m, "g")
	p := m.popup.(*gatePopup)

	if !p.fields[gateCheckField].disabled[1] || p.chosen() != incident.GateCleanSource {
		t.Errorf("the second gate popup has immutable-backup disabled %v and chose %q, want it disabled and clean-source chosen",
			p.fields[gateCheckField].disabled[1], p.chosen())
	}

	text = popupText(t, m)
	for _, want := range []string{"1 of 6 checks signed", "1 clean-source", "2 immutable-backup: signed by ST05, 15:30", "3 credentials-reset"} {
		if !strings.Contains(text, want) {
			t.Errorf("second gate popup lacks %q:\n%s", want, text)
		}
	}
}

func TestGatePopupNumbersStable(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemIsolated, time.Hour)

	if _, err := f.svc.SignGateCheck(context.Background(), otherActor, f.inc.Ref, "EPR", incident.GateImmutableBackup, "hash ok"); err != nil {
		t.Fatalf("sign: %v", err)
	}

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "g", "3")
	p := m.popup.(*gatePopup)

	if p.chosen() != incident.GateCredentials {
		t.Errorf("3 chose %q, want credentials-reset, the third check whatever is signed", p.chosen())
	}

	m = press(t, m, "2")
	if p.chosen() != incident.GateCredentials || !strings.Contains(p.err, "2 immutable-backup is already signed by ST07") {
		t.Errorf("2 on a signed check chose %q with error %q, want credentials-reset kept and the refusal", p.chosen(), p.err)
	}

	m = press(t, m, "up")
	if p.chosen() != incident.GateCleanSource {
		t.Errorf("↑ from credentials-reset chose %q, want clean-source, passing over the signed check", p.chosen())
	}

	m = press(t, m, "3", "tab")
	if text := popupText(t, m); !strings.Contains(text, "for check 3 credentials-reset") {
		t.Errorf("the note does not name its check:\n%s", text)
	}

	// Someone signs the first check while the note is typed: the chosen
	// check keeps its number and the note goes to it.
	m = typeText(t, m, "all service accounts rotated")

	if _, err := f.svc.SignGateCheck(context.Background(), otherActor, f.inc.Ref, "EPR", incident.GateCleanSource, "gold image"); err != nil {
		t.Fatalf("sign behind the console: %v", err)
	}

	m = send(t, m, changeMsg{})
	if text := popupText(t, m); !strings.Contains(text, "for check 3 credentials-reset") || !strings.Contains(text, "1 clean-source: signed by ST07") {
		t.Errorf("after another signature the popup lost its numbering or choice:\n%s", text)
	}

	m = press(t, m, "ctrl+s")
	if m.popup != nil {
		t.Fatalf("the gate popup stayed open: %q", popupErr(t, m))
	}

	sig, ok := f.rowOf("EPR").Gate.Signed[incident.GateCredentials]
	if !ok || sig.Note != "all service accounts rotated" || sig.SignedBy != "ST05" {
		t.Errorf("credentials-reset = %+v (signed %v), want ST05's note", sig, ok)
	}

	if sig := f.rowOf("EPR").Gate.Signed[incident.GateCleanSource]; sig.Note != "gold image" {
		t.Errorf("clean-source note = %q, want the other signer's, untouched", sig.Note)
	}
}

func TestGatePopupInService(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "g")
	if m.popup != nil {
		t.Errorf("g on an operational system opened %T", m.popup)
	}

	if !strings.Contains(m.flash, "EPR is operational") {
		t.Errorf("footer = %q, want why there is no gate to sign", m.flash)
	}
}

func TestBoardDetailGateAndOverride(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemIsolated, time.Hour)

	ctx := context.Background()
	if _, err := f.svc.SignGateCheck(ctx, otherActor, f.inc.Ref, "EPR", incident.GateCleanSource, "gold image v12"); err != nil {
		t.Fatalf("sign: %v", err)
	}

	if _, err := f.svc.OverrideGate(ctx, f.actor, f.inc.Ref, incident.GateOverride{SystemID: "EPR", Rationale: "ED cannot work without records"}); err != nil {
		t.Fatalf("override: %v", err)
	}

	m := press(t, selectSystem(t, press(t, f.model(100, 50), "3"), "EPR"), "enter")
	text := screenText(m)

	for _, want := range []string{"✓ clean-source", "signed by Dana Other (ST07)", "Note: gold image v12", "OVERRIDE by decision #",
		"Rationale: ED cannot work without records"} {
		if !strings.Contains(text, want) {
			t.Errorf("EPR detail lacks %q:\n%s", want, text)
		}
	}

	if line := boardLine(screen(press(t, m, "esc")), "EPR"); !strings.Contains(line, "OVERRIDE") {
		t.Errorf("EPR row = %q, want OVERRIDE in the gate column", line)
	}

	if line := lineWith(screen(press(t, m, "esc", "1")), "Gate overrides"); !strings.Contains(line, "1") || !strings.Contains(line, "EPR isolated") {
		t.Errorf("dashboard gate line = %q, want 1 and EPR", line)
	}
}

func TestGatePopupOtherSigner(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.setStatus(f.actor, "EPR", incident.SystemIsolated, time.Hour)

	m := press(t, selectSystem(t, press(t, f.model(80, 24), "3"), "EPR"), "g", "tab")
	m = typeText(t, m, "hash checked")

	if _, err := f.svc.SignGateCheck(context.Background(), otherActor, f.inc.Ref, "EPR", incident.GateCleanSource, "done first"); err != nil {
		t.Fatalf("sign behind the console: %v", err)
	}

	m = send(t, m, changeMsg{})
	p, ok := m.popup.(*gatePopup)

	if !ok {
		t.Fatalf("after a refresh the popup is %T, want the gate popup", m.popup)
	}

	if !strings.Contains(p.err, "ST07 signed clean-source since you looked") {
		t.Errorf("popup error = %q, want who signed the chosen check", p.err)
	}

	if p.chosen() != "" || !p.fields[gateCheckField].disabled[0] {
		t.Errorf("after the chosen check was signed the popup chose %q, want no choice and clean-source disabled", p.chosen())
	}

	m = press(t, m, "ctrl+s")
	if err := popupErr(t, m); !strings.Contains(err, "Choose a check") {
		t.Errorf("saving without a check: popup error = %q, want a request to choose one", err)
	}

	if sig := f.rowOf("EPR").Gate.Signed[incident.GateCleanSource]; sig.Note != "done first" {
		t.Errorf("clean-source note = %q, want the first signer's kept", sig.Note)
	}

	if got := p.fields[1].input.Value(); got != "hash checked" {
		t.Errorf("note after the refresh = %q, want it kept", got)
	}
}
