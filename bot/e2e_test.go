package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/bot/telegramtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// The engine is shared by the tests: a real index of the default corpus.
var sharedEngine = sync.OnceValues(func() (*index.Engine, error) {
	c, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	return index.Open(context.Background(), c, index.Options{
		Now: func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }})
})

// fast are limits that do not slow tests down; the tests of the limits use
// Telegram's.
var fast = bot.Limits{Global: 10000, PerChat: 10000, PerGroup: 10000, GroupSpan: time.Minute}

// harness is a bot polling a Bot API stand-in.
type harness struct {
	srv    *telegramtest.Server
	store  *store.Store
	bot    *bot.Bot
	client *bot.Client
	dir    string
	cancel context.CancelFunc
	done   chan error
}

type options struct {
	limits  bot.Limits
	library bot.Library
	flood   int
	obs     bot.Observer // told of every update handled
	dir     string       // reuse a state directory (restart)
	srv     *telegramtest.Server
	log     *slog.Logger // the bot's and the runner's logs (default: none)
}

func start(t *testing.T, o options) *harness {
	t.Helper()
	engine, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	if o.srv == nil {
		o.srv = telegramtest.NewServer(t, "")
	}
	if o.dir == "" {
		o.dir = t.TempDir()
	}
	if o.limits == (bot.Limits{}) {
		o.limits = fast
	}
	var lib bot.Library = engine
	if o.library != nil {
		lib = o.library
	}
	st, err := store.Open(filepath.Join(o.dir, "state.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	client, err := bot.NewClient(bot.ClientConfig{APIURL: o.srv.URL, Token: o.srv.Token, Timeout: time.Second, Limits: o.limits})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	me, err := client.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(engine, lib, client, st, bot.Config{Me: me, Version: "test", FloodLimit: o.flood, Topics: engine, Logger: o.log,
		Observer: o.obs})
	h := &harness{srv: o.srv, store: st, bot: b, client: client, dir: o.dir, cancel: cancel, done: make(chan error, 1)}
	r := &bot.Runner{Bot: b, Client: client, Store: st, PollWait: time.Second, Grace: 3 * time.Second, Log: o.log}
	go func() { h.done <- r.Poll(ctx) }()
	t.Cleanup(func() { h.stop(t) })
	return h
}

// stop stops polling, waits for the replies in flight, closes the state.
func (h *harness) stop(t *testing.T) time.Duration {
	if h.cancel == nil {
		return 0
	}
	begin := time.Now()
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		if err != nil {
			t.Errorf("poll: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the bot did not stop within 10s")
	}
	h.store.Close()
	return time.Since(begin)
}

var (
	alice = telegramtest.User{ID: 111, FirstName: "Alice", LanguageCode: "en"}
	bruno = telegramtest.User{ID: 222, FirstName: "Bruno", LanguageCode: "fr"}
	olga  = telegramtest.User{ID: 333, FirstName: "Olga", LanguageCode: "ru"}
)

const group = int64(-4001)

