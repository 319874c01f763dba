package bot

import (
	"sync"
	"time"
)

// floodGuard counts each user's questions in a sliding window. Past the
// limit the user gets one notice, then nothing until the window clears.
type floodGuard struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	users map[int64]*floodState
	swept time.Time
}

type floodState struct {
	asked    []time.Time
	notified bool
}

func newFloodGuard(limit int, window time.Duration, now func() time.Time) *floodGuard {
	return &floodGuard{limit: limit, window: window, now: now, users: map[int64]*floodState{}}
}

// verdict of one question.
type verdict int

const (
	allow  verdict = iota
	notify         // over the limit: tell the user, once
	drop           // over the limit, already told
)

func (f *floodGuard) check(user int64) verdict {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	if now.Sub(f.swept) > f.window {
		for id, s := range f.users {
			if len(s.asked) == 0 || now.Sub(s.asked[len(s.asked)-1]) > f.window {
				delete(f.users, id)
			}
		}
		f.swept = now
	}
	s := f.users[user]
	if s == nil {
		s = &floodState{}
		f.users[user] = s
	}
	keep := s.asked[:0]
	for _, t := range s.asked {
		if now.Sub(t) < f.window {
			keep = append(keep, t)
		}
	}
	s.asked = keep
	if len(s.asked) >= f.limit {
		if s.notified {
			return drop
		}
		s.notified = true
		return notify
	}
	s.notified = false
	s.asked = append(s.asked, now)
	return allow
}
