package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"regexp"
	"strings"
	"time"
)

// builtin is a Bot API method the server answers by itself. It returns the
// result, or an error to answer with, or neither when the request ended
// before there was anything to say.
type builtin struct {
	name string
	fn   func(s *Server, ctx context.Context, c Call) (any, *apiError)
}

// builtinsByLower holds the built-in methods by lower-case name.
var builtinsByLower = map[string]builtin{}

func init() {
	for _, b := range []builtin{
		{"getUpdates", getUpdates},
		{"getMe", getMe},
		{"sendMessage", sendMessage},
		{"editMessageText", editMessageText},
		{"editMessageReplyMarkup", editMessageReplyMarkup},
		{"deleteMessage", deleteMessage},
		{"sendChatAction", sendChatAction},
		{"answerCallbackQuery", answerCallbackQuery},
		{"answerInlineQuery", answerInlineQuery},
		{"setMyCommands", setMyCommands},
		{"deleteMyCommands", deleteMyCommands},
		{"getMyCommands", getMyCommands},
		{"setWebhook", setWebhook},
		{"deleteWebhook", deleteWebhook},
		{"getWebhookInfo", getWebhookInfo},
		{"getChat", getChat},
		{"getChatMember", getChatMember},
		{"getChatAdministrators", getChatAdministrators},
		{"leaveChat", leaveChat},
	} {
		builtinsByLower[strings.ToLower(b.name)] = b
	}
}

func getMe(s *Server, _ context.Context, _ Call) (any, *apiError) {
	return struct {
		User
		CanJoinGroups           bool `json:"can_join_groups"`
		CanReadAllGroupMessages bool `json:"can_read_all_group_messages"`
		SupportsInlineQueries   bool `json:"supports_inline_queries"`
	}{User: s.Bot, CanJoinGroups: true, SupportsInlineQueries: true}, nil
}

// maxText is the Bot API's limit on a message's text after entity parsing,
// in UTF-16 code units.
const maxText = 4096

// formattedText reads the text, parse_mode and entities parameters as
// Telegram does: the plain text and its entities, or why the text is
// refused. Only HTML is parsed; Markdown text is taken as it is.
func formattedText(c Call, key string) (string, []Entity, *apiError) {
	text := c.Params[key]
	var ents []Entity
	switch mode := strings.ToLower(c.Params["parse_mode"]); {
	case mode == "html":
		var err error
		if text, ents, err = ParseHTML(text); err != nil {
			return "", nil, badRequest("can't parse entities: %v", err)
		}
	case mode == "" && c.Params["entities"] != "":
		if err := json.Unmarshal([]byte(c.Params["entities"]), &ents); err != nil {
			return "", nil, badRequest("can't parse entities JSON object")
		}
	}
	switch n := UTF16Len(text); {
	case strings.TrimSpace(text) == "":
		return "", nil, badRequest("message text is empty")
	case n > maxText:
		return "", nil, badRequest("message is too long")
	}
	return text, ents, nil
}

