package sshd

import (
	"math/rand/v2"
	"sync"
	"time"
)

// spreadFor is the window over which the hub spreads one change across
// the sessions. Every console re-reads and redraws after a change. Fifty
// consoles doing that at once make a burst that holds up writers on a small
// host, so each waits its own delay within this window. It adds at most
// this much to the time a change takes to show.
const spreadFor = 200 * time.Millisecond

// hub passes each signal of one database watch to every session, so that
// fifty sessions poll the file once between them rather than fifty times.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]time.Duration // each session's delay within spreadFor
}

func newHub() *hub { return &hub{subs: map[chan struct{}]time.Duration{}} }

// run forwards signals from changes until it closes, then closes every
// subscriber.
func (h *hub) run(changes <-chan struct{}) {
	for range changes {
		h.mu.Lock()
		for ch, delay := range h.subs {
			time.AfterFunc(delay, func() { h.signal(ch) })
		}
		h.mu.Unlock()
	}

	h.mu.Lock()
	defer h.mu.Unlock()

	for ch := range h.subs {
		close(ch)
		delete(h.subs, ch)
	}
}

// signal sends one change to ch unless it has gone or already has one
// pending.
func (h *hub) signal(ch chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()

	if _, ok := h.subs[ch]; !ok {
		return
	}

	select {
	case ch <- struct{}{}:
	default: // that session already has a read pending
	}
}

// subscribe returns a channel of changes and the function that ends it.
func (h *hub) subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)

	h.mu.Lock()
	h.subs[ch] = rand.N(spreadFor)
	h.mu.Unlock()

	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()

		if _, ok := h.subs[ch]; ok {
			delete(h.subs, ch)
			close(ch)
		}
	}
}
