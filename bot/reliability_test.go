package bot_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/telegramtest"
	"github.com/summitbot/summitbot/corpus"
)

// syncBuf collects logs for a test to read while the bot writes them.
type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newLogger(b *syncBuf) *slog.Logger { return slog.New(slog.NewTextHandler(b, nil)) }

// TestWebhookUpdatePostedTwice posts one update twice, as Telegram does
// when it missed the first answer, then another update of the same chat:
// the first is answered once.
func TestWebhookUpdatePostedTwice(t *testing.T) {
	engine, _ := sharedEngine()
	srv, r := plainRunner(t, engine)
	ln := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- r.Webhook(ctx, bot.WebhookConfig{Listen: ln, URL: "https://bot.example.org/hook", Secret: "s3cret"})
	}()
	waitFor(t, "the webhook set", func() bool { u, _ := srv.Webhook(); return u != "" })
	url := "http://" + ln + "/"
	post := func(u telegramtest.Update) {
		t.Helper()
		resp, err := telegramtest.PostWebhook(url, "s3cret", u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	first := telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?")
	first["update_id"] = 900001
	post(first)
	post(first)
	second := telegramtest.PrivateMessage(alice.ID, alice, "Where was the second summit held?")
	second["update_id"] = 900002
	post(second)
	// One chat's updates are handled in order: once the second is answered,
	// whatever the first would get has been sent.
	waitFor(t, "the answer to the second question", func() bool {
		for _, c := range srv.Calls("sendMessage") {
			if strings.Contains(c.Params["text"], "Astana") {
				return true
			}
		}
		return false
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Calls("sendMessage")); n != 2 {
		t.Errorf("%d messages for 2 distinct updates, one posted twice; want 2", n)
	}
}

// TestUndecodableUpdateIsSkipped has a hostile Bot API return, between two
// good updates, one that nests 100,000 arrays: it is logged with its id,
// confirmed and skipped, the good ones are answered, and polling goes on.
func TestUndecodableUpdateIsSkipped(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	good := func(id int, text string) string {
		u := telegramtest.PrivateMessage(alice.ID, alice, text)
		u["update_id"] = id
		b, _ := json.Marshal(u)
		return string(b)
	}
	deep := `{"update_id":1002,"message":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`
	// As the body itself: the stand-in's encoder refuses such nesting.
	srv.Fail("getUpdates", telegramtest.Fault{Body: `{"ok":true,"result":[` + good(1001, "When was the first summit?") + "," + deep + "," +
		good(1003, "Where was the second summit held?") + "]}"})
	var logs syncBuf
	h := start(t, options{srv: srv, log: newLogger(&logs)})
	later := telegramtest.PrivateMessage(bruno.ID, bruno, "Quand a eu lieu le premier sommet ?")
	later["update_id"] = 2000
	srv.Push(later)
	waitFor(t, "the update after the hostile batch answered", func() bool {
		for _, c := range srv.Calls("sendMessage") {
			if c.Int("chat_id") == bruno.ID {
				return true
			}
		}
		return false
	})
	waitFor(t, "the hostile batch confirmed", func() bool {
		for _, c := range srv.Calls("getUpdates") {
			if c.Int("offset") >= 1004 {
				return true
			}
		}
		return false
	})
	h.stop(t)
	toAlice := 0
	for _, c := range srv.Calls("sendMessage") {
		if c.Int("chat_id") == alice.ID {
			toAlice++
		}
	}
	if toAlice != 2 {
		t.Errorf("%d answers to the 2 good updates of the hostile batch", toAlice)
	}
	if !strings.Contains(logs.String(), "update=1002") {
		t.Errorf("the skipped update is not logged by id; logs:\n%s", logs.String())
	}
	if len(logs.String()) > 10000 {
		t.Errorf("the logs hold %d bytes: the update's text is in them", len(logs.String()))
	}
}

// TestBlockedChatComesBack: a chat that blocked the bot (403) writes again
// and subscribes; it is active again and gets the next article.
func TestBlockedChatComesBack(t *testing.T) {
	h := start(t, options{})
	h.srv.Fail("sendMessage", telegramtest.Forbidden("Forbidden: bot was blocked by the user"))
	h.srv.Push(telegramtest.PrivateMessage(olga.ID, olga, "When was the first summit?"))
	waitFor(t, "the blocked chat marked inactive", func() bool { c, ok, _ := h.store.Chat(olga.ID); return ok && c.Inactive })
	h.srv.Push(telegramtest.PrivateMessage(olga.ID, olga, "/subscribe"))
	h.srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	if c, _, _ := h.store.Chat(olga.ID); c.Inactive {
		t.Fatal("the chat is still inactive after writing to the bot again")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	doc := corpus.Document{ID: "comeback-article", Title: "Ministers meet in Astana", Kind: corpus.Article, Lang: "en",
		Source: "Wire", URL: "https://e.org/comeback", Published: time.Now(),
		Body: "The foreign ministers of the China–Central Asia format met in Astana."}
	h.bot.Announce(ctx, []corpus.Document{doc})
	d := &bot.Deliverer{Bot: h.bot, Idle: 20 * time.Millisecond, Grace: time.Millisecond}
	go d.Run(ctx)
	waitFor(t, "the article delivered to the chat that came back", func() bool {
		for _, c := range h.srv.Calls("sendMessage") {
			if c.Int("chat_id") == olga.ID && strings.Contains(c.Params["text"], "Ministers meet in Astana") {
				return true
			}
		}
		return false
	})
}

// TestGroupRepliesSpacedAfterTheQueue: with Telegram's limits, a group's
// first reply waits behind a burst to other chats in the global queue; its
// second reply must still leave a second or more after the first, or
// Telegram answers 429.
func TestGroupRepliesSpacedAfterTheQueue(t *testing.T) {
	h := start(t, options{limits: bot.DefaultLimits})
	var burst []any
	for i := range 30 {
		u := telegramtest.User{ID: int64(70000 + i), FirstName: "U", LanguageCode: "en"}
		burst = append(burst, telegramtest.PrivateMessage(u.ID, u, "When was the first summit?"))
	}
	h.srv.Push(burst...)
	// Once the burst is sending, the rest of it is queued for its turn.
	h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	h.srv.Push(telegramtest.GroupMessage(group, "group", alice, "/ask When was the first summit?"),
		telegramtest.GroupMessage(group, "group", alice, "/ask Where was the second summit held?"))
	waitFor(t, "two replies in the group", func() bool {
		n := 0
		for _, c := range h.srv.Calls("sendMessage") {
			if c.Int("chat_id") == group {
				n++
			}
		}
		return n == 2
	})
	var at []time.Time
	for _, c := range h.srv.Calls("sendMessage") {
		if c.Int("chat_id") == group {
			at = append(at, c.Time)
		}
	}
	if gap := at[1].Sub(at[0]); gap < time.Second {
		t.Errorf("two replies to one group %v apart, want at least 1s", gap)
	}
}
