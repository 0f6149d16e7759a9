package tui

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// chooseKind steps through kinds on left and right, or jumps to the next
// kind starting with a typed letter ("c" visits comms, containment and
// check-in in turn).
func chooseKind(current incident.Kind, key string) incident.Kind {
	switch key {
	case "right", "space":
		return cycle(incident.Kinds, current, 1, false)
	case "left":
		return cycle(incident.Kinds, current, -1, false)
	}

	return nextStartingWith(incident.Kinds, current, key)
}

func chooseLevel(current incident.Level, key string) incident.Level {
	switch key {
	case "right", "space":
		return cycle(incident.Levels, current, 1, false)
	case "left":
		return cycle(incident.Levels, current, -1, false)
	}

	return nextStartingWith(incident.Levels, current, key)
}

// nextStartingWith returns the first value after current whose name
// starts with letter, or current when none does.
func nextStartingWith[T ~string](list []T, current T, letter string) T {
	if len(letter) != 1 {
		return current
	}

	letter = strings.ToLower(letter)
	at := 0

	for i, v := range list {
		if v == current {
			at = i
		}
	}

	for step := 1; step <= len(list); step++ {
		v := list[(at+step)%len(list)]
		if strings.HasPrefix(string(v), letter) {
			return v
		}
	}

	return current
}
