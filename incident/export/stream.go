package export

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/northbridge-nhs/sitroom/incident"
)

// batchSize is how many entries pass between the reading and the working
// goroutine at a time, so that the channel costs little per entry.
const batchSize = 256

// errWorkerStopped stops the scan once the working goroutine has failed;
// stream returns the worker's own error instead.
var errWorkerStopped = errors.New("export stopped")

// stream reads the incident's entries in occurred order, ties by sequence
// number, and calls fn for each on a second goroutine, after adding it to
// check when check is not nil. Reading from SQLite and hashing and
// formatting then run on two cores, which roughly halves the time of a
// long export. fn receives the entries in order, one at a time, and must
// not keep the pointer after it returns.
func stream(ctx context.Context, r incident.Reader, inc incident.Incident, check *chainCheck, fn func(*incident.Entry) error) error {
	full := make(chan []incident.Entry, 4)
	empty := make(chan []incident.Entry, 6)
	done := make(chan error, 1)

	var failed atomic.Bool

	go func() {
		var err error

		for batch := range full {
			for i := 0; i < len(batch) && err == nil; i++ {
				if check != nil {
					check.add(&batch[i])
				}

				err = fn(&batch[i])
			}

			if err != nil {
				failed.Store(true)
			}

			select {
			case empty <- batch[:0]:
			default:
			}
		}

		done <- err
	}()

	batch := make([]incident.Entry, 0, batchSize)

	// The store reuses *e for the next row, so each entry is copied. The
	// copy is shallow: the store gives every row its own strings and lists.
	err := scan(ctx, r, inc, func(e *incident.Entry) error {
		batch = append(batch, *e)
		if len(batch) < batchSize {
			return nil
		}

		if failed.Load() {
			return errWorkerStopped
		}

		full <- batch

		select {
		case batch = <-empty:
		default:
			batch = make([]incident.Entry, 0, batchSize)
		}

		return nil
	})

	if err == nil && len(batch) > 0 {
		full <- batch
	}

	close(full)

	workErr := <-done
	if workErr != nil {
		return workErr
	}

	return err
}