// plainRunner is a bot with the default configuration and a state file of
// its own, and its runner, against a new stand-in.
func plainRunner(t *testing.T, engine *index.Engine) (*telegramtest.Server, *bot.Runner) {
	t.Helper()
	srv := telegramtest.NewServer(t, "")
	st, err := store.Open(filepath.Join(t.TempDir(), "state.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	client, _ := bot.NewClient(bot.ClientConfig{APIURL: srv.URL, Token: srv.Token, Limits: fast})
	me, _ := client.Me(context.Background())
	return srv, &bot.Runner{Bot: bot.New(engine, engine, client, st, bot.Config{Me: me}), Client: client, Store: st}
}

// keyboardButton is one button of a sent message's inline keyboard.
type keyboardButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// keyboard reads a sent message's inline keyboard as rows of one field of
// its buttons.
func keyboard(t *testing.T, c telegramtest.Call, field func(keyboardButton) string) [][]string {
	t.Helper()
	if c.Params["reply_markup"] == "" {
		return nil
	}
	var kb struct {
		Rows [][]keyboardButton `json:"inline_keyboard"`
	}
	if err := c.JSON("reply_markup", &kb); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range kb.Rows {
		var row []string
		for _, b := range r {
			row = append(row, field(b))
		}
		out = append(out, row)
	}
	return out
}

// markup reads a sent message's inline keyboard as rows of callback data.
func markup(t *testing.T, c telegramtest.Call) [][]string {
	t.Helper()
	return keyboard(t, c, func(b keyboardButton) string { return b.CallbackData })
}

func TestPrivateQuestion(t *testing.T) {
	h := start(t, options{})
	begin := time.Now()
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	sent := h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("answered after %v", d)
	}
	m := sent[0]
	text := m.Params["text"]
	for _, want := range []string{"2023", "<b>", `<a href="http`, "Source: "} {
		if !strings.Contains(text, want) {
			t.Errorf("answer lacks %q:\n%s", want, text)
		}
	}
	if m.Int("chat_id") != alice.ID || m.Params["parse_mode"] != "HTML" {
		t.Errorf("sent to %d with parse mode %q", m.Int("chat_id"), m.Params["parse_mode"])
	}
	kb := markup(t, m)
	if len(kb) != 1 || len(kb[0]) != 3 || !strings.HasPrefix(kb[0][0], "v:") || !strings.HasPrefix(kb[0][2], "m:") {
		t.Errorf("buttons = %v, want 👍 👎 More", kb)
	}
}

func TestNoAnswerInUsersLanguage(t *testing.T) {
	h := start(t, options{})
	h.srv.Push(telegramtest.PrivateMessage(olga.ID, olga, "Какой курс биткоина сегодня?"))
	m := h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)[0]
	if !strings.Contains(m.Params["text"], "не нашёл") || len(markup(t, m)) != 3 {
		t.Errorf("no-answer reply: %s (buttons %v)", m.Params["text"], markup(t, m))
	}
}

func TestStart(t *testing.T) {
	h := start(t, options{})
	h.srv.Push(telegramtest.PrivateMessage(bruno.ID, bruno, "/start"))
	m := h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)[0]
	if !strings.Contains(m.Params["text"], "Bonjour, Bruno") {
		t.Errorf("greeting: %s", m.Params["text"])
	}
	kb := markup(t, m)
	if len(kb) != 3 || kb[0][0] != "x:fr:0" {
		t.Fatalf("example buttons = %v", kb)
	}
	// Pressing an example asks it.
	h.srv.Push(telegramtest.CallbackQuery("cb1", bruno, bruno.ID, 1, kb[0][0]))
	h.srv.WaitCalls(t, "answerCallbackQuery", 1, 5*time.Second)
	sent := h.srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	if !strings.Contains(sent[1].Params["text"], "2023") {
		t.Errorf("example answer: %s", sent[1].Params["text"])
	}
}

