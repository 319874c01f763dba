package bot

import (
	"context"

	"github.com/summitbot/summitbot/bot/store"
)

// replyLog counts the messages sent in reply to one update, in the state
// file, right before each leaves. An update handled again after a crash or
// a stop skips the messages already sent: each is sent at most once.
type replyLog struct {
	store   *store.Store
	update  int
	already int // messages that may have left before the last stop
	next    int // the index of the next message of the reply
}

type replyLogKey struct{}

func withReplies(ctx context.Context, l *replyLog) context.Context {
	return context.WithValue(ctx, replyLogKey{}, l)
}

func repliesOf(ctx context.Context) *replyLog {
	l, _ := ctx.Value(replyLogKey{}).(*replyLog)
	return l
}

// skip reports whether the next message was sent before the last stop,
// and counts it.
func (l *replyLog) skip() bool {
	if l.next < l.already {
		l.next++
		return true
	}
	return false
}

// track makes m record its send in the log: counted as sent from right
// before the request leaves, uncounted when Telegram refuses it.
func (l *replyLog) track(m *OutMessage, onErr func(error)) {
	prev, n := m.attempt, l.next
	m.attempt = func(sending bool) {
		count := n
		if sending {
			count = n + 1
		}
		if err := l.store.SetReplies(l.update, count); err != nil {
			onErr(err)
		}
		if prev != nil {
			prev(sending)
		}
	}
}
