package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/bot/telegramtest"
	"github.com/summitbot/summitbot/corpus"
)

// telegramLimits makes the stand-in answer 429 as Telegram would: more than
// 30 messages in a second overall, or two to one chat within a second.
func telegramLimits(srv *telegramtest.Server, tooMany *atomic.Int64) {
	var mu sync.Mutex
	var recent []time.Time
	last := map[int64]time.Time{}
	srv.Handle("sendMessage", func(c telegramtest.Call) (any, *telegramtest.Fault) {
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		keep := recent[:0]
		for _, t := range recent {
			if now.Sub(t) < time.Second {
				keep = append(keep, t)
			}
		}
		recent = keep
		chat := c.Int("chat_id")
		if len(recent) >= 30 || now.Sub(last[chat]) < time.Second {
			tooMany.Add(1)
			f := telegramtest.TooManyRequests(1)
			return nil, &f
		}
		recent = append(recent, now)
		last[chat] = now
		return nil, nil
	})
}

type fanOut struct {
	srv   *telegramtest.Server
	bot   *bot.Bot
	store *store.Store
}

func newFanOut(b *testing.B, subscribers int, limits bot.Limits) *fanOut {
	engine, err := sharedEngine()
	if err != nil {
		b.Fatal(err)
	}
	srv := telegramtest.NewServer(b, "")
	st, err := store.Open(filepath.Join(b.TempDir(), "state.db"), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	for i := range subscribers {
		if _, err := st.Subscribe(store.Subscription{ChatID: int64(1_000_000 + i), ChatType: "private", Lang: "en"}); err != nil {
			b.Fatal(err)
		}
	}
	client, err := bot.NewClient(bot.ClientConfig{APIURL: srv.URL, Token: srv.Token, Limits: limits, Timeout: 5 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	bt := bot.New(engine, engine, client, st, bot.Config{Me: bot.User{ID: 1, Username: "b"}})
	return &fanOut{srv: srv, bot: bt, store: st}
}

// run announces one article and delivers it to every subscriber; it
// returns how long the deliveries took and the peak heap meanwhile.
func (f *fanOut) run(b *testing.B, key string, workers int) (time.Duration, uint64) {
	doc := corpus.Document{ID: key, Title: "The third China–Central Asia Summit is prepared", Kind: corpus.Article, Lang: "en",
		Source: "Wire", URL: "https://example.org/" + key, Published: time.Now(), Body: "Ministers met to prepare the third summit."}
	ctx, cancel := context.WithCancel(context.Background())
	d := &bot.Deliverer{Bot: f.bot, Workers: workers, Idle: 10 * time.Millisecond, Grace: time.Millisecond}
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	f.bot.Announce(ctx, []corpus.Document{doc})
	for {
		_, total, err := f.store.Pending(time.Now(), 1)
		if err != nil {
			b.Fatal(err)
		}
		if total == 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	elapsed := time.Since(start)
	close(stop)
	cancel()
	<-done
	return elapsed, peak.Load()
}

// BenchmarkFanOut delivers one article to 10,000 subscribers through the
// Bot API stand-in on loopback, with the overall limit raised: how many
// messages a second the bot sustains, and its heap.
func BenchmarkFanOut(b *testing.B) {
	const subscribers = 10_000
	f := newFanOut(b, subscribers, bot.Limits{Global: 1e6, PerChat: 1e6, PerGroup: 1e6, GroupSpan: time.Minute})
	var total time.Duration
	var peak uint64
	n := 0
	for i := 0; b.Loop(); i++ {
		elapsed, p := f.run(b, fmt.Sprintf("bench-%d", i), 32)
		total += elapsed
		peak = max(peak, p)
		n++
	}
	if sent := len(f.srv.Calls("sendMessage")); sent != subscribers*n {
		b.Errorf("%d messages sent, want %d", sent, subscribers*n)
	}
	b.ReportMetric(float64(subscribers*n)/total.Seconds(), "msgs/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkFanOutTelegramLimits delivers to 300 subscribers at Telegram's
// real limit (30 messages a second), against a stand-in that answers 429
// when the limit is broken.
func BenchmarkFanOutTelegramLimits(b *testing.B) {
	const subscribers = 300
	f := newFanOut(b, subscribers, bot.DefaultLimits)
	var tooMany atomic.Int64
	telegramLimits(f.srv, &tooMany)
	var total time.Duration
	n := 0
	for i := 0; b.Loop(); i++ {
		elapsed, _ := f.run(b, fmt.Sprintf("limit-%d", i), 16)
		total += elapsed
		n++
	}
	b.ReportMetric(float64(subscribers*n)/total.Seconds(), "msgs/s")
	b.ReportMetric(float64(tooMany.Load()), "429s")
	if tooMany.Load() > 0 {
		b.Errorf("%d answers were 429: the bot broke Telegram's limits", tooMany.Load())
	}
}
