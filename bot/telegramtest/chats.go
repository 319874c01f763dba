package telegramtest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// chatInfo is a Bot API Chat object.
type chatInfo struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

// supergroupIDs is where supergroup and channel ids start, going down.
const supergroupIDs = -1000000000000

// chatType guesses a chat's type from its id, as Telegram numbers them:
// users are positive, supergroups and channels below -10^12, basic groups
// the other negative ids.
func chatType(id int64) string {
	switch {
	case id > 0:
		return "private"
	case id < supergroupIDs:
		return "supergroup"
	}
	return "group"
}

// newChat is a plausible chat for an id the server has not seen.
func newChat(id int64) chatInfo {
	c := chatInfo{ID: id, Type: chatType(id)}
	if c.Type == "private" {
		c.FirstName = "User " + strconv.FormatInt(id, 10)
	} else {
		c.Title = "Group " + strconv.FormatInt(id, 10)
	}
	return c
}

// chatLocked returns what the server knows of a chat: what pushed updates
// said about it, or a guess from its id. s.mu must be held.
func (s *Server) chatLocked(id int64) chatInfo {
	if c, ok := s.chats[id]; ok {
		return c
	}
	return newChat(id)
}

// resolveChat reads a chat_id parameter: a number or an @username of a
// chat seen in pushed updates.
func (s *Server) resolveChat(param string) (chatInfo, *apiError) {
	param = strings.TrimSpace(param)
	if param == "" {
		return chatInfo{}, badRequest("chat_id is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if name, ok := strings.CutPrefix(param, "@"); ok {
		for _, c := range s.chats {
			if c.Username != "" && strings.EqualFold(c.Username, name) {
				return c, nil
			}
		}
		return chatInfo{}, badRequest("chat not found")
	}
	id, err := strconv.ParseInt(param, 10, 64)
	if err != nil || id == 0 {
		return chatInfo{}, badRequest("chat not found")
	}
	return s.chatLocked(id), nil
}

// nextMessageIDLocked hands out the next message_id in a chat, after every
// id seen there. s.mu must be held.
func (s *Server) nextMessageIDLocked(chat int64) int {
	id := max(s.nextMsg[chat], 1)
	s.nextMsg[chat] = id + 1
	return id
}

// wireMessage is what the server reads of a pushed message.
type wireMessage struct {
	MessageID       int          `json:"message_id"`
	Chat            *chatInfo    `json:"chat"`
	SenderChat      *chatInfo    `json:"sender_chat"`
	ReplyToMessage  *wireMessage `json:"reply_to_message"`
	MigrateToChatID int64        `json:"migrate_to_chat_id"`
}

// noteUpdate learns chats and message ids from a pushed update, so that
// the bot's replies get the chat's real type and title and message ids
// that follow the ones the bot has seen. s.mu must be held.
func (s *Server) noteUpdate(raw []byte) {
	var u struct {
		Message           *wireMessage `json:"message"`
		EditedMessage     *wireMessage `json:"edited_message"`
		ChannelPost       *wireMessage `json:"channel_post"`
		EditedChannelPost *wireMessage `json:"edited_channel_post"`
		CallbackQuery     *struct {
			Message *wireMessage `json:"message"`
		} `json:"callback_query"`
		MyChatMember *struct {
			Chat *chatInfo `json:"chat"`
		} `json:"my_chat_member"`
		ChatMember *struct {
			Chat *chatInfo `json:"chat"`
		} `json:"chat_member"`
	}
	if json.Unmarshal(raw, &u) != nil {
		return // an update the server does not understand is still delivered
	}
	msgs := []*wireMessage{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost}
	if u.CallbackQuery != nil {
		msgs = append(msgs, u.CallbackQuery.Message)
	}
	for _, m := range msgs {
		for ; m != nil; m = m.ReplyToMessage {
			if m.Chat == nil {
				continue
			}
			s.noteChat(*m.Chat)
			if m.SenderChat != nil {
				s.noteChat(*m.SenderChat)
			}
			s.nextMsg[m.Chat.ID] = max(s.nextMsg[m.Chat.ID], m.MessageID+1)
			if m.MigrateToChatID != 0 {
				c := *m.Chat
				c.ID, c.Type = m.MigrateToChatID, "supergroup"
				s.noteChat(c)
			}
		}
	}
	for _, cm := range []*struct {
		Chat *chatInfo `json:"chat"`
	}{u.MyChatMember, u.ChatMember} {
		if cm != nil && cm.Chat != nil {
			s.noteChat(*cm.Chat)
		}
	}
}

func (s *Server) noteChat(c chatInfo) {
	if c.ID != 0 && c.Type != "" {
		s.chats[c.ID] = c
	}
}

// msgKey names a message the bot sent.
type msgKey struct {
	chat int64
	id   int
}

// storedMessage is a message the bot sent, kept for edits.
type storedMessage struct {
	msg    map[string]any // the Message object as last returned
	text   string
	ents   string // entities as JSON
	markup string // reply_markup as compact JSON, "" for none
}
