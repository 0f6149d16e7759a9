package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // the scenario's wall-clock times are Europe/London's

	"github.com/northbridge-nhs/sitroom/incident"
)

// lastScenarioEntry is when the scenario's last timeline row occurred:
// 05:25 BST on Sunday 14 June 2026.
var lastScenarioEntry = time.Date(2026, time.June, 14, 4, 25, 0, 0, time.UTC)

func scenarioZone() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("Europe/London missing although time/tzdata is embedded: " + err.Error())
	}

	return loc
}

// shiftDays moves t by whole calendar days in Europe/London, keeping its
// wall-clock time, so that a night-shift entry stays at night.
func shiftDays(t time.Time, days int) time.Time {
	return t.In(scenarioZone()).AddDate(0, 0, days)
}

// daysToShift returns the number of whole days that brings the scenario's
// last entry as close to now as it can be without passing it, so that the
// demo looks like an incident in its third day rather than one from June.
func daysToShift(now time.Time) int {
	days := int(now.Sub(lastScenarioEntry) / (24 * time.Hour))

	for shiftDays(lastScenarioEntry, days+1).Before(now) {
		days++
	}

	for shiftDays(lastScenarioEntry, days).After(now) {
		days--
	}

	return days
}

// existingShift returns the shift an earlier load used, read from the
// demo incident's declaration time.
func existingShift(ctx context.Context, svc *incident.Service) (int, error) {
	inc, err := svc.ResolveIncident(ctx, Ref)
	if err != nil {
		return 0, err
	}

	days := inc.DeclaredAt.Sub(declaration.At).Round(24*time.Hour) / (24 * time.Hour)

	return int(days), nil
}

// shiftTimeline rewrites the occurred_at and recorded_at columns of the
// scenario timeline file by days.
func shiftTimeline(data []byte, days int) ([]byte, error) {
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read embedded %s: %w", TimelineFile, err)
	}

	if len(records) == 0 {
		return nil, fmt.Errorf("embedded %s is empty", TimelineFile)
	}

	occurredCol, recordedCol := -1, -1
	for i, name := range records[0] {
		switch name {
		case "occurred_at":
			occurredCol = i
		case "recorded_at":
			recordedCol = i
		}
	}

	if occurredCol < 0 || recordedCol < 0 {
		return nil, fmt.Errorf("embedded %s lacks occurred_at or recorded_at", TimelineFile)
	}

	// The recorded time keeps its exact distance from the occurred time, so
	// a clock change on the new dates cannot make an entry late or early.
	for line, rec := range records[1:] {
		occurred, err1 := time.Parse(time.RFC3339, rec[occurredCol])
		recorded, err2 := time.Parse(time.RFC3339, rec[recordedCol])

		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("embedded %s line %d: %w", TimelineFile, line+2, err)
		}

		moved := shiftDays(occurred, days)
		rec[occurredCol] = moved.Format(time.RFC3339)
		rec[recordedCol] = moved.Add(recorded.Sub(occurred)).Format(time.RFC3339)
	}

	var out bytes.Buffer
	w := csv.NewWriter(&out)

	if err := w.WriteAll(records); err != nil {
		return nil, fmt.Errorf("rewrite embedded %s: %w", TimelineFile, err)
	}

	return out.Bytes(), nil
}
