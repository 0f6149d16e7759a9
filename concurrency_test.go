package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// The concurrency tests run writers as real processes: the test binary
// starts copies of itself, and the environment variables below make a copy
// act as a writer instead of running tests.
const (
	appenderDBEnv      = "SITROOM_TEST_APPENDER_DB"
	appenderRefEnv     = "SITROOM_TEST_APPENDER_REF"
	appenderNameEnv    = "SITROOM_TEST_APPENDER_NAME"
	appenderCountEnv   = "SITROOM_TEST_APPENDER_COUNT" // 0 means until killed
	appenderBarrierEnv = "SITROOM_TEST_APPENDER_BARRIER"
)

const concurrencyRef = "NBH-2026-020"

// init turns the process into a writer before TestMain runs, because
// TestMain would otherwise build the sitroom binary again in every writer.
func init() {
	if os.Getenv(appenderDBEnv) != "" {
		os.Exit(runAppender())
	}
}

// runAppender opens the store, prints "ready", waits for the barrier file
// and then logs entries, printing "ack SEQ N HASH" after each one the store
// has committed. Any error goes to stderr with exit status 1.
func runAppender() int {
	ctx := context.Background()
	name := os.Getenv(appenderNameEnv)

	count, err := strconv.Atoi(os.Getenv(appenderCountEnv))
	if err != nil {
		fmt.Fprintf(os.Stderr, "writer %s: invalid %s: %v\n", name, appenderCountEnv, err)

		return 1
	}

	db, err := store.Open(ctx, os.Getenv(appenderDBEnv))
	if err != nil {
		fmt.Fprintf(os.Stderr, "writer %s: %v\n", name, err)

		return 1
	}
	defer db.Close()

	svc := incident.NewService(db, nil)
	actor := incident.Actor{ID: name, Level: incident.LevelBronze}
	ref := os.Getenv(appenderRefEnv)

	fmt.Println("ready")

	barrier := os.Getenv(appenderBarrierEnv)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(barrier); err == nil {
			break
		}

		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "writer %s: barrier %s did not appear within a minute\n", name, barrier)

			return 1
		}
	}

	for i := 1; count == 0 || i <= count; i++ {
		e, err := svc.Log(ctx, actor, ref, incident.NewEntry{Text: fmt.Sprintf("%s entry %d", name, i)})
		if err != nil {
			fmt.Fprintf(os.Stderr, "writer %s entry %d: %v\n", name, i, err)

			return 1
		}

		fmt.Printf("ack %d %d %s\n", e.Seq, i, e.Hash)
	}

	return 0
}

// appender is a writer process and what it has printed so far.
type appender struct {
	name   string
	cmd    *exec.Cmd
	lines  chan string // stdout lines, closed when stdout closes
	stderr bytes.Buffer
}

// ack is one entry a writer reported as committed.
type ack struct {
	seq  int64
	n    int // the writer's own count, 1 for its first entry
	hash string
}

func startAppender(t *testing.T, env *testEnv, name string, count int, barrier string) *appender {
	t.Helper()

	a := &appender{name: name, lines: make(chan string, 1024)}
	a.cmd = exec.Command(os.Args[0])
	a.cmd.Env = append(env.environ(),
		appenderDBEnv+"="+env.db,
		appenderRefEnv+"="+concurrencyRef,
		appenderNameEnv+"="+name,
		appenderCountEnv+"="+strconv.Itoa(count),
		appenderBarrierEnv+"="+barrier,
	)
	a.cmd.Stderr = &a.stderr

	stdout, err := a.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}

	if err := a.cmd.Start(); err != nil {
		t.Fatalf("start writer %s: %v", name, err)
	}

	t.Cleanup(func() {
		if a.cmd.ProcessState == nil {
			a.cmd.Process.Kill()
			a.cmd.Wait()
		}
	})

	go func() {
		defer close(a.lines)

		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			a.lines <- scanner.Text()
		}
	}()

	return a
}

