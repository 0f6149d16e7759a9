package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// benchPeopleComms returns a console at 80x24 on view with a roster of
// staff people and messages messages. Everyone is on duty, for up to 16
// hours, with welfare checks up to three hours old, so that every row
// drawn has the same cells whatever the roster's size. A roll call is
// open with a quarter of them marked. Two notification clocks run, so the
// status bar counts down. The data is built in memory, as the Cmds would
// hand it over.
func benchPeopleComms(tb testing.TB, staff, messages int, view viewID) Model {
	m := New(Options{Incident: incident.Incident{ID: 1, Ref: "BENCH-1", Title: "Benchmark", DeclaredAt: testNow.Add(-48 * time.Hour)},
		Zone: london(tb), Actor: incident.Actor{ID: "ST05", Level: incident.LevelSilver}, Now: func() time.Time { return testNow }})

	next, _ := m.Update(teaResize(80, 24))
	m = next.(Model)

	p := incident.People{Now: testNow, Welfare: 2 * time.Hour}
	call := incident.RollCall{ID: 1, Num: 1, StartedAt: testNow.Add(-10 * time.Minute), Marks: map[string]incident.RollMark{}}

	for i := range staff {
		id := fmt.Sprintf("ST%04d", i)
		p.Staff = append(p.Staff, incident.StaffMember{
			ID: id, Name: fmt.Sprintf("Staff member %d", i), Role: "Clinical systems engineer", Level: incident.Levels[i%3],
			Team: "Digital", Phone: "07700 900000", Location: "Northbridge General Hospital",
		})

		since := testNow.Add(-time.Duration(i%16)*time.Hour - time.Duration(i%60)*time.Minute)
		d := incident.Duty{
			ID: int64(i + 1), StaffID: id, OnSince: since, Location: "ICC room 2", Route: incident.RouteRadio, Contact: "channel 4",
			LastWelfare: testNow.Add(-time.Duration(i%180) * time.Minute),
		}

		if i%7 == 0 {
			d.RestSeq = int64(i)
		}

		p.Duties = append(p.Duties, d)
		call.Expected = append(call.Expected, id)

		if i%4 == 0 {
			call.Marks[id] = incident.RollMark{StaffID: id, Accounted: i%8 == 0}
		}
	}

	p.Calls = []incident.RollCall{call}

	var msgs []incident.Message
	for i := range messages {
		msgs = append(msgs, incident.Message{
			ID: int64(i + 1), Num: int64(i + 1), Direction: incident.Outbound, Channel: incident.Channels[i%len(incident.Channels)],
			Audience: incident.Audiences[i%len(incident.Audiences)], Counterpart: "Duty desk", Summary: strings.Repeat("Update on the outage ", 4),
			Status:     []incident.MessageStatus{incident.MessageDraft, incident.MessageApproved, incident.MessageSent, incident.MessageAcknowledged}[i%4],
			ApprovedBy: "ST01",
		})
	}

	deadlines := incident.DefaultDeadlines()
	deadlines[0].StartedAt = testNow.Add(-2 * time.Hour)
	deadlines[1].StartedAt = testNow.Add(-20 * time.Hour)

	m.people = newPeopleData(p)
	m.peopleList.rebuild(m.people, m.layout, m.now)
	m.comms = newCommsData(msgs, deadlines, nil)
	m.commsList.rebuild(m.comms, m.layout)
	m.view = view

	return m
}

func BenchmarkPeopleView(b *testing.B) {
	for _, n := range []int{30, 2_000} {
		b.Run(fmt.Sprintf("staff=%d", n), func(b *testing.B) {
			m := benchPeopleComms(b, n, 300, viewPeople)
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

func BenchmarkCommsView(b *testing.B) {
	for _, n := range []int{300, 20_000} {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			m := benchPeopleComms(b, 30, n, viewComms)
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

func BenchmarkDashboardPeopleComms(b *testing.B) {
	for _, n := range []int{30, 2_000} {
		b.Run(fmt.Sprintf("staff=%d", n), func(b *testing.B) {
			m := benchPeopleComms(b, n, n*10, viewDashboard)
			b.ReportAllocs()

			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
