package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// benchModel returns a console on the timeline at 80x24 holding n entries
// placed in memory: thirty seconds apart, every kind and level, one in
// seven late and one in eleven correcting the entry before it.
func benchModel(tb testing.TB, n int) Model {
	zone := london(tb)
	m := New(Options{Incident: incident.Incident{ID: 1, Ref: "BENCH-1", Title: "Benchmark", DeclaredAt: testNow}, Zone: zone,
		Actor: incident.Actor{ID: "ST05", Level: incident.LevelSilver}, Now: func() time.Time { return testNow }})

	next, _ := m.Update(teaResize(80, 24))
	m = next.(Model)

	rows := make([]*row, n)
	start := testNow.Add(-time.Duration(n) * 30 * time.Second)

	for i := range rows {
		seq := int64(i + 1)
		at := start.Add(time.Duration(i) * 30 * time.Second)
		e := incident.Entry{
			ID: seq, Seq: seq, OccurredAt: at, RecordedAt: at, Author: "ST07", DecisionMaker: "ST01",
			Level: incident.Levels[i%len(incident.Levels)], Kind: incident.Kinds[i%len(incident.Kinds)],
			Text: fmt.Sprintf("Entry %d: %s", seq, strings.Repeat("status of the network and clinical systems ", 3)),
		}

		if i%7 == 0 {
			e.RecordedAt = at.Add(time.Hour)
			e.LateReason = "recorded after the meeting"
		}

		if i%11 == 0 && i > 0 {
			e.Amends = seq - 1
			e.AmendReason = "typo"
		}

		rows[i] = newRow(e, zone)
	}

	m.timeline.place(&m.entries, rows, m.layout)
	m.loaded = true
	m.view = viewTimeline

	return m
}

func BenchmarkTimelineView(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			if got := len(strings.Split(m.View().Content, "\n")); got != 24 {
				b.Fatalf("view has %d lines, want 24", got)
			}

			b.ReportAllocs()

			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