func TestGroups(t *testing.T) {
	h := start(t, options{})
	name := h.srv.Bot.Username
	tests := []struct {
		name   string
		update telegramtest.Update
		answer bool
	}{
		{"Ask", telegramtest.GroupMessage(group, "group", alice, "/ask When was the first summit?"), true},
		{"AskWithBotName", telegramtest.GroupMessage(group, "supergroup", alice, "/ask@"+name+" Où s'est tenu le deuxième sommet ?"), true},
		{"AskOtherBot", telegramtest.GroupMessage(group, "group", alice, "/ask@other_bot When was the first summit?"), false},
		{"OtherBotsCommand", telegramtest.GroupMessage(group, "group", alice, "/weather Paris"), false},
		{"Chatter", telegramtest.GroupMessage(group, "group", alice, "when was the first summit, anyone?"), false},
		{"Mention", telegramtest.GroupMessage(group, "group", olga, "@"+name+" когда прошёл первый саммит?"), true},
		{"ReplyToBot", telegramtest.ReplyTo(telegramtest.GroupMessage(group, "group", alice, "and the second one?"), 5, telegramtest.DefaultBot), true},
		{"ReplyToHuman", telegramtest.ReplyTo(telegramtest.GroupMessage(group, "group", alice, "and the second one?"), 6, olga), false},
		{"Sticker", telegramtest.Sticker(group, alice, "🙂"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(h.srv.Calls("sendMessage"))
			h.srv.Push(tt.update)
			// A marker message after it: once the marker is answered, the
			// update before it has been handled (same chat, in order).
			marker := telegramtest.GroupMessage(group, "group", alice, "/ask@"+name+" When was the second summit?")
			h.srv.Push(marker)
			answered := func() bool {
				for _, c := range h.srv.Calls("sendMessage")[before:] {
					if c.Int("reply_to_message_id") == int64(marker.MessageID()) {
						return true
					}
				}
				return false
			}
			waitFor(t, "the answer to the marker", answered)
			sent := h.srv.Calls("sendMessage")
			got := len(sent) - before - 1
			if want := map[bool]int{true: 1, false: 0}[tt.answer]; got != want {
				t.Fatalf("%d replies, want %d", got, want)
			}
			if tt.answer {
				r := sent[before]
				if r.Int("reply_to_message_id") != int64(tt.update.MessageID()) || r.Int("chat_id") != group {
					t.Errorf("reply to %d in %d, want %d in %d", r.Int("reply_to_message_id"), r.Int("chat_id"), tt.update.MessageID(), group)
				}
			}
		})
	}
}

func TestInline(t *testing.T) {
	h := start(t, options{})
	h.srv.Push(telegramtest.InlineQuery("iq1", alice, "summit", ""))
	a := h.srv.WaitCalls(t, "answerInlineQuery", 1, 5*time.Second)[0]
	var results []struct {
		ID, Title string
		Content   struct {
			Text      string `json:"message_text"`
			ParseMode string `json:"parse_mode"`
		} `json:"input_message_content"`
	}
	if err := a.JSON("results", &results); err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 || len(results) > 10 {
		t.Fatalf("%d results", len(results))
	}
	for _, r := range results {
		// The citation links to the original page, or gives the date when
		// no original page is known (a fact sheet section without one).
		_, cite, _ := strings.Cut(r.Content.Text, "\nSource: ")
		if len(r.ID) > 64 || r.Title == "" || !(strings.Contains(cite, "<a href=") || citedYear.MatchString(cite)) || r.Content.ParseMode != "HTML" {
			t.Errorf("result %+v", r)
		}
	}
	if a.Params["cache_time"] == "" || a.Params["cache_time"] == "0" {
		t.Error("no cache time")
	}
	if next := a.Params["next_offset"]; next != "" {
		h.srv.Push(telegramtest.InlineQuery("iq2", alice, "summit", next))
		b := h.srv.WaitCalls(t, "answerInlineQuery", 2, 5*time.Second)[1]
		var page2 []struct{ ID string }
		b.JSON("results", &page2)
		for _, r := range page2 {
			for _, r1 := range results {
				if r.ID == r1.ID {
					t.Errorf("result %s on both pages", r.ID)
				}
			}
		}
	} else {
		t.Error("no second page for a question many passages answer")
	}
	// An empty query offers featured facts.
	h.srv.Push(telegramtest.InlineQuery("iq3", bruno, "", ""))
	f := h.srv.WaitCalls(t, "answerInlineQuery", 3, 5*time.Second)[2]
	var featured []struct{ Title string }
	f.JSON("results", &featured)
	if len(featured) < 2 {
		t.Errorf("%d featured results", len(featured))
	}
	// Hostile text is escaped in the message a result sends.
	h.srv.Push(telegramtest.InlineQuery("iq4", alice, `<script>alert(1)</script> & <b> first summit`, ""))
	hostile := h.srv.WaitCalls(t, "answerInlineQuery", 4, 5*time.Second)[3]
	if hostile.Fault != nil || strings.Contains(hostile.Params["results"], "<script>") {
		t.Errorf("hostile inline query: %v %s", hostile.Fault, hostile.Params["results"])
	}
}

