package telegramtest

import (
	"encoding/json"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

var (
	alice = User{ID: 111, FirstName: "Alice", Username: "alice", LanguageCode: "en"}
	timur = User{ID: 222, FirstName: "Тимур", LanguageCode: "ru"}
)

// roundTrip pushes u through JSON into the library's Update, as the bot
// will see it, and into a generic map to check the exact shape.
func roundTrip(t *testing.T, u Update) (tgbotapi.Update, map[string]any) {
	t.Helper()
	raw, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	var lib tgbotapi.Update
	if err := json.Unmarshal(raw, &lib); err != nil {
		t.Fatalf("%s does not decode into tgbotapi.Update: %v", raw, err)
	}
	var generic map[string]any
	json.Unmarshal(raw, &generic)
	return lib, generic
}

// field digs a value out of decoded JSON by keys.
func field(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestBuilders(t *testing.T) {
	tests := []struct {
		name  string
		u     Update
		check func(t *testing.T, lib tgbotapi.Update, raw map[string]any)
	}{
		{"PrivateMessageCommand", PrivateMessage(alice.ID, alice, "/ask Когда саммит?"), func(t *testing.T, lib tgbotapi.Update, raw map[string]any) {
			m := lib.Message
			if !m.Chat.IsPrivate() || m.From.ID != alice.ID || m.From.LanguageCode != "en" || !m.IsCommand() || m.Command() != "ask" || m.CommandArguments() != "Когда саммит?" {
				t.Errorf("got %+v, want a private /ask from Alice", m)
			}
			if field(raw, "message", "chat", "first_name") != "Alice" || field(raw, "message", "date") == nil {
				t.Errorf("chat %v lacks first_name or message lacks date", field(raw, "message", "chat"))
			}
		}},
		{"GroupMessageCommandAtBot", GroupMessage(-1001234567890, "supergroup", timur, "/ask@summit_test_bot где секретариат?"), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			m := lib.Message
			if !m.Chat.IsSuperGroup() || m.Command() != "ask" || m.CommandWithAt() != "ask@summit_test_bot" || m.CommandArguments() != "где секретариат?" {
				t.Errorf("got %+v, want /ask@summit_test_bot in a supergroup", m)
			}
		}},
		{"GroupMessageMention", GroupMessage(-4567, "group", timur, "🏔 Привет @summit_test_bot"), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			m := lib.Message
			if !m.Chat.IsGroup() || len(m.Entities) != 1 || m.Entities[0].Type != "mention" || m.Entities[0].Offset != 10 || m.Entities[0].Length != 16 {
				t.Errorf("got %+v, want a group message with a mention at UTF-16 offset 10", m)
			}
		}},
		{"ReplyToTheBot", ReplyTo(GroupMessage(-4567, "group", alice, "and in 2027?"), 41, DefaultBot), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			r := lib.Message.ReplyToMessage
			if r == nil || r.MessageID != 41 || r.From.ID != DefaultBot.ID || !r.From.IsBot || r.Chat.ID != -4567 {
				t.Errorf("reply_to_message = %+v, want message 41 from the bot in the same chat", r)
			}
		}},
		{"CallbackQuery", CallbackQuery("cq1", alice, alice.ID, 77, "fb:9:u"), func(t *testing.T, lib tgbotapi.Update, raw map[string]any) {
			q := lib.CallbackQuery
			if q == nil || q.ID != "cq1" || q.From.ID != alice.ID || q.Data != "fb:9:u" || q.Message.MessageID != 77 || q.Message.Chat.ID != alice.ID || q.ChatInstance == "" {
				t.Errorf("got %+v, want Alice's press on message 77", q)
			}
			if lib.Message != nil || lib.CallbackData() != "fb:9:u" {
				t.Error("a callback update must carry no message of its own")
			}
		}},
		{"InlineQuery", InlineQuery("iq1", timur, "саммит 2025", "10"), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			q := lib.InlineQuery
			if q == nil || q.ID != "iq1" || q.Query != "саммит 2025" || q.Offset != "10" || q.From.ID != timur.ID {
				t.Errorf("got %+v", q)
			}
		}},
		{"ChannelPostHasNoFrom", ChannelPost(-1009876543210, "summit_news", "/subscribe astana"), func(t *testing.T, lib tgbotapi.Update, raw map[string]any) {
			p := lib.ChannelPost
			if p == nil || p.From != nil || p.SenderChat == nil || p.SenderChat.ID != -1009876543210 || !p.Chat.IsChannel() || p.Chat.UserName != "summit_news" {
				t.Errorf("got %+v, want a channel post with sender_chat and no from", p)
			}
			if _, ok := field(raw, "channel_post").(map[string]any)["from"]; ok {
				t.Error("channel_post has a from field")
			}
		}},
		{"MyChatMemberKicked", MyChatMember(-1001234567890, "supergroup", timur, "member", "kicked"), func(t *testing.T, lib tgbotapi.Update, raw map[string]any) {
			m := lib.MyChatMember
			if m == nil || m.Chat.ID != -1001234567890 || m.OldChatMember.Status != "member" || m.NewChatMember.Status != "kicked" ||
				m.NewChatMember.User.ID != DefaultBot.ID || m.From.ID != timur.ID || m.Date == 0 {
				t.Errorf("got %+v, want the bot kicked by Timur", m)
			}
			if field(raw, "my_chat_member", "new_chat_member", "until_date") != 0.0 {
				t.Error("a kicked member lacks until_date")
			}
		}},
		{"MyChatMemberBlockedInPrivate", MyChatMember(alice.ID, "private", alice, "member", "kicked"), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			if m := lib.MyChatMember; m == nil || !m.Chat.IsPrivate() || m.Chat.ID != alice.ID {
				t.Errorf("got %+v, want Alice's private chat", m)
			}
		}},
		{"MigrateToSupergroup", MigrateToSupergroup(-4567, -1004567000000), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			m := lib.Message
			if m == nil || m.Chat.ID != -4567 || !m.Chat.IsGroup() || m.MigrateToChatID != -1004567000000 || m.Text != "" {
				t.Errorf("got %+v, want the service message in the old group", m)
			}
		}},
		{"MigrateFromGroup", MigrateFromGroup(-1004567000000, -4567), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			if m := lib.Message; m == nil || m.Chat.ID != -1004567000000 || m.MigrateFromChatID != -4567 {
				t.Errorf("got %+v", m)
			}
		}},
		{"EditedMessage", EditedMessage(PrivateMessage(alice.ID, alice, "hello"), "/help"), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			m := lib.EditedMessage
			if lib.Message != nil || m == nil || m.Text != "/help" || m.EditDate == 0 || !m.IsCommand() {
				t.Errorf("got %+v, want an edited_message with the new text and entities", m)
			}
		}},
		{"EditedChannelPost", EditedMessage(ChannelPost(-1009876543210, "", "a"), "b"), func(t *testing.T, lib tgbotapi.Update, _ map[string]any) {
			if m := lib.EditedChannelPost; m == nil || m.Text != "b" {
				t.Errorf("got %+v, want an edited_channel_post", m)
			}
		}},
		{"StickerHasNoText", Sticker(alice.ID, alice, "👍"), func(t *testing.T, lib tgbotapi.Update, raw map[string]any) {
			m := lib.Message
			if m == nil || m.Sticker == nil || m.Sticker.Emoji != "👍" || m.Sticker.FileID == "" || m.Sticker.FileUniqueID == "" || m.Text != "" {
				t.Errorf("got %+v, want a sticker without text", m)
			}
			if _, ok := field(raw, "message").(map[string]any)["text"]; ok {
				t.Error("sticker message has a text field")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := tt.u["update_id"]; ok {
				t.Error("builder set update_id; Push should number it")
			}
			lib, raw := roundTrip(t, tt.u)
			tt.check(t, lib, raw)
		})
	}
}

func TestMessageIDs(t *testing.T) {
	a, b := PrivateMessage(1, alice, "a"), PrivateMessage(1, alice, "b")
	if a.MessageID() == 0 || b.MessageID() <= a.MessageID() {
		t.Errorf("message ids %d, %d; want increasing", a.MessageID(), b.MessageID())
	}
	if got := InlineQuery("i", alice, "", "").MessageID(); got != 0 {
		t.Errorf("inline query MessageID() = %d, want 0", got)
	}
	if got := CallbackQuery("c", alice, 1, 77, "d").MessageID(); got != 77 {
		t.Errorf("callback MessageID() = %d, want 77", got)
	}
}
