package telegramtest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// newLibBot connects go-telegram-bot-api, the bot's client library, to s.
func newLibBot(t *testing.T, s *Server) *tgbotapi.BotAPI {
	t.Helper()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(s.Token, s.URL+"/bot%s/%s")
	if err != nil {
		t.Fatalf("connect the library: %v", err)
	}
	return api
}

// TestLibrary drives the server with the library the bot uses, so that
// what the library sends and expects back stays in step with the server.
func TestLibrary(t *testing.T) {
	s := NewServer(t, "")
	api := newLibBot(t, s)
	if api.Self.UserName != DefaultBot.Username || api.Self.ID != DefaultBot.ID {
		t.Fatalf("library sees %+v, want %+v", api.Self, DefaultBot)
	}

	t.Run("GetUpdates", func(t *testing.T) {
		ids := s.Push(PrivateMessage(alice.ID, alice, "/start"), CallbackQuery("cq", alice, alice.ID, 5, "fb:1:u"))
		cfg := tgbotapi.NewUpdate(0)
		cfg.Timeout = 1
		cfg.AllowedUpdates = []string{"message", "callback_query"}
		ups, err := api.GetUpdates(cfg)
		if err != nil || len(ups) != 2 || ups[0].UpdateID != ids[0] || ups[0].Message.Command() != "start" || ups[1].CallbackQuery.Data != "fb:1:u" {
			t.Fatalf("GetUpdates = %+v, %v; want the /start and the callback", ups, err)
		}
		cfg.Offset = ups[1].UpdateID + 1
		if ups, err = api.GetUpdates(cfg); err != nil || len(ups) != 0 {
			t.Errorf("after confirming: %+v, %v; want none after the 1 s poll", ups, err)
		}
	})

	t.Run("SendWithKeyboard", func(t *testing.T) {
		msg := tgbotapi.NewMessage(alice.ID, "<b>Astana</b>, 2025 [1]")
		msg.ParseMode = tgbotapi.ModeHTML
		msg.ReplyToMessageID = 5
		msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("👍", "fb:1:u"), tgbotapi.NewInlineKeyboardButtonURL("Source", "https://example.org")))
		sent, err := api.Send(msg)
		if err != nil || sent.Text != "Astana, 2025 [1]" || sent.Chat.ID != alice.ID || sent.ReplyMarkup == nil || len(sent.Entities) != 1 {
			t.Fatalf("Send = %+v, %v", sent, err)
		}
		c := s.WaitCalls(t, "sendMessage", 1, time.Second)[0]
		var kb tgbotapi.InlineKeyboardMarkup
		if err := c.JSON("reply_markup", &kb); err != nil || *kb.InlineKeyboard[0][0].CallbackData != "fb:1:u" || c.Int("reply_to_message_id") != 5 || c.Params["parse_mode"] != "HTML" {
			t.Errorf("recorded %v (%v), want the keyboard, reply id and parse mode", c, err)
		}
		edit := tgbotapi.NewEditMessageReplyMarkup(alice.ID, sent.MessageID, tgbotapi.NewInlineKeyboardMarkup(
			tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("✓", "fb:1:done"))))
		if _, err := api.Request(edit); err != nil {
			t.Errorf("editMessageReplyMarkup: %v", err)
		}
		if _, err := api.Request(edit); err == nil {
			t.Error("the same edit twice did not fail with message is not modified")
		}
	})

	t.Run("RequestsThatReturnTrue", func(t *testing.T) {
		for _, cfg := range []tgbotapi.Chattable{
			tgbotapi.NewCallback("cq", "Thanks"),
			tgbotapi.NewChatAction(alice.ID, tgbotapi.ChatTyping),
			tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "ask", Description: "Ask a question"}),
			tgbotapi.InlineConfig{InlineQueryID: "iq", Results: []any{tgbotapi.NewInlineQueryResultArticleHTML("a1", "Title", "<i>text</i>")}},
		} {
			if resp, err := api.Request(cfg); err != nil || string(resp.Result) != "true" {
				t.Errorf("%T: %v, %v", cfg, resp, err)
			}
		}
	})

	t.Run("TypedErrors", func(t *testing.T) {
		s.Fail("sendMessage", TooManyRequests(7))
		s.Fail("sendMessage", Migrated(-1001234567890))
		s.Fail("sendMessage", Forbidden("bot was kicked from the group chat"))
		var te *tgbotapi.Error
		_, err := api.Send(tgbotapi.NewMessage(-4567, "x"))
		if !errors.As(err, &te) || te.Code != 429 || te.RetryAfter != 7 {
			t.Errorf("got %v, want 429 with retry_after 7", err)
		}
		_, err = api.Send(tgbotapi.NewMessage(-4567, "x"))
		if !errors.As(err, &te) || te.MigrateToChatID != -1001234567890 {
			t.Errorf("got %v, want migrate_to_chat_id", err)
		}
		_, err = api.Send(tgbotapi.NewMessage(-4567, "x"))
		if !errors.As(err, &te) || te.Code != 403 || te.Message != "Forbidden: bot was kicked from the group chat" {
			t.Errorf("got %v, want 403", err)
		}
	})

	t.Run("Malformed", func(t *testing.T) {
		s.Fail("sendMessage", Malformed())
		if _, err := api.Send(tgbotapi.NewMessage(1, "x")); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("got %v, want io.ErrUnexpectedEOF", err)
		}
	})

	t.Run("Timeout", func(t *testing.T) {
		slow := newLibBot(t, s)
		slow.Client = &http.Client{Timeout: 100 * time.Millisecond}
		s.Fail("sendMessage", Slow(time.Minute))
		_, err := slow.Send(tgbotapi.NewMessage(1, "x"))
		var ne interface{ Timeout() bool }
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("got %v, want a timeout", err)
		}
	})

	t.Run("WrongToken", func(t *testing.T) {
		_, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:wrong", s.URL+"/bot%s/%s")
		var te *tgbotapi.Error
		if !errors.As(err, &te) || te.Code != 401 {
			t.Errorf("got %v, want 401 Unauthorized", err)
		}
	})
}

func TestPostWebhook(t *testing.T) {
	type got struct {
		secret, contentType string
		update              tgbotapi.Update
	}
	seen := make(chan got, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var g got
		g.secret, g.contentType = r.Header.Get(SecretHeader), r.Header.Get("Content-Type")
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &g.update); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		seen <- g
	}))
	defer hook.Close()

	resp, err := PostWebhook(hook.URL, "s3cr3t", GroupMessage(-4567, "group", timur, "/ask@summit_test_bot hi"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	g := <-seen
	if resp.StatusCode != 200 || g.secret != "s3cr3t" || g.contentType != "application/json" || g.update.UpdateID == 0 || g.update.Message.Command() != "ask" {
		t.Errorf("webhook got %+v (status %d), want the update with the secret header and an update_id", g, resp.StatusCode)
	}

	if _, err := PostWebhook(hook.URL, "", "[1]"); err == nil {
		t.Error("PostWebhook of a JSON array did not fail")
	}
}
