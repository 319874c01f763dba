package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/telegramtest"
)

// syncBuffer is a buffer the program can log to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestServe runs "summitbot serve" as an operator would, against a Bot API
// stand-in on 127.0.0.1, and talks to it as users would.
func TestServe(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	env := map[string]string{
		"TELEGRAM_API_URL":       srv.URL,
		"TELEGRAM_BOT_TOKEN":     srv.Token,
		"SUMMITBOT_DATA_DIR":     t.TempDir(),
		"SUMMITBOT_POLL_TIMEOUT": "1s",
	}
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	}()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	// One menu for every user (English) and one per language_code the
	// bot speaks or answers in Russian for.
	wantMenus := []string{"", "fr", "kk", "ky", "ru", "tg", "tk", "uz", "zh"}
	srv.WaitCalls(t, "setMyCommands", len(wantMenus), 10*time.Second)

	user := telegramtest.User{ID: 42, FirstName: "Ann", LanguageCode: "en"}
	begin := time.Now()
	srv.Push(telegramtest.PrivateMessage(user.ID, user, "When was the first summit?"))
	m := srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)[0]
	if d := time.Since(begin); d > time.Second {
		t.Errorf("answered in %v, want under a second", d)
	}
	if text := m.Params["text"]; !strings.Contains(text, "2023") || !strings.Contains(text, `<a href="http`) {
		t.Errorf("answer: %s", text)
	}

	srv.Push(telegramtest.GroupMessage(-777, "supergroup", user, "/ask@"+srv.Bot.Username+" Où s'est tenu le deuxième sommet ?"))
	g := srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)[1]
	if g.Int("chat_id") != -777 || !strings.Contains(g.Params["text"], "Astana") {
		t.Errorf("group answer to %d: %s", g.Int("chat_id"), g.Params["text"])
	}

	srv.Push(telegramtest.InlineQuery("q1", user, "первый саммит", ""))
	if in := srv.WaitCalls(t, "answerInlineQuery", 1, 5*time.Second)[0]; !strings.Contains(in.Params["results"], "article") {
		t.Errorf("inline answer: %s", in.Params["results"])
	}

	begin = time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(6 * time.Second):
		t.Fatal("serve did not stop within 6s")
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("stopped in %v", d)
	}
	// Serve has stopped: every menu it registered is in.
	var menus []string
	for _, c := range srv.Calls("setMyCommands") {
		menus = append(menus, c.Params["language_code"])
	}
	if slices.Sort(menus); !slices.Equal(menus, wantMenus) {
		t.Errorf("command menus registered for %q, want %q", menus, wantMenus)
	}
	if logs := stderr.String(); strings.Contains(logs, srv.Token) || strings.Contains(logs, "When was the first summit") {
		t.Errorf("the logs hold the token or a user's text:\n%s", logs)
	}
}

func TestServeConfiguration(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"NoToken", nil, "BotFather"},
		{"BadDuration", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "SUMMITBOT_HTTP_TIMEOUT": "soon"}, "SUMMITBOT_HTTP_TIMEOUT"},
		{"BadAPIURL", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"},
		{"WebhookWithoutSecret", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "SUMMITBOT_WEBHOOK_URL": "https://h.example/x"}, "SUMMITBOT_WEBHOOK_SECRET"},
		{"WebhookNotHTTPS", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "SUMMITBOT_WEBHOOK_URL": "http://h.example/x", "SUMMITBOT_WEBHOOK_SECRET": "s"}, "SUMMITBOT_WEBHOOK_URL"},
		{"BadFloodLimit", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "SUMMITBOT_FLOOD_LIMIT": "-3"}, "SUMMITBOT_FLOOD_LIMIT"},
		{"WebhookSecretWithSpace", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "SUMMITBOT_WEBHOOK_URL": "https://h.example/x", "SUMMITBOT_WEBHOOK_SECRET": "two words"}, "SUMMITBOT_WEBHOOK_SECRET"},
		{"WebhookSecretTooLong", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "SUMMITBOT_WEBHOOK_URL": "https://h.example/x", "SUMMITBOT_WEBHOOK_SECRET": strings.Repeat("a", 257)}, "SUMMITBOT_WEBHOOK_SECRET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"SUMMITBOT_DATA_DIR": t.TempDir()}
			for k, v := range tt.env {
				env[k] = v
			}
			_, _, err := runCLI(t, env, "serve")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one naming %s", err, tt.want)
			}
			if err != nil && tt.env["TELEGRAM_BOT_TOKEN"] != "" && strings.Contains(err.Error(), tt.env["TELEGRAM_BOT_TOKEN"]) {
				t.Error("the error shows the token")
			}
		})
	}
}

func TestServeRefusedToken(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	env := map[string]string{"TELEGRAM_API_URL": srv.URL, "TELEGRAM_BOT_TOKEN": "123:wrong-token-value", "SUMMITBOT_DATA_DIR": t.TempDir()}
	_, _, err := runCLI(t, env, "serve")
	if err == nil || !strings.Contains(err.Error(), "refused the bot token") || strings.Contains(err.Error(), "wrong-token-value") {
		t.Errorf("error %v", err)
	}
}

func TestChat(t *testing.T) {
	var out, logs bytes.Buffer
	in := strings.NewReader("When was the first summit?\n3\n/help\nweather in paris\n")
	err := run(context.Background(), []string{"chat", "--data", t.TempDir()}, func(string) string { return "" }, in, &out, &logs)
	if err != nil {
		t.Fatal(err)
	}
	// The terminal shows the conversation; info lines (index built,
	// update handled) would come between the turns.
	if logs.Len() > 0 {
		t.Errorf("chat logged between the turns:\n%s", logs.String())
	}
	for _, want := range []string{"2023", "[1] 👍", "[3] More", "[2]", "/ask", "couldn't find"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the session lacks %q:\n%s", want, out.String())
		}
	}
}

// TestValidSecret checks the secret_token rule of the Bot API: 1-256
// characters of A-Z, a-z, 0-9, _ and -.
func TestValidSecret(t *testing.T) {
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{"s3cret", true}, {"A-Z_a-z_0-9", true}, {strings.Repeat("x", 256), true},
		{"", false}, {strings.Repeat("x", 257), false}, {"two words", false}, {"clé", false}, {"a:b", false},
	} {
		if got := validSecret(tc.s); got != tc.ok {
			t.Errorf("validSecret(%q) = %v, want %v", tc.s, got, tc.ok)
		}
	}
}
