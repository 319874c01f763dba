package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// reply is a decoded Bot API envelope with its HTTP status.
type reply struct {
	Status      int
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// post calls method with a form, as go-telegram-bot-api does.
func post(t testing.TB, s *Server, method string, form url.Values) reply {
	t.Helper()
	return do(t, s.URL+"/bot"+s.Token+"/"+method, "application/x-www-form-urlencoded", form.Encode())
}

func do(t testing.TB, u, contentType, body string) reply {
	t.Helper()
	resp, err := http.Post(u, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", u, err)
	}
	defer resp.Body.Close()
	return decodeReply(t, resp)
}

func decodeReply(t testing.TB, resp *http.Response) reply {
	t.Helper()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read reply: %v", err)
	}
	r := reply{Status: resp.StatusCode}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("reply %q is not JSON: %v", body, err)
	}
	if !r.OK && r.ErrorCode != r.Status {
		t.Errorf("error_code %d, HTTP status %d; want them equal", r.ErrorCode, r.Status)
	}
	return r
}

func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if !r.OK {
		t.Fatalf("got error %d %q, want a result", r.ErrorCode, r.Description)
	}
	if err := json.Unmarshal(r.Result, v); err != nil {
		t.Fatalf("result %s: %v", r.Result, err)
	}
}

func TestPaths(t *testing.T) {
	s := NewServer(t, "")
	tests := []struct {
		name, path string
		status     int
		desc       string
	}{
		{"OK", "/bot" + s.Token + "/getMe", 200, ""},
		{"MethodNamesIgnoreCase", "/bot" + s.Token + "/GETME", 200, ""},
		{"WrongToken401", "/bot123:wrong/getMe", 401, "Unauthorized"},
		{"NoToken401", "/bot/getMe", 401, "Unauthorized"},
		{"UnknownMethod404", "/bot" + s.Token + "/sendTelepathy", 404, "Not Found: method not found"},
		{"NotTheBotPath404", "/file/bot" + s.Token + "/x.jpg", 404, "Not Found"},
		{"NoMethod404", "/bot" + s.Token + "/", 404, "Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := do(t, s.URL+tt.path, "application/x-www-form-urlencoded", "")
			if got.Status != tt.status || got.Description != tt.desc {
				t.Errorf("got %d %q, want %d %q", got.Status, got.Description, tt.status, tt.desc)
			}
		})
	}
	t.Run("WrongTokenIsNotRecorded", func(t *testing.T) {
		for _, c := range s.Calls() {
			if c.Method == "getMe" && c.Time.IsZero() {
				t.Errorf("call without time: %v", c)
			}
		}
		if got := len(s.Calls("getMe")); got != 2 {
			t.Errorf("recorded %d getMe calls, want the 2 with the right token", got)
		}
	})
}

func TestGetMe(t *testing.T) {
	s := NewServer(t, "42:secret")
	s.Bot = User{ID: 42, FirstName: "Other", Username: "other_bot", IsBot: true}
	var got struct {
		User
		SupportsInline bool `json:"supports_inline_queries"`
	}
	post(t, s, "getMe", nil).decode(t, &got)
	if got.User != s.Bot || !got.SupportsInline {
		t.Errorf("getMe = %+v, want %+v with inline support", got, s.Bot)
	}
}

func TestSendMessage(t *testing.T) {
	tests := []struct {
		name     string
		chatID   string
		wantType string
	}{
		{"PrivateForPositiveIDs", "12345", "private"},
		{"GroupForSmallNegativeIDs", "-4567", "group"},
		{"SupergroupBelowMinus10e12", "-1001234567890", "supergroup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, "")
			var ids []int
			for i := range 2 {
				var m struct {
					MessageID int  `json:"message_id"`
					From      User `json:"from"`
					Chat      struct {
						ID   int64  `json:"id"`
						Type string `json:"type"`
					} `json:"chat"`
					Date int64  `json:"date"`
					Text string `json:"text"`
				}
				text := fmt.Sprintf("answer %d", i)
				post(t, s, "sendMessage", url.Values{"chat_id": {tt.chatID}, "text": {text}}).decode(t, &m)
				if fmt.Sprint(m.Chat.ID) != tt.chatID || m.Chat.Type != tt.wantType || m.Text != text || m.From != s.Bot || m.Date == 0 {
					t.Errorf("got %+v, want chat %s of type %s, text %q, from the bot, a date", m, tt.chatID, tt.wantType, text)
				}
				ids = append(ids, m.MessageID)
			}
			if ids[0] <= 0 || ids[1] != ids[0]+1 {
				t.Errorf("message ids %v, want consecutive positive ids", ids)
			}
		})
	}
}

