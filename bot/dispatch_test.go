package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestDispatcherOrderAndIsolation(t *testing.T) {
	d := newDispatcher(context.Background(), 4, 100)
	var mu sync.Mutex
	got := map[int64][]int{}
	release := make(chan struct{})
	// Chat 1 is slow: its first job blocks until chat 2 is done.
	d.dispatch(1, job{run: func(context.Context) { <-release }})
	for i := range 10 {
		for _, chat := range []int64{1, 2} {
			d.dispatch(chat, job{run: func(context.Context) {
				mu.Lock()
				got[chat] = append(got[chat], i)
				mu.Unlock()
			}})
		}
	}
	deadline := time.After(2 * time.Second)
	for {
		mu.Lock()
		n := len(got[2])
		mu.Unlock()
		if n == 10 {
			break
		}
		select {
		case <-deadline:
			t.Fatalf("chat 2 handled %d of 10 while chat 1 was blocked", n)
		case <-time.After(5 * time.Millisecond):
		}
	}
	close(release)
	d.wait()
	for chat, seq := range got {
		for i, v := range seq {
			if v != i {
				t.Fatalf("chat %d handled out of order: %v", chat, seq)
			}
		}
	}
}

func TestDispatcherBoundsQueue(t *testing.T) {
	d := newDispatcher(context.Background(), 1, 3)
	block := make(chan struct{})
	accepted := 0
	for range 10 {
		if d.dispatch(9, job{run: func(context.Context) { <-block }}) {
			accepted++
		}
	}
	close(block)
	d.wait()
	if accepted > 4 { // one running, three waiting
		t.Errorf("accepted %d jobs for one chat, want at most 4", accepted)
	}
}

func TestFloodGuard(t *testing.T) {
	now := time.Unix(0, 0)
	f := newFloodGuard(3, time.Minute, func() time.Time { return now })
	var got []verdict
	for range 6 {
		got = append(got, f.check(42))
	}
	want := []verdict{allow, allow, allow, notify, drop, drop}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("verdicts = %v, want %v", got, want)
		}
	}
	if f.check(43) != allow {
		t.Error("another user was held back")
	}
	now = now.Add(61 * time.Second)
	if f.check(42) != allow {
		t.Error("the user is still held back after the window")
	}
}

func TestLimiterGroupWindow(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(Limits{Global: 1000, PerChat: 1000, PerGroup: 3, GroupSpan: time.Minute})
	l.now = func() time.Time { return now }
	var slept time.Duration
	l.sleepc = func(_ context.Context, d time.Duration) error { slept += d; now = now.Add(d); return nil }
	for range 4 {
		if err := l.wait(context.Background(), -100); err != nil {
			t.Fatal(err)
		}
	}
	if slept != time.Minute {
		t.Errorf("the fourth message to a group waited %v, want a minute", slept)
	}
	slept = 0
	for range 4 {
		l.wait(context.Background(), 100) // a private chat has no group window
	}
	if slept >= time.Second {
		t.Errorf("a private chat waited %v for the group window", slept)
	}
}

// Telegram's limits count messages: a call that sends none (getUpdates,
// getMe, setMyCommands) must not queue behind them. rate.Limiter refuses at
// once a wait longer than the context's deadline, so an hour-long turn shows
// up as an error without the test waiting for it.
func TestLimiterCountsOnlyMessages(t *testing.T) {
	l := newLimiter(Limits{Global: rate.Every(time.Hour), PerChat: rate.Inf, PerGroup: 1000, GroupSpan: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := l.wait(ctx, 7); err != nil {
		t.Fatalf("first message: %v", err)
	}
	for i := range 5 {
		if err := l.wait(ctx, 0); err != nil {
			t.Fatalf("call %d that sends no message waited for the message limit: %v", i, err)
		}
	}
	if err := l.wait(ctx, 8); err == nil {
		t.Error("a second message within the hour-long overall turn was let through")
	}
}
