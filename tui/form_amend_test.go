package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

// entryBySeq reads entry seq of the fixture's incident from the database.
func entryBySeq(t *testing.T, f *fixture, seq int64) incident.Entry {
	t.Helper()

	var e incident.Entry
	err := f.db.Read(context.Background(), func(r incident.Reader) error {
		var err error
		e, err = r.EntryBySeq(context.Background(), f.inc.ID, seq)

		return err
	})
	if err != nil {
		t.Fatalf("read entry %d: %v", seq, err)
	}

	return e
}

// monochrome switches m to the colourless theme, so that strikethrough is
// exactly ESC[9m in its output.
func monochrome(m Model) Model {
	m.opts.NoColor = true
	m.theme.NoColor = true
	m.applyTheme()

	return m
}

// rawLineWith returns the first line of the styled screen whose plain text
// contains s, or "".
func rawLineWith(m Model, s string) string {
	for _, l := range strings.Split(m.View().Content, "\n") {
		if strings.Contains(ansi.Strip(l), s) {
			return l
		}
	}

	return ""
}

func TestAmendFromTimeline(t *testing.T) {
	f := newFixture(t, false)
	orig := f.log(incident.NewEntry{Kind: incident.KindAction, Level: incident.LevelSilver, Text: "Ambulances diverted to St Mary's",
		OccurredAt: testNow.Add(-5*time.Minute - 7*time.Second)})
	f.now = f.now.Add(20 * time.Minute)

	m := monochrome(press(t, f.model(100, 30), "2", "a"))

	if m.form == nil || m.form.amends == nil {
		t.Fatal("a on the timeline did not open the correction form")
	}

	text := screenText(m)
	for _, want := range []string{"Correct entry #2", "Ambulances diverted to St Mary's", "Reason for correction *", "2026-06-11 15:24:53", "as in the original"} {
		if !strings.Contains(text, want) {
			t.Errorf("correction form lacks %q:\n%s", want, text)
		}
	}

	if m.form.kind != incident.KindAction || m.form.level != incident.LevelSilver {
		t.Errorf("correction form opened with kind %s, level %s; want the original's action, silver", m.form.kind, m.form.level)
	}

	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "Ambulances diverted to St Thomas'")
	m = press(t, m, "ctrl+s")

	if m.form == nil {
		t.Fatal("the correction was saved without a reason")
	}

	if !strings.Contains(m.form.err, "Reason for correction is missing") || !strings.Contains(screenText(m), "Reason for correction is missing") {
		t.Errorf("missing reason: form error = %q, want it named and on screen", m.form.err)
	}

	if got := m.form.text.Value(); got != "Ambulances diverted to St Thomas'" {
		t.Errorf("text after the refusal = %q, want the edited text kept", got)
	}

	if m.form.focus != fieldReason {
		t.Errorf("after the refusal focus is on field %d, want the reason (%d)", m.form.focus, fieldReason)
	}

	if n := chainLength(t, f); n != 2 {
		t.Errorf("the refused correction was written: chain has %d entries, want 2", n)
	}

	m = typeText(t, m, "wrong hospital named")
	if m.form.err != "" {
		t.Errorf("typing the reason left the error %q", m.form.err)
	}

	m = press(t, m, "enter") // enter on the last field saves
	if m.form != nil {
		t.Fatalf("the form stayed open after a valid correction: %q", m.form.err)
	}

	fix := entryBySeq(t, f, 3)
	if fix.Amends != orig.Seq || fix.AmendReason != "wrong hospital named" || fix.Text != "Ambulances diverted to St Thomas'" {
		t.Errorf("stored correction: amends %d, reason %q, text %q", fix.Amends, fix.AmendReason, fix.Text)
	}

	if !fix.OccurredAt.Equal(orig.OccurredAt) {
		t.Errorf("correction occurred at %s, want the original's %s to the nanosecond", fix.OccurredAt, orig.OccurredAt)
	}

	if fix.Kind != incident.KindAction || fix.Level != incident.LevelSilver || fix.DecisionMaker != orig.DecisionMaker {
		t.Errorf("correction kind %s, level %s, maker %s; want the original's", fix.Kind, fix.Level, fix.DecisionMaker)
	}

	if fix.LateReason != "correction of entry 2" {
		t.Errorf("late correction's reason = %q, want the service's default", fix.LateReason)
	}

	origLine, fixLine := rawLineWith(m, "St Mary's"), rawLineWith(m, "St Thomas'")

	if !strings.Contains(ansi.Strip(origLine), "corrected by #3") {
		t.Errorf("original row lacks 'corrected by #3': %q", ansi.Strip(origLine))
	}

	if !strings.Contains(origLine, "\x1b[9m") {
		t.Errorf("original row is not struck through: %q", origLine)
	}

	if !strings.Contains(ansi.Strip(fixLine), "corrects #2") {
		t.Errorf("correction row lacks 'corrects #2': %q", ansi.Strip(fixLine))
	}

	if !strings.HasPrefix(ansi.Strip(fixLine), "› ") {
		t.Errorf("the correction is not selected after saving: %q", ansi.Strip(fixLine))
	}

	if flash := lineWith(screen(m), "Logged correction"); !strings.Contains(flash, "Logged correction #3 of entry #2") {
		t.Errorf("footer = %q, want it to name the correction and the entry", flash)
	}
}

