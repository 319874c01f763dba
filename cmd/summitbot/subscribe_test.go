package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/telegramtest"
)

// feedServer serves an RSS feed whose items a test adds, with an ETag.
type feedServer struct {
	mu    sync.Mutex
	items []string
	*httptest.Server
	conditional int // requests answered 304
}

func newFeedServer(t *testing.T) *feedServer {
	f := &feedServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		etag := fmt.Sprintf(`"v%d"`, len(f.items))
		if r.Header.Get("If-None-Match") == etag {
			f.conditional++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Steppe Wire</title><link>https://wire.example</link><language>en</language>`)
		for _, it := range f.items {
			fmt.Fprint(w, it)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *feedServer) add(guid, title, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append(f.items, fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://wire.example/%s</link><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate><description>%s</description></item>`,
		guid, title, guid, body))
}

// TestSubscriptions runs "summitbot serve" with a feed: a private chat, a
// group (by an admin) and a channel subscribe; a new item about the
// summits reaches each of them once, an unrelated one none.
func TestSubscriptions(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	feeds := newFeedServer(t)
	const (
		groupID   = int64(-5001)
		channelID = int64(-1007000000001)
	)
	admin := telegramtest.User{ID: 11, FirstName: "Ada", LanguageCode: "en"}
	member := telegramtest.User{ID: 12, FirstName: "Max", LanguageCode: "fr"}
	srv.Handle("getChatAdministrators", func(c telegramtest.Call) (any, *telegramtest.Fault) {
		return []any{telegramtest.ChatMember(admin, "administrator")}, nil
	})
	srv.Handle("getChat", func(c telegramtest.Call) (any, *telegramtest.Fault) {
		if c.Params["chat_id"] != "@steppenews" {
			f := telegramtest.Fault{Status: 400, Description: "Bad Request: chat not found"}
			return nil, &f
		}
		return map[string]any{"id": channelID, "type": "channel", "title": "Steppe News", "username": "steppenews"}, nil
	})
	srv.Handle("getChatMember", func(c telegramtest.Call) (any, *telegramtest.Fault) {
		return telegramtest.ChatMember(telegramtest.User{ID: c.Int("user_id")}, "administrator"), nil
	})
	env := map[string]string{
		"TELEGRAM_API_URL": srv.URL, "TELEGRAM_BOT_TOKEN": srv.Token, "SUMMITBOT_DATA_DIR": t.TempDir(),
		"SUMMITBOT_POLL_TIMEOUT": "1s", "SUMMITBOT_FEEDS": feeds.URL + "/rss", "SUMMITBOT_FEED_INTERVAL": "300ms",
		"SUMMITBOT_WATCH_INTERVAL": "200ms",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	var stderr syncBuffer
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	}()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)

	reply := func(n int) string { return srv.WaitCalls(t, "sendMessage", n, 5*time.Second)[n-1].Params["text"] }
	srv.Push(telegramtest.PrivateMessage(admin.ID, admin, "/subscribe"))
	if r := reply(1); !strings.Contains(r, "Subscribed") {
		t.Errorf("private /subscribe: %s", r)
	}
	srv.Push(telegramtest.GroupMessage(groupID, "group", member, "/subscribe"))
	if r := reply(2); !strings.Contains(r, "administrateurs") {
		t.Errorf("a member's /subscribe in a group: %s", r)
	}
	srv.Push(telegramtest.GroupMessage(groupID, "group", admin, "/subscribe@"+srv.Bot.Username))
	if r := reply(3); !strings.Contains(r, "Subscribed") {
		t.Errorf("an admin's /subscribe in a group: %s", r)
	}
	srv.Push(telegramtest.PrivateMessage(admin.ID, admin, "/subscribe @steppenews"))
	if r := reply(4); !strings.Contains(r, "@steppenews is subscribed") {
		t.Errorf("channel /subscribe: %s", r)
	}
	srv.Push(telegramtest.PrivateMessage(admin.ID, admin, "/subscribe @nosuchchannel"))
	if r := reply(5); !strings.Contains(r, "can't find @nosuchchannel") {
		t.Errorf("unknown channel: %s", r)
	}
	before := len(srv.Calls("sendMessage"))

	begin := time.Now()
	feeds.add("wire-77", "Leaders prepare the third China–Central Asia Summit",
		"Foreign ministers of the China–Central Asia format met in Bishkek to prepare the third China–Central Asia Summit, due in China in 2027; they adopted a joint statement.")
	feeds.add("wire-78", "Snow closes mountain passes",
		"Heavy snow closed several mountain passes in the Alps on Thursday, and ski resorts reported record crowds.")
	deadline := time.Now().Add(10 * time.Second)
	want := map[int64]bool{admin.ID: true, groupID: true, channelID: true}
	for {
		got := map[int64]int{}
		for _, c := range srv.Calls("sendMessage")[before:] {
			if strings.Contains(c.Params["text"], "third China–Central Asia Summit") {
				got[c.Int("chat_id")]++
			}
			if strings.Contains(c.Params["text"], "Snow closes") {
				t.Fatalf("an unrelated item was delivered to %d", c.Int("chat_id"))
			}
		}
		if len(got) == len(want) {
			for chat := range want {
				if got[chat] != 1 {
					t.Errorf("chat %d got the article %d times", chat, got[chat])
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10s the article reached %v, want %v\nlogs:\n%s", got, want, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("the new item reached its 3 subscribers in %v", time.Since(begin).Round(time.Millisecond))
	if !strings.Contains(stderr.String(), "not about the summits") {
		t.Error("the skipped item is not logged with its reason")
	}
	// More fetches, answered 304: nothing new, so no second delivery.
	feeds.mu.Lock()
	fetched := feeds.conditional
	feeds.mu.Unlock()
	waitFor(t, "three more fetches of the feed", func() bool {
		feeds.mu.Lock()
		defer feeds.mu.Unlock()
		return feeds.conditional >= fetched+3
	})
	for _, c := range srv.Calls("sendMessage")[before+3:] {
		if strings.Contains(c.Params["text"], "third China–Central Asia Summit") {
			t.Errorf("delivered twice to %d", c.Int("chat_id"))
		}
	}
	feeds.mu.Lock()
	conditional := feeds.conditional
	feeds.mu.Unlock()
	if conditional == 0 {
		t.Error("the feed was never fetched with its ETag")
	}

	// The question is answerable now, and the bot removed from the group
	// drops the group's subscription.
	srv.Push(telegramtest.PrivateMessage(admin.ID, admin, "Where did the ministers meet to prepare the third summit?"))
	last := srv.WaitCalls(t, "sendMessage", before+4, 5*time.Second)[before+3]
	if !strings.Contains(last.Params["text"], "Bishkek") {
		t.Errorf("the new article does not answer: %s", last.Params["text"])
	}
	cancel()
	<-done
}