// waitReady waits for the writer to open the store.
func (a *appender) waitReady(t *testing.T) {
	t.Helper()

	select {
	case line, ok := <-a.lines:
		if !ok || line != "ready" {
			a.cmd.Wait()
			t.Fatalf("writer %s did not start: first line %q, stderr: %s", a.name, line, a.stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatalf("writer %s not ready within a minute", a.name)
	}
}

// nextAck returns the next acknowledgement, or false when stdout closed.
func (a *appender) nextAck(t *testing.T) (ack, bool) {
	t.Helper()

	line, ok := <-a.lines
	if !ok {
		return ack{}, false
	}

	var got ack
	if _, err := fmt.Sscanf(line, "ack %d %d %s", &got.seq, &got.n, &got.hash); err != nil {
		t.Fatalf("writer %s printed %q: %v", a.name, line, err)
	}

	return got, true
}

// drain reads acknowledgements until stdout closes.
func (a *appender) drain(t *testing.T, acks []ack) []ack {
	t.Helper()

	for {
		got, ok := a.nextAck(t)
		if !ok {
			return acks
		}

		acks = append(acks, got)
	}
}

// storedEntry is what the concurrency tests compare of each stored entry.
type storedEntry struct {
	author string
	text   string
	hash   string
}

// readTimeline returns the incident's entries in sequence order after
// checking that sequence numbers run 1..N without a gap.
func readTimeline(t *testing.T, path string) []storedEntry {
	t.Helper()

	ctx := context.Background()

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()

	var out []storedEntry

	err = db.Read(ctx, func(r incident.Reader) error {
		inc, err := r.IncidentByRef(ctx, concurrencyRef)
		if err != nil {
			return err
		}

		return r.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID, Order: incident.BySeq}, func(e *incident.Entry) error {
			if want := int64(len(out) + 1); e.Seq != want {
				return fmt.Errorf("entry at position %d has sequence number %d", want, e.Seq)
			}

			out = append(out, storedEntry{author: e.Author, text: e.Text, hash: e.Hash})

			return nil
		})
	})
	if err != nil {
		t.Fatalf("read timeline of %s: %v", concurrencyRef, err)
	}

	return out
}

// assertAcksStored checks that each acknowledged entry is stored at its
// sequence number with its text and hash.
func assertAcksStored(t *testing.T, name string, acks []ack, timeline []storedEntry) {
	t.Helper()

	for _, a := range acks {
		if a.seq < 1 || a.seq > int64(len(timeline)) {
			t.Errorf("writer %s entry %d acknowledged as seq %d, but the timeline has %d entries", name, a.n, a.seq, len(timeline))

			continue
		}

		got := timeline[a.seq-1]
		want := storedEntry{author: name, text: fmt.Sprintf("%s entry %d", name, a.n), hash: a.hash}

		if got != want {
			t.Errorf("seq %d = %+v, want %+v", a.seq, got, want)
		}
	}
}

// assertWriterOrder checks that each writer's entries appear in the order
// it wrote them, with none missing or repeated.
func assertWriterOrder(t *testing.T, timeline []storedEntry, want map[string]int) {
	t.Helper()

	next := map[string]int{}

	for i, e := range timeline[1:] {
		next[e.author]++

		if wantText := fmt.Sprintf("%s entry %d", e.author, next[e.author]); e.text != wantText {
			t.Errorf("seq %d text = %q, want %q", i+2, e.text, wantText)
		}
	}

	for name, n := range want {
		if next[name] != n {
			t.Errorf("writer %s has %d entries, want %d", name, next[name], n)
		}
	}
}

func declareForWriters(t *testing.T, env *testEnv) {
	t.Helper()

	env.mustRun("incident", "new", "--ref", concurrencyRef, "--title", "Concurrent loggists", "--as", "ST01")
}

