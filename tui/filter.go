package tui

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// filter narrows the timeline. Empty fields match everything.
type filter struct {
	kind  incident.Kind
	level incident.Level
	text  string // lower case
}

func (f filter) active() bool {
	return f.kind != "" || f.level != "" || f.text != ""
}

func (f filter) match(r *row) bool {
	if f.kind != "" && r.entry.Kind != f.kind {
		return false
	}

	if f.level != "" && r.entry.Level != f.level {
		return false
	}

	return f.text == "" || strings.Contains(r.search, f.text)
}

// matches returns the positions in rows that f matches, or nil when f is
// not active and every row shows.
func (f filter) matches(rows []*row) []int {
	if !f.active() {
		return nil
	}

	out := make([]int, 0, 256)
	for i, r := range rows {
		if f.match(r) {
			out = append(out, i)
		}
	}

	return out
}

// nextKind returns the kind after k in incident.Kinds, with "" (every kind)
// before the first and after the last.
func nextKind(k incident.Kind) incident.Kind {
	return cycle(incident.Kinds, k, 1, true)
}

// nextLevel is nextKind for command levels.
func nextLevel(l incident.Level) incident.Level {
	return cycle(incident.Levels, l, 1, true)
}

// cycle steps through list from current by step (1 or -1), wrapping. With
// withAll, the zero value (meaning "all") sits between the last and the
// first.
func cycle[T comparable](list []T, current T, step int, withAll bool) T {
	var zero T

	positions := len(list)
	if withAll {
		positions++
	}

	at := -1
	for i, v := range list {
		if v == current {
			at = i
		}
	}

	switch {
	case at < 0 && !withAll:
		return list[0]
	case at < 0:
		at = len(list) // the zero value's position
	}

	next := ((at+step)%positions + positions) % positions
	if next == len(list) {
		return zero
	}

	return list[next]
}
