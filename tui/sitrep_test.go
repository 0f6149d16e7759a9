package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestSitrepPreviewAndSave(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()
	f.checkIn("ST09", time.Hour)

	m := press(t, f.model(80, 24), "7")
	text := screenText(m)

	for _, want := range []string{"SITREP 1 preview", "SITREP 1: T-1 Ransomware on EPR", "CONDITIONS: not given", "none saved yet"} {
		if !strings.Contains(text, want) {
			t.Errorf("sitrep screen lacks %q:\n%s", want, text)
		}
	}

	m = press(t, m, "e")
	m = typeText(t, m, "EPR down; ED on paper")
	m = press(t, m, "tab", "tab", "tab")
	m = typeText(t, m, "17:00")

	if text := screenText(m); !strings.Contains(text, "→ Thu 11 Jun 17:00 BST") {
		t.Errorf("the next meeting field does not say what 17:00 means:\n%s", text)
	}

	m = press(t, m, "q", "esc") // q is typed while the form has the keys
	if !strings.Contains(m.sitrep.fields[sitrepNext].input.Value(), "17:00q") {
		t.Errorf("next meeting = %q, want the q typed into it", m.sitrep.fields[sitrepNext].input.Value())
	}

	m = press(t, m, "e", "backspace", "esc")
	if m.sitrep.editing {
		t.Error("esc did not leave the form")
	}

	if text := screenText(m); !strings.Contains(text, "CONDITIONS: EPR down; ED on paper") {
		t.Errorf("after leaving the form the report does not show the conditions:\n%s", text)
	}

	// Something changes behind the console while the form is half filled:
	// the form stays.
	if _, err := f.svc.WelfareCheck(context.Background(), otherActor, f.inc.Ref, "ST09", "fine"); err != nil {
		t.Fatalf("welfare check behind the console: %v", err)
	}

	m = send(t, m, changeMsg{})
	if got := m.sitrep.fields[sitrepConditions].input.Value(); got != "EPR down; ED on paper" {
		t.Errorf("after a refresh the conditions are %q, want them kept", got)
	}

	m = press(t, m, "ctrl+s")
	if m.dialog == nil || !strings.Contains(m.dialog.question, "Save SITREP 1") {
		t.Fatalf("ctrl+s did not ask to save: %+v", m.dialog)
	}

	before := chainLength(t, f)
	m = press(t, m, "y")

	if n := chainLength(t, f); n != before+1 {
		t.Fatalf("saving wrote %d entries, want 1", n-before)
	}

	if !strings.Contains(m.flash, "Saved SITREP 1 as entry #") {
		t.Errorf("footer = %q, want the save confirmed", m.flash)
	}

	if got := m.sitrep.fields[sitrepConditions].input.Value(); got != "" {
		t.Errorf("after saving the conditions are %q, want the form cleared", got)
	}

	if text := screenText(m); !strings.Contains(text, "SITREP 2 preview") || !strings.Contains(text, "last: SITREP 1 15:30") {
		t.Errorf("after saving the screen does not move on to SITREP 2:\n%s", text)
	}

	f.now = testNow.Add(30 * time.Minute)
	if l := lineWith(screen(press(t, f.model(80, 24), "1")), "Sitrep"); !strings.Contains(l, "SITREP 1 15:30, 30m ago") ||
		!strings.Contains(l, "next meeting 17:00, in 1h") {
		t.Errorf("dashboard sitrep line = %q, want the last sitrep and the next meeting", l)
	}
}

func TestSitrepBadNextMeeting(t *testing.T) {
	f := newFixture(t, false)

	m := press(t, f.model(80, 24), "7", "e", "tab", "tab", "tab")
	m = typeText(t, m, "teatime")
	m = press(t, m, "ctrl+s")

	if m.dialog != nil || !strings.Contains(m.flash, "Next meeting:") {
		t.Errorf("saving with an unreadable next meeting: dialog %v, footer %q", m.dialog, m.flash)
	}

	if n := chainLength(t, f); n != 1 {
		t.Errorf("a sitrep was saved: chain has %d entries, want 1", n)
	}
}

func TestSitrepScrolls(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	for i := range 20 {
		f.log(incident.NewEntry{Kind: incident.KindDecision, Rationale: "r", Text: "Decision number " + itoa(i)})
	}

	m := press(t, f.model(60, 20), "7")
	first := m.sitrep.preview.top

	m = press(t, m, "pgdown")
	if m.sitrep.preview.top <= first {
		t.Errorf("pgdown left the report at line %d, want it scrolled", m.sitrep.preview.top)
	}

	for i, l := range strings.Split(m.View().Content, "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line %d is %d wide at 60 columns", i, w)
		}
	}
}
