package importer

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// idPattern is the form of system and staff ids: short, with no spaces and
// no list separators, so that an id reads the same in a list column, on the
// command line (--as) and over the phone.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

func checkID(id string) error {
	if id == "" {
		return errors.New("missing id")
	}

	if !idPattern.MatchString(id) {
		return fmt.Errorf("invalid id %q: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit", id)
	}

	return nil
}

// splitList reads a list column. Items are separated by ';' or ',' and
// blank items are dropped.
func splitList(s string) []string {
	var out []string

	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}

	return out
}

func parseCriticality(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 5 {
		return 0, fmt.Errorf("invalid criticality %q: give a whole number from 1 (low) to 5 (highest)", s)
	}

	return n, nil
}

func parseHours(s string) (float64, error) {
	h, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(h) || math.IsInf(h, 0) || h < 0 {
		return 0, fmt.Errorf("invalid number of hours %q: give a number of hours, 0 or more, such as 4 or 0.5", s)
	}

	return h, nil
}

func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "y", "true", "1":
		return true, nil
	case "no", "n", "false", "0", "":
		return false, nil
	}

	return false, fmt.Errorf("invalid value %q: give yes or no", s)
}

// localLayouts are the timestamp layouts accepted without a UTC offset. The
// day-first forms are the ones UK spreadsheets write.
var localLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
}

// parseFileTime reads a timestamp from a file: RFC 3339 with a UTC offset,
// or a date and time without one, read in zone. Clock times alone and
// offsets from now are rejected, because a file has no "now". A local time
// that a clock change makes ambiguous or skips is rejected with both
// meanings offered, as incident.LocalTime does.
func parseFileTime(s string, zone *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}

	for _, layout := range localLayouts {
		wall, err := time.ParseInLocation(layout, s, time.UTC)
		if err != nil {
			continue
		}

		t, err := incident.LocalTime(wall, zone)
		if err != nil {
			return time.Time{}, err
		}

		return t.UTC(), nil
	}

	return time.Time{}, fmt.Errorf("invalid time %q: give a date and time such as 2026-06-11T05:38:00+01:00, or 2026-06-11 05:38 read in %s", s, zone)
}