func TestSendMessageFollowsPushedIDsAndChats(t *testing.T) {
	s := NewServer(t, "")
	u := ChannelPost(-1009876543210, "summit_news", "hello")
	u.Message()["message_id"] = 500
	s.Push(u)
	var m struct {
		MessageID  int              `json:"message_id"`
		Chat       chatInfo         `json:"chat"`
		SenderChat *chatInfo        `json:"sender_chat"`
		From       *json.RawMessage `json:"from"`
	}
	post(t, s, "sendMessage", url.Values{"chat_id": {"@summit_news"}, "text": {"hi"}}).decode(t, &m)
	if m.MessageID != 501 || m.Chat.Type != "channel" || m.Chat.Username != "summit_news" || m.SenderChat == nil || m.From != nil {
		t.Errorf("got %+v, want message 501 in channel @summit_news with sender_chat and no from", m)
	}
}

func TestSendMessageRefusals(t *testing.T) {
	long := strings.Repeat("я", 4097)
	tests := []struct {
		name string
		form url.Values
		desc string
	}{
		{"ErrNoChat", url.Values{"text": {"x"}}, "Bad Request: chat_id is empty"},
		{"ErrUnknownUsername", url.Values{"chat_id": {"@nobody"}, "text": {"x"}}, "Bad Request: chat not found"},
		{"ErrEmptyText", url.Values{"chat_id": {"1"}, "text": {"  "}}, "Bad Request: message text is empty"},
		{"ErrTooLong", url.Values{"chat_id": {"1"}, "text": {long}}, "Bad Request: message is too long"},
		{"ErrBadHTML", url.Values{"chat_id": {"1"}, "text": {"a<br>b"}, "parse_mode": {"HTML"}},
			`Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 1`},
		{"ErrLongCallbackData", url.Values{"chat_id": {"1"}, "text": {"x"},
			"reply_markup": {`{"inline_keyboard":[[{"text":"👍","callback_data":"` + strings.Repeat("d", 65) + `"}]]}`}},
			"Bad Request: BUTTON_DATA_INVALID"},
		{"ErrTextButton", url.Values{"chat_id": {"1"}, "text": {"x"}, "reply_markup": {`{"inline_keyboard":[[{"text":"a"}]]}`}},
			"Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
	}
	s := NewServer(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := post(t, s, "sendMessage", tt.form)
			if got.OK || got.Status != 400 || got.Description != tt.desc {
				t.Errorf("got %d %q, want 400 %q", got.Status, got.Description, tt.desc)
			}
		})
	}
	t.Run("OKAt4096UTF16Units", func(t *testing.T) {
		text := strings.Repeat("😀", 2048) // 2 units each
		if got := post(t, s, "sendMessage", url.Values{"chat_id": {"1"}, "text": {text}}); !got.OK {
			t.Errorf("got %q, want the message sent", got.Description)
		}
	})
}

func TestSendMessageHTML(t *testing.T) {
	s := NewServer(t, "")
	var m struct {
		Text        string          `json:"text"`
		Entities    []Entity        `json:"entities"`
		ReplyMarkup json.RawMessage `json:"reply_markup"`
	}
	kb := `{"inline_keyboard":[[{"text":"👍","callback_data":"fb:1:u"}]]}`
	post(t, s, "sendMessage", url.Values{"chat_id": {"1"}, "parse_mode": {"HTML"},
		"text": {`<b>Astana</b> 2025 &amp; <a href="https://example.org/?a=1&amp;b=2">source</a>`}, "reply_markup": {kb}}).decode(t, &m)
	want := []Entity{{Type: "bold", Offset: 0, Length: 6}, {Type: "text_link", Offset: 14, Length: 6, URL: "https://example.org/?a=1&b=2"}}
	if m.Text != "Astana 2025 & source" || fmt.Sprint(m.Entities) != fmt.Sprint(want) || string(m.ReplyMarkup) != kb {
		t.Errorf("got %q %v %s, want %q %v %s", m.Text, m.Entities, m.ReplyMarkup, "Astana 2025 & source", want, kb)
	}
}

