package tui

import (
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestStartViewByLevel(t *testing.T) {
	cases := []struct {
		level incident.Level
		view  viewID
		mine  bool
	}{
		{incident.LevelGold, viewDashboard, false},
		{incident.LevelSilver, viewBoard, false},
		{incident.LevelBronze, viewTasks, true},
		{incident.LevelNone, viewDashboard, false},
		{"", viewDashboard, false},
	}

	for _, c := range cases {
		view, mine := startView(c.level)
		if view != c.view || mine != c.mine {
			t.Errorf("level %q opens view %d (mine %v), want %d (mine %v)", c.level, view, mine, c.view, c.mine)
		}
	}
}
