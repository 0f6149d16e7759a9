package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/export"
)

// exportSelection holds the export flags that choose entries and details.
type exportSelection struct {
	from, to                       string
	kinds, levels, systems, people []string
	personal                       bool
}

func (s *exportSelection) addFlags(f *pflag.FlagSet) {
	f.StringVar(&s.from, "from", "", "only entries that occurred at or after this time (14:32, -6h or a timestamp)")
	f.StringVar(&s.to, "to", "", "only entries that occurred at or before this time")
	f.StringSliceVar(&s.kinds, "kind", nil, "only entries of these kinds (repeat or separate with commas)")
	f.StringSliceVar(&s.levels, "level", nil, "only entries at these command levels")
	f.StringSliceVar(&s.systems, "system", nil, "only entries naming these systems")
	f.StringSliceVar(&s.people, "person", nil, "only entries by, for or naming these staff ids")
	f.BoolVar(&s.personal, "include-personal", false, "include staff phone numbers and contact details")
}

// options turns the flags into export options, reading times in the
// display zone.
func (s *exportSelection) options(a *app) (export.Options, error) {
	opts := export.Options{IncludePersonal: s.personal}
	f := &opts.Filter
	now := a.svc.Now()

	var err error

	if s.from != "" {
		if f.From, err = incident.ParseTime(s.from, now, a.zone); err != nil {
			return opts, fmt.Errorf("--from %q: %w", s.from, err)
		}
	}

	if s.to != "" {
		if f.To, err = incident.ParseTime(s.to, now, a.zone); err != nil {
			return opts, fmt.Errorf("--to %q: %w", s.to, err)
		}
	}

	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return opts, fmt.Errorf("--to %s is before --from %s: swap them", s.to, s.from)
	}

	for _, k := range s.kinds {
		kind, err := incident.ParseKind(k)
		if err != nil {
			return opts, err
		}

		f.Kinds = append(f.Kinds, kind)
	}

	for _, l := range s.levels {
		level, err := incident.ParseLevel(l)
		if err != nil {
			return opts, err
		}

		f.Levels = append(f.Levels, level)
	}

	f.Systems, f.People = s.systems, s.people

	return opts, nil
}