// inlineMarkup checks a reply_markup parameter and returns it compacted if
// it is an inline keyboard (the only kind Telegram echoes in the Message),
// "" otherwise.
func inlineMarkup(c Call) (string, *apiError) {
	raw := strings.TrimSpace(c.Params["reply_markup"])
	if raw == "" || raw == "null" {
		return "", nil
	}
	var kb struct {
		InlineKeyboard *[][]map[string]json.RawMessage `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		return "", badRequest("can't parse reply keyboard markup JSON object")
	}
	if kb.InlineKeyboard == nil {
		return "", nil
	}
	for _, row := range *kb.InlineKeyboard {
		for _, button := range row {
			if e := checkButton(button); e != nil {
				return "", e
			}
		}
	}
	var b bytes.Buffer
	json.Compact(&b, []byte(raw))
	return b.String(), nil
}

// buttonActions are the fields of an inline keyboard button that make it do
// something; a button needs exactly one.
var buttonActions = []string{"url", "callback_data", "switch_inline_query", "switch_inline_query_current_chat",
	"switch_inline_query_chosen_chat", "login_url", "web_app", "callback_game", "pay", "copy_text"}

func checkButton(button map[string]json.RawMessage) *apiError {
	var text string
	if json.Unmarshal(button["text"], &text) != nil || text == "" {
		return badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	actions := 0
	for _, a := range buttonActions {
		if _, ok := button[a]; ok {
			actions++
		}
	}
	if actions == 0 {
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	if raw, ok := button["callback_data"]; ok {
		var data string
		if json.Unmarshal(raw, &data) != nil || data == "" || len(data) > 64 {
			return badRequest("BUTTON_DATA_INVALID")
		}
	}
	if raw, ok := button["url"]; ok {
		var u string
		if json.Unmarshal(raw, &u) != nil || u == "" || strings.ContainsAny(u, " \n") {
			return badRequest("BUTTON_URL_INVALID")
		}
	}
	return nil
}

// messageJSON is the Message the bot's message becomes.
func (s *Server) messageJSON(chat chatInfo, id int, text string, ents []Entity, markup string) map[string]any {
	m := map[string]any{"message_id": id, "chat": chat, "date": time.Now().Unix(), "text": text}
	if chat.Type == "channel" {
		m["sender_chat"] = chat
	} else {
		m["from"] = s.Bot
	}
	if len(ents) > 0 {
		m["entities"] = ents
	}
	if markup != "" {
		m["reply_markup"] = json.RawMessage(markup)
	}
	return m
}

func entitiesJSON(ents []Entity) string {
	b, _ := json.Marshal(ents)
	return string(b)
}

func sendMessage(s *Server, _ context.Context, c Call) (any, *apiError) {
	chat, e := s.resolveChat(c.Params["chat_id"])
	if e != nil {
		return nil, e
	}
	text, ents, e := formattedText(c, "text")
	if e != nil {
		return nil, e
	}
	markup, e := inlineMarkup(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextMessageIDLocked(chat.ID)
	m := s.messageJSON(chat, id, text, ents, markup)
	s.messages[msgKey{chat.ID, id}] = &storedMessage{msg: m, text: text, ents: entitiesJSON(ents), markup: markup}
	return m, nil
}

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

// editTarget finds the message an edit names by chat_id and message_id. A
// message the server did not send (one a test made up for a callback
// query) is taken to exist.
func (s *Server) editTarget(c Call) (msgKey, chatInfo, *apiError) {
	chat, e := s.resolveChat(c.Params["chat_id"])
	if e != nil {
		return msgKey{}, chatInfo{}, e
	}
	id := int(c.Int("message_id"))
	if id <= 0 {
		return msgKey{}, chatInfo{}, badRequest("message to edit not found")
	}
	return msgKey{chat.ID, id}, chat, nil
}

func editMessageText(s *Server, _ context.Context, c Call) (any, *apiError) {
	text, ents, e := formattedText(c, "text")
	if e != nil {
		return nil, e
	}
	markup, e := inlineMarkup(c)
	if e != nil {
		return nil, e
	}
	if c.Params["inline_message_id"] != "" {
		return true, nil
	}
	key, chat, e := s.editTarget(c)
	if e != nil {
		return nil, e
	}
	return s.edit(key, chat, func(m *storedMessage) bool {
		same := m.text == text && m.ents == entitiesJSON(ents) && m.markup == markup
		m.text, m.ents, m.markup = text, entitiesJSON(ents), markup
		return !same
	})
}

func editMessageReplyMarkup(s *Server, _ context.Context, c Call) (any, *apiError) {
	markup, e := inlineMarkup(c)
	if e != nil {
		return nil, e
	}
	if c.Params["inline_message_id"] != "" {
		return true, nil
	}
	key, chat, e := s.editTarget(c)
	if e != nil {
		return nil, e
	}
	return s.edit(key, chat, func(m *storedMessage) bool {
		same := m.markup == markup
		m.markup = markup
		return !same
	})
}

// edit applies change to a message the bot sent and returns the edited
// Message, or Telegram's refusal when change reports nothing changed.
func (s *Server) edit(key msgKey, chat chatInfo, change func(*storedMessage) bool) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[key]
	if !ok {
		m = &storedMessage{ents: "null"}
		s.messages[key] = m
	}
	// What a made-up message held is unknown, so an edit of one always
	// changes something.
	if !change(m) && ok {
		return nil, badRequest(notModified)
	}
	var ents []Entity
	json.Unmarshal([]byte(m.ents), &ents)
	msg := s.messageJSON(chat, key.id, m.text, ents, m.markup)
	if ok {
		msg["date"] = m.msg["date"]
	}
	msg["edit_date"] = time.Now().Unix()
	m.msg = msg
	return maps.Clone(msg), nil
}

func deleteMessage(s *Server, _ context.Context, c Call) (any, *apiError) {
	key, _, e := s.editTarget(c)
	if e != nil {
		return nil, badRequest("message to delete not found")
	}
	s.mu.Lock()
	delete(s.messages, key)
	s.mu.Unlock()
	return true, nil
}

var chatActions = map[string]bool{
	"typing": true, "upload_photo": true, "record_video": true, "upload_video": true,
	"record_voice": true, "upload_voice": true, "upload_document": true, "choose_sticker": true,
	"find_location": true, "record_video_note": true, "upload_video_note": true,
}

func sendChatAction(s *Server, _ context.Context, c Call) (any, *apiError) {
	if _, e := s.resolveChat(c.Params["chat_id"]); e != nil {
		return nil, e
	}
	if !chatActions[c.Params["action"]] {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

func answerCallbackQuery(_ *Server, _ context.Context, c Call) (any, *apiError) {
	if c.Params["callback_query_id"] == "" {
		return nil, badRequest("QUERY_ID_INVALID")
	}
	if UTF16Len(c.Params["text"]) > 200 {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	return true, nil
}

var startParam = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func answerInlineQuery(_ *Server, _ context.Context, c Call) (any, *apiError) {
	if c.Params["inline_query_id"] == "" {
		return nil, badRequest("QUERY_ID_INVALID")
	}
	var results []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(c.Params["results"]), &results); err != nil {
		return nil, badRequest("can't parse inline query results JSON object")
	}
	if len(results) > 50 {
		return nil, badRequest("RESULTS_TOO_MUCH")
	}
	seen := map[string]bool{}
	for _, r := range results {
		var id, typ string
		json.Unmarshal(r["id"], &id)
		json.Unmarshal(r["type"], &typ)
		switch {
		case id == "":
			return nil, badRequest("RESULT_ID_EMPTY")
		case len(id) > 64:
			return nil, badRequest("RESULT_ID_INVALID")
		case seen[id]:
			return nil, badRequest("RESULT_ID_DUPLICATE")
		case typ == "":
			return nil, badRequest("RESULT_TYPE_INVALID")
		}
		seen[id] = true
		if typ != "article" {
			continue
		}
		var title string
		if json.Unmarshal(r["title"], &title) != nil || title == "" {
			return nil, badRequest("can't parse InlineQueryResult: Field \"title\" must be of type String")
		}
		var content map[string]json.RawMessage
		if json.Unmarshal(r["input_message_content"], &content) != nil || content == nil {
			return nil, badRequest("can't parse InlineQueryResult: Field \"input_message_content\" must be of type Object")
		}
		if _, ok := content["message_text"]; ok {
			fields := map[string]string{}
			for k, v := range content {
				if s, ok, _ := jsonParam(v); ok {
					fields[k] = s
				}
			}
			if _, _, e := formattedText(Call{Params: fields}, "message_text"); e != nil {
				if strings.Contains(e.Description, "too long") {
					return nil, badRequest("MESSAGE_TOO_LONG")
				}
				if strings.Contains(e.Description, "empty") {
					return nil, badRequest("MESSAGE_EMPTY")
				}
				return nil, e
			}
		}
	}
	if len(c.Params["next_offset"]) > 64 {
		return nil, badRequest("NEXT_OFFSET_INVALID")
	}
	if p, ok := c.Params["switch_pm_parameter"]; ok && c.Params["switch_pm_text"] != "" && !startParam.MatchString(p) {
		return nil, badRequest("START_PARAM_INVALID")
	}
	return true, nil
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// commandsKey names a command list by scope and language.
func commandsKey(c Call) string {
	scope := strings.TrimSpace(c.Params["scope"])
	if scope == "" || scope == "null" {
		scope = `{"type":"default"}`
	}
	return scope + "|" + c.Params["language_code"]
}

func setMyCommands(s *Server, _ context.Context, c Call) (any, *apiError) {
	var cmds []struct {
		Command     string `json:"command"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal([]byte(c.Params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, cmd := range cmds {
		if !commandName.MatchString(cmd.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := len([]rune(cmd.Description)); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	raw, _ := json.Marshal(cmds)
	s.mu.Lock()
	s.commands[commandsKey(c)] = raw
	s.mu.Unlock()
	return true, nil
}

func deleteMyCommands(s *Server, _ context.Context, c Call) (any, *apiError) {
	s.mu.Lock()
	delete(s.commands, commandsKey(c))
	s.mu.Unlock()
	return true, nil
}

func getMyCommands(s *Server, _ context.Context, c Call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if raw, ok := s.commands[commandsKey(c)]; ok {
		return raw, nil
	}
	return json.RawMessage("[]"), nil
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func setWebhook(s *Server, _ context.Context, c Call) (any, *apiError) {
	url := c.Params["url"]
	secret, hasSecret := c.Params["secret_token"]
	if hasSecret && secret != "" && !secretToken.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	if e := s.setAllowed(c); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL, s.webhookSecret = url, secret
	s.webhookMax = int(c.Int("max_connections"))
	if s.webhookMax == 0 {
		s.webhookMax = 40
	}
	if c.Bool("drop_pending_updates") {
		s.queue = nil
	}
	if url != "" && s.poller != nil {
		close(s.poller) // a waiting getUpdates ends with a 409, as on Telegram
		s.poller = nil
	}
	return true, nil
}

func deleteWebhook(s *Server, _ context.Context, c Call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL, s.webhookSecret, s.webhookMax = "", "", 0
	if c.Bool("drop_pending_updates") {
		s.queue = nil
	}
	return true, nil
}

// Webhook returns the URL and secret token last given to setWebhook, or
// "" if no webhook is set.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSecret
}

func getWebhookInfo(s *Server, _ context.Context, _ Call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := map[string]any{"url": s.webhookURL, "has_custom_certificate": false, "pending_update_count": len(s.queue)}
	if s.webhookURL != "" {
		info["max_connections"] = s.webhookMax
		if s.allowedSet {
			info["allowed_updates"] = s.allowed
		}
	}
	return info, nil
}

func getChat(s *Server, _ context.Context, c Call) (any, *apiError) {
	chat, e := s.resolveChat(c.Params["chat_id"])
	if e != nil {
		return nil, e
	}
	return chat, nil
}

func getChatMember(s *Server, _ context.Context, c Call) (any, *apiError) {
	if _, e := s.resolveChat(c.Params["chat_id"]); e != nil {
		return nil, e
	}
	id := c.Int("user_id")
	if id <= 0 {
		return nil, badRequest("invalid user_id specified")
	}
	user := User{ID: id, FirstName: "User " + c.Params["user_id"]}
	if id == s.Bot.ID {
		user = s.Bot
	}
	return ChatMember(user, "member"), nil
}

func getChatAdministrators(s *Server, _ context.Context, c Call) (any, *apiError) {
	if _, e := s.resolveChat(c.Params["chat_id"]); e != nil {
		return nil, e
	}
	return json.RawMessage("[]"), nil
}

func leaveChat(s *Server, _ context.Context, c Call) (any, *apiError) {
	if _, e := s.resolveChat(c.Params["chat_id"]); e != nil {
		return nil, e
	}
	return true, nil
}