func TestAmendChainInDetail(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Kind: incident.KindObservation, Text: "PACS down"})

	m := press(t, f.model(100, 30), "2", "enter", "a")
	if m.form == nil || m.form.amends == nil || m.form.amends.Seq != 2 {
		t.Fatal("a in the entry detail did not open the correction form for entry #2")
	}

	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "PACS and RIS down")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "RIS left out")
	m = press(t, m, "ctrl+s")

	if m.form != nil {
		t.Fatalf("the first correction was not saved: %q", m.form.err)
	}

	if m.timeline.detail == nil || m.timeline.detail.row.entry.Seq != 2 {
		t.Fatal("after saving from the detail, the detail of entry #2 is not open")
	}

	text := screenText(m)
	for _, want := range []string{"corrected by #3", "Corrected by   #3 (this entry is kept, struck through)"} {
		if !strings.Contains(text, want) {
			t.Errorf("detail of #2 lacks %q:\n%s", want, text)
		}
	}

	// Correct the correction: the chain grows and both earlier entries stay.
	m = press(t, m, "esc")
	if r := m.timeline.rowAt(&m.entries, m.timeline.cursor); r == nil || r.entry.Seq != 3 {
		t.Fatalf("after closing the detail the cursor is not on the correction #3")
	}

	m = press(t, m, "a", "ctrl+u")
	m = typeText(t, m, "PACS, RIS and VNA down")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "VNA left out too")
	m = press(t, m, "ctrl+s", "up", "enter")

	if m.form != nil {
		t.Fatalf("the second correction was not saved: %q", m.form.err)
	}

	text = screenText(m)
	for _, want := range []string{"Entry #3", "Corrects       #2: RIS left out", "Corrected by   #4", "Chain          #2 → #3 (this) → #4 (current)"} {
		if !strings.Contains(text, want) {
			t.Errorf("detail of #3 lacks %q:\n%s", want, text)
		}
	}
}

func TestAmendDecisionPrefill(t *testing.T) {
	f := newFixture(t, false)
	review := testNow.Add(2 * time.Hour)
	f.log(incident.NewEntry{Kind: incident.KindDecision, Level: incident.LevelGold, Text: "Shut down the EPR",
		Rationale: "Stop the spread", Options: []string{"Keep EPR up", "Partial shutdown"}, ReviewAt: &review, Systems: nil})

	m := press(t, f.model(80, 24), "2", "a")

	if got := m.form.rationale.Value(); got != "Stop the spread" {
		t.Errorf("prefilled rationale = %q", got)
	}

	if got := m.form.options.Value(); got != "Keep EPR up; Partial shutdown" {
		t.Errorf("prefilled options = %q", got)
	}

	m = press(t, m, "tab")
	m = typeText(t, m, " and rebuild")
	m = press(t, m, "tab", "tab", "tab")
	m = typeText(t, m, "rationale incomplete")
	m = press(t, m, "ctrl+s")

	if m.form != nil {
		t.Fatalf("the corrected decision was not saved: %q", m.form.err)
	}

	fix := entryBySeq(t, f, 3)
	if fix.Rationale != "Stop the spread and rebuild" || len(fix.Options) != 2 || fix.Options[1] != "Partial shutdown" {
		t.Errorf("corrected decision: rationale %q, options %q", fix.Rationale, fix.Options)
	}

	if fix.ReviewAt == nil || !fix.ReviewAt.Equal(review) {
		t.Errorf("corrected decision's review time = %v, want the original's %s", fix.ReviewAt, review)
	}
}

