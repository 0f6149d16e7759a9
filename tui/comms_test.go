package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// silver is the fixture roster's silver commander.
var silver = incident.Actor{ID: "ST09", Name: "Marcus Bennett", Level: incident.LevelSilver, Setup: true}

// draft logs an outbound draft as the fixture's actor.
func (f *fixture) draft(audience incident.Audience, summary string) incident.Message {
	f.t.Helper()

	m, err := f.svc.AddMessage(context.Background(), f.actor, f.inc.Ref, incident.NewMessage{
		Direction: incident.Outbound, Channel: incident.ChannelPhone, Audience: audience, Summary: summary,
	})
	if err != nil {
		f.t.Fatalf("draft to %s: %v", audience, err)
	}

	return m
}

// startClock starts the duty matching which, aware ago before testNow.
func (f *fixture) startClock(which string, ago time.Duration) {
	f.t.Helper()

	if _, err := f.svc.StartDeadline(context.Background(), f.actor, f.inc.Ref, which, testNow.Add(-ago), "test", "test"); err != nil {
		f.t.Fatalf("start %s: %v", which, err)
	}
}

// messageOf reads message num as stored.
func (f *fixture) messageOf(num int64) incident.Message {
	f.t.Helper()

	msgs, err := f.svc.Messages(context.Background(), f.inc.Ref)
	if err != nil || int(num) > len(msgs) {
		f.t.Fatalf("read message %d of %d: %v", num, len(msgs), err)
	}

	return msgs[num-1]
}

func TestCommsSilverCannotApprovePress(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.draft(incident.AudiencePress, "Holding statement: the hospital is open")
	f.actor = silver

	m := press(t, f.model(80, 24), "6", "A")
	if m.dialog == nil || !strings.Contains(m.dialog.question, "Approve M-1 to press: Holding statement") {
		t.Fatalf("A did not ask, naming the message: %+v", m.dialog)
	}

	m = press(t, m, "y")
	if m.dialog == nil || !m.dialog.notice {
		t.Fatalf("after the refusal the dialog is %+v, want a notice", m.dialog)
	}

	// The notice wraps, so the words inside the box are compared without
	// line breaks.
	var inside []string
	for _, line := range strings.Split(screenText(m), "\n") {
		if first, last := strings.Index(line, "│"), strings.LastIndex(line, "│"); first >= 0 && last > first {
			inside = append(inside, line[first+len("│"):last])
		}
	}

	text := strings.Join(strings.Fields(strings.Join(inside, " ")), " ")
	for _, want := range []string{"Could not approve M-1", "only a gold commander can approve a message to press", "ST09 is silver"} {
		if !strings.Contains(text, want) {
			t.Errorf("the refusal on screen lacks %q:\n%s", want, screenText(m))
		}
	}

	if got := f.messageOf(1).Status; got != incident.MessageDraft {
		t.Errorf("M-1 is %s after the refusal, want still a draft", got)
	}

	m = press(t, m, "enter")
	if m.dialog != nil {
		t.Error("enter did not close the refusal")
	}
}

func TestCommsSilverApprovesICOAndSendMeets(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.actor = silver

	// Start the ICO clock from the console: choose nothing first.
	m := press(t, f.model(80, 24), "6", "D", "ctrl+s")
	if err := popupErr(t, m); !strings.Contains(err, "Choose a duty") {
		t.Errorf("starting without a duty: popup error = %q", err)
	}

	m = press(t, m, "1", "tab")
	m = typeText(t, m, "-30m")

	if text := popupText(t, m); !strings.Contains(text, "→ 15:00; over 10m ago: give a late reason") {
		t.Errorf("the aware field does not explain the late time:\n%s", text)
	}

	m = press(t, m, "tab")
	m = typeText(t, m, "Patient names and NHS numbers were in the encrypted share")
	m = press(t, m, "tab")
	m = typeText(t, m, "Confirmed in the gold meeting")
	m = press(t, m, "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the deadline popup stayed open: %q", popupErr(t, m))
	}

	if line := lineWith(screen(m), "ICO personal-data breach report"); !strings.Contains(line, "71h 30m left") {
		t.Errorf("ICO duty line = %q, want 71h 30m left", line)
	}

	m = press(t, m, "t", "tab", "tab")
	m = typeText(t, m, "ico")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "Initial breach report, reference to follow")
	m = press(t, m, "ctrl+s")

	if m.popup != nil {
		t.Fatalf("the message popup stayed open: %q", popupErr(t, m))
	}

	m = press(t, m, "A", "y")
	if got := f.messageOf(1); got.Status != incident.MessageApproved || got.ApprovedBy != "ST09" {
		t.Fatalf("M-1 = %s by %q, want approved by ST09: silver may approve a message to the ICO", got.Status, got.ApprovedBy)
	}

	m = press(t, m, "S", "y")
	if !strings.Contains(m.flash, "M-1 sent to ICO; ICO personal-data breach report MET") {
		t.Errorf("footer after sending = %q, want the duty it met", m.flash)
	}

	line := lineWith(screen(m), "ICO personal-data breach report")
	if !strings.Contains(line, "MET 15:30 by M-1") {
		t.Errorf("ICO duty line after sending = %q, want MET by M-1", line)
	}

	if l := lineWith(screen(press(t, m, "1")), "Deadlines"); !strings.Contains(l, "1 MET") {
		t.Errorf("dashboard deadlines line = %q, want 1 MET", l)
	}
}

