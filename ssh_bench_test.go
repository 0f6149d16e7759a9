package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// loadFor is how long each run of BenchmarkSSHLoad writes for.
const loadFor = 10 * time.Second

// writeEvery is each writer's pace: five entries a second.
const writeEvery = 200 * time.Millisecond

// BenchmarkSSHLoad measures the latency of entries written at five a
// second by each writer, alone and with fifty idle consoles open over
// SSH, and how far behind the consoles' timelines fall. Run it with
// -benchtime 1x: each run writes for loadFor.
func BenchmarkSSHLoad(b *testing.B) {
	b.Run("writers=1/sessions=0", func(b *testing.B) { sshLoad(b, 1, 0) })
	b.Run("writers=10/sessions=0", func(b *testing.B) { sshLoad(b, 10, 0) })
	b.Run("writers=10/sessions=50", func(b *testing.B) { sshLoad(b, 10, 50) })
}

func sshLoad(b *testing.B, writers, sessions int) {
	staff := []string{"ST01", "ST07", "ST09", "ST10", "ST11", "ST12", "ST13", "ST16", "ST17", "ST20"}
	env := newSSHEnv(b, staff...)
	srv := env.serve("--max-sessions", "100", "--idle-timeout", "0")

	var panes *consoleSession
	perSession := 0.0

	if sessions > 0 {
		rss := processRSS(b, srv.cmd.Process.Pid)
		panes = openConsoles(b, env, srv, staff, sessions)
		time.Sleep(2 * time.Second) // let every console settle into idle

		perSession = float64(processRSS(b, srv.cmd.Process.Pid)-rss) / float64(sessions)
	}

	b.ResetTimer()

	for range b.N {
		if sessions > 0 {
			b.ReportMetric(perSession, "KiB/session")
		}

		lat, lag := runWriters(b, env, writers, panes, sessions)
		b.ReportMetric(percentile(lat, 50), "p50-ms")
		b.ReportMetric(percentile(lat, 99), "p99-ms")

		if sessions > 0 {
			b.ReportMetric(lag, "max-lag-ms")
		}
	}
}

// openConsoles opens n consoles over SSH, each in a window of one tmux
// server, on the timeline, and waits until every one shows it.
func openConsoles(b *testing.B, env *sshEnv, srv *sshServer, staff []string, n int) *consoleSession {
	b.Helper()

	var panes *consoleSession

	for i := range n {
		words := append([]string{"ssh"}, env.sshArgs(srv, env.keyPath(staff[i%len(staff)]))...)
		words = append(words, "-tt", "127.0.0.1")

		if i == 0 {
			panes = startInTmux(b, env.dir, 100, 30, words)

			continue
		}

		quoted := make([]string, len(words))
		for j, w := range words {
			quoted[j] = shellWord(w)
		}

		panes.tmux("new-window", "-t", "console", "-n", "w"+strconv.Itoa(i), strings.Join(quoted, " "))
	}

	deadline := time.Now().Add(60 * time.Second)
	for i := range n {
		target := paneTarget(i)
		for !strings.Contains(panes.tmux("capture-pane", "-p", "-t", target), "Here ") {
			if time.Now().After(deadline) {
				b.Fatalf("console %d did not open within a minute:\n%s", i, panes.tmux("capture-pane", "-p", "-t", target))
			}

			time.Sleep(100 * time.Millisecond)
		}

		panes.tmux("send-keys", "-t", target, "2")
	}

	return panes
}

func paneTarget(i int) string {
	if i == 0 {
		return "console:0"
	}

	return "console:w" + strconv.Itoa(i)
}

// timelineCount reads the number of entries the timeline's filter line
// shows, such as "1,234 · following".
var timelineCount = regexp.MustCompile(`(?m)^kind .*?([0-9][0-9,]*)(?: of [0-9,]+)? · following`)