func TestAmendChangedOccurred(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Text: "Generator started"})

	m := press(t, f.model(80, 24), "2", "a", "tab")
	for range 30 {
		m = press(t, m, "backspace")
	}

	m = typeText(t, m, "-30m")
	if text := screenText(m); strings.Contains(text, "as in the original") || !strings.Contains(text, "30m ago") {
		t.Errorf("an edited occurred time still reads as the original's:\n%s", text)
	}

	m = press(t, m, "tab")
	m = typeText(t, m, "it started earlier")
	m = press(t, m, "ctrl+s")

	if m.form != nil {
		t.Fatalf("the correction was not saved: %q", m.form.err)
	}

	if fix := entryBySeq(t, f, 3); !fix.OccurredAt.Equal(testNow.Add(-30 * time.Minute)) {
		t.Errorf("correction occurred at %s, want the edited %s", fix.OccurredAt, testNow.Add(-30*time.Minute))
	}
}

func TestAmendCancelAsks(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Text: "Generator started"})

	m := press(t, f.model(80, 24), "2", "a", "esc")
	if m.form != nil || m.dialog != nil {
		t.Fatal("esc on an unchanged correction did not close it at once")
	}

	m = press(t, m, "a", "shift+tab", "right", "esc")
	if m.dialog == nil || !strings.Contains(screenText(m), "Discard this correction?") {
		t.Fatalf("esc after changing the level did not ask first:\n%s", screenText(m))
	}

	m = press(t, m, "n", "tab")
	m = typeText(t, m, "x")
	m = press(t, m, "ctrl+c")

	if m.dialog == nil || !strings.Contains(screenText(m), "Quit and discard the correction") {
		t.Fatalf("ctrl+c with an edited correction did not ask first:\n%s", screenText(m))
	}

	m = press(t, m, "n")
	if m.form == nil || !strings.HasSuffix(m.form.text.Value(), "Generator startedx") {
		t.Error("answering no did not return to the correction as edited")
	}

	if n := chainLength(t, f); n != 2 {
		t.Errorf("cancelling wrote something: chain has %d entries, want 2", n)
	}
}

func TestAmendOccurredText(t *testing.T) {
	zone := london(t)
	cases := []struct {
		name string
		at   time.Time
		want string
	}{
		{"minute", time.Date(2026, 6, 11, 13, 32, 0, 0, time.UTC), "2026-06-11 14:32"},
		{"seconds", time.Date(2026, 6, 11, 13, 32, 5, 900, time.UTC), "2026-06-11 14:32:05"},
		{"first 01:30", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "2026-10-25 01:30+01:00"},
		{"second 01:30", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), "2026-10-25 01:30+00:00"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := occurredText(c.at, zone)
			if got != c.want {
				t.Fatalf("occurredText(%s) = %q, want %q", c.at, got, c.want)
			}

			back, err := incident.ParseTime(got, c.at.Add(time.Hour), zone)
			if err != nil {
				t.Fatalf("ParseTime(%q): %v", got, err)
			}

			if !back.Equal(c.at.Truncate(time.Second)) {
				t.Errorf("ParseTime(%q) = %s, want %s", got, back, c.at.Truncate(time.Second))
			}
		})
	}
}

func TestAmendKeepsLongText(t *testing.T) {
	f := newFixture(t, false)
	long := strings.TrimSpace(strings.Repeat("Ward 7 census. ", 700)) // 10,499 characters, above the form's typing limit
	f.log(incident.NewEntry{Text: long})

	m := press(t, f.model(80, 24), "2", "a")

	if got := m.form.text.Value(); got != long {
		t.Errorf("prefilled text has %d characters, want all %d of the original", len(got), len(long))
	}

	if m.form.dirty() {
		t.Error("an unchanged long original counts as edited")
	}
}
