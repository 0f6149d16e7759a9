package incident

import (
	"fmt"
	"strings"
	"time"
)

// offsetLayouts are the timestamp layouts accepted with a UTC offset, which
// settle any clock-change ambiguity.
var offsetLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04 Z07:00",
}

// localLayouts are the timestamp layouts accepted without an offset; they
// are read in the display zone.
var localLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"02/01/2006 15:04",
}

// ParseTime reads a time typed by an operator: "now", a clock time such as
// "14:32" (today in loc, or yesterday when that would be in the future), an
// offset back from now such as "-15m" or "-1h30m", an RFC 3339 timestamp
// with offset, or a date and time without offset read in loc. A local time
// that a clock change makes ambiguous or skips is an *AmbiguousTimeError.
func ParseTime(input string, now time.Time, loc *time.Location) (time.Time, error) {
	s := strings.TrimSpace(input)

	switch {
	case s == "" || strings.EqualFold(s, "now"):
		return now, nil
	case strings.HasPrefix(s, "-"):
		d, err := time.ParseDuration(s[1:])
		if err != nil || d < 0 {
			return time.Time{}, fmt.Errorf("invalid time %q: write an offset back from now as -15m or -1h30m", input)
		}

		return now.Add(-d), nil
	}

	for _, layout := range offsetLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}

	if t, ok, err := parseClock(s, now, loc); ok {
		return t, err
	}

	for _, layout := range localLayouts {
		wall, err := time.ParseInLocation(layout, s, time.UTC)
		if err != nil {
			continue
		}

		return LocalTime(wall, loc)
	}

	return time.Time{}, fmt.Errorf("invalid time %q: use 14:32, -15m, 2026-06-11 14:32 or, with an offset, 2026-06-11 14:32+01:00", input)
}

// parseClock reads "15:04" or "15:04:05" as the most recent such wall time
// in loc, no more than a minute ahead of now.
func parseClock(s string, now time.Time, loc *time.Location) (time.Time, bool, error) {
	var clock time.Time
	var err error

	for _, layout := range []string{"15:04", "15:04:05"} {
		clock, err = time.Parse(layout, s)
		if err == nil {
			break
		}
	}

	if err != nil {
		return time.Time{}, false, nil
	}

	local := now.In(loc)
	wall := time.Date(local.Year(), local.Month(), local.Day(), clock.Hour(), clock.Minute(), clock.Second(), 0, time.UTC)

	t, err := LocalTime(wall, loc)
	if err == nil && t.After(now.Add(time.Minute)) {
		t, err = LocalTime(wall.AddDate(0, 0, -1), loc)
	}

	return t, true, err
}

// AmbiguousTimeError reports a local time that occurs twice in a zone (when
// clocks go back) or not at all (when they go forward).
type AmbiguousTimeError struct {
	Wall     time.Time // the wall-clock reading, with its fields in UTC
	Zone     string
	Instants [2]time.Time // the two instants it could mean, earlier first
	Skipped  bool         // true when the wall time does not exist
	Abbrevs  [2]string    // zone abbreviations for the two readings
	Offsets  [2]int       // UTC offsets in seconds for the two readings
}

func (e *AmbiguousTimeError) Error() string {
	wall := e.Wall.Format("2006-01-02 15:04")
	reading := func(i int) string {
		zone := time.FixedZone(e.Abbrevs[i], e.Offsets[i])
		local := e.Instants[i].In(zone)

		return fmt.Sprintf("%s (%s, %s)", local.Format("2006-01-02T15:04:05-07:00"), e.Abbrevs[i], e.Instants[i].UTC().Format("15:04 UTC"))
	}
	meaning := reading(0) + " or " + reading(1)

	if e.Skipped {
		return fmt.Sprintf("local time %s does not exist in %s because the clocks went forward: it could mean %s; write it with its offset", wall, e.Zone, meaning)
	}

	return fmt.Sprintf("local time %s is ambiguous in %s because the clocks went back: it could mean %s; write it with its offset", wall, e.Zone, meaning)
}

// LocalTime returns the instant at which clocks in loc showed wall (whose
// fields are read as they stand, whatever its location). It returns an
// *AmbiguousTimeError when that reading happened twice or never.
func LocalTime(wall time.Time, loc *time.Location) (time.Time, error) {
	naive := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), time.UTC)

	// Every offset in force within a day either side covers any transition
	// that could make this wall time ambiguous or missing.
	offsets := map[int]string{}
	for _, probe := range []time.Time{naive.Add(-26 * time.Hour), naive, naive.Add(26 * time.Hour)} {
		name, off := probe.In(loc).Zone()
		offsets[off] = name
	}

	var found []time.Time
	var names []string

	for off, name := range offsets {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if sameWall(t, naive) {
			found = append(found, t)
			names = append(names, name)
		}
	}

	if len(found) == 1 {
		return found[0], nil
	}

	err := &AmbiguousTimeError{Wall: naive, Zone: loc.String()}

	if len(found) == 2 {
		if found[1].Before(found[0]) {
			found[0], found[1] = found[1], found[0]
			names[0], names[1] = names[1], names[0]
		}

		err.Instants = [2]time.Time{found[0], found[1]}
		err.Abbrevs = [2]string{names[0], names[1]}
		_, err.Offsets[0] = found[0].Zone()
		_, err.Offsets[1] = found[1].Zone()

		return time.Time{}, err
	}

	// Skipped: offer the reading under the offset before and after the jump.
	before, _ := naive.Add(-26 * time.Hour).In(loc).Zone()
	_, offBefore := naive.Add(-26 * time.Hour).In(loc).Zone()
	after, offAfter := naive.Add(26 * time.Hour).In(loc).Zone()
	first := naive.Add(-time.Duration(offAfter) * time.Second).In(loc)
	second := naive.Add(-time.Duration(offBefore) * time.Second).In(loc)

	err.Skipped = true
	err.Instants = [2]time.Time{first, second}
	err.Abbrevs = [2]string{after, before}
	err.Offsets = [2]int{offAfter, offBefore}

	return time.Time{}, err
}

func sameWall(t, naive time.Time) bool {
	y, m, d := t.Date()

	return y == naive.Year() && m == naive.Month() && d == naive.Day() &&
		t.Hour() == naive.Hour() && t.Minute() == naive.Minute() && t.Second() == naive.Second()
}
