package bot_test

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/telegramtest"
)

// TestFaultsStayInTheirChat makes the Bot API fail in every way for one
// chat (5xx bursts, a 429 storm, timeouts, malformed replies) while other
// chats ask: they are answered at once, and the troubled chat is answered
// when the API recovers.
func TestFaultsStayInTheirChat(t *testing.T) {
	h := start(t, options{})
	const troubled = int64(31337)
	var mu sync.Mutex
	faults := []telegramtest.Fault{
		telegramtest.ServerError(502), telegramtest.ServerError(503), telegramtest.ServerError(500),
		telegramtest.TooManyRequests(1), telegramtest.Malformed(), telegramtest.Slow(2 * time.Second),
	}
	h.srv.Handle("sendMessage", func(c telegramtest.Call) (any, *telegramtest.Fault) {
		if c.Int("chat_id") != troubled {
			return nil, nil
		}
		mu.Lock()
		defer mu.Unlock()
		if len(faults) == 0 {
			return nil, nil
		}
		f := faults[0]
		faults = faults[1:]
		return nil, &f
	})
	u := telegramtest.User{ID: troubled, FirstName: "T", LanguageCode: "en"}
	h.srv.Push(telegramtest.PrivateMessage(troubled, u, "When was the first summit?"))
	time.Sleep(50 * time.Millisecond)
	begin := time.Now()
	for i := range 5 {
		o := telegramtest.User{ID: int64(4000 + i), FirstName: "O", LanguageCode: "en"}
		h.srv.Push(telegramtest.PrivateMessage(o.ID, o, "Where was the second summit held?"))
	}
	waitFor(t, "answers to the 5 other chats", func() bool { return repliesTo(h.srv, 4000, 5) })
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("the other chats waited %v for the troubled one", d)
	}
	waitFor(t, "an answer to the troubled chat", func() bool { return repliesTo(h.srv, troubled, 1) })
	n := 0
	for _, c := range h.srv.Calls("sendMessage") {
		if c.Int("chat_id") == troubled && delivered(c) && strings.Contains(c.Params["text"], "2023") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the troubled chat got %d answers, want 1", n)
	}
}

// TestPollingRecovers breaks getUpdates (5xx, malformed JSON, a timeout):
// the bot keeps polling and handles what comes after.
func TestPollingRecovers(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	srv.Fail("getUpdates", telegramtest.ServerError(502))
	srv.Fail("getUpdates", telegramtest.Malformed())
	srv.Fail("getUpdates", telegramtest.Fault{Status: 500, Times: 2})
	h := start(t, options{srv: srv})
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	h.srv.WaitCalls(t, "sendMessage", 1, 20*time.Second)
}

// TestThousandUpdatesAtOnce delivers 1,000 questions from 1,000 users in
// one batch: all are answered, with bounded memory.
func TestThousandUpdatesAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("answers 1,000 questions")
	}
	h := start(t, options{})
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	stop, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}()
	var batch []any
	for i := range 1000 {
		u := telegramtest.User{ID: int64(100000 + i), FirstName: "U", LanguageCode: "en"}
		batch = append(batch, telegramtest.PrivateMessage(u.ID, u, "Who chaired the first summit?"))
	}
	begin := time.Now()
	h.srv.Push(batch...)
	h.srv.WaitCalls(t, "sendMessage", 1000, 60*time.Second)
	close(stop)
	<-sampled
	t.Logf("1,000 updates answered in %v; heap grew by at most %d MB", time.Since(begin).Round(time.Millisecond), (peak-min(peak, before.HeapAlloc))>>20)
	if grew := peak - min(peak, before.HeapAlloc); grew > 200<<20 {
		t.Errorf("heap grew by %d MB", grew>>20)
	}
}
