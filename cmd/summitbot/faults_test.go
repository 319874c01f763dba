package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/telegramtest"
)

// busyAddr is an address some other listener holds for the test.
func busyAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l.Addr().String()
}

// TestServeAddressFaults: an address the bot cannot listen on stops
// "serve" at once with an error naming the variable, the address and the
// cause (the process used to stay up, silent, without its webhook or
// metrics).
func TestServeAddressFaults(t *testing.T) {
	busy := busyAddr(t)
	webhook := map[string]string{"SUMMITBOT_WEBHOOK_URL": "https://bot.example.org/hook", "SUMMITBOT_WEBHOOK_SECRET": "s3cret"}
	for _, tt := range []struct {
		name, variable, addr string
		webhook              bool
		cause                error // nil: a malformed address
	}{
		{"WebhookWithoutHostPart", "SUMMITBOT_WEBHOOK_LISTEN", "8443", true, nil},
		{"WebhookPortBusy", "SUMMITBOT_WEBHOOK_LISTEN", busy, true, syscall.EADDRINUSE},
		{"MetricsInvalid", "SUMMITBOT_METRICS_ADDR", "9090", false, nil},
		{"MetricsUnknownPort", "SUMMITBOT_METRICS_ADDR", "127.0.0.1:nine", false, nil},
		{"MetricsPortBusy", "SUMMITBOT_METRICS_ADDR", busy, false, syscall.EADDRINUSE},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.NewServer(t, "")
			env := map[string]string{"TELEGRAM_API_URL": srv.URL, "TELEGRAM_BOT_TOKEN": srv.Token,
				"SUMMITBOT_DATA_DIR": t.TempDir(), "SUMMITBOT_POLL_TIMEOUT": "1s", tt.variable: tt.addr}
			if tt.webhook {
				for k, v := range webhook {
					env[k] = v
				}
			}
			begin := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err := run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
			if err == nil {
				t.Fatal("serve ran")
			}
			if took := time.Since(begin); took > 5*time.Second {
				t.Errorf("failed after %v, want at once", took)
			}
			if !strings.Contains(err.Error(), tt.variable) || !strings.Contains(err.Error(), tt.addr) {
				t.Errorf("error %q does not name %s and %s", err, tt.variable, tt.addr)
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("error %v, want %v", err, tt.cause)
			}
			if len(srv.Calls("getUpdates")) > 0 || len(srv.Calls("setWebhook")) > 0 {
				t.Error("the bot started taking updates")
			}
		})
	}
}

// TestConfigRefusals: "summitbot config" (and so "serve") refuses a
// malformed token without showing it, and a feed interval below a minute;
// it warns of an unknown SUMMITBOT_ variable by name.
func TestConfigRefusals(t *testing.T) {
	defer func(old time.Duration) { minFeedInterval = old }(minFeedInterval)
	minFeedInterval = time.Minute
	for _, tt := range []struct {
		name, variable, value string
	}{
		{"TokenWithSpace", "TELEGRAM_BOT_TOKEN", "123456:secret part"},
		{"TokenWithNewline", "TELEGRAM_BOT_TOKEN", "123456:secretpart\n"},
		{"FeedIntervalNanosecond", "SUMMITBOT_FEED_INTERVAL", "1ns"},
		{"FeedIntervalHalfAMinute", "SUMMITBOT_FEED_INTERVAL", "30s"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"TELEGRAM_BOT_TOKEN": "123456:token", "SUMMITBOT_DATA_DIR": t.TempDir(), tt.variable: tt.value}
			_, _, err := runCLI(t, env, "config")
			var ce *configError
			if !errors.As(err, &ce) || ce.Var != tt.variable {
				t.Fatalf("error %v, want a configError for %s", err, tt.variable)
			}
			if tt.variable == "TELEGRAM_BOT_TOKEN" && strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
	t.Run("UnknownVariableWarned", func(t *testing.T) {
		dir := t.TempDir()
		envFile := filepath.Join(dir, "x.env")
		os.WriteFile(envFile, []byte("SUMMITBOT_FEED_INTERVALL=20m\n"), 0o600)
		env := map[string]string{"SUMMITBOT_ENV_FILE": envFile, "SUMMITBOT_DATA_DIR": dir, "SUMMITBOT_LOG_LEVL": "debug"}
		cmd := summitbot(t, env, "config") // a process: the environment itself is read
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("config: %v\n%s", err, stderr.String())
		}
		for _, name := range []string{"SUMMITBOT_FEED_INTERVALL", "SUMMITBOT_LOG_LEVL"} {
			if !strings.Contains(stderr.String(), "warning: "+name+" is not a SummitBot variable") {
				t.Errorf("no warning about %s:\n%s", name, stderr.String())
			}
		}
	})
}

