package bot

import (
	"context"
	"sync"
)

// job is one update to handle.
type job struct {
	run  func(ctx context.Context)
	done func() // after run, e.g. removing the update from the inbox
}

// dispatcher runs jobs concurrently across chats and in order within one
// chat: each chat with work has one goroutine draining its queue, so a slow
// chat never holds up the others. Concurrency and queues are bounded.
type dispatcher struct {
	ctx      context.Context // jobs run under it; cancelled to abandon work
	maxQueue int
	sem      chan struct{}

	mu     sync.Mutex
	queues map[int64][]job
	wg     sync.WaitGroup
}

func newDispatcher(ctx context.Context, workers, maxQueue int) *dispatcher {
	return &dispatcher{ctx: ctx, maxQueue: maxQueue, sem: make(chan struct{}, workers), queues: map[int64][]job{}}
}

// dispatch queues a job for a chat. It returns false, and drops the job,
// when the chat already has maxQueue jobs waiting.
func (d *dispatcher) dispatch(chat int64, j job) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	q, busy := d.queues[chat]
	if len(q) >= d.maxQueue {
		return false
	}
	d.queues[chat] = append(q, j)
	if !busy {
		d.wg.Add(1)
		go d.drain(chat)
	}
	return true
}

func (d *dispatcher) drain(chat int64) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[chat]
		if len(q) == 0 {
			delete(d.queues, chat)
			d.mu.Unlock()
			return
		}
		j := q[0]
		d.queues[chat] = q[1:]
		d.mu.Unlock()

		select {
		case d.sem <- struct{}{}:
		case <-d.ctx.Done():
		}
		if d.ctx.Err() == nil {
			j.run(d.ctx)
			<-d.sem
			// A job cut short by the end of the grace period is not done:
			// it stays in the inbox and runs again at the next start.
			if j.done != nil && d.ctx.Err() == nil {
				j.done()
			}
		}
	}
}

// wait returns when every queued job has run or been abandoned.
func (d *dispatcher) wait() { d.wg.Wait() }
