package incident_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

var gold = incident.Actor{ID: "ST01", Name: "Siân", Level: incident.LevelGold}

func TestPressNeedsGoldApproval(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	m, err := f.svc.AddMessage(ctx, silver, "", incident.NewMessage{
		Direction: incident.Outbound, Channel: incident.ChannelPressRelease, Audience: incident.AudiencePress, Summary: "Holding statement",
	})
	if err != nil || m.Status != incident.MessageDraft || m.Label() != "M-1" {
		t.Fatalf("draft: %+v, %v", m, err)
	}

	if _, _, err := f.svc.SendMessage(ctx, silver, "", 1, 0); err == nil || !strings.Contains(err.Error(), "gold commander must approve") {
		t.Errorf("send unapproved press message: %v", err)
	}

	if _, err := f.svc.ApproveMessage(ctx, silver, "", 1); err == nil || !strings.Contains(err.Error(), "only a gold commander") {
		t.Errorf("silver approval of a press message: %v", err)
	}

	if _, err := f.svc.ApproveMessage(ctx, gold, "", 1); err != nil {
		t.Fatalf("gold approval: %v", err)
	}

	sent, _, err := f.svc.SendMessage(ctx, silver, "", 1, 0)
	if err != nil || sent.Status != incident.MessageSent || sent.ApprovedBy != "ST01" {
		t.Errorf("send after approval: %+v, %v", sent, err)
	}
}

func TestDeadlineAcrossClockChange(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()
	loc := london(t)

	aware, err := incident.ParseTime("2026-10-23 09:20", f.now, loc)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	f.now = aware.Add(time.Hour)

	d, err := f.svc.StartDeadline(ctx, silver, "", "ICO", aware, "names and NHS numbers on the encrypted share", "confirmed by the DPO an hour later")
	if err != nil {
		t.Fatalf("start: %v", err)
	}

	if got := d.Due().In(loc).Format("Mon 2006-01-02 15:04 MST"); got != "Mon 2026-10-26 08:20 GMT" {
		t.Errorf("72-hour clock from 09:20 BST Friday falls due %s, want Mon 2026-10-26 08:20 GMT", got)
	}

	if st := d.State(d.Due().Add(-5 * time.Hour)); st != incident.DeadlineSoon {
		t.Errorf("5h before: state %d, want amber", st)
	}

	if st := d.State(d.Due().Add(time.Minute)); st != incident.DeadlineMissed {
		t.Errorf("after due: state %d, want missed", st)
	}

	// A sent message to the ICO meets it.
	if _, err := f.svc.AddMessage(ctx, silver, "", incident.NewMessage{Direction: incident.Outbound, Channel: incident.ChannelOutOfBand, Audience: incident.AudienceICO, Summary: "Breach report"}); err != nil {
		t.Fatalf("draft: %v", err)
	}

	if _, err := f.svc.ApproveMessage(ctx, silver, "", 1); err != nil {
		t.Fatalf("approve: %v", err)
	}

	_, met, err := f.svc.SendMessage(ctx, silver, "", 1, 0)
	if err != nil || met == nil || met.Name != "ICO personal-data breach report" || met.MetBy != 1 {
		t.Fatalf("send: met %+v, %v", met, err)
	}

	all, _ := f.svc.Deadlines(ctx, "")
	for _, dl := range all {
		if dl.ID == d.ID && dl.State(f.now) != incident.DeadlineMet {
			t.Errorf("ICO duty state %d after the report, want met", dl.State(f.now))
		}
	}
}

func TestSitrepNamesSystemsDeadlinesSeal(t *testing.T) {
	f := peopleFixture(t)
	ctx := context.Background()

	f.move(t, "EPR", incident.SystemIsolated)

	if _, err := f.svc.StartDeadline(ctx, silver, "", "NCSC initial", time.Time{}, "significant incident", ""); err != nil {
		t.Fatalf("start: %v", err)
	}

	rep, e, err := f.svc.SaveSitrep(ctx, gold, "", incident.SitrepInput{Conditions: "EPR down", NextMeeting: f.now.Add(2 * time.Hour)}, time.UTC)
	if err != nil {
		t.Fatalf("sitrep: %v", err)
	}

	for _, want := range []string{"SITREP 1", "EPR (Electronic patient record) isolated", "NCSC initial notice (to NCSC): OPEN", "SEAL before this sitrep", "STAFFING: 3 on duty", "CONDITIONS: EPR down"} {
		if !strings.Contains(rep.Text, want) {
			t.Errorf("sitrep lacks %q:\n%s", want, rep.Text)
		}
	}

	if e.Kind != incident.KindComms || e.Text != rep.Text {
		t.Errorf("saved entry kind %s", e.Kind)
	}

	// The next sitrep lists only what came after this one.
	if _, err := f.svc.Log(ctx, gold, "", incident.NewEntry{Kind: incident.KindDecision, Text: "Divert ambulances", Rationale: "ED on paper"}); err != nil {
		t.Fatalf("log: %v", err)
	}

	next, err := f.svc.BuildSitrep(ctx, "", incident.SitrepInput{}, time.UTC)
	if err != nil {
		t.Fatalf("next sitrep: %v", err)
	}

	if !strings.Contains(next.Text, "SITREP 2") || !strings.Contains(next.Text, "DECISIONS: 1 since SITREP 1") || !strings.Contains(next.Text, "Divert ambulances") {
		t.Errorf("second sitrep:\n%s", next.Text)
	}
}

func TestCorrectDeadlineStart(t *testing.T) {
	f := containmentFixture(t)
	ctx := context.Background()

	start := f.now
	if _, err := f.svc.StartDeadline(ctx, silver, "", "ICO", time.Time{}, "breach likely", ""); err != nil {
		t.Fatalf("start: %v", err)
	}

	if _, err := f.svc.StartDeadline(ctx, silver, "", "ICO", time.Time{}, "again", ""); err == nil || !strings.Contains(err.Error(), "--correct") {
		t.Errorf("second start: %v, want a pointer to the correction", err)
	}

	// The report goes out 60 hours later: on time for the clock as first
	// started, late once it is corrected to 20 hours earlier.
	f.now = start.Add(60 * time.Hour)

	if _, err := f.svc.AddMessage(ctx, silver, "", incident.NewMessage{Direction: incident.Outbound, Channel: incident.ChannelOutOfBand, Audience: incident.AudienceICO, Summary: "Report"}); err != nil {
		t.Fatalf("draft: %v", err)
	}

	if _, err := f.svc.ApproveMessage(ctx, silver, "", 1); err != nil {
		t.Fatalf("approve: %v", err)
	}

	if _, met, err := f.svc.SendMessage(ctx, silver, "", 1, 0); err != nil || met.State(f.now) != incident.DeadlineMet {
		t.Fatalf("send: %+v, %v", met, err)
	}

	d, err := f.svc.CorrectDeadlineStart(ctx, silver, "", "ICO", start.Add(-20*time.Hour), "the DPO's log shows awareness the day before")
	if err != nil {
		t.Fatalf("correct: %v", err)
	}

	if d.State(f.now) != incident.DeadlineMetLate || !d.Due().Equal(start.Add(52*time.Hour)) {
		t.Errorf("after correction: state %d due %s, want met late, due 52h after the first start", d.State(f.now), d.Due())
	}
}
