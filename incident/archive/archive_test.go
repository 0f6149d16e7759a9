package archive_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/archive"
	"github.com/northbridge-nhs/sitroom/store"
)

func newService(t *testing.T, now *time.Time) *incident.Service {
	t.Helper()

	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() { db.Close() })

	return incident.NewService(db, func() time.Time { return *now })
}

// TestArchiveCarriesComms moves an incident whose sent message met a
// notification duty, and checks that the message still names that duty
// on the new host, whose row ids differ.
func TestArchiveCarriesComms(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 6, 11, 9, 0, 0, 0, time.UTC)
	actor := incident.Actor{ID: "ST19", Level: incident.LevelGold, Setup: true}

	from := newService(t, &now)

	if _, err := from.Declare(ctx, actor, incident.NewIncident{Ref: "A-1", Title: "Archive test"}); err != nil {
		t.Fatal(err)
	}

	// The receiving host already has another incident with its duties
	// stored, so the moved duties get other row ids.
	to := newService(t, &now)
	if _, err := to.Declare(ctx, actor, incident.NewIncident{Ref: "B-1", Title: "Already here"}); err != nil {
		t.Fatal(err)
	}

	if _, err := to.StartDeadline(ctx, actor, "B-1", "NCSC initial notice", now, "another incident", ""); err != nil {
		t.Fatal(err)
	}

	if _, err := from.StartDeadline(ctx, actor, "A-1", "NCSC initial notice", now.Add(-5*time.Minute), "significant incident", ""); err != nil {
		t.Fatal(err)
	}

	msg, err := from.AddMessage(ctx, actor, "A-1", incident.NewMessage{Direction: incident.Outbound, Channel: incident.ChannelPhone,
		Audience: incident.AudienceNCSC, Summary: "Initial notice to NCSC"})
	if err != nil {
		t.Fatal(err)
	}

	deadlines, err := from.Deadlines(ctx, "A-1")
	if err != nil {
		t.Fatal(err)
	}

	var ncsc incident.Deadline
	for _, d := range deadlines {
		if d.Name == "NCSC initial notice" {
			ncsc = d
		}
	}

	if _, err := from.ApproveMessage(ctx, actor, "A-1", msg.Num); err != nil {
		t.Fatal(err)
	}

	if _, _, err := from.SendMessage(ctx, actor, "A-1", msg.Num, ncsc.ID); err != nil {
		t.Fatal(err)
	}

	var file bytes.Buffer
	if _, err := archive.Write(ctx, from, actor, "A-1", &file); err != nil {
		t.Fatal(err)
	}

	sum, err := archive.Import(ctx, to, actor, bytes.NewReader(file.Bytes()))
	if err != nil || !sum.Created {
		t.Fatalf("import = %+v, %v", sum, err)
	}

	moved, err := to.Messages(ctx, "A-1")
	if err != nil || len(moved) != 1 {
		t.Fatalf("messages there = %+v, %v", moved, err)
	}

	there, err := to.Deadlines(ctx, "A-1")
	if err != nil {
		t.Fatal(err)
	}

	if moved[0].DeadlineID == ncsc.ID {
		t.Errorf("the moved message kept the duty id %d of the first host", ncsc.ID)
	}

	for _, d := range there {
		if d.ID == moved[0].DeadlineID && d.Name != "NCSC initial notice" {
			t.Errorf("the message meets %q there, want NCSC initial notice", d.Name)
		}

		if d.Name == "NCSC initial notice" && (d.MetAt.IsZero() || d.ID != moved[0].DeadlineID) {
			t.Errorf("NCSC initial notice there: met %v, id %d; the message names %d", d.MetAt, d.ID, moved[0].DeadlineID)
		}
	}

	again, err := archive.Import(ctx, to, actor, bytes.NewReader(file.Bytes()))
	if err != nil || again.Added != 0 {
		t.Errorf("second import = %+v, %v; want nothing added", again, err)
	}
}
