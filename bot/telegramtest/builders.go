package telegramtest

import (
	"fmt"
	"maps"
	"strconv"
	"sync/atomic"
	"time"
)

// User is a Bot API User object.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
	IsBot        bool   `json:"is_bot"`
}

// Update is a Bot API Update object as its JSON fields, ready for
// Server.Push or PostWebhook. The builders leave update_id out so that Push
// numbers updates in order. Nested objects are maps (messages, chats) or
// this package's types (User, Entity), so a test can change any field
// before pushing.
type Update map[string]any

// messageKeys are the fields of an Update that hold a Message.
var messageKeys = []string{"message", "edited_message", "channel_post", "edited_channel_post"}

// Message returns the message the update carries (message, edited_message,
// channel_post, edited_channel_post, or the message of a callback query),
// or nil if it carries none. Changing the map changes the update.
func (u Update) Message() map[string]any {
	for _, k := range messageKeys {
		if m, ok := u[k].(map[string]any); ok {
			return m
		}
	}
	if cq, ok := u["callback_query"].(map[string]any); ok {
		if m, ok := cq["message"].(map[string]any); ok {
			return m
		}
	}
	return nil
}

// MessageID returns the message_id of the update's message, or 0.
func (u Update) MessageID() int {
	if m := u.Message(); m != nil {
		if id, ok := m["message_id"].(int); ok {
			return id
		}
	}
	return 0
}

// lastMessageID numbers the builders' messages; they are unique in a test
// binary, and a Server hands out ids above the ones it has seen pushed.
var lastMessageID atomic.Int64

func newMessage(chat map[string]any, from *User, text string) map[string]any {
	m := map[string]any{
		"message_id": int(lastMessageID.Add(1)),
		"date":       time.Now().Unix(),
		"chat":       chat,
	}
	if from != nil {
		m["from"] = *from
	}
	if text != "" {
		m["text"] = text
		if ents := TextEntities(text); len(ents) > 0 {
			m["entities"] = ents
		}
	}
	return m
}

// privateChat is the chat of a user with the bot.
func privateChat(chatID int64, u User) map[string]any {
	c := map[string]any{"id": chatID, "type": "private", "first_name": u.FirstName}
	if u.Username != "" {
		c["username"] = u.Username
	}
	return c
}

// groupChat is a group, supergroup or channel; chatType "" is guessed from
// the id.
func groupChat(chatID int64, typ string) map[string]any {
	if typ == "" {
		typ = chatType(chatID)
	}
	return map[string]any{"id": chatID, "type": typ, "title": "Test " + typ + " " + strconv.FormatInt(chatID, 10)}
}

// chatOf is the chat chatID, a private chat with from if the id is a user's.
func chatOf(chatID int64, typ string, from User) map[string]any {
	if typ == "private" || typ == "" && chatID > 0 {
		return privateChat(chatID, from)
	}
	return groupChat(chatID, typ)
}

// PrivateMessage is a text message from a user to the bot in their private
// chat (chatID is normally from.ID). A /command or @mention in the text is
// marked in entities as Telegram marks it.
func PrivateMessage(chatID int64, from User, text string) Update {
	return Update{"message": newMessage(privateChat(chatID, from), &from, text)}
}

// GroupMessage is a text message in a group; chatType is "group" or
// "supergroup" ("" guesses from the id). /commands (with or without
// @botname) and @mentions are marked in entities.
func GroupMessage(chatID int64, chatType string, from User, text string) Update {
	return Update{"message": newMessage(groupChat(chatID, chatType), &from, text)}
}

// ReplyTo makes the update's message a reply to message replyToMessageID,
// written by replyToFrom in the same chat, and returns u (changed in
// place). The replied-to message has no text; set
// u.Message()["reply_to_message"].(map[string]any)["text"] if the bot
// reads it. ReplyTo panics if u carries no message.
func ReplyTo(u Update, replyToMessageID int, replyToFrom User) Update {
	m := u.Message()
	if m == nil {
		panic("telegramtest: ReplyTo: the update carries no message")
	}
	m["reply_to_message"] = map[string]any{
		"message_id": replyToMessageID,
		"from":       replyToFrom,
		"chat":       m["chat"],
		"date":       time.Now().Add(-time.Minute).Unix(),
	}
	return u
}

// EditedMessage is the edited_message (or edited_channel_post) update
// Telegram sends when the message of u is edited to text: same message_id
// and chat, new text and entities, and edit_date. u is not changed. It
// panics if u carries no message or channel post.
func EditedMessage(u Update, text string) Update {
	for _, k := range []string{"message", "channel_post"} {
		orig, ok := u[k].(map[string]any)
		if !ok {
			continue
		}
		m := maps.Clone(orig)
		m["text"] = text
		delete(m, "entities")
		if ents := TextEntities(text); len(ents) > 0 {
			m["entities"] = ents
		}
		m["edit_date"] = time.Now().Unix()
		return Update{"edited_" + k: m}
	}
	panic("telegramtest: EditedMessage: the update carries no message or channel post")
}

