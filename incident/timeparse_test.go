package incident_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/northbridge-nhs/sitroom/incident"
)

func london(t *testing.T) *time.Location {
	t.Helper()

	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}

	return loc
}

func TestParseTimeForms(t *testing.T) {
	loc := london(t)
	now := time.Date(2026, 6, 11, 13, 0, 0, 0, time.UTC) // 14:00 BST

	cases := []struct {
		in   string
		want time.Time
	}{
		{"now", now},
		{"", now},
		{"-15m", now.Add(-15 * time.Minute)},
		{"-1h30m", now.Add(-90 * time.Minute)},
		{"13:45", time.Date(2026, 6, 11, 12, 45, 0, 0, time.UTC)},
		{"14:32", time.Date(2026, 6, 10, 13, 32, 0, 0, time.UTC)}, // later than now, so yesterday
		{"2026-06-11 09:20", time.Date(2026, 6, 11, 8, 20, 0, 0, time.UTC)},
		{"2026-06-11T09:20:00+01:00", time.Date(2026, 6, 11, 8, 20, 0, 0, time.UTC)},
		{"2026-01-15T09:20", time.Date(2026, 1, 15, 9, 20, 0, 0, time.UTC)},
		{"2026-10-25 01:30+01:00", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"2026-10-25T01:30+00:00", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)},
		{"2026-10-25 01:30 +01:00", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"2026-10-25 01:30:15Z", time.Date(2026, 10, 25, 1, 30, 15, 0, time.UTC)},
	}

	for _, c := range cases {
		got, err := incident.ParseTime(c.in, now, loc)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", c.in, err)

			continue
		}

		if !got.Equal(c.want) {
			t.Errorf("ParseTime(%q) = %s, want %s", c.in, got.UTC(), c.want)
		}
	}
}

func TestParseTimeInvalid(t *testing.T) {
	loc := london(t)
	now := time.Date(2026, 6, 11, 13, 0, 0, 0, time.UTC)

	for _, in := range []string{"tomorrow", "25:00", "-15", "2026-13-01 10:00", "-x"} {
		_, err := incident.ParseTime(in, now, loc)
		if err == nil {
			t.Errorf("ParseTime(%q) succeeded, want an error", in)

			continue
		}

		if !strings.Contains(err.Error(), in) {
			t.Errorf("ParseTime(%q) error %q does not name the input", in, err)
		}
	}
}

func TestLocalTimeAmbiguousAutumn(t *testing.T) {
	loc := london(t)

	_, err := incident.ParseTime("2026-10-25 01:30", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), loc)

	var amb *incident.AmbiguousTimeError
	if !errors.As(err, &amb) {
		t.Fatalf("err = %v, want *AmbiguousTimeError", err)
	}

	if amb.Skipped {
		t.Error("autumn 01:30 reported as skipped, want ambiguous")
	}

	for _, want := range []string{"2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00+00:00", "ambiguous"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not contain %q", err, want)
		}
	}

	if got := amb.Instants[1].Sub(amb.Instants[0]); got != time.Hour {
		t.Errorf("the two readings are %s apart, want 1h", got)
	}
}

func TestLocalTimeSkippedSpring(t *testing.T) {
	loc := london(t)

	_, err := incident.LocalTime(time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), loc)

	var amb *incident.AmbiguousTimeError
	if !errors.As(err, &amb) {
		t.Fatalf("err = %v, want *AmbiguousTimeError", err)
	}

	if !amb.Skipped {
		t.Error("spring 01:30 not reported as skipped")
	}

	if !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("message %q does not say the time does not exist", err)
	}
}

func TestLocalTimeUnambiguousNearChange(t *testing.T) {
	loc := london(t)

	got, err := incident.LocalTime(time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), loc)
	if err != nil {
		t.Fatalf("02:30 on 25 October: %v", err)
	}

	if want := time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("02:30 GMT = %s, want %s", got.UTC(), want)
	}
}

func TestFormatDuration(t *testing.T) {
	cases := map[time.Duration]string{
		12 * time.Minute:                              "12m",
		4*time.Hour + 5*time.Minute:                   "4h 05m",
		3*24*time.Hour + 4*time.Hour + 59*time.Second: "3d 4h 00m",
		-90 * time.Minute:                             "-1h 30m",
	}

	for d, want := range cases {
		if got := incident.FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
