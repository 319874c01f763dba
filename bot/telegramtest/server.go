// Package telegramtest owns a stand-in for the Telegram Bot API that runs
// in-process on 127.0.0.1, so that the bot can be tested end to end without
// reaching Telegram.
//
// A Server answers POST (form, multipart or JSON) and GET requests to
// {URL}/bot{Token}/{method} with the Bot API envelope. Tests queue updates
// with Push, which the bot reads through getUpdates (with real offset and
// long-poll semantics); they read back what the bot sent with Calls and
// WaitCalls; they make methods fail with Fail (429, 403, migration, 5xx,
// malformed bodies, slow answers) and answer methods their own way with
// Handle. The builders in builders.go produce updates in the Bot API's own
// JSON shapes, with entity offsets in UTF-16 code units as Telegram counts
// them.
//
// A test of the bot reads:
//
//	s := telegramtest.NewServer(t, "")
//	// start the bot with TELEGRAM_API_URL=s.URL and the token s.Token
//	alice := telegramtest.User{ID: 111, FirstName: "Alice", LanguageCode: "en"}
//	s.Fail("sendMessage", telegramtest.TooManyRequests(1)) // the first answer is refused
//	s.Push(telegramtest.PrivateMessage(alice.ID, alice, "/ask Where is the secretariat?"))
//	sent := s.WaitCalls(t, "sendMessage", 2, 5*time.Second) // the refused try and the retry
//	if sent[1].Int("chat_id") != alice.ID { ... }
package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultToken is the token NewServer uses when given "".
const DefaultToken = "7000000001:AAtestTOKENforSummitBot-telegramtest"

// DefaultBot is the account getMe describes unless Server.Bot is changed.
// The builders use it as the author of the bot's own messages (the message
// of a callback query, the user of a my_chat_member change). Tests should
// not change it; set Server.Bot instead.
var DefaultBot = User{ID: 7000000001, IsBot: true, FirstName: "SummitBot", Username: "summit_test_bot"}

// Server is a Bot API stand-in on 127.0.0.1. Its methods are safe for
// concurrent use.
type Server struct {
	// URL is the base URL, such as http://127.0.0.1:PORT, without a
	// trailing slash: the bot's TELEGRAM_API_URL. Requests go to
	// {URL}/bot{Token}/{method}.
	URL string
	// Token is the only token the server accepts; any other gets a 401.
	Token string
	// Bot is what getMe returns (DefaultBot unless changed). Set it before
	// the bot under test makes its first request.
	Bot User

	srv       *httptest.Server
	done      chan struct{} // closed by Close; ends long polls and delays
	closeOnce sync.Once

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever calls or updates change
	calls    []Call
	faults   []*pendingFault
	handlers map[string]func(Call) (any, *Fault)

	queue      []queued // unconfirmed updates, in update_id order
	nextUpdate int
	allowed    []string // the last allowed_updates given
	allowedSet bool
	poller     chan struct{} // closed to end the getUpdates waiting now with a 409

	webhookURL, webhookSecret string
	webhookMax                int

	chats    map[int64]chatInfo
	nextMsg  map[int64]int             // per chat: the next message_id to hand out
	messages map[msgKey]*storedMessage // the bot's own messages, for edits
	commands map[string]json.RawMessage
}

// NewServer starts a server that accepts token ("" means DefaultToken).
// t.Cleanup closes it; if the test failed by then, the calls the server saw
// are logged.
func NewServer(t testing.TB, token string) *Server {
	t.Helper()
	if token == "" {
		token = DefaultToken
	}
	s := &Server{
		Token:      token,
		Bot:        DefaultBot,
		done:       make(chan struct{}),
		changed:    make(chan struct{}),
		handlers:   map[string]func(Call) (any, *Fault){},
		nextUpdate: 1,
		chats:      map[int64]chatInfo{},
		nextMsg:    map[int64]int{},
		messages:   map[msgKey]*storedMessage{},
		commands:   map[string]json.RawMessage{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.srv.URL
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("telegramtest: the server saw:\n%s", describeCalls(s.Calls()))
		}
		s.Close()
	})
	return s
}