// TestDotenvErrors: a .env line that cannot be read is reported by file,
// line and variable, never with its text (the file holds the token).
func TestDotenvErrors(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		line       int
		variable   string
	}{
		{"UnclosedQuote", "SUMMITBOT_LOG_LEVEL=info\n# the token\nTELEGRAM_BOT_TOKEN=\"123456:AAsecretXYZ\nSUMMITBOT_DATA_DIR=/data\n", 3, "TELEGRAM_BOT_TOKEN"},
		{"UnclosedSingleQuote", "TELEGRAM_BOT_TOKEN='123456:AAsecretXYZ\n", 1, "TELEGRAM_BOT_TOKEN"},
		{"NotAnAssignment", "SUMMITBOT_LOG_LEVEL=info\nAAsecretXYZ\n", 2, ""},
		{"BadName", "TELEGRAM-BOT-TOKEN=AAsecretXYZ\n", 1, "TELEGRAM-BOT-TOKEN"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".env")
			os.WriteFile(path, []byte(tt.text), 0o600)
			_, err := loadEnv(func(k string) string { return map[string]string{"SUMMITBOT_ENV_FILE": path}[k] })
			var fe *envFileError
			if !errors.As(err, &fe) || fe.Line != tt.line || fe.Var != tt.variable {
				t.Fatalf("error %#v, want line %d, variable %q", err, tt.line, tt.variable)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the value: %v", err)
			}
		})
	}
}

// TestIndexFolderDeletedWhileServing deletes the index folder of a serving
// bot, then adds a document to the corpus: the update fails and is logged,
// /readyz says degraded, and questions are still answered.
func TestIndexFolderDeletedWhileServing(t *testing.T) {
	srv := telegramtest.NewServer(t, "")
	data, docs, addr := t.TempDir(), t.TempDir(), freePort(t)
	env := map[string]string{"TELEGRAM_API_URL": srv.URL, "TELEGRAM_BOT_TOKEN": srv.Token, "SUMMITBOT_DATA_DIR": data,
		"SUMMITBOT_CORPUS_DIR": docs, "SUMMITBOT_POLL_TIMEOUT": "1s", "SUMMITBOT_METRICS_ADDR": addr, "SUMMITBOT_WATCH_INTERVAL": "50ms"}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &logs)
	}()
	defer func() { cancel(); <-done }()
	srv.WaitCalls(t, "getUpdates", 1, 20*time.Second)
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(docs, "astana.md"), []byte("---\nid: astana-note\ntitle: Ministers meet in Astana\nkind: article\nlang: en\n"+
		"source: Wire\nurl: https://e.org/astana\npublished: 2026-11-20\n---\nThe foreign ministers of the China–Central Asia format met in Astana.\n"), 0o644)
	waitFor(t, "the failed index update logged", func() bool { return strings.Contains(logs.String(), "index documents; will try again") })
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "degraded") {
		t.Errorf("/readyz: %d %s, want 503 degraded", resp.StatusCode, body)
	}
	for i := range 2 {
		u := telegramtest.User{ID: int64(61 + i), FirstName: "Q", LanguageCode: "en"}
		srv.Push(telegramtest.PrivateMessage(u.ID, u, "When was the first summit?"))
	}
	sent := srv.WaitCalls(t, "sendMessage", 2, 10*time.Second)
	for _, c := range sent {
		if !strings.Contains(c.Params["text"], "2023") {
			t.Errorf("not answered from the index in use: %s", c.Params["text"])
		}
	}
}
