package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// rosterFixture puts a commander, a loggist and an observer on the roster
// of a fixture, and makes actor the one with id.
func rosterFixture(t *testing.T, id string) *fixture {
	t.Helper()

	f := newFixture(t, false)
	staff := []incident.StaffMember{
		{ID: "ST01", Name: "Siân Pritchard-Evans", Level: incident.LevelGold, Access: incident.AccessCommander},
		{ID: "ST09", Name: "Marcus Bennett", Level: incident.LevelSilver, Access: incident.AccessCommander},
		{ID: "ST22", Name: "Chloé Martin-Dubois", Level: incident.LevelNone, Access: incident.AccessLoggist},
		{ID: "ST31", Name: "Ruth Okafor", Level: incident.LevelNone, Access: incident.AccessObserver},
	}

	if err := f.svc.ImportStaff(context.Background(), f.actor, "staff.csv", staff); err != nil {
		t.Fatalf("import staff: %v", err)
	}

	for _, m := range staff {
		if m.ID == id {
			f.actor = incident.Actor{ID: m.ID, Name: m.Name, Level: m.Level, Access: m.Access, OnRoster: true}
		}
	}

	return f
}

func TestLoggistWritesForCommander(t *testing.T) {
	f := rosterFixture(t, "ST22")
	m := press(t, f.model(100, 30), "W")

	p, ok := m.popup.(*ownerPopup)
	if !ok || p.pick == nil {
		t.Fatalf("W opened %T, want the writing-for popup", m.popup)
	}

	text := screenText(m)
	for _, want := range []string{"Write for a commander", "nobody: write as yourself", "ST01  Siân Pritchard-Evans", "ST09  Marcus Bennett"} {
		if !strings.Contains(text, want) {
			t.Errorf("popup lacks %q:\n%s", want, text)
		}
	}

	if strings.Contains(text, "ST31") || strings.Contains(text, "ST22  ") {
		t.Errorf("popup offers someone who is not a commander:\n%s", text)
	}

	m = typeText(t, m, "Siân")
	m = press(t, m, "enter")

	if m.popup != nil || m.opts.Actor.ForID != "ST01" {
		t.Fatalf("after choosing, popup %T and writing for %q, want closed and ST01", m.popup, m.opts.Actor.ForID)
	}

	if line := screen(m)[1]; !strings.Contains(line, "ST22") || !strings.Contains(line, "for ST01 gold") {
		t.Errorf("status line = %q, want the loggist writing for ST01 gold", line)
	}

	m = press(t, m, "n", "tab", "tab")
	m = typeText(t, m, "Gold agrees to divert stroke patients")
	m = press(t, m, "ctrl+s")

	if m.form != nil {
		t.Fatalf("the entry was not saved: %s", m.form.err)
	}

	var last incident.Entry
	err := f.svc.Store().Read(context.Background(), func(r incident.Reader) error {
		seq, _, err := r.ChainHead(context.Background(), f.inc.ID)
		if err != nil {
			return err
		}

		last, err = r.EntryBySeq(context.Background(), f.inc.ID, seq)

		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if last.Author != "ST22" || last.DecisionMaker != "ST01" || last.Level != incident.LevelGold {
		t.Errorf("entry by the loggist: author %s, decision maker %s, level %s; want ST22, ST01, gold", last.Author, last.DecisionMaker, last.Level)
	}
}

func TestObserverCannotWrite(t *testing.T) {
	f := rosterFixture(t, "ST31")
	m := press(t, f.model(100, 30), "n")

	if m.form != nil {
		t.Fatal("an observer opened the new-entry form")
	}

	if !strings.Contains(m.flash, "You are an observer") {
		t.Errorf("footer = %q, want the observer told why", m.flash)
	}

	if line := screen(m)[1]; !strings.Contains(line, "observer, read only") {
		t.Errorf("status line = %q, want observer, read only", line)
	}

	// A commander has no writing-for popup.
	g := rosterFixture(t, "ST01")
	if m := press(t, g.model(100, 30), "W"); m.popup != nil || !strings.Contains(m.flash, "Only a loggist") {
		t.Errorf("W for a commander: popup %T, footer %q", m.popup, m.flash)
	}
}
