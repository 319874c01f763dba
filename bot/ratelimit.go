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
	perChat *rate.Limiter
	sent    []time.Time // recent sends to a group, for the sliding window
	used    time.Time
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
// message to a chat (answering a callback or an inline query): it only
// waits its turn overall.
func (l *limiter) wait(ctx context.Context, chat int64) error {
	if chat != 0 {
		c := l.chat(chat)
		if err := c.perChat.Wait(ctx); err != nil {
			return err
		}
		if chat < 0 {
			if err := l.waitGroup(ctx, c); err != nil {
				return err
			}
		}
	}
	return l.global.Wait(ctx)
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
		c = &chatLimit{perChat: rate.NewLimiter(l.limits.PerChat, 1)}
		l.chats[id] = c
	}
	c.used = now
	return c
}

// waitGroup reserves a slot in the group's sliding window, waiting for the
// oldest send to leave it when the window is full.
func (l *limiter) waitGroup(ctx context.Context, c *chatLimit) error {
	for {
		l.mu.Lock()
		now := l.now()
		keep := c.sent[:0]
		for _, t := range c.sent {
			if now.Sub(t) < l.limits.GroupSpan {
				keep = append(keep, t)
			}
		}
		c.sent = keep
		if len(c.sent) < l.limits.PerGroup {
			c.sent = append(c.sent, now)
			l.mu.Unlock()
			return nil
		}
		d := l.limits.GroupSpan - now.Sub(c.sent[0])
		l.mu.Unlock()
		if err := l.sleepc(ctx, d); err != nil {
			return err
		}
	}
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
