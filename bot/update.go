package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// decodeUpdate reads one update. A body that is not an update still gives
// its update_id when it has one, so that it can be skipped and confirmed.
func decodeUpdate(raw []byte) (tgbotapi.Update, error) {
	id, _ := updateID(raw)
	if d := depthOf(raw); d > maxUpdateDepth {
		return tgbotapi.Update{UpdateID: id}, fmt.Errorf("update %d: %w (%d levels, at most %d)", id, errTooDeep, d, maxUpdateDepth)
	}
	var u tgbotapi.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		return tgbotapi.Update{UpdateID: id}, fmt.Errorf("update %d: %w", id, err)
	}
	return u, nil
}

// updateKind names an update's type, for logs and metrics.
func updateKind(u tgbotapi.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.ChannelPost != nil:
		return "channel_post"
	case u.EditedChannelPost != nil:
		return "edited_channel_post"
	case u.InlineQuery != nil:
		return "inline_query"
	case u.ChosenInlineResult != nil:
		return "chosen_inline_result"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	case u.ChatMember != nil:
		return "chat_member"
	}
	return "other"
}

// chatKey is the chat whose updates must be handled in order with this
// one; inline queries go with their user's private chat.
func chatKey(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		return u.ChannelPost.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}

// command is a /command at the start of a message.
type command struct {
	name string // lowercased, without the slash
	at   string // the bot it is addressed to ("/ask@summit_bot"), if any
	args string
}

// parseCommand reads a leading /command from its bot_command entity,
// checking the entity's bounds: offsets are UTF-16 units, and a hostile
// update must not make the bot slice out of range.
func parseCommand(text string, entities []tgbotapi.MessageEntity) (command, bool) {
	if len(entities) == 0 || entities[0].Type != "bot_command" || entities[0].Offset != 0 {
		return command{}, false
	}
	u := utf16.Encode([]rune(text))
	n := entities[0].Length
	if n < 2 || n > len(u) {
		return command{}, false
	}
	word := string(utf16.Decode(u[:n]))
	if !strings.HasPrefix(word, "/") {
		return command{}, false
	}
	c := command{name: strings.ToLower(word[1:]), args: strings.TrimSpace(string(utf16.Decode(u[n:])))}
	if i := strings.IndexByte(c.name, '@'); i >= 0 {
		c.name, c.at = c.name[:i], c.name[i+1:]
	}
	return c, c.name != ""
}

// mentions reports whether the text mentions @username, and returns the
// text without the mention.
func mentions(text string, entities []tgbotapi.MessageEntity, username string) (string, bool) {
	if username == "" {
		return text, false
	}
	u := utf16.Encode([]rune(text))
	for _, e := range entities {
		if e.Type != "mention" || e.Offset < 0 || e.Length < 2 || e.Offset > len(u) || e.Length > len(u)-e.Offset {
			continue
		}
		m := string(utf16.Decode(u[e.Offset : e.Offset+e.Length]))
		if strings.EqualFold(m, "@"+username) {
			rest := string(utf16.Decode(u[:e.Offset])) + " " + string(utf16.Decode(u[e.Offset+e.Length:]))
			return strings.Join(strings.Fields(rest), " "), true
		}
	}
	return text, false
}