func TestEditMessage(t *testing.T) {
	s := NewServer(t, "")
	var sent struct {
		MessageID int `json:"message_id"`
	}
	kb := `{"inline_keyboard":[[{"text":"👍","callback_data":"fb:1:u"}]]}`
	post(t, s, "sendMessage", url.Values{"chat_id": {"7"}, "text": {"first"}, "reply_markup": {kb}}).decode(t, &sent)
	id := fmt.Sprint(sent.MessageID)
	steps := []struct {
		name   string
		method string
		form   url.Values
		ok     bool
	}{
		{"TextChanged", "editMessageText", url.Values{"chat_id": {"7"}, "message_id": {id}, "text": {"second"}, "reply_markup": {kb}}, true},
		{"ErrSameTextAndMarkup", "editMessageText", url.Values{"chat_id": {"7"}, "message_id": {id}, "text": {"second"}, "reply_markup": {kb}}, false},
		{"MarkupRemoved", "editMessageReplyMarkup", url.Values{"chat_id": {"7"}, "message_id": {id}}, true},
		{"ErrMarkupAlreadyRemoved", "editMessageReplyMarkup", url.Values{"chat_id": {"7"}, "message_id": {id}}, false},
		{"MadeUpMessageAlwaysChanges", "editMessageReplyMarkup", url.Values{"chat_id": {"7"}, "message_id": {"9999"}}, true},
		{"InlineMessageIsTrue", "editMessageText", url.Values{"inline_message_id": {"AAA"}, "text": {"x"}}, true},
	}
	for _, st := range steps {
		got := post(t, s, st.method, st.form)
		if got.OK != st.ok {
			t.Errorf("%s: ok = %v (%q), want %v", st.name, got.OK, got.Description, st.ok)
		}
		if !st.ok && !strings.HasPrefix(got.Description, "Bad Request: message is not modified") {
			t.Errorf("%s: description %q, want message is not modified", st.name, got.Description)
		}
	}
}

func TestBuiltinAnswers(t *testing.T) {
	s := NewServer(t, "")
	tests := []struct {
		method string
		form   url.Values
		want   string // the result's JSON, or "!" and the start of the error description
	}{
		{"sendChatAction", url.Values{"chat_id": {"1"}, "action": {"typing"}}, `true`},
		{"sendChatAction", url.Values{"chat_id": {"1"}, "action": {"dancing"}}, `!Bad Request: wrong parameter action`},
		{"answerCallbackQuery", url.Values{"callback_query_id": {"q1"}, "text": {"Thanks"}}, `true`},
		{"answerCallbackQuery", url.Values{}, `!Bad Request: QUERY_ID_INVALID`},
		{"answerInlineQuery", url.Values{"inline_query_id": {"iq"}, "results": {`[{"type":"article","id":"a1","title":"T","input_message_content":{"message_text":"<b>x</b>","parse_mode":"HTML"}}]`}}, `true`},
		{"answerInlineQuery", url.Values{"inline_query_id": {"iq"}, "results": {`[{"type":"article","id":"a1","title":"T","input_message_content":{"message_text":"x"}},{"type":"article","id":"a1","title":"T","input_message_content":{"message_text":"y"}}]`}}, `!Bad Request: RESULT_ID_DUPLICATE`},
		{"answerInlineQuery", url.Values{"inline_query_id": {"iq"}, "results": {`[{"type":"article","id":"a1","title":"T","input_message_content":{"message_text":"<p>x</p>","parse_mode":"HTML"}}]`}}, `!Bad Request: can't parse entities`},
		{"answerInlineQuery", url.Values{"inline_query_id": {"iq"}, "results": {"[" + strings.Repeat(`{"type":"article","id":"a","title":"T","input_message_content":{"message_text":"x"}},`, 51) + "1]"}}, `!Bad Request`},
		{"setMyCommands", url.Values{"commands": {`[{"command":"ask","description":"Ask a question"}]`}}, `true`},
		{"getMyCommands", url.Values{}, `[{"command":"ask","description":"Ask a question"}]`},
		{"setMyCommands", url.Values{"commands": {`[{"command":"Ask","description":"x"}]`}}, `!Bad Request: BOT_COMMAND_INVALID`},
		{"deleteMyCommands", url.Values{}, `true`},
		{"getMyCommands", url.Values{}, `[]`},
		{"getChatMember", url.Values{"chat_id": {"-100"}, "user_id": {"5"}}, `{"status":"member","user":{"id":5,"first_name":"User 5","is_bot":false}}`},
		{"getChatAdministrators", url.Values{"chat_id": {"-100"}}, `[]`},
		{"getChat", url.Values{"chat_id": {"-1001000000001"}}, `{"id":-1001000000001,"type":"supergroup","title":"Group -1001000000001"}`},
		{"getWebhookInfo", url.Values{}, `{"has_custom_certificate":false,"pending_update_count":0,"url":""}`},
		{"setWebhook", url.Values{"url": {"https://example.org/hook"}, "secret_token": {"s3cr3t"}, "allowed_updates": {`["message"]`}}, `true`},
		{"getWebhookInfo", url.Values{}, `{"allowed_updates":["message"],"has_custom_certificate":false,"max_connections":40,"pending_update_count":0,"url":"https://example.org/hook"}`},
		{"getUpdates", url.Values{}, `!Conflict: can't use getUpdates method while webhook is active`},
		{"setWebhook", url.Values{"url": {"https://example.org/hook"}, "secret_token": {"no spaces"}}, `!Bad Request: secret token contains unallowed characters`},
		{"deleteWebhook", url.Values{}, `true`},
		{"getUpdates", url.Values{}, `[]`},
	}
	for _, tt := range tests {
		got := post(t, s, tt.method, tt.form)
		if want, isErr := strings.CutPrefix(tt.want, "!"); isErr {
			if got.OK || !strings.HasPrefix(got.Description, want) {
				t.Errorf("%s %v: got ok=%v %q, want error %q…", tt.method, tt.form, got.OK, got.Description, want)
			}
			continue
		}
		if !got.OK || string(got.Result) != tt.want {
			t.Errorf("%s %v: got %s %q, want %s", tt.method, tt.form, got.Result, got.Description, tt.want)
		}
	}
	if u, secret := s.Webhook(); u != "" || secret != "" {
		t.Errorf("Webhook() = %q, %q after deleteWebhook, want none", u, secret)
	}
}

