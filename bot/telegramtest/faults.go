package telegramtest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Fault is a failure to answer calls with, queued by Server.Fail.
//
// A Fault with only Delay (see Slow) delays the call, then answers it
// normally. Otherwise the call is answered with the error envelope
// {"ok":false,"error_code":Status,"description":Description,"parameters":...}
// and HTTP status Status, or with Body as it is.
type Fault struct {
	// Status is the HTTP status and error_code. Zero means 429 with
	// RetryAfter, 400 with MigrateTo or Description, 200 with Body.
	Status int
	// Description is the envelope's description; empty means the usual
	// one for Status ("Too Many Requests: retry after N", "Forbidden: ...").
	Description string
	RetryAfter  int   // parameters.retry_after, in seconds
	MigrateTo   int64 // parameters.migrate_to_chat_id
	// Body, if set, is sent as it is instead of the JSON envelope (broken
	// JSON, an HTML error page), with Status (default 200).
	Body string
	// Delay is how long to wait before answering. The wait ends early when
	// the client hangs up or the server closes, so a Delay longer than the
	// client's timeout simulates a timeout without slowing the test down.
	Delay time.Duration
	// Times is how many calls the fault answers: 0 means 1, a negative
	// number means every matching call from now on.
	Times int
}

// TooManyRequests is Telegram's flood-control answer: a 429 asking the
// client to wait retryAfter seconds.
func TooManyRequests(retryAfter int) Fault {
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfter,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)}
}

// ServerError is a failure of Telegram's servers with the given 5xx status
// (0 means 500), in the JSON envelope. For the HTML page a proxy sends, set
// Body.
func ServerError(status int) Fault {
	if status == 0 {
		status = http.StatusInternalServerError
	}
	return Fault{Status: status, Description: http.StatusText(status)}
}

// Forbidden is a 403 such as "Forbidden: bot was blocked by the user"
// (the description when desc is ""). desc may leave out the "Forbidden: "
// prefix.
func Forbidden(desc string) Fault {
	if desc == "" {
		desc = "bot was blocked by the user"
	}
	if !strings.HasPrefix(desc, "Forbidden") {
		desc = "Forbidden: " + desc
	}
	return Fault{Status: http.StatusForbidden, Description: desc}
}

// Migrated is the 400 Telegram answers when the group became a supergroup,
// with parameters.migrate_to_chat_id set to newChatID.
func Migrated(newChatID int64) Fault {
	return Fault{Status: http.StatusBadRequest, MigrateTo: newChatID,
		Description: "Bad Request: group chat was upgraded to a supergroup chat"}
}

// Malformed answers 200 with a JSON body cut off in the middle, as when a
// proxy drops the connection; decoding it fails with an unexpected EOF.
func Malformed() Fault {
	return Fault{Status: http.StatusOK, Body: `{"ok":true,"result":{"message_id":`}
}

// Slow delays the answer by d, then answers normally. With d longer than
// the client's timeout it is a timeout.
func Slow(d time.Duration) Fault {
	return Fault{Delay: d}
}

// Fail queues f for calls of method ("" for any method, getUpdates
// included). Faults are used in the order they were queued: each call takes
// the earliest queued fault that matches its method, f.Times calls in all.
// Method names match case-insensitively.
func (s *Server) Fail(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	left := f.Times
	if left == 0 {
		left = 1
	}
	s.faults = append(s.faults, &pendingFault{method: method, fault: f, left: left})
}

type pendingFault struct {
	method string
	fault  Fault
	left   int // calls still to answer; negative: all of them
}

// takeFault returns the fault that answers a call of method, or nil, and
// uses it up. s.mu must be held.
func (s *Server) takeFault(method string) *Fault {
	for i, p := range s.faults {
		if p.method != "" && !strings.EqualFold(p.method, method) {
			continue
		}
		if p.left > 0 {
			p.left--
			if p.left == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		f := p.fault
		return &f
	}
	return nil
}

// answers reports whether the fault replaces the answer rather than only
// delaying it.
func (f *Fault) answers() bool {
	return f.Status != 0 || f.Body != "" || f.Description != "" || f.RetryAfter != 0 || f.MigrateTo != 0
}

// String describes the fault for test logs.
func (f Fault) String() string {
	var parts []string
	if f.Delay > 0 {
		parts = append(parts, "after "+f.Delay.String())
	}
	switch {
	case f.Body != "":
		parts = append(parts, fmt.Sprintf("%d body %q", f.status(), f.Body))
	case f.answers():
		parts = append(parts, fmt.Sprintf("%d %q", f.status(), f.description()))
	default:
		parts = append(parts, "normal answer")
	}
	return strings.Join(parts, " ")
}

func (f Fault) status() int {
	switch {
	case f.Status != 0:
		return f.Status
	case f.Body != "":
		return http.StatusOK
	case f.RetryAfter != 0:
		return http.StatusTooManyRequests
	}
	return http.StatusBadRequest
}

func (f Fault) description() string {
	if f.Description != "" {
		return f.Description
	}
	switch st := f.status(); {
	case st == http.StatusTooManyRequests:
		return fmt.Sprintf("Too Many Requests: retry after %d", f.RetryAfter)
	case f.MigrateTo != 0:
		return "Bad Request: group chat was upgraded to a supergroup chat"
	case st == http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case st == http.StatusBadRequest:
		return "Bad Request"
	default:
		return http.StatusText(st)
	}
}

// writeFault answers with the fault's body or error envelope.
func writeFault(w http.ResponseWriter, f *Fault) {
	if f.Body != "" {
		ct := "application/json"
		if strings.HasPrefix(strings.TrimSpace(f.Body), "<") {
			ct = "text/html"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(f.status())
		w.Write([]byte(f.Body))
		return
	}
	e := &apiError{Status: f.status(), Description: f.description()}
	if f.RetryAfter != 0 || f.MigrateTo != 0 {
		e.Params = &responseParams{RetryAfter: f.RetryAfter, MigrateToChatID: f.MigrateTo}
	}
	writeError(w, e)
}