// Close stops the server: long polls and delayed answers in flight end at
// once, and Close returns when every request has been answered. Calling it
// again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// Handle answers method with f from now on, in place of the built-in answer.
// f gets the call and returns the result to send (anything that marshals to
// JSON; a json.RawMessage is sent as it is) or a fault to answer with. If it
// returns neither, the built-in answer is used, so f may handle only some
// calls. Faults queued with Fail take precedence over f. f runs on the
// server's goroutine and may call the Server's methods. A nil f removes the
// handler.
func (s *Server) Handle(method string, f func(c Call) (result any, fault *Fault)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(method)
	if f == nil {
		delete(s.handlers, key)
		return
	}
	s.handlers[key] = f
}

// envelope is the Bot API's answer to every request.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result,omitempty"`
	ErrorCode   int             `json:"error_code,omitempty"`
	Description string          `json:"description,omitempty"`
	Parameters  *responseParams `json:"parameters,omitempty"`
}

type responseParams struct {
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
	RetryAfter      int   `json:"retry_after,omitempty"`
}

// apiError is a refusal in the envelope: Status is both the HTTP status and
// error_code.
type apiError struct {
	Status      int
	Description string
	Params      *responseParams
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(envelope{ErrorCode: status, Description: "Internal Server Error: telegramtest cannot encode the result: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

func writeResult(w http.ResponseWriter, result any) {
	raw, ok := result.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(result); err != nil {
			writeError(w, &apiError{Status: http.StatusInternalServerError,
				Description: "Internal Server Error: telegramtest cannot encode the result: " + err.Error()})
			return
		}
	}
	writeJSON(w, http.StatusOK, envelope{OK: true, Result: raw})
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.Status, envelope{ErrorCode: e.Status, Description: e.Description, Parameters: e.Params})
}

// serveHTTP checks the path and token, records the call, and answers it
// with a queued fault, a custom handler or the built-in method.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || method == "" || strings.Contains(method, "/") {
		writeError(w, &apiError{Status: http.StatusNotFound, Description: "Not Found"})
		return
	}
	if token != s.Token {
		writeError(w, &apiError{Status: http.StatusUnauthorized, Description: "Unauthorized"})
		return
	}
	params, err := parseParams(r)
	if err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	call := Call{Method: canonicalMethod(method), Params: params, Time: time.Now()}
	fault, handler := s.record(&call)

	if fault != nil {
		if fault.Delay > 0 && !s.sleep(r.Context(), fault.Delay) {
			return
		}
		if fault.answers() {
			writeFault(w, fault)
			return
		}
	}
	if handler != nil {
		result, f := handler(call)
		switch {
		case f != nil:
			if f.Delay > 0 && !s.sleep(r.Context(), f.Delay) {
				return
			}
			if f.answers() {
				writeFault(w, f)
				return
			}
		case result != nil:
			writeResult(w, result)
			return
		}
	}
	b, ok := builtinsByLower[strings.ToLower(call.Method)]
	if !ok {
		writeError(w, &apiError{Status: http.StatusNotFound, Description: "Not Found: method not found"})
		return
	}
	result, apiErr := b.fn(s, r.Context(), call)
	switch {
	case apiErr != nil:
		writeError(w, apiErr)
	case result == nil:
		// The request ended (the client left or the server closed) while
		// the method waited; there is no one to answer.
	default:
		writeResult(w, result)
	}
}

// sleep waits for d, or until the request ends or the server closes; it
// reports whether the whole of d passed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// broadcast wakes everyone waiting for a change. s.mu must be held.
func (s *Server) broadcast() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// canonicalMethod spells a method as the Bot API does: method names are
// case-insensitive, and calls are recorded under Telegram's spelling.
func canonicalMethod(m string) string {
	if b, ok := builtinsByLower[strings.ToLower(m)]; ok {
		return b.name
	}
	return m
}