func TestCommsNewMessageChecks(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, f.model(80, 24), "6", "t", "tab", "tab")
	m = typeText(t, m, "the moon")

	if text := popupText(t, m); !strings.Contains(text, `invalid audience "the moon"`) {
		t.Errorf("the audience hint does not reject an unknown audience:\n%s", text)
	}

	m = press(t, m, "ctrl+s")
	if err := popupErr(t, m); !strings.Contains(err, "Audience: invalid audience") {
		t.Errorf("popup error = %q, want the audience rejected", err)
	}

	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "public")

	if text := popupText(t, m); !strings.Contains(text, "→ public; only gold approves it") {
		t.Errorf("the audience hint does not say who approves:\n%s", text)
	}

	m = press(t, m, "ctrl+s")
	if err := popupErr(t, m); !strings.Contains(err, "Summary is missing") {
		t.Errorf("popup error = %q, want the summary missing", err)
	}

	m = typeText(t, m, "Please attend as normal unless told otherwise") // the error moved the focus to the summary
	m = press(t, m, "ctrl+s")

	got := f.messageOf(1)
	if got.Audience != incident.AudiencePublic || got.Status != incident.MessageDraft || got.Direction != incident.Outbound {
		t.Errorf("M-1 = %+v, want an outbound draft to patients and public", got)
	}

	if !strings.Contains(m.flash, "M-1 drafted to patients and public: it needs approval") {
		t.Errorf("footer = %q, want the draft confirmed", m.flash)
	}
}

func TestCommsKeysNeedRightStatus(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.draft(incident.AudienceICB, "Diverting ambulances")

	m := press(t, f.model(80, 24), "6", "S")
	if m.dialog != nil || !strings.Contains(m.flash, "M-1 is a draft: it is approved (A) before it is sent") {
		t.Errorf("S on a draft: dialog %v, footer %q", m.dialog, m.flash)
	}

	m = press(t, m, "A", "y", "A")
	if m.dialog != nil || !strings.Contains(m.flash, "M-1 is approved: only a draft going out is approved") {
		t.Errorf("A on an approved message: dialog %v, footer %q", m.dialog, m.flash)
	}

	m = press(t, m, "S", "y", "K")
	if got := f.messageOf(1).Status; got != incident.MessageAcknowledged {
		t.Errorf("M-1 after S and K = %s, want acknowledged", got)
	}
}