var citedYear = regexp.MustCompile(`\b(19|20)[0-9]{2}\b`)

func TestCallbacks(t *testing.T) {
	h := start(t, options{})
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "Who chaired the first summit?"))
	m := h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)[0]
	kb := markup(t, m)
	press := func(id, data string) telegramtest.Call {
		n := len(h.srv.Calls("answerCallbackQuery"))
		begin := time.Now()
		h.srv.Push(telegramtest.CallbackQuery(id, alice, alice.ID, 1, data))
		c := h.srv.WaitCalls(t, "answerCallbackQuery", n+1, 5*time.Second)[n]
		if d := time.Since(begin); d > time.Second {
			t.Errorf("callback %s answered after %v", data, d)
		}
		return c
	}
	if c := press("c1", kb[0][0]); c.Params["callback_query_id"] != "c1" || !strings.Contains(c.Params["text"], "Thanks") {
		t.Errorf("vote answer: %v", c)
	}
	answerID := strings.Split(kb[0][0], ":")[1]
	if up, _, _ := h.storeFeedback(answerID); up != 1 {
		t.Errorf("%d up votes stored", up)
	}
	// "More ›" shows the next passage in place, with "‹ Back"; "‹ Back"
	// brings the answer back.
	press("c2", kb[0][2])
	more := h.srv.WaitCalls(t, "editMessageText", 1, 5*time.Second)[0]
	if more.Int("message_id") != 1 || more.Params["text"] == m.Params["text"] || !strings.Contains(more.Params["text"], "2/") {
		t.Errorf("More edited message %d to: %s", more.Int("message_id"), more.Params["text"])
	}
	back := markup(t, more)[0][2]
	if back != "m:"+answerID+":0" {
		t.Fatalf("buttons after More: %v", markup(t, more))
	}
	press("c3", back)
	if again := h.srv.WaitCalls(t, "editMessageText", 2, 5*time.Second)[1]; again.Params["text"] != m.Params["text"] {
		t.Errorf("Back shows:\n%s\nwant the answer:\n%s", again.Params["text"], m.Params["text"])
	}
	if n := len(h.srv.Calls("sendMessage")); n != 1 {
		t.Errorf("paging sent %d new messages", n-1)
	}
	for _, bad := range []string{"garbage", "v:nosuchanswer:u", "m:" + answerID + ":9999", strings.Repeat("x", 64)} {
		if c := press("bad", bad); c.Params["callback_query_id"] != "bad" {
			t.Errorf("malformed callback %q not answered", bad)
		}
	}
}

func (h *harness) storeFeedback(id string) (int, int, error) { return h.store.Feedback(id) }

func TestRetries(t *testing.T) {
	h := start(t, options{})
	tests := []struct {
		name  string
		fault telegramtest.Fault
		calls int
		wait  time.Duration
	}{
		{"TooManyRequests", telegramtest.TooManyRequests(1), 2, time.Second},
		{"BadGateway", telegramtest.ServerError(502), 2, 0},
		{"Malformed", telegramtest.Malformed(), 2, 0},
		{"Timeout", telegramtest.Slow(time.Hour), 2, time.Second},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(h.srv.Calls("sendMessage"))
			h.srv.Fail("sendMessage", tt.fault)
			begin := time.Now()
			user := telegramtest.User{ID: int64(900 + i), FirstName: "U", LanguageCode: "en"}
			h.srv.Push(telegramtest.PrivateMessage(user.ID, user, "When was the first summit?"))
			sent := h.srv.WaitCalls(t, "sendMessage", before+tt.calls, 10*time.Second)
			last := sent[before+tt.calls-1]
			if last.Fault != nil || last.Int("chat_id") != user.ID {
				t.Errorf("the retry failed too: %v", last)
			}
			if d := time.Since(begin); d < tt.wait {
				t.Errorf("retried after %v, want at least %v", d, tt.wait)
			}
		})
	}
}

