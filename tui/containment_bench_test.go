package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// benchBoard returns a console at 80x24 on view holding a board of
// systems systems, one in three out of service for up to ten hours against
// RTOs of 1 to 12 hours, and tasks tasks, one in five overdue. The board
// is built in memory, as loadBoard's Cmd would hand it over.
func benchBoard(tb testing.TB, systems, tasks int, view viewID) Model {
	m := New(Options{Incident: incident.Incident{ID: 1, Ref: "BENCH-1", Title: "Benchmark", DeclaredAt: testNow.Add(-48 * time.Hour)},
		Zone: london(tb), Actor: incident.Actor{ID: "ST05", Level: incident.LevelSilver}, Now: func() time.Time { return testNow }})

	next, _ := m.Update(teaResize(80, 24))
	m = next.(Model)

	b := incident.Board{Now: testNow}
	for i := range systems {
		sys := incident.System{
			ID: fmt.Sprintf("SYS-%04d", i), Name: fmt.Sprintf("System %d", i), OwnerRole: "Head of Clinical Systems",
			Criticality: 1 + i%5, RTOHours: float64(1 + i%12), PatientImpact: strings.Repeat("patients wait for results ", 3),
		}

		st := incident.SystemState{SystemID: sys.ID, Status: incident.SystemOperational}
		if i%3 == 0 {
			st.Status = incident.SystemStatuses[2+i%6]
			st.OutSince = testNow.Add(-time.Duration(i%600) * time.Minute)
			st.Since, st.Episode = st.OutSince, 1
		}

		b.Systems = append(b.Systems, incident.SystemRow{System: sys, State: st, Place: incident.OrderPlace{Place: i + 1, SystemID: sys.ID, Reason: "criticality"}})
	}

	for i := range tasks {
		t := incident.Task{
			Num: int64(i + 1), Title: fmt.Sprintf("Restore service %d from the immutable backup", i), SystemID: fmt.Sprintf("SYS-%04d", i%max(1, systems)),
			Owner: fmt.Sprintf("ST%02d", i%30), Level: incident.Levels[i%3], Priority: 1 + i%4, Status: incident.TaskStatuses[i%5],
			Due: testNow.Add(time.Duration(i%10-2) * time.Hour),
		}

		if i > 0 && i%4 == 0 {
			t.DependsOn = []int64{int64(i)}
		}

		b.Tasks = append(b.Tasks, t)
	}

	m.cont = newContainment(b, nil)
	m.board.rebuild(m.cont, m.layout)
	m.tasks.rebuild(m.cont, m.layout, m.opts.Actor.ID)
	m.view = view

	return m
}

func BenchmarkBoardView(b *testing.B) {
	for _, n := range []int{40, 2_000} {
		b.Run(fmt.Sprintf("systems=%d", n), func(b *testing.B) {
			m := benchBoard(b, n, 0, viewBoard)
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

func BenchmarkTasksView(b *testing.B) {
	for _, n := range []int{200, 20_000} {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			m := benchBoard(b, 40, n, viewTasks)
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

func BenchmarkDashboardContainment(b *testing.B) {
	for _, n := range []int{40, 2_000} {
		b.Run(fmt.Sprintf("systems=%d", n), func(b *testing.B) {
			m := benchBoard(b, n, n*10, viewDashboard)
			b.ReportAllocs()

			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
