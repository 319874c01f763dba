package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are Telegram's sending limits. The zero value means Telegram's
// published ones (DefaultLimits).
type Limits struct {
	Global    rate.Limit // messages per second overall
	PerChat   rate.Limit // messages per second to one chat
	PerGroup  int        // messages per GroupSpan to one group or channel
	GroupSpan time.Duration
}

// DefaultLimits keep under the limits of the Bot API FAQ — about 30
// messages a second overall, one a second to a chat, 20 a minute to a
// group — with a margin for the jitter between leaving here and arriving
// there: 28 a second, one every 1.1 seconds.
var DefaultLimits = Limits{Global: 28, PerChat: rate.Every(1100 * time.Millisecond), PerGroup: 20, GroupSpan: time.Minute}

// limiter makes senders wait for their turn under every limit that applies.
type limiter struct {
	limits Limits
	global *rate.Limiter

	mu     sync.Mutex
	chats  map[int64]*chatLimit
	swept  time.Time
	now    func() time.Time
	sleepc func(ctx context.Context, d time.Duration) error
}

type chatLimit struct {
	last time.Time   // the last message to the chat left then
	sent []time.Time // recent sends to a group, for the sliding window
	used time.Time
}

func newLimiter(l Limits) *limiter {
	if l.Global == 0 {
		l.Global = DefaultLimits.Global
	}
	if l.PerChat == 0 {
		l.PerChat = DefaultLimits.PerChat
	}
	if l.PerGroup == 0 {
		l.PerGroup = DefaultLimits.PerGroup
	}
	if l.GroupSpan == 0 {
		l.GroupSpan = DefaultLimits.GroupSpan
	}
	return &limiter{limits: l, global: rate.NewLimiter(l.Global, 1), chats: map[int64]*chatLimit{},
		now: time.Now, sleepc: sleepCtx}
}

// wait blocks until a message to chat may be sent. Group chats (negative
// ids) also keep to the per-group window. chat 0 is a call that is not a
// message to a chat (getUpdates, getMe, answering a callback or an inline
// query): Telegram's limits count messages, so it does not wait. Queuing
// it behind the overall limit cost every call ~36 ms (one turn at 28 a
// second), which put the start's five calls 180 ms before the first
// answer and held the next poll behind a broadcast.
//
// A chat's turn is claimed last, after the wait in the global queue, so
// that the spacing between two messages to a chat holds when they leave,
// however long the queue made them wait.
func (l *limiter) wait(ctx context.Context, chat int64) error {
	if chat == 0 {
		return ctx.Err()
	}
	c := l.chat(chat)
	for {
		if d := l.untilFree(c, chat < 0); d > 0 {
			if err := l.sleepc(ctx, d); err != nil {
				return err
			}
			continue
		}
		if err := l.global.Wait(ctx); err != nil {
			return err
		}
		if l.claim(c, chat < 0) {
			return nil
		}
		// Another sender to this chat went while this one queued.
	}
}

// interval is the least time between two messages to one chat.
func (l *limiter) interval() time.Duration {
	if l.limits.PerChat == rate.Inf || l.limits.PerChat <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / float64(l.limits.PerChat))
}

// untilFree is how long until chat c may get a message. l.mu must not be
// held.
func (l *limiter) untilFree(c *chatLimit, group bool) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.untilFreeLocked(c, group, l.now())
}

func (l *limiter) untilFreeLocked(c *chatLimit, group bool, now time.Time) time.Duration {
	var d time.Duration
	if !c.last.IsZero() {
		d = c.last.Add(l.interval()).Sub(now)
	}
	if group {
		keep := c.sent[:0]
		for _, t := range c.sent {
			if now.Sub(t) < l.limits.GroupSpan {
				keep = append(keep, t)
			}
		}
		c.sent = keep
		if len(c.sent) >= l.limits.PerGroup {
			d = max(d, l.limits.GroupSpan-now.Sub(c.sent[0]))
		}
	}
	return max(d, 0)
}

// claim takes chat c's turn now, if it is still free.
func (l *limiter) claim(c *chatLimit, group bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if l.untilFreeLocked(c, group, now) > 0 {
		return false
	}
	c.last = now
	if group {
		c.sent = append(c.sent, now)
	}
	return true
}

func (l *limiter) chat(id int64) *chatLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > 10*time.Minute {
		// Forget chats idle for longer than any window, so that memory
		// stays bounded by the chats of the last few minutes.
		for k, c := range l.chats {
			if now.Sub(c.used) > 2*l.limits.GroupSpan {
				delete(l.chats, k)
			}
		}
		l.swept = now
	}
	c, ok := l.chats[id]
	if !ok {
		c = &chatLimit{}
		l.chats[id] = c
	}
	c.used = now
	return c
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
