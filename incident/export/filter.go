package export

import (
	"slices"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Filter selects the entries an export shows. The zero Filter selects
// every entry. However narrow, the export still verifies the whole chain,
// and its seal covers every entry.
type Filter struct {
	From, To time.Time // occurred times, inclusive; zero means open
	Kinds    []incident.Kind
	Levels   []incident.Level
	Systems  []string // entries naming any of these systems
	People   []string // entries naming any of these people, as author, decision maker or reference
}

// Active reports whether the filter leaves anything out.
func (f Filter) Active() bool {
	return !f.From.IsZero() || !f.To.IsZero() || len(f.Kinds) > 0 || len(f.Levels) > 0 || len(f.Systems) > 0 || len(f.People) > 0
}

// Match reports whether the filter selects e.
func (f Filter) Match(e *incident.Entry) bool {
	switch {
	case !f.From.IsZero() && e.OccurredAt.Before(f.From):
		return false
	case !f.To.IsZero() && e.OccurredAt.After(f.To):
		return false
	case len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Kind):
		return false
	case len(f.Levels) > 0 && !slices.Contains(f.Levels, e.Level):
		return false
	case len(f.Systems) > 0 && !anyOf(e.Systems, f.Systems):
		return false
	case len(f.People) > 0 && !anyOf(append([]string{e.Author, e.DecisionMaker}, e.People...), f.People):
		return false
	}

	return true
}

func anyOf(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if strings.EqualFold(h, w) {
				return true
			}
		}
	}

	return false
}

// Describe writes the filter for a report's header, or "" when it
// selects everything.
func (f Filter) Describe() string {
	var parts []string

	if !f.From.IsZero() {
		parts = append(parts, "occurred from "+f.From.UTC().Format(time.RFC3339))
	}

	if !f.To.IsZero() {
		parts = append(parts, "occurred to "+f.To.UTC().Format(time.RFC3339))
	}

	list := func(label string, items []string) {
		if len(items) > 0 {
			parts = append(parts, label+" "+strings.Join(items, ", "))
		}
	}

	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		kinds[i] = string(k)
	}

	levels := make([]string, len(f.Levels))
	for i, l := range f.Levels {
		levels[i] = string(l)
	}

	list("kinds", kinds)
	list("levels", levels)
	list("systems", f.Systems)
	list("people", f.People)

	return strings.Join(parts, "; ")
}
