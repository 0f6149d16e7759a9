package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// benchText is about the length of a typical loggist's entry.
const benchText = "Silver agreed to isolate the PAS interface engine from the trust network; " +
	"pharmacy to move to paper prescribing until the rebuild is validated."

// BenchmarkLogEntry compares appending one timeline entry through the
// service (resolve the incident, read the chain head, hash, insert, commit
// with synchronous=FULL) with a bare INSERT of a row of the same size on a
// database opened with the same connection settings. Each commit waits for
// an fsync, so both measure the disk as much as the code: compare the two
// within one run, never across machines.
func BenchmarkLogEntry(b *testing.B) {
	ctx := context.Background()

	b.Run("service_log", func(b *testing.B) {
		_, svc := newTestService(b)
		in := incident.NewEntry{Text: benchText}

		b.ReportAllocs()

		for b.Loop() {
			if _, err := svc.Log(ctx, testActor, testRef, in); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("bare_insert", benchmarkBareInsert)
}

// benchmarkBareInsert inserts one entry-sized row per iteration in
// autocommit mode, on a database opened with the store's settings: the
// baseline that the service benchmarks are held to.
func benchmarkBareInsert(b *testing.B) {
	ctx := context.Background()
	db, _ := newTestService(b)

	// Entry 1 is the declaration. The hashes are fixed strings as long as
	// a hex SHA-256.
	seq := int64(1)
	hash := strings.Repeat("ab", 32)
	level, kind := string(testActor.Level), string(incident.KindObservation)

	b.ReportAllocs()

	for b.Loop() {
		seq++
		now := time.Now().UnixNano()

		err := db.Exec(ctx, `INSERT INTO entries (incident_id, seq, occurred_at, recorded_at, author, decision_maker,
			level, kind, text, rationale, options, review_at, late_reason, amends, amend_reason, systems, tasks, people,
			source, prev_hash, hash) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, '', '[]', NULL, '', 0, '', '[]', '[]', '[]', '', ?, ?)`,
			seq, now, now, testActor.ID, testActor.ID, level, kind, benchText, hash, hash)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatusChange compares moving a system to another containment
// status through the service (look up the incident, the system and its
// state, check the transition, write the entry with its hash, store the
// new state, commit) with the same bare INSERT as BenchmarkLogEntry. The
// register holds 2,000 systems, so a change must not read all of them.
func BenchmarkStatusChange(b *testing.B) {
	ctx := context.Background()

	b.Run("service_status", func(b *testing.B) {
		_, svc := newTestService(b)

		systems := make([]incident.System, 2000)
		for i := range systems {
			systems[i] = incident.System{ID: fmt.Sprintf("SYS-%04d", i), Name: "System", Criticality: 3, RTOHours: 8}
		}

		if err := svc.ImportSystems(ctx, testActor, "bench", systems); err != nil {
			b.Fatal(err)
		}

		// Isolated and shut down lead to each other, so the loop can go on
		// for as long as the benchmark needs.
		next := []incident.SystemStatus{incident.SystemIsolated, incident.SystemShutDown}
		i := 0

		b.ReportAllocs()

		for b.Loop() {
			ch := incident.StatusChange{SystemID: "SYS-1000", To: next[i%2], Reason: "benchmark"}
			if _, err := svc.SetSystemStatus(ctx, testActor, testRef, ch); err != nil {
				b.Fatal(err)
			}

			i++
		}
	})

	b.Run("bare_insert", benchmarkBareInsert)
}