func TestForbiddenMarksChatInactive(t *testing.T) {
	h := start(t, options{})
	h.srv.Fail("sendMessage", telegramtest.Forbidden("Forbidden: bot was blocked by the user"))
	h.srv.Push(telegramtest.PrivateMessage(olga.ID, olga, "Когда прошёл первый саммит?"))
	h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	waitFor(t, "the blocked chat marked inactive", func() bool { c, ok, _ := h.store.Chat(olga.ID); return ok && c.Inactive })
	if n := len(h.srv.Calls("sendMessage")); n != 1 {
		t.Errorf("%d sends to a chat that blocked the bot, want 1", n)
	}
}

func TestMigration(t *testing.T) {
	h := start(t, options{})
	const super = int64(-1009990001)
	h.srv.Fail("sendMessage", telegramtest.Migrated(super))
	h.srv.Push(telegramtest.GroupMessage(group, "group", alice, "/ask When was the first summit?"))
	sent := h.srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	if sent[1].Int("chat_id") != super {
		t.Errorf("resent to %d, want the supergroup %d", sent[1].Int("chat_id"), super)
	}
	// The service message moves the chat too.
	h.srv.Push(telegramtest.MigrateToSupergroup(-4002, -1009990002))
	waitFor(t, "the migrated group followed", func() bool { c, _, _ := h.store.Chat(-4002); return c.MigratedTo == -1009990002 })
}

func TestMembershipAndOddUpdates(t *testing.T) {
	h := start(t, options{})
	h.srv.Push(telegramtest.MyChatMember(group, "group", alice, "member", "kicked"))
	h.srv.Push(telegramtest.EditedMessage(telegramtest.PrivateMessage(alice.ID, alice, "When?"), "When was it?"))
	h.srv.Push(telegramtest.ChannelPost(-100777, "somechannel", "hello"))
	h.srv.Push(map[string]any{"business_message": map[string]any{"x": 1}})
	h.srv.Push(map[string]any{"message": map[string]any{"chat": "not an object", "message_id": "x"}})
	h.srv.Push(map[string]any{"message": map[string]any{"message_id": 1, "chat": map[string]any{"id": alice.ID, "type": "private"},
		"text": "/ask", "entities": []any{map[string]any{"type": "bot_command", "offset": 0, "length": 400}}}})
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	// The odd updates may get replies of their own (the malformed /ask is
	// read as a question), so wait for the answer to the real one.
	waitFor(t, "the answer to the real question", func() bool {
		for _, c := range h.srv.Calls("sendMessage") {
			if strings.Contains(c.Params["text"], "18–19 May 2023") {
				return true
			}
		}
		return false
	})
	waitFor(t, "the group that kicked the bot marked inactive", func() bool { c, _, _ := h.store.Chat(group); return c.Inactive })
	// The bot confirms a batch with the offset of its next poll.
	waitFor(t, "every update confirmed", func() bool { return h.srv.Pending() == 0 })
}

