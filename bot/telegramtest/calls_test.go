package telegramtest

import (
	"bytes"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParams(t *testing.T) {
	markup := `{"inline_keyboard":[[{"text":"👍","callback_data":"fb:1:u"}]]}`
	multipartBody := func() (string, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		w.WriteField("chat_id", "-100")
		w.WriteField("caption", "Отчёт")
		f, _ := w.CreateFormFile("document", "report.pdf")
		f.Write([]byte("%PDF-1.4"))
		w.Close()
		return w.FormDataContentType(), b.String()
	}
	mpType, mpBody := multipartBody()
	tests := []struct {
		name        string
		method      string // HTTP method
		query       string
		contentType string
		body        string
		want        map[string]string
	}{
		{
			name: "Form", method: "POST", contentType: "application/x-www-form-urlencoded",
			body: "chat_id=123&text=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%F0%9F%8F%94&reply_markup=" + urlEscape(markup),
			want: map[string]string{"chat_id": "123", "text": "Привет 🏔", "reply_markup": markup},
		},
		{
			name: "FormWithCharset", method: "POST", contentType: "application/x-www-form-urlencoded; charset=utf-8",
			body: "offset=5&allowed_updates=%5B%22message%22%5D",
			want: map[string]string{"offset": "5", "allowed_updates": `["message"]`},
		},
		{
			name: "JSONFlattensTopLevel", method: "POST", contentType: "application/json",
			body: `{"chat_id": -1001234567890, "text": "hi \"there\"", "disable_notification": true,
				"reply_markup": {"inline_keyboard": [[{"text": "👍", "callback_data": "fb:1:u"}]]},
				"allowed_updates": ["message", "callback_query"], "entities": null}`,
			want: map[string]string{"chat_id": "-1001234567890", "text": `hi "there"`, "disable_notification": "true",
				"reply_markup": markup, "allowed_updates": `["message","callback_query"]`},
		},
		{
			name: "GETQuery", method: "GET", query: "offset=7&timeout=0",
			want: map[string]string{"offset": "7", "timeout": "0"},
		},
		{
			name: "BodyOverQuery", method: "POST", query: "chat_id=1&limit=3", contentType: "application/x-www-form-urlencoded",
			body: "chat_id=2",
			want: map[string]string{"chat_id": "2", "limit": "3"},
		},
		{
			name: "MultipartFieldsAndFileName", method: "POST", contentType: mpType, body: mpBody,
			want: map[string]string{"chat_id": "-100", "caption": "Отчёт", "document": "report.pdf"},
		},
		{
			name: "EmptyJSONBody", method: "POST", contentType: "application/json", body: "",
			want: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, "")
			u := s.URL + "/bot" + s.Token + "/getChat"
			if tt.query != "" {
				u += "?" + tt.query
			}
			req, _ := http.NewRequest(tt.method, u, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			calls := s.Calls("getChat")
			if len(calls) != 1 {
				t.Fatalf("recorded %d calls, want 1", len(calls))
			}
			if got := calls[0].Params; !maps.Equal(got, tt.want) {
				t.Errorf("Params = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("ErrBadJSON400", func(t *testing.T) {
		s := NewServer(t, "")
		got := do(t, s.URL+"/bot"+s.Token+"/sendMessage", "application/json", `{"chat_id":`)
		if got.Status != 400 || !strings.HasPrefix(got.Description, "Bad Request: ") {
			t.Errorf("got %d %q, want 400 Bad Request", got.Status, got.Description)
		}
	})
}

func urlEscape(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "=", "%3D", " ", "+", "#", "%23").Replace(s)
}

func TestCallHelpers(t *testing.T) {
	c := Call{Method: "sendMessage", Params: map[string]string{
		"chat_id": "-1001234567890", "reply_to_message_id": "12", "disable_notification": "true",
		"reply_markup": `{"inline_keyboard":[[{"text":"👍","callback_data":"fb:1:u"}]]}`, "text": "x",
	}}
	intTests := []struct {
		key  string
		want int64
	}{
		{"chat_id", -1001234567890},
		{"reply_to_message_id", 12},
		{"text", 0},
		{"missing", 0},
	}
	for _, tt := range intTests {
		if got := c.Int(tt.key); got != tt.want {
			t.Errorf("Int(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
	if !c.Bool("disable_notification") || c.Bool("text") {
		t.Error("Bool does not read true and false")
	}
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := c.JSON("reply_markup", &kb); err != nil || kb.InlineKeyboard[0][0].CallbackData != "fb:1:u" {
		t.Errorf("JSON(reply_markup) = %+v, %v; want the button's data", kb, err)
	}
	if err := c.JSON("missing", &kb); err == nil {
		t.Error("JSON of a missing parameter did not fail")
	}
	if err := c.JSON("text", &kb); err == nil {
		t.Error("JSON of a non-JSON parameter did not fail")
	}
}

// fakeTB records a failure instead of ending the test.
type fakeTB struct {
	testing.TB
	failed string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
}

func TestWaitCalls(t *testing.T) {
	t.Run("OKWhenTheCallsArrive", func(t *testing.T) {
		s := NewServer(t, "")
		go func() {
			for i := range 3 {
				time.Sleep(20 * time.Millisecond)
				post(t, s, "sendMessage", map[string][]string{"chat_id": {"1"}, "text": {fmt.Sprint(i)}})
			}
		}()
		got := s.WaitCalls(t, "sendmessage", 3, 5*time.Second)
		if len(got) != 3 || got[2].Params["text"] != "2" {
			t.Errorf("got %v, want the 3 calls in order", got)
		}
	})
	t.Run("FailsListingWhatWasSeen", func(t *testing.T) {
		s := NewServer(t, "")
		post(t, s, "getMe", nil)
		tb := &fakeTB{TB: t}
		got := s.WaitCalls(tb, "sendMessage", 1, 50*time.Millisecond)
		if len(got) != 0 || !strings.Contains(tb.failed, "want 1 sendMessage call(s) in 50ms, got 0") || !strings.Contains(tb.failed, "getMe") {
			t.Errorf("failure %q, want it to name the wait and list getMe", tb.failed)
		}
	})
}
