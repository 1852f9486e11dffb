package sqlstore

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/strideapp/stride"
)

// stoppedCommitter returns a committer whose goroutine does not run, so
// that the test plays its part call by call.
func stoppedCommitter() *committer {
	return &committer{s: &store{}, queue: make(chan *stepCall, 4), stopped: make(chan struct{})}
}

// A caller whose context ends while its call waits in the queue is dropped
// with ctx.Err(), and the committer leaves the call out.
func TestCommitterDropsCanceledCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := stoppedCommitter()
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() {
			_, err := c.createStep(ctx, 1, &stride.Step{ID: 7}, time.Time{})
			errc <- err
		}()
		synctest.Wait()
		call := <-c.queue
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("createStep = %v, want context.Canceled", err)
		}
		c.commit([]*stepCall{call}) // the store has no database: it must not be touched
		select {
		case <-call.done:
			t.Error("a dropped call was answered")
		default:
		}
		if call.s.ID != 7 {
			t.Errorf("the dropped call's step was changed: ID %d", call.s.ID)
		}
	})
}

// A caller whose call was taken into a group waits for the commit, and
// gets the commit's answer whatever its context.
func TestCommitterTakenCallWaitsForCommit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := stoppedCommitter()
		ctx, cancel := context.WithCancel(context.Background())
		type answer struct {
			created *stride.StepCreated
			err     error
		}
		done := make(chan answer, 1)
		go func() {
			created, err := c.createStep(ctx, 1, &stride.Step{}, time.Time{})
			done <- answer{created, err}
		}()
		synctest.Wait()
		call := <-c.queue
		if !call.state.CompareAndSwap(callQueued, callTaken) {
			t.Fatal("the call was not waiting")
		}
		cancel()
		synctest.Wait()
		select {
		case a := <-done:
			t.Fatalf("createStep returned %v, %v before its group committed", a.created, a.err)
		default:
		}
		want := &stride.StepCreated{Step: call.s}
		call.created = want
		close(call.done)
		if a := <-done; a.err != nil || a.created != want {
			t.Errorf("createStep = %v, %v, want the commit's answer", a.created, a.err)
		}
	})
}

// Close writes what is queued and stops; later calls fail at once.
func TestCommitterClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCommitter(&store{})
		c.close()
		c.close() // twice is harmless
		if _, err := c.createStep(context.Background(), 1, &stride.Step{}, time.Time{}); !errors.Is(err, errClosed) {
			t.Errorf("createStep after close = %v, want errClosed", err)
		}
	})
}
