package incident_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// BenchmarkBuildSitrep builds the next situation report for an incident
// whose timeline holds 100 or 100,000 entries, with a sitrep saved after
// them and ten entries since. The report reads only what came after the
// last sitrep, so the two should cost about the same.
func BenchmarkBuildSitrep(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			ctx := context.Background()

			db, err := store.Open(ctx, filepath.Join(b.TempDir(), "s.db"))
			if err != nil {
				b.Fatal(err)
			}

			b.Cleanup(func() { db.Close() })

			now := time.Date(2026, 6, 14, 12, 0, 0, 0, time.UTC)
			svc := incident.NewService(db, func() time.Time { return now })

			if _, err := svc.Declare(ctx, silver, incident.NewIncident{Ref: "NBH-1", Title: "Bench", At: now.Add(-72 * time.Hour)}); err != nil {
				b.Fatal(err)
			}

			rows := make([]incident.ImportedEntry, n)
			for i := range rows {
				at := now.Add(-72*time.Hour + time.Duration(i)*time.Second)
				kind := incident.KindObservation
				if i%10 == 0 {
					kind = incident.KindDecision
				}

				rows[i] = incident.ImportedEntry{OccurredAt: at, RecordedAt: at, Actor: "ST09", Level: incident.LevelSilver, Kind: kind, Text: "entry", Source: "bench"}
			}

			if _, err := svc.ImportEntries(ctx, silver, "NBH-1", "bench", rows); err != nil {
				b.Fatal(err)
			}

			if _, _, err := svc.SaveSitrep(ctx, silver, "", incident.SitrepInput{}, time.UTC); err != nil {
				b.Fatal(err)
			}

			for i := range 10 {
				if _, err := svc.Log(ctx, silver, "", incident.NewEntry{Kind: incident.KindDecision, Text: fmt.Sprint("since ", i), Rationale: "r"}); err != nil {
					b.Fatal(err)
				}
			}

			b.ReportAllocs()

			for b.Loop() {
				if _, err := svc.BuildSitrep(ctx, "", incident.SitrepInput{}, time.UTC); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
