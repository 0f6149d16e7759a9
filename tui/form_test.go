package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func chainLength(t *testing.T, f *fixture) int64 {
	t.Helper()

	seal, err := f.svc.SealOf(context.Background(), f.inc.Ref)
	if err != nil {
		t.Fatalf("seal: %v", err)
	}

	return seal.Entries
}

func TestFormDecisionNeedsRationale(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "d", "tab", "tab")
	m = typeText(t, m, "Divert ambulances to St Thomas'")
	m = press(t, m, "ctrl+s")

	if m.form == nil {
		t.Fatal("the form closed although the decision has no rationale")
	}

	if !strings.Contains(m.form.err, "decision has no rationale") {
		t.Errorf("form error = %q, want the service's 'decision has no rationale'", m.form.err)
	}

	if got := m.form.text.Value(); got != "Divert ambulances to St Thomas'" {
		t.Errorf("typed text after the refusal = %q, want it kept", got)
	}

	text := screenText(m)
	for _, want := range []string{"Divert ambulances to St Thomas'", "decision has no rationale", "Rationale *"} {
		if !strings.Contains(text, want) {
			t.Errorf("form screen lacks %q:\n%s", want, text)
		}
	}

	if n := chainLength(t, f); n != 1 {
		t.Errorf("the refused decision was written: chain has %d entries, want 1", n)
	}

	if m.form.focus != fieldRationale {
		t.Errorf("after the refusal focus is on field %d, want the rationale (%d)", m.form.focus, fieldRationale)
	}

	m = typeText(t, m, "Keep patients away from a hospital without EPR")
	if m.form.err != "" {
		t.Errorf("typing a rationale left the error %q on screen", m.form.err)
	}

	m = press(t, m, "tab")
	m = typeText(t, m, "Keep taking patients; Partial diversion")
	m = press(t, m, "ctrl+s")

	if m.form != nil {
		t.Fatalf("the form stayed open after a valid decision: %q", m.form.err)
	}

	var e incident.Entry
	err := f.db.Read(context.Background(), func(r incident.Reader) error {
		var err error
		e, err = r.EntryBySeq(context.Background(), f.inc.ID, 2)

		return err
	})
	if err != nil {
		t.Fatalf("read saved entry: %v", err)
	}

	if e.Kind != incident.KindDecision || e.Level != incident.LevelGold || e.Rationale != "Keep patients away from a hospital without EPR" {
		t.Errorf("saved entry = kind %s, level %s, rationale %q", e.Kind, e.Level, e.Rationale)
	}

	if len(e.Options) != 2 || e.Options[1] != "Partial diversion" {
		t.Errorf("saved options = %q, want two split at ;", e.Options)
	}

	if l := lineWith(screen(press(t, m, "2")), "Divert ambulances"); !strings.Contains(l, "decision") {
		t.Errorf("the saved decision is not on the timeline: %q", l)
	}
}

func TestFormLateNeedsReason(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "tab", "tab")
	m = typeText(t, m, "Fire alarm in the server room")
	m = press(t, m, "tab")
	m = typeText(t, m, "-45m")

	if !m.form.late {
		t.Fatal("an entry 45 minutes ago is not treated as late")
	}

	if text := screenText(m); !strings.Contains(text, "Late reason *") || !strings.Contains(text, "45m ago") {
		t.Errorf("late form lacks the late reason field or the parsed time:\n%s", text)
	}

	m = press(t, m, "ctrl+s")
	if m.form == nil || !strings.Contains(m.form.err, "late") {
		t.Fatalf("a late entry without reason was not refused")
	}

	if m.form.focus != fieldLateReason {
		t.Errorf("after the refusal focus is on field %d, want the late reason (%d)", m.form.focus, fieldLateReason)
	}

	m = typeText(t, m, "evacuated first")
	m = press(t, m, "enter") // enter on the last field saves

	if m.form != nil {
		t.Fatalf("the form stayed open: %q", m.form.err)
	}

	e := m.entries.latest[0].entry
	if e.LateReason != "evacuated first" || !e.OccurredAt.Equal(testNow.Add(-45*time.Minute)) {
		t.Errorf("saved late entry: reason %q, occurred %s", e.LateReason, e.OccurredAt)
	}
}

func TestFormBadTimeShownLive(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "tab", "tab", "tab")
	m = typeText(t, m, "25:99")

	if text := screenText(m); !strings.Contains(text, `invalid time "25:99"`) {
		t.Errorf("the form does not show why 25:99 cannot be read:\n%s", text)
	}

	m = press(t, m, "shift+tab")
	m = typeText(t, m, "Something")
	m = press(t, m, "ctrl+s")

	if m.form == nil || !strings.Contains(m.form.err, "Occurred time") {
		t.Fatalf("saving with an unreadable time was not stopped in the form")
	}

	if m.form.focus != fieldOccurred {
		t.Errorf("after the refusal focus is on field %d, want the occurred time (%d)", m.form.focus, fieldOccurred)
	}
}

func TestFormQuitAsks(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "tab", "tab")
	m = typeText(t, m, "Half written")
	m = press(t, m, "ctrl+c")

	if m.dialog == nil || !strings.Contains(screenText(m), "Quit and discard") {
		t.Fatal("ctrl+c with unsaved text did not ask first")
	}

	m = press(t, m, "n")
	if m.dialog != nil || m.form == nil || m.form.text.Value() != "Half written" {
		t.Fatal("answering no did not return to the form as typed")
	}

	m = press(t, m, "ctrl+c")
	if _, cmd := m.Update(keyMsg("y")); !quits(cmd) {
		t.Error("answering yes did not quit")
	}
}