func TestRestartNeitherLosesNorRepeats(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	dir := t.TempDir()
	h := start(t, options{srv: srv, dir: dir})
	for i := range 5 {
		u := telegramtest.User{ID: int64(500 + i), FirstName: "U", LanguageCode: "en"}
		srv.Push(telegramtest.PrivateMessage(u.ID, u, "When was the first summit?"))
	}
	srv.WaitCalls(t, "sendMessage", 5, 5*time.Second)
	// Replies in flight while the bot stops: slow sends.
	srv.Fail("sendMessage", telegramtest.Fault{Delay: 500 * time.Millisecond, Times: -1})
	for i := range 5 {
		u := telegramtest.User{ID: int64(600 + i), FirstName: "U", LanguageCode: "en"}
		srv.Push(telegramtest.PrivateMessage(u.ID, u, "Where was the second summit held?"))
	}
	srv.WaitCalls(t, "getUpdates", len(srv.Calls("getUpdates"))+1, 5*time.Second)
	time.Sleep(100 * time.Millisecond)
	if d := h.stop(t); d > 5*time.Second {
		t.Errorf("stopped in %v, want under 5s", d)
	}
	srv.Fail("sendMessage", telegramtest.Fault{}) // no more delays after the queued one
	h2 := start(t, options{srv: srv, dir: dir})
	for i := range 3 {
		u := telegramtest.User{ID: int64(700 + i), FirstName: "U", LanguageCode: "en"}
		srv.Push(telegramtest.PrivateMessage(u.ID, u, "Who chaired the first summit?"))
	}
	deadline := time.Now().Add(10 * time.Second)
	for !(repliesTo(srv, 700, 3) && repliesTo(srv, 600, 5)) {
		if time.Now().After(deadline) {
			for _, c := range srv.Calls("sendMessage") {
				t.Logf("sent to %d (fault %v)", c.Int("chat_id"), c.Fault)
			}
			t.Fatal("not every chat was answered")
		}
		time.Sleep(10 * time.Millisecond)
	}
	h2.stop(t)
	perChat := map[int64]int{}
	for _, c := range srv.Calls("sendMessage") {
		if delivered(c) {
			perChat[c.Int("chat_id")]++
		}
	}
	for chat, n := range perChat {
		if n != 1 {
			t.Errorf("chat %d got %d answers, want exactly 1", chat, n)
		}
	}
	if len(perChat) != 13 {
		t.Errorf("%d chats answered, want 13", len(perChat))
	}
}

// delivered reports whether the stand-in accepted a call (a slow answer is
// still an answer).
func delivered(c telegramtest.Call) bool {
	return c.Fault == nil || (c.Fault.Status == 0 && c.Fault.Body == "")
}

// repliesTo reports whether n chats from first on got an answer.
func repliesTo(s *telegramtest.Server, first int64, n int) bool {
	got := map[int64]bool{}
	for _, c := range s.Calls("sendMessage") {
		if id := c.Int("chat_id"); delivered(c) && id >= first && id < first+int64(n) {
			got[id] = true
		}
	}
	return len(got) == n
}

// waitFor polls cond until it holds; what names it in the failure.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10s for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFlood(t *testing.T) {
	h := start(t, options{flood: 5})
	for range 12 {
		h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	}
	h.srv.Push(telegramtest.PrivateMessage(bruno.ID, bruno, "Quand a eu lieu le premier sommet ?"))
	waitFor(t, "5 answers, the flood notice and Bruno's answer", func() bool { return len(h.srv.Calls("sendMessage")) >= 7 })
	// Drain, then count: every update confirmed (so received), then the
	// bot stopped (so every one handled).
	waitFor(t, "every update confirmed", func() bool { return h.srv.Pending() == 0 })
	h.stop(t)
	toAlice, notices, toBruno := 0, 0, 0
	for _, c := range h.srv.Calls("sendMessage") {
		switch c.Int("chat_id") {
		case alice.ID:
			toAlice++
			if strings.Contains(c.Params["text"], "faster") {
				notices++
			}
		case bruno.ID:
			toBruno++
		}
	}
	if toAlice != 6 || notices != 1 || toBruno != 1 {
		t.Errorf("alice got %d messages (%d notices), bruno %d; want 5 answers and 1 notice, and 1", toAlice, notices, toBruno)
	}
}

func TestRateLimits(t *testing.T) {
	h := start(t, options{limits: bot.DefaultLimits})
	begin := time.Now()
	for range 3 {
		h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	}
	sent := h.srv.WaitCalls(t, "sendMessage", 3, 10*time.Second)
	for i := 1; i < 3; i++ {
		if gap := sent[i].Time.Sub(sent[i-1].Time); gap < 900*time.Millisecond {
			t.Errorf("two messages to one chat %v apart, want about a second", gap)
		}
	}
	if time.Since(begin) > 5*time.Second {
		t.Errorf("three answers took %v", time.Since(begin))
	}
}

