package sshd

import (
	"testing"
	"time"
)

// TestHubSpreadsAndCloses checks that every subscriber gets a change
// within the spread window, that a pending one is not doubled, and that
// closing the watch closes every subscriber.
func TestHubSpreadsAndCloses(t *testing.T) {
	h := newHub()
	changes := make(chan struct{})

	subs := make([]<-chan struct{}, 20)
	for i := range subs {
		subs[i], _ = h.subscribe()
	}

	gone, leave := h.subscribe()
	leave()

	if _, ok := <-gone; ok {
		t.Error("a subscriber that left still got a value")
	}

	go h.run(changes)

	changes <- struct{}{}
	changes <- struct{}{}

	deadline := time.After(spreadFor + time.Second)

	for i, ch := range subs {
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("subscriber %d got no change within %s", i, spreadFor+time.Second)
		}
	}

	close(changes)

	for i, ch := range subs {
		select {
		case _, ok := <-ch:
			if ok {
				// The second change may have been pending; the close follows it.
				if _, ok := <-ch; ok {
					t.Errorf("subscriber %d got more than two values", i)
				}
			}
		case <-time.After(time.Second):
			t.Fatalf("subscriber %d was not closed", i)
		}
	}
}