func TestDeadlineBoundaries(t *testing.T) {
	st := newFixture(t, false).model(80, 24).styles
	start := testNow.Add(-72 * time.Hour)
	duty := incident.Deadline{Name: "ICO personal-data breach report", Audience: incident.AudienceICO, Within: 72 * time.Hour}

	cases := []struct {
		name  string
		now   time.Time
		met   time.Time
		state incident.DeadlineState
		words string
		style string
	}{
		{"6h01m left", start.Add(65*time.Hour + 59*time.Minute), time.Time{}, incident.DeadlineOpen, "6h 01m left", "base"},
		{"6h left", start.Add(66 * time.Hour), time.Time{}, incident.DeadlineSoon, "SOON 6h 00m left", "amber"},
		{"due now", start.Add(72 * time.Hour), time.Time{}, incident.DeadlineSoon, "SOON 0m left", "amber"},
		{"a minute past", start.Add(72*time.Hour + time.Minute), time.Time{}, incident.DeadlineMissed, "MISSED 1m ago", "red"},
		{"met at due", start.Add(80 * time.Hour), start.Add(72 * time.Hour), incident.DeadlineMet, "MET", "green"},
		{"met a second late", start.Add(80 * time.Hour), start.Add(72*time.Hour + time.Second), incident.DeadlineMetLate, "MET LATE", "amber"},
	}

	styles := map[string]string{
		"base": st.Base.Render("x"), "amber": st.Warning.Render("x"), "red": st.Error.Render("x"), "green": st.Success.Bold(true).Render("x"),
	}

	for _, c := range cases {
		d := duty
		d.StartedAt, d.MetAt = start, c.met

		if got := d.State(c.now); got != c.state {
			t.Errorf("%s: state = %d, want %d", c.name, got, c.state)
		}

		words := deadlineWords(d, c.now, london(t))
		if !strings.Contains(strings.Join(words, "|"), c.words) {
			t.Errorf("%s: words = %q, want %q among them", c.name, words, c.words)
		}

		if got := st.Deadline(d.State(c.now)).Render("x"); got != styles[c.style] {
			t.Errorf("%s: style = %q, want %s %q", c.name, got, c.style, styles[c.style])
		}
	}
}

func TestStatusBarCountdown(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.startClock("NCSC initial", 20*time.Hour) // 4 h left: amber
	f.startClock("ICO", time.Hour)             // 71 h left

	lines := screen(f.model(80, 24))
	if !strings.Contains(lines[1], "NCSC SOON 4h 00m left") {
		t.Errorf("status line at 80 columns = %q, want the most urgent duty, NCSC, counting down", lines[1])
	}

	for _, want := range []string{"T+2d 03h 14m", "15:30:00 BST", "14:30:00 UTC", "ST05 · gold"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("status line at 80 columns lacks %q: %q", want, lines[1])
		}
	}

	narrow := screen(f.model(60, 20))[1]
	if strings.Contains(narrow, "NCSC") {
		t.Errorf("status line at 60 columns = %q, want the countdown dropped before the clocks", narrow)
	}

	for _, want := range []string{"T+2d 03h 14m", "15:30:00 BST", "14:30:00 UTC", "ST05 · gold"} {
		if !strings.Contains(narrow, want) {
			t.Errorf("status line at 60 columns lacks %q: %q", want, narrow)
		}
	}

	f.now = testNow.Add(5 * time.Hour)
	m := f.model(80, 24)

	if line := screen(m)[1]; !strings.Contains(line, "NCSC MISSED 1h 00m") {
		t.Errorf("status line after the NCSC duty fell due = %q, want it MISSED", line)
	}

	if styled := m.styles.Deadline(incident.DeadlineMissed).Render("NCSC MISSED 1h 00m"); !strings.Contains(m.statusBar(), styled) {
		t.Error("the missed duty in the status bar is not red")
	}

	if line := screen(newFixture(t, false).model(80, 24))[1]; strings.Contains(line, "left") || strings.Contains(line, "MISSED") {
		t.Errorf("status line with no clock running = %q, want no countdown", line)
	}
}

func TestCommsDeadlinePopupKeepsNumbers(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, f.model(80, 24), "6", "D", "3")
	p := m.popup.(*deadlinePopup)

	if d, _ := p.chosen(); d.Name != "NCSC full incident report" {
		t.Fatalf("3 chose %q, want the third duty", d.Name)
	}

	// Someone starts the ICO clock behind the console: the numbers stay.
	f.startClock("ICO", time.Hour)
	m = send(t, m, changeMsg{})
	p = m.popup.(*deadlinePopup)

	if d, _ := p.chosen(); d.Name != "NCSC full incident report" {
		t.Errorf("after another start the choice is %q, want the NCSC full report kept", d.Name)
	}

	m = press(t, m, "1")
	if d, _ := p.chosen(); d.Name != "NCSC full incident report" || !strings.Contains(p.err, "already running") {
		t.Errorf("1 on the started ICO duty chose %q with error %q, want it refused", d.Name, p.err)
	}

	if text := popupText(t, m); !strings.Contains(text, "1 ICO personal-data breach report: 71h 00m left") {
		t.Errorf("the started duty does not show its clock:\n%s", text)
	}
}
