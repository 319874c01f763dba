package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/telegramtest"
)

func TestConfigCommand(t *testing.T) {
	env := map[string]string{"TELEGRAM_BOT_TOKEN": "123456:very-secret-value", "SUMMITBOT_WEBHOOK_URL": "https://bot.example/hook",
		"SUMMITBOT_WEBHOOK_SECRET": "hook_secret_value", "SUMMITBOT_DATA_DIR": t.TempDir()}
	out, _, err := runCLI(t, env, "config")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"123456:****", "webhook on :8443", "SUMMITBOT_FEED_INTERVAL", "15m", "default"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "very-secret-value") || strings.Contains(out, "hook_secret_value") {
		t.Errorf("a secret is shown:\n%s", out)
	}
	env["SUMMITBOT_FEED_INTERVAL"] = "often"
	if _, _, err := runCLI(t, env, "config"); err == nil || !strings.Contains(err.Error(), "SUMMITBOT_FEED_INTERVAL") {
		t.Errorf("a bad value: %v", err)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestHealthAndMetrics(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	addr := freePort(t)
	env := map[string]string{"TELEGRAM_API_URL": srv.URL, "TELEGRAM_BOT_TOKEN": srv.Token, "SUMMITBOT_DATA_DIR": t.TempDir(),
		"SUMMITBOT_POLL_TIMEOUT": "1s", "SUMMITBOT_METRICS_ADDR": addr}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	}()
	defer func() { cancel(); <-done }()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	if code, body := get("/readyz"); code != 200 {
		t.Errorf("/readyz: %d %s", code, body)
	}
	user := telegramtest.User{ID: 5, FirstName: "M", LanguageCode: "en"}
	srv.Push(telegramtest.PrivateMessage(user.ID, user, "When was the first summit?"))
	srv.Push(telegramtest.PrivateMessage(user.ID, user, "What's the weather in Paris?"))
	srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	// An update is counted right after its reply has gone.
	var metrics string
	waitFor(t, "both updates counted", func() bool {
		_, metrics = get("/metrics")
		return strings.Contains(metrics, `summitbot_updates_total{outcome="no_answer",type="message"} 1`) &&
			strings.Contains(metrics, `summitbot_updates_total{outcome="answered",type="message"} 1`)
	})
	for _, want := range []string{
		`summitbot_updates_total{outcome="answered",type="message"} 1`,
		`summitbot_updates_total{outcome="no_answer",type="message"} 1`,
		`summitbot_questions_total{answered="true"} 1`,
		`summitbot_answer_seconds_count 2`,
		`summitbot_bot_api_calls_total{method="sendMessage",result="ok"} 2`,
		`summitbot_index_passages`, `summitbot_subscriptions 0`, `summitbot_outbox_depth 0`, `go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if out, _, err := runCLI(t, env, "health"); err != nil || !strings.Contains(out, "ok") {
		t.Errorf("summitbot health: %v %s", err, out)
	}
	// Telegram down: not ready, still healthy.
	srv.Close()
	time.Sleep(10 * time.Millisecond)
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz with Telegram down: %d", code)
	}
}
