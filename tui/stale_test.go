package tui

import (
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// TestChangeReadsOnlyTheViewShown checks that a change seen on the
// timeline leaves the board unread until the board is shown, and that it
// is then up to date.
func TestChangeReadsOnlyTheViewShown(t *testing.T) {
	f := newFixture(t, false)
	f.importRegister()

	m := press(t, f.model(100, 30), "2")
	f.setStatus(otherActor, "LIMS", incident.SystemCompromised, 0)

	m = send(t, m, changeMsg{})
	if !m.stale.board || !m.stale.dash || !m.stale.people {
		t.Errorf("after a change on the timeline, stale = %+v, want the board, dashboard and people left unread", m.stale)
	}

	if it := m.cont.byID["LIMS"]; it == nil || it.row.State.Status == incident.SystemCompromised {
		t.Fatalf("the board was read although the timeline was on screen")
	}

	m = press(t, m, "3")
	if m.stale.board {
		t.Error("the board is still marked stale after it was shown")
	}

	if !strings.Contains(boardLine(screen(m), "LIMS"), "✕ compromised") {
		t.Errorf("the board shown after the change is out of date:\n%s", screenText(m))
	}

	// The dashboard catches up too, with its containment and people lines.
	m = press(t, m, "1")
	if m.stale.dash || m.stale.people {
		t.Errorf("stale after showing the dashboard = %+v", m.stale)
	}
}
