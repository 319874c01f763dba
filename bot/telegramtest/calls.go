package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Call is one request the server accepted (its token was right), in the
// order it arrived.
type Call struct {
	Method string // as Telegram spells it ("sendMessage") when it is a method the server knows
	// Params holds the request's parameters: query string, form or
	// multipart fields, or the top-level fields of a JSON body. Nested
	// values (reply_markup, allowed_updates, commands, results) are their
	// JSON text; an uploaded file is its file name.
	Params map[string]string
	Time   time.Time // when it arrived
	Fault  *Fault    // the fault queued with Fail that answered it, or nil
}

// Int returns the parameter key as an integer, or 0 if it is missing or not
// an integer.
func (c Call) Int(key string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(c.Params[key]), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// Bool reports whether the parameter key is "true" (or "1", "True"...).
func (c Call) Bool(key string) bool {
	b, _ := strconv.ParseBool(strings.TrimSpace(c.Params[key]))
	return b
}

// JSON decodes the parameter key, which holds JSON text (reply_markup,
// results, commands...), into v. It fails if the parameter is missing or
// is not JSON that fits v.
func (c Call) JSON(key string, v any) error {
	raw, ok := c.Params[key]
	if !ok {
		return fmt.Errorf("%s: no parameter %q", c.Method, key)
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return fmt.Errorf("%s: parameter %s: %w", c.Method, key, err)
	}
	return nil
}

// String describes the call on one line, for test logs.
func (c Call) String() string {
	var b strings.Builder
	b.WriteString(c.Method)
	for _, k := range slices.Sorted(maps.Keys(c.Params)) {
		v := c.Params[k]
		if r := []rune(v); len(r) > 80 {
			v = string(r[:80]) + "…"
		}
		fmt.Fprintf(&b, " %s=%q", k, v)
	}
	if c.Fault != nil {
		fmt.Fprintf(&b, " -> fault %s", c.Fault)
	}
	return b.String()
}

func (c Call) clone() Call {
	c.Params = maps.Clone(c.Params)
	if c.Fault != nil {
		f := *c.Fault
		c.Fault = &f
	}
	return c
}

// Calls returns the calls of the given methods (all calls if none are
// given) in the order they arrived. Method names match case-insensitively.
// The result is a copy the caller may keep and change.
func (s *Server) Calls(method ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method...)
}

func (s *Server) callsLocked(method ...string) []Call {
	var out []Call
	for _, c := range s.calls {
		if len(method) == 0 || slices.ContainsFunc(method, func(m string) bool { return m == "" || strings.EqualFold(m, c.Method) }) {
			out = append(out, c.clone())
		}
	}
	return out
}

// WaitCalls waits until at least n calls of method ("" for any method) have
// arrived and returns all of them so far, in order. If they do not arrive
// within timeout, or the server closes first, it fails the test with
// t.Fatalf, listing every call the server saw; so call it from the test's
// own goroutine.
func (s *Server) WaitCalls(t testing.TB, method string, n int, timeout time.Duration) []Call {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got := s.callsLocked(method)
		changed := s.changed
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		why := ""
		select {
		case <-changed:
			continue
		case <-deadline.C:
			why = "in " + timeout.String()
		case <-s.done:
			why = "before the server closed"
		}
		name := method
		if name == "" {
			name = "any"
		}
		t.Fatalf("telegramtest: want %d %s call(s) %s, got %d; the server saw:\n%s",
			n, name, why, len(got), describeCalls(s.Calls()))
		return got
	}
}

// describeCalls lists calls one a line, the last 100 at most.
func describeCalls(calls []Call) string {
	if len(calls) == 0 {
		return "\t(no calls)"
	}
	var b strings.Builder
	if len(calls) > 100 {
		fmt.Fprintf(&b, "\t(%d earlier calls left out)\n", len(calls)-100)
		calls = calls[len(calls)-100:]
	}
	for _, c := range calls {
		fmt.Fprintf(&b, "\t%s %s\n", c.Time.Format("15:04:05.000"), c)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// record keeps the call and picks what answers it: a queued fault, if one
// applies, and the custom handler, if any.
func (s *Server) record(c *Call) (*Fault, func(Call) (any, *Fault)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.takeFault(c.Method)
	c.Fault = f
	s.calls = append(s.calls, c.clone())
	s.broadcast()
	return f, s.handlers[strings.ToLower(c.Method)]
}

// maxBody bounds a request body; Telegram takes uploads up to 50 MB.
const maxBody = 50 << 20

// parseParams reads a request's parameters the ways the Bot API accepts
// them: the query string, then a form, multipart or JSON body over it.
func parseParams(r *http.Request) (map[string]string, error) {
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" || r.Body == nil {
		return params, nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, fmt.Errorf("bad Content-Type %q: %v", ct, err)
	}
	switch mt {
	case "application/x-www-form-urlencoded":
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return nil, fmt.Errorf("read form: %v", err)
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("can't parse form: %v", err)
		}
		for k, v := range form {
			params[k] = v[0]
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxBody); err != nil {
			return nil, fmt.Errorf("can't parse multipart form: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		for k, v := range r.MultipartForm.File {
			params[k] = v[0].Filename
		}
	case "application/json":
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return nil, fmt.Errorf("read JSON: %v", err)
		}
		if len(bytes.TrimSpace(body)) == 0 {
			break
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return nil, fmt.Errorf("can't parse JSON object: %v", err)
		}
		for k, raw := range fields {
			v, ok, err := jsonParam(raw)
			if err != nil {
				return nil, fmt.Errorf("can't parse JSON field %s: %v", k, err)
			}
			if ok {
				params[k] = v
			}
		}
	}
	return params, nil
}

// jsonParam turns a top-level JSON value into the string a form would
// carry: a string's contents, a number's or boolean's literal, an object's
// or array's compact JSON. null is no parameter at all.
func jsonParam(raw json.RawMessage) (string, bool, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case string(raw) == "null":
		return "", false, nil
	case len(raw) > 0 && raw[0] == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil, err
	case len(raw) > 0 && (raw[0] == '{' || raw[0] == '['):
		var b bytes.Buffer
		err := json.Compact(&b, raw)
		return b.String(), err == nil, err
	}
	return string(raw), true, nil
}