// manyDocs is a library with more documents than fit one message.
type manyDocs struct{ bot.Library }

func (manyDocs) Documents() []corpus.Document {
	var out []corpus.Document
	for i := range 120 {
		out = append(out, corpus.Document{ID: fmt.Sprintf("d%d", i), Lang: "en", Source: "A <b>source</b> & co",
			Title: fmt.Sprintf("Document number %d with a rather long title about <the> summits", i),
			URL:   fmt.Sprintf("https://example.org/%d?a=1&b=2", i), Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	return out
}

func TestLongListsAreSplit(t *testing.T) {
	engine, _ := sharedEngine()
	h := start(t, options{library: manyDocs{engine}})
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "/sources"))
	waitFor(t, "the source list in 2 messages", func() bool { return len(h.srv.Calls("sendMessage")) >= 2 })
	h.stop(t) // drain: the rest of the list, if any, is sent
	all := ""
	for _, c := range h.srv.Calls("sendMessage") {
		if c.Fault != nil {
			t.Fatalf("a part was refused: %v", c.Fault)
		}
		text, _, err := telegramtest.ParseHTML(c.Params["text"])
		if err != nil {
			t.Fatalf("a part is not valid Telegram HTML: %v", err)
		}
		if n := telegramtest.UTF16Len(text); n > 4096 {
			t.Errorf("a part of %d units", n)
		}
		all += c.Params["text"]
	}
	if !strings.Contains(all, "Document number 119") || !strings.Contains(all, "&lt;the&gt;") {
		t.Error("a document is missing, or text was not escaped")
	}
}

func TestWebhook(t *testing.T) {
	engine, _ := sharedEngine()
	srv, r := plainRunner(t, engine)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- r.Webhook(ctx, bot.WebhookConfig{Listen: "127.0.0.1:0", URL: "https://bot.example.org/hook", Secret: "s3cret_token"})
	}()
	waitFor(t, "the webhook set", func() bool { u, _ := srv.Webhook(); return u != "" })
	if u, secret := srv.Webhook(); u != "https://bot.example.org/hook" || secret != "s3cret_token" {
		t.Errorf("registered %q with secret %q", u, secret)
	}
	if types, ok := srv.AllowedUpdates(); !ok || !strings.Contains(strings.Join(types, ","), "callback_query") {
		t.Errorf("allowed updates %v", types)
	}
	cancel()
	<-done
	// Now with a listener whose address the test knows.
	ln := freeAddr(t)
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	go func() {
		done <- r.Webhook(ctx, bot.WebhookConfig{Listen: ln, URL: "https://bot.example.org/hook", Secret: "s3cret_token"})
	}()
	url := "http://" + ln + "/"
	waitFor(t, "the webhook listener up", func() bool { resp, err := http.Get(url); return err == nil && resp.Body.Close() == nil })
	for _, tt := range []struct {
		secret string
		status int
	}{{"", 401}, {"wrong", 403}, {"s3cret_token", 200}} {
		resp, err := telegramtest.PostWebhook(url, tt.secret, telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit? "+tt.secret))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("secret %q: status %d, want %d", tt.secret, resp.StatusCode, tt.status)
		}
	}
	sent := srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	resp, _ := http.Post(url, "application/json", strings.NewReader("not json"))
	if resp.StatusCode != 401 {
		t.Errorf("garbage without a secret: %d", resp.StatusCode)
	}
	resp.Body.Close()
	cancel()
	<-done // drain: what was accepted has been handled
	if n := len(srv.Calls("sendMessage")); n != 1 || sent[0].Int("chat_id") != alice.ID {
		t.Errorf("%d messages sent, want 1 (only the request with the right secret)", n)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