func TestFormCancelAsks(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "esc")

	if m.form != nil {
		t.Fatal("esc on an empty form did not close it")
	}

	m = press(t, m, "n", "tab", "tab")
	m = typeText(t, m, "Something")
	m = press(t, m, "esc")

	if m.dialog == nil {
		t.Fatal("esc with typed text did not ask first")
	}

	m = press(t, m, "y")
	if m.form != nil {
		t.Error("answering yes did not discard the form")
	}
}

func TestQuitWithoutForm(t *testing.T) {
	f := newFixture(t, false)

	if _, cmd := f.model(80, 24).Update(keyMsg("q")); !quits(cmd) {
		t.Error("q on the dashboard did not quit")
	}
}

func TestFormKindLetters(t *testing.T) {
	cases := []struct {
		from incident.Kind
		key  string
		want incident.Kind
	}{
		{incident.KindObservation, "d", incident.KindDecision},
		{incident.KindObservation, "c", incident.KindComms},
		{incident.KindComms, "c", incident.KindContainment},
		{incident.KindContainment, "c", incident.KindCheckIn},
		{incident.KindCheckIn, "c", incident.KindComms},
		{incident.KindDecision, "left", incident.KindSystem},
		{incident.KindSystem, "right", incident.KindDecision},
		{incident.KindAction, "z", incident.KindAction},
	}

	for _, c := range cases {
		if got := chooseKind(c.from, c.key); got != c.want {
			t.Errorf("chooseKind(%s, %q) = %s, want %s", c.from, c.key, got, c.want)
		}
	}
}

func TestFormTextNewline(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "tab", "tab")
	m = typeText(t, m, "first line")
	m = press(t, m, "ctrl+j")
	m = typeText(t, m, "second line")
	m = press(t, m, "enter")

	if got := m.form.text.Value(); got != "first line\nsecond line" {
		t.Errorf("text = %q, want two lines split by ctrl+j", got)
	}

	if m.form.focus != fieldOccurred {
		t.Errorf("enter in the text moved focus to field %d, want the occurred time (%d)", m.form.focus, fieldOccurred)
	}
}

func TestFormAmbiguousTimeWraps(t *testing.T) {
	cases := []struct {
		name, typed string
		want        []string
	}{
		{"clocks back", "2026-10-25 01:30", []string{"01:30 happens twice", "2026-10-25 01:30+01:00  (BST, 00:30 UTC)", "2026-10-25 01:30+00:00  (GMT, 01:30 UTC)"}},
		{"clocks forward", "2026-03-29 01:30", []string{"01:30 never happens", "2026-03-29 01:30+00:00  (GMT, 01:30 UTC)", "2026-03-29 01:30+01:00  (BST, 00:30 UTC)"}},
	}

	for _, c := range cases {
		for _, size := range [][2]int{{80, 24}, {60, 20}} {
			t.Run(c.name+" "+itoa(size[0]), func(t *testing.T) {
				f := newFixture(t, false)
				m := press(t, f.model(size[0], size[1]), "n", "tab", "tab", "tab")
				m = typeText(t, m, c.typed)
				text := screenText(m)

				for _, want := range c.want {
					if !strings.Contains(text, want) {
						t.Errorf("form at %d columns lacks %q:\n%s", size[0], want, text)
					}
				}
			})
		}
	}
}

func TestFormLongTimeErrorWraps(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(60, 20), "n", "tab", "tab", "tab")
	m = typeText(t, m, "25:99")

	// The message ends with an example that has an offset, so its end on
	// screen shows that nothing was cut.
	text := strings.Join(strings.Fields(screenText(m)), " ")
	if !strings.Contains(text, "2026-06-11 14:32+01:00") {
		t.Errorf("the invalid-time note was cut at 60 columns:\n%s", screenText(m))
	}
}

func TestFormErrorClearsOnEdit(t *testing.T) {
	f := newFixture(t, false)
	m := press(t, f.model(80, 24), "n", "d", "tab", "tab")
	m = typeText(t, m, "Divert ambulances")
	m = press(t, m, "ctrl+s")

	if m.form.errField != fieldRationale {
		t.Fatalf("the rationale refusal concerns field %d, want the rationale (%d)", m.form.errField, fieldRationale)
	}

	m = press(t, m, "shift+tab")
	m = typeText(t, m, " now")

	if m.form.err == "" {
		t.Error("editing the text cleared the error about the rationale")
	}

	m = press(t, m, "shift+tab", "shift+tab", "a") // kind: decision to action hides the rationale
	if m.form.kind != incident.KindAction || m.form.err != "" {
		t.Errorf("after switching to %s the rationale error is still %q", m.form.kind, m.form.err)
	}
}

func TestFormWrapWords(t *testing.T) {
	cases := []struct {
		in    string
		width int
		want  []string
	}{
		{"use 2026-06-11 14:32 or 2026-06-11 14:32+01:00", 20, []string{"use 2026-06-11 14:32", "or 2026-06-11", "14:32+01:00"}},
		{"abcdefghij klm", 4, []string{"abcd", "efgh", "ij", "klm"}},
		{"", 10, []string{""}},
	}

	for _, c := range cases {
		got := wrapWords(c.in, c.width)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}
