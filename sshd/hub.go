package sshd

import "sync"

// hub passes each signal of one database watch to every session, so that
// fifty sessions poll the file once between them rather than fifty times.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
}

func newHub() *hub { return &hub{subs: map[chan struct{}]bool{}} }

// run forwards signals from changes until it closes, then closes every
// subscriber.
func (h *hub) run(changes <-chan struct{}) {
	for range changes {
		h.mu.Lock()
		for ch := range h.subs {
			select {
			case ch <- struct{}{}:
			default: // that session already has a read pending
			}
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

// subscribe returns a channel of changes and the function that ends it.
func (h *hub) subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)

	h.mu.Lock()
	h.subs[ch] = true
	h.mu.Unlock()

	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()

		if h.subs[ch] {
			delete(h.subs, ch)
			close(ch)
		}
	}
}