// TestConcurrentWriters runs twenty processes that each log 200 entries to
// one database at the same moment.
func TestConcurrentWriters(t *testing.T) {
	const writers, perWriter = 20, 200

	env := newTestEnv(t)
	declareForWriters(t, env)

	barrier := filepath.Join(env.dir, "start")
	procs := make([]*appender, writers)

	for i := range procs {
		procs[i] = startAppender(t, env, fmt.Sprintf("W%d", i+1), perWriter, barrier)
	}

	for _, p := range procs {
		p.waitReady(t)
	}

	start := time.Now()

	if err := os.WriteFile(barrier, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	acks := make([][]ack, writers)
	for i, p := range procs {
		acks[i] = p.drain(t, nil)

		if err := p.cmd.Wait(); err != nil {
			t.Errorf("writer %s: %v\nstderr: %s", p.name, err, p.stderr.String())
		}

		if p.stderr.Len() != 0 {
			t.Errorf("writer %s wrote to stderr: %s", p.name, p.stderr.String())
		}

		if len(acks[i]) != perWriter {
			t.Errorf("writer %s acknowledged %d entries, want %d", p.name, len(acks[i]), perWriter)
		}
	}

	t.Logf("%d writers of %d entries each finished in %s", writers, perWriter, time.Since(start).Round(time.Millisecond))

	timeline := readTimeline(t, env.db)
	if want := 1 + writers*perWriter; len(timeline) != want {
		t.Fatalf("timeline has %d entries, want %d", len(timeline), want)
	}

	wantCounts := map[string]int{}
	for i, p := range procs {
		assertAcksStored(t, p.name, acks[i], timeline)
		wantCounts[p.name] = perWriter
	}

	assertWriterOrder(t, timeline, wantCounts)

	out := env.mustRun("verify", "--incident", concurrencyRef)
	if want := fmt.Sprintf("%d entries", 1+writers*perWriter); !strings.Contains(out, "chain OK") || !strings.Contains(out, want) {
		t.Errorf("verify output = %q, want chain OK with %s", out, want)
	}
}

// TestCrashedWriter kills one writer with SIGKILL in the middle of a burst
// while another keeps writing.
func TestCrashedWriter(t *testing.T) {
	const beforeKill, survivorCount = 150, 300

	env := newTestEnv(t)
	declareForWriters(t, env)

	barrier := filepath.Join(env.dir, "start")
	victim := startAppender(t, env, "K1", 0, barrier)
	survivor := startAppender(t, env, "S1", survivorCount, barrier)

	victim.waitReady(t)
	survivor.waitReady(t)

	if err := os.WriteFile(barrier, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	var victimAcks []ack
	for len(victimAcks) < beforeKill {
		got, ok := victim.nextAck(t)
		if !ok {
			victim.cmd.Wait()
			t.Fatalf("writer K1 stopped after %d entries: %s", len(victimAcks), victim.stderr.String())
		}

		victimAcks = append(victimAcks, got)
	}

	if err := victim.cmd.Process.Kill(); err != nil {
		t.Fatalf("kill writer K1: %v", err)
	}

	// Lines already in the pipe were printed after their commit, so they
	// are acknowledged too.
	victimAcks = victim.drain(t, victimAcks)
	victim.cmd.Wait()

	survivorAcks := survivor.drain(t, nil)
	if err := survivor.cmd.Wait(); err != nil {
		t.Errorf("writer S1 after K1 was killed: %v\nstderr: %s", err, survivor.stderr.String())
	}

	if len(survivorAcks) != survivorCount {
		t.Errorf("writer S1 acknowledged %d entries, want %d", len(survivorAcks), survivorCount)
	}

	timeline := readTimeline(t, env.db)

	// K1 may have committed one entry that it was killed before printing.
	acked := 1 + len(victimAcks) + len(survivorAcks)
	if len(timeline) != acked && len(timeline) != acked+1 {
		t.Errorf("timeline has %d entries, want %d acknowledged or one more", len(timeline), acked)
	}

	assertAcksStored(t, "K1", victimAcks, timeline)
	assertAcksStored(t, "S1", survivorAcks, timeline)
	assertWriterOrder(t, timeline, map[string]int{"S1": survivorCount})

	t.Logf("K1 killed after %d acknowledged entries; timeline has %d", len(victimAcks), len(timeline))

	out := env.mustRun("verify", "--incident", concurrencyRef)
	if !strings.Contains(out, "chain OK") || !strings.Contains(out, fmt.Sprintf("%d entries", len(timeline))) {
		t.Errorf("verify output = %q, want chain OK with %d entries", out, len(timeline))
	}
}
