package export

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// fixture is a real database in t.TempDir() with one incident and a
// service whose clock the test moves.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	db    *store.DB
	svc   *incident.Service
	now   time.Time
	actor incident.Actor
	ref   string
	zone  *time.Location
}

func newFixture(t *testing.T, exercise bool) *fixture {
	t.Helper()

	ctx := context.Background()

	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "export.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}

	t.Cleanup(func() { db.Close() })

	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}

	f := &fixture{
		t: t, ctx: ctx, db: db, ref: "NBH-2026-014", zone: zone,
		now:   time.Date(2026, 6, 11, 5, 0, 0, 0, time.UTC),
		actor: incident.Actor{ID: "ST05", Name: "Gareth Llewellyn", Level: incident.LevelSilver},
	}
	f.svc = incident.NewService(db, func() time.Time { return f.now })

	err = f.svc.ImportStaff(ctx, f.actor, "test", []incident.StaffMember{
		{ID: "ST05", Name: "Gareth Llewellyn", Level: incident.LevelSilver},
		{ID: "ST01", Name: "Siân Pritchard-Evans", Level: incident.LevelGold},
		{ID: "ST09", Name: "Pipe | Person", Level: incident.LevelSilver},
		{ID: "ST14", Name: "Gráinne Ní Bhriain", Level: incident.LevelBronze},
		{ID: "ST29", Name: "Jürgen Vogt", Level: incident.LevelNone},
	})
	if err != nil {
		t.Fatalf("import staff: %v", err)
	}

	_, err = f.svc.Declare(ctx, f.actor, incident.NewIncident{
		Ref: f.ref, Title: "Pathology partner ransomware", Kind: "ransomware", Severity: "critical", Exercise: exercise,
	})
	if err != nil {
		t.Fatalf("declare: %v", err)
	}

	return f
}

// log advances the clock by a minute and logs in.
func (f *fixture) log(in incident.NewEntry) incident.Entry {
	f.t.Helper()
	f.now = f.now.Add(time.Minute)

	e, err := f.svc.Log(f.ctx, f.actor, f.ref, in)
	if err != nil {
		f.t.Fatalf("log %q: %v", in.Text, err)
	}

	return e
}

// export exports in format and fails the test on an error.
func (f *fixture) export(format Format) string {
	f.t.Helper()

	out, _ := f.exportResult(format)

	return out
}

// exportResult exports in format, with the zone, clock and staff filled
// in, and returns the output and the result.
func (f *fixture) exportResult(format Format) (string, Result) {
	f.t.Helper()

	opts := Options{
		Format: format, Zone: f.zone, Now: f.now, ExportedBy: f.actor.Label(),
		Staff: map[string]string{"ST05": "Gareth Llewellyn", "ST01": "Siân Pritchard-Evans", "ST09": "Pipe | Person"},
	}

	var buf bytes.Buffer
	var res Result

	err := f.db.Read(f.ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(f.ctx, f.ref)
		if err != nil {
			return err
		}

		res, err = Write(f.ctx, &buf, r, inc, opts)

		return err
	})
	if err != nil {
		f.t.Fatalf("export %s: %v", format, err)
	}

	return buf.String(), res
}

// entries returns the stored entries in sequence order.
func (f *fixture) entries() []incident.Entry {
	f.t.Helper()

	var out []incident.Entry

	err := f.db.Read(f.ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(f.ctx, f.ref)
		if err != nil {
			return err
		}

		return r.ScanEntries(f.ctx, incident.EntryQuery{IncidentID: inc.ID}, func(e *incident.Entry) error {
			out = append(out, *e)

			return nil
		})
	})
	if err != nil {
		f.t.Fatalf("read entries: %v", err)
	}

	return out
}

// insertRaw appends an entry with text exactly as given, bypassing the
// service's trimming, with the chain computed as the service does.
func (f *fixture) insertRaw(text string) {
	f.t.Helper()
	f.now = f.now.Add(time.Minute)

	err := f.db.Update(f.ctx, func(tx incident.Tx) error {
		inc, err := tx.IncidentByRef(f.ctx, f.ref)
		if err != nil {
			return err
		}

		seq, head, err := tx.ChainHead(f.ctx, inc.ID)
		if err != nil {
			return err
		}

		e := incident.Entry{
			IncidentID: inc.ID, Seq: seq + 1, PrevHash: head, OccurredAt: f.now, RecordedAt: f.now,
			Author: "ST05", DecisionMaker: "ST05", Level: incident.LevelSilver, Kind: incident.KindObservation, Text: text,
		}
		e.Hash = incident.ComputeHash(f.ref, &e)

		return tx.InsertEntry(f.ctx, &e)
	})
	if err != nil {
		f.t.Fatalf("insert entry %q: %v", text, err)
	}
}
