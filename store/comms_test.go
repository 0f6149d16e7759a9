package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestMessageRoundTrip(t *testing.T) {
	db, id := testIncident(t)

	draft := incident.Message{
		IncidentID: id, Num: 1, Direction: incident.Outbound, Channel: incident.ChannelPressRelease,
		Counterpart: "Regional newsdesk", Audience: incident.AudiencePress, Summary: "Holding statement on the outage",
		Status: incident.MessageDraft, CreatedAt: at(9, 10), CreatedBy: "ST05",
	}
	inbound := incident.Message{
		IncidentID: id, Num: 2, Direction: incident.Inbound, Channel: incident.ChannelFaceToFace,
		Counterpart: "ICB on-call director", Audience: incident.AudienceICB, Summary: "Asks for a 14:00 update",
		Status: incident.MessageReceived, CreatedAt: at(9, 40), CreatedBy: "ST07",
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.InsertMessage(ctx, &inbound); err != nil {
			return err
		}

		return tx.InsertMessage(ctx, &draft)
	})

	if draft.ID == 0 || inbound.ID == 0 || draft.ID == inbound.ID {
		t.Fatalf("message ids after insert = %d and %d, want two different non-zero ids", draft.ID, inbound.ID)
	}

	messages := func(ctx context.Context, r incident.Reader) ([]incident.Message, error) { return r.Messages(ctx, id) }

	// Number order puts M-1 first, though it was stored second.
	want := []incident.Message{utcMessage(draft), utcMessage(inbound)}
	if got := readBack(t, db, messages); !reflect.DeepEqual(got, want) {
		t.Errorf("messages after insert =\n%+v\nwant\n%+v", got, want)
	}

	sent := draft
	sent.Status, sent.DeadlineID = incident.MessageAcknowledged, 3
	sent.ApprovedBy, sent.ApprovedAt, sent.ApproverLevel = "ST01", at(9, 30), incident.LevelGold
	sent.SentBy, sent.SentAt, sent.AcknowledgedAt = "ST05", at(9, 35), at(11, 0)
	sent.Summary = "Holding statement on the outage, as approved"

	update(t, db, func(ctx context.Context, tx incident.Tx) error { return tx.UpdateMessage(ctx, sent) })

	want = []incident.Message{utcMessage(sent), utcMessage(inbound)}
	if got := readBack(t, db, messages); !reflect.DeepEqual(got, want) {
		t.Errorf("messages after update =\n%+v\nwant\n%+v", got, want)
	}

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		dup := inbound
		return tx.InsertMessage(context.Background(), &dup)
	})
	if err == nil {
		t.Error("second insert of message M-2 succeeded, want a unique constraint error")
	}
}

func TestMessageUpdateMissing(t *testing.T) {
	db, id := testIncident(t)

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.UpdateMessage(context.Background(), incident.Message{ID: 99, IncidentID: id, Num: 1})
	})
	if !errors.Is(err, incident.ErrNotFound) {
		t.Errorf("UpdateMessage of id 99 error = %v, want one wrapping ErrNotFound", err)
	}
}

func utcMessage(m incident.Message) incident.Message {
	m.CreatedAt, m.ApprovedAt, m.SentAt, m.AcknowledgedAt = utc(m.CreatedAt), utc(m.ApprovedAt), utc(m.SentAt), utc(m.AcknowledgedAt)

	return m
}

func TestDeadlineRoundTrip(t *testing.T) {
	db, id := testIncident(t)

	stored := incident.DefaultDeadlines()
	for i := range stored {
		stored[i].IncidentID = id
	}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		for i := range stored {
			if err := tx.InsertDeadline(ctx, &stored[i]); err != nil {
				return err
			}
		}

		return nil
	})

	for i, d := range stored {
		if d.ID == 0 || (i > 0 && d.ID <= stored[i-1].ID) {
			t.Fatalf("deadline ids after insert = %+v, want rising non-zero ids", stored)
		}
	}

	deadlines := func(ctx context.Context, r incident.Reader) ([]incident.Deadline, error) { return r.Deadlines(ctx, id) }

	got := readBack(t, db, deadlines)
	if !reflect.DeepEqual(got, stored) {
		t.Errorf("deadlines after insert =\n%+v\nwant\n%+v", got, stored)
	}

	asap := got[len(got)-1]
	if asap.Within != 0 || !asap.ASAP() {
		t.Errorf("NHS England deadline after insert: within %s, as soon as possible %v; want 0 and true", asap.Within, asap.ASAP())
	}

	// The ICO clock starts and is met, and the as-soon-as-possible one only
	// starts. An odd duration checks that within_ns keeps nanoseconds.
	stored[0].StartedAt, stored[0].StartSeq, stored[0].MetAt, stored[0].MetBy = at(9, 0), 6, at(14, 0), 1
	stored[0].Within = 71*time.Hour + 59*time.Minute + 7*time.Nanosecond
	stored[3].StartedAt, stored[3].StartSeq = at(8, 15), 2
	stored[3].StartEvent = "declaring the incident at gold"

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.UpdateDeadline(ctx, stored[0]); err != nil {
			return err
		}

		return tx.UpdateDeadline(ctx, stored[3])
	})

	want := make([]incident.Deadline, len(stored))
	for i, d := range stored {
		d.StartedAt, d.MetAt = utc(d.StartedAt), utc(d.MetAt)
		want[i] = d
	}

	got = readBack(t, db, deadlines)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deadlines after update =\n%+v\nwant\n%+v", got, want)
	}

	if got[3].Within != 0 || !got[3].Started() || got[3].Met() {
		t.Errorf("NHS England deadline after update: within %s, started %v, met %v; want 0, true, false",
			got[3].Within, got[3].Started(), got[3].Met())
	}
}

func TestDeadlineUpdateMissing(t *testing.T) {
	db, id := testIncident(t)

	err := db.Update(context.Background(), func(tx incident.Tx) error {
		return tx.UpdateDeadline(context.Background(), incident.Deadline{ID: 99, IncidentID: id, Name: "ICO"})
	})
	if !errors.Is(err, incident.ErrNotFound) {
		t.Errorf("UpdateDeadline of id 99 error = %v, want one wrapping ErrNotFound", err)
	}
}

func TestSitrepRoundTrip(t *testing.T) {
	db, id := testIncident(t)

	second := incident.SitrepRecord{IncidentID: id, Num: 2, EntrySeq: 9, EntryID: 9, At: at(14, 0), NextMeeting: at(18, 0)}
	first := incident.SitrepRecord{IncidentID: id, Num: 1, EntrySeq: 4, EntryID: 4, At: at(10, 0)}

	update(t, db, func(ctx context.Context, tx incident.Tx) error {
		if err := tx.InsertSitrep(ctx, second); err != nil {
			return err
		}

		return tx.InsertSitrep(ctx, first)
	})

	first.At = first.At.UTC()
	second.At, second.NextMeeting = second.At.UTC(), second.NextMeeting.UTC()

	want := []incident.SitrepRecord{first, second}
	got := readBack(t, db, func(ctx context.Context, r incident.Reader) ([]incident.SitrepRecord, error) {
		return r.Sitreps(ctx, id)
	})

	if !reflect.DeepEqual(got, want) {
		t.Errorf("sitreps =\n%+v\nwant\n%+v", got, want)
	}

	err := db.Update(context.Background(), func(tx incident.Tx) error { return tx.InsertSitrep(context.Background(), first) })
	if err == nil {
		t.Error("second insert of SITREP 1 succeeded, want a primary key error")
	}
}