func TestHandle(t *testing.T) {
	s := NewServer(t, "")
	admin := User{ID: 5, FirstName: "Aigerim"}
	s.Handle("getChatMember", func(c Call) (any, *Fault) {
		switch c.Int("user_id") {
		case admin.ID:
			return ChatMember(admin, "administrator"), nil
		case 6:
			f := Forbidden("bot was kicked from the supergroup chat")
			return nil, &f
		}
		return nil, nil // the built-in answer
	})
	tests := []struct {
		name, user, wantStatus string
		wantCode               int
	}{
		{"CustomResult", "5", "administrator", 200},
		{"CustomFault", "6", "", 403},
		{"FallsBackToBuiltin", "7", "member", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := post(t, s, "getChatMember", url.Values{"chat_id": {"-1001"}, "user_id": {tt.user}})
			var m struct{ Status string }
			json.Unmarshal(got.Result, &m)
			if got.Status != tt.wantCode || m.Status != tt.wantStatus {
				t.Errorf("got %d %q, want %d %q", got.Status, m.Status, tt.wantCode, tt.wantStatus)
			}
		})
	}
	s.Handle("getChatMember", nil)
	if got := post(t, s, "getChatMember", url.Values{"chat_id": {"-1001"}, "user_id": {"5"}}); !strings.Contains(string(got.Result), `"member"`) {
		t.Errorf("after removing the handler got %s, want the built-in member", got.Result)
	}
}

func TestConcurrentCalls(t *testing.T) {
	s := NewServer(t, "")
	const senders, each = 8, 20
	var wg sync.WaitGroup
	ids := make(chan int, senders*each)
	for g := range senders {
		wg.Go(func() {
			for i := range each {
				var m struct {
					MessageID int `json:"message_id"`
				}
				post(t, s, "sendMessage", url.Values{"chat_id": {"99"}, "text": {fmt.Sprint(g, i)}}).decode(t, &m)
				ids <- m.MessageID
			}
		})
	}
	wg.Go(func() {
		for range each {
			s.Push(PrivateMessage(99, User{ID: 99, FirstName: "A"}, "hi"))
			s.Calls("sendMessage")
		}
	})
	wg.Wait()
	close(ids)
	seen := map[int]bool{}
	for id := range ids {
		if seen[id] {
			t.Fatalf("message id %d handed out twice", id)
		}
		seen[id] = true
	}
	if got := len(s.WaitCalls(t, "sendMessage", senders*each, time.Second)); got != senders*each {
		t.Errorf("recorded %d sendMessage calls, want %d", got, senders*each)
	}
}