// runWriters writes for loadFor with n writers, each with a database
// connection of its own as a separate sitroom would have, and returns
// every write's latency in milliseconds and, with panes, the largest time
// in milliseconds between a commit and its console showing it.
func runWriters(b *testing.B, env *sshEnv, n int, panes *consoleSession, sessions int) ([]float64, float64) {
	b.Helper()

	ctx := context.Background()

	var mu sync.Mutex
	var latencies []float64
	committed := map[int64]time.Time{}

	var wg sync.WaitGroup
	stop := time.Now().Add(loadFor)

	for w := range n {
		db, err := store.Open(ctx, env.db)
		if err != nil {
			b.Fatal(err)
		}

		svc := incident.NewService(db, nil)
		actor := incident.Actor{ID: "ST01", Name: "Siân Pritchard-Evans", Level: incident.LevelGold, OnRoster: true}

		wg.Add(1)
		go func() {
			defer wg.Done()
			defer db.Close()

			// Writers in separate rooms do not start in step: each
			// begins at a random point of the interval.
			time.Sleep(rand.N(writeEvery))

			tick := time.NewTicker(writeEvery)
			defer tick.Stop()

			for i := 0; time.Now().Before(stop); i++ {
				<-tick.C

				start := time.Now()
				e, err := svc.Log(ctx, actor, "", incident.NewEntry{Text: fmt.Sprintf("load writer %d entry %d", w, i)})
				took := time.Since(start)

				if err != nil {
					b.Errorf("writer %d: %v", w, err)

					return
				}

				mu.Lock()
				latencies = append(latencies, float64(took.Microseconds())/1000)
				committed[e.Seq] = start.Add(took)
				mu.Unlock()
			}
		}()
	}

	lag := 0.0
	if panes != nil {
		lag = watchLag(b, panes, sessions, &mu, committed, stop)
	}

	wg.Wait()

	return latencies, lag
}

// watchLag sweeps the consoles' screens until a second after the writers
// stop and returns the largest lag seen, in milliseconds.
func watchLag(b *testing.B, panes *consoleSession, sessions int, mu *sync.Mutex, committed map[int64]time.Time, stop time.Time) float64 {
	b.Helper()

	shown := make([]int64, sessions)
	worst := 0.0

	// Each screen is read every sweepEvery or so: reading them without a
	// pause would itself take a core from the server being measured.
	const sweepEvery = 250 * time.Millisecond

	// One tmux command reads every screen, each after a marker line, so
	// that a sweep costs one process rather than one per console.
	const marker = "=== sitroom bench pane ==="

	var args []string
	for i := range sessions {
		if i > 0 {
			args = append(args, ";")
		}

		args = append(args, "display-message", "-p", marker, ";", "capture-pane", "-p", "-t", paneTarget(i))
	}

	for time.Now().Before(stop.Add(2 * time.Second)) {
		sweep := time.Now()

		out, err := exec.Command("tmux", append([]string{"-L", panes.socket}, args...)...).Output()
		seen := time.Now()

		if err != nil {
			b.Fatalf("capture consoles: %v", err)
		}

		screens := strings.Split(string(out), marker+"\n")[1:]
		if len(screens) != sessions {
			b.Fatalf("read %d screens, want %d", len(screens), sessions)
		}

		for i, screen := range screens {
			m := timelineCount.FindStringSubmatch(screen)
			if m == nil {
				continue
			}

			count, _ := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)

			mu.Lock()
			for seq := shown[i] + 1; seq <= count; seq++ {
				if at, ok := committed[seq]; ok {
					worst = max(worst, float64(seen.Sub(at).Microseconds())/1000)
				}
			}
			mu.Unlock()

			shown[i] = max(shown[i], count)
		}

		time.Sleep(sweepEvery - time.Since(sweep))
	}

	mu.Lock()
	defer mu.Unlock()

	last := int64(0)
	for seq := range committed {
		last = max(last, seq)
	}

	for i, s := range shown {
		if s < last {
			b.Errorf("console %d shows %d entries two seconds after the last write, want %d", i, s, last)
		}
	}

	return worst
}

func percentile(values []float64, p float64) float64 {
	if len(values) == 0 {
		return 0
	}

	sorted := slices.Clone(values)
	slices.Sort(sorted)

	i := int(p / 100 * float64(len(sorted)-1))

	return sorted[i]
}

// processRSS returns the resident memory of process pid in KiB.
func processRSS(b *testing.B, pid int) int64 {
	b.Helper()

	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skipf("no /proc to read memory from: %v", err)
	}

	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)

			return kib
		}
	}

	b.Fatalf("no VmRSS for process %d", pid)

	return 0
}
