package main

import (
	"io"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// countingWriter counts the bytes a session sends.
type countingWriter struct{ n atomic.Int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n.Add(int64(len(p)))

	return len(p), nil
}

// settle waits until no byte has arrived for quiet, and returns the count.
func (c *countingWriter) settle(quiet time.Duration) int64 {
	last := c.n.Load()

	for {
		time.Sleep(quiet)

		now := c.n.Load()
		if now == last {
			return now
		}

		last = now
	}
}

// BenchmarkSSHScroll measures the bytes sitroom serve sends a 100x30
// client to draw the whole timeline, and to move it by one line, and the
// memory the server holds for an idle console. Run it with -benchtime 1x.
func BenchmarkSSHScroll(b *testing.B) {
	const scrolled = 40

	env := newSSHEnv(b, "ST01")
	srv := env.serve("--idle-timeout", "0")

	for range b.N {
		client := dialSitroom(b, srv, env.keyPath("ST01"))

		sess, err := client.NewSession()
		if err != nil {
			b.Fatal(err)
		}

		out := &countingWriter{}
		sess.Stdout = out

		keys, err := sess.StdinPipe()
		if err != nil {
			b.Fatal(err)
		}

		if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
			b.Fatal(err)
		}

		if err := sess.Shell(); err != nil {
			b.Fatal(err)
		}

		first := out.settle(500 * time.Millisecond)

		press := func(key string) {
			if _, err := io.WriteString(keys, key); err != nil {
				b.Fatal(err)
			}
		}

		// The timeline, drawn whole.
		before := out.n.Load()
		press("2")
		repaint := out.settle(300*time.Millisecond) - before

		// The clock redraws its line each second; measure that alone.
		idleFrom, idleStart := out.n.Load(), time.Now()
		time.Sleep(3 * time.Second)
		clockRate := float64(out.n.Load()-idleFrom) / time.Since(idleStart).Seconds()

		// Move the selection to the top of the list, then scroll it.
		for range 30 {
			press("k")
			time.Sleep(20 * time.Millisecond)
		}

		out.settle(300 * time.Millisecond)

		start, from := time.Now(), out.n.Load()
		for range scrolled {
			press("k")
			time.Sleep(40 * time.Millisecond)
		}

		sent := out.settle(300*time.Millisecond) - from
		clock := clockRate * time.Since(start).Seconds()

		b.ReportMetric(float64(first), "B/first-screen")
		b.ReportMetric(float64(repaint), "B/repaint")
		b.ReportMetric((float64(sent)-clock)/scrolled, "B/line")
		b.ReportMetric(clockRate, "B/s-idle")

		sess.Close()
		client.Close()
	}
}