// CallbackQuery is a press on an inline keyboard button with callback data
// data, under message messageID that the bot (DefaultBot) sent in chatID.
func CallbackQuery(id string, from User, chatID int64, messageID int, data string) Update {
	msg := map[string]any{
		"message_id": messageID,
		"from":       DefaultBot,
		"chat":       chatOf(chatID, "", from),
		"date":       time.Now().Add(-time.Minute).Unix(),
	}
	return Update{"callback_query": map[string]any{
		"id":            id,
		"from":          from,
		"message":       msg,
		"chat_instance": strconv.FormatInt(chatID*7919+1, 10),
		"data":          data,
	}}
}

// InlineQuery is an inline query "@bot query" typed by from; offset is the
// next_offset of the previous answer ("" for the first page).
func InlineQuery(id string, from User, query, offset string) Update {
	return Update{"inline_query": map[string]any{
		"id":     id,
		"from":   from,
		"query":  query,
		"offset": offset,
	}}
}

// ChannelPost is a text post in a channel (username without @, or "" for a
// private channel). It has no from; sender_chat is the channel.
func ChannelPost(chatID int64, username, text string) Update {
	chat := map[string]any{"id": chatID, "type": "channel", "title": "Test channel " + strconv.FormatInt(chatID, 10)}
	if username != "" {
		chat["username"] = username
	}
	m := newMessage(chat, nil, text)
	m["sender_chat"] = chat
	return Update{"channel_post": m}
}

// MyChatMember is the update Telegram sends when from changes the bot's
// membership of a chat: for example "left" to "member" (added to a group),
// "member" to "kicked" (removed, or blocked in a private chat), "member"
// to "administrator". chatType is "private", "group", "supergroup" or
// "channel" ("" guesses from the id).
func MyChatMember(chatID int64, chatType string, from User, oldStatus, newStatus string) Update {
	return Update{"my_chat_member": map[string]any{
		"chat":            chatOf(chatID, chatType, from),
		"from":            from,
		"date":            time.Now().Unix(),
		"old_chat_member": ChatMember(DefaultBot, oldStatus),
		"new_chat_member": ChatMember(DefaultBot, newStatus),
	}}
}

// ChatMember is a Bot API ChatMember object for user with status
// ("creator", "administrator", "member", "restricted", "left", "kicked"),
// with the fields Telegram sends for that status. It suits a Handle for
// getChatMember or getChatAdministrators.
func ChatMember(user User, status string) map[string]any {
	m := map[string]any{"user": user, "status": status}
	switch status {
	case "creator":
		m["is_anonymous"] = false
	case "administrator":
		maps.Copy(m, map[string]any{
			"can_be_edited": false, "is_anonymous": false, "can_manage_chat": true,
			"can_delete_messages": true, "can_manage_video_chats": true, "can_restrict_members": true,
			"can_promote_members": false, "can_change_info": true, "can_invite_users": true,
			"can_pin_messages": true, "can_post_stories": false, "can_edit_stories": false,
			"can_delete_stories": false,
		})
	case "restricted":
		maps.Copy(m, map[string]any{"is_member": true, "can_send_messages": false, "until_date": 0})
	case "kicked":
		m["until_date"] = 0
	}
	return m
}

// upgrader is the admin who turns groups into supergroups in
// MigrateToSupergroup.
var upgrader = User{ID: 100000001, FirstName: "Group admin", Username: "group_admin"}

// MigrateToSupergroup is the service message Telegram sends in the old
// group when it becomes a supergroup: migrate_to_chat_id is newChatID.
func MigrateToSupergroup(oldChatID, newChatID int64) Update {
	m := newMessage(groupChat(oldChatID, "group"), &upgrader, "")
	m["migrate_to_chat_id"] = newChatID
	return Update{"message": m}
}

// MigrateFromGroup is the service message Telegram sends in the new
// supergroup after MigrateToSupergroup: migrate_from_chat_id is oldChatID.
func MigrateFromGroup(newChatID, oldChatID int64) Update {
	m := newMessage(groupChat(newChatID, "supergroup"), &upgrader, "")
	m["migrate_from_chat_id"] = oldChatID
	return Update{"message": m}
}

// Sticker is a message with a sticker (emoji is the sticker's emoji) and
// no text, from from in chatID (a private chat if the id is positive).
func Sticker(chatID int64, from User, emoji string) Update {
	m := newMessage(chatOf(chatID, "", from), &from, "")
	id := m["message_id"].(int)
	m["sticker"] = map[string]any{
		"file_id":        fmt.Sprintf("CAACAgIAAxkBAAI%06dZmTestStickerFileID", id),
		"file_unique_id": fmt.Sprintf("AgAD%06d", id),
		"type":           "regular",
		"width":          512,
		"height":         512,
		"is_animated":    false,
		"is_video":       false,
		"emoji":          emoji,
		"set_name":       "SummitTestStickers",
		"file_size":      24580,
	}
	return Update{"message": m}
}
