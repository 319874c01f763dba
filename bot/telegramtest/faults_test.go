package telegramtest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestFaultOrder(t *testing.T) {
	type step struct {
		method string
		status int
		desc   string
	}
	tests := []struct {
		name  string
		fail  func(s *Server)
		steps []step
	}{
		{
			name: "OneFaultOneCall",
			fail: func(s *Server) { s.Fail("sendMessage", TooManyRequests(3)) },
			steps: []step{
				{"getMe", 200, ""},
				{"sendMessage", 429, "Too Many Requests: retry after 3"},
				{"sendMessage", 200, ""},
			},
		},
		{
			name: "QueuedOrderAcrossMethods",
			fail: func(s *Server) {
				s.Fail("sendMessage", Forbidden(""))
				s.Fail("", ServerError(502))
				s.Fail("sendMessage", Migrated(-1001))
			},
			steps: []step{
				{"getMe", 502, "Bad Gateway"},
				{"sendMessage", 403, "Forbidden: bot was blocked by the user"},
				{"sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat"},
				{"sendMessage", 200, ""},
				{"getMe", 200, ""},
			},
		},
		{
			name: "EarliestMatchingWins",
			fail: func(s *Server) {
				s.Fail("", ServerError(0))
				s.Fail("sendMessage", TooManyRequests(1))
			},
			steps: []step{
				{"sendMessage", 500, "Internal Server Error"},
				{"sendMessage", 429, "Too Many Requests: retry after 1"},
				{"sendMessage", 200, ""},
			},
		},
		{
			name: "TimesCountsCalls",
			fail: func(s *Server) {
				f := TooManyRequests(2)
				f.Times = 2
				s.Fail("SENDMESSAGE", f)
			},
			steps: []step{
				{"sendMessage", 429, "Too Many Requests: retry after 2"},
				{"sendMessage", 429, "Too Many Requests: retry after 2"},
				{"sendMessage", 200, ""},
			},
		},
		{
			name: "NegativeTimesIsForever",
			fail: func(s *Server) { s.Fail("getMe", Fault{Status: 503, Times: -1}) },
			steps: []step{
				{"getMe", 503, "Service Unavailable"},
				{"getMe", 503, "Service Unavailable"},
				{"getMe", 503, "Service Unavailable"},
			},
		},
		{
			name: "ZeroStatusFromFields",
			fail: func(s *Server) {
				s.Fail("getMe", Fault{RetryAfter: 4})
				s.Fail("getMe", Fault{MigrateTo: -1002})
				s.Fail("getMe", Fault{Description: "Bad Request: chat not found"})
			},
			steps: []step{
				{"getMe", 429, "Too Many Requests: retry after 4"},
				{"getMe", 400, "Bad Request: group chat was upgraded to a supergroup chat"},
				{"getMe", 400, "Bad Request: chat not found"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, "")
			tt.fail(s)
			for i, st := range tt.steps {
				got := post(t, s, st.method, url.Values{"chat_id": {"1"}, "text": {"x"}})
				if got.Status != st.status || got.Description != st.desc {
					t.Errorf("call %d (%s): got %d %q, want %d %q", i, st.method, got.Status, got.Description, st.status, st.desc)
				}
			}
			for i, c := range s.Calls() {
				if faulted := tt.steps[i].status != 200; (c.Fault != nil) != faulted {
					t.Errorf("call %d: Fault = %v, want faulted %v", i, c.Fault, faulted)
				}
			}
		})
	}
}

func TestFaultParameters(t *testing.T) {
	s := NewServer(t, "")
	s.Fail("sendMessage", TooManyRequests(9))
	s.Fail("sendMessage", Migrated(-1001234567890))
	got := post(t, s, "sendMessage", nil)
	if got.Parameters == nil || got.Parameters.RetryAfter != 9 || got.Parameters.MigrateToChatID != 0 {
		t.Errorf("429 parameters = %+v, want retry_after 9 only", got.Parameters)
	}
	got = post(t, s, "sendMessage", nil)
	if got.Parameters == nil || got.Parameters.MigrateToChatID != -1001234567890 || got.Parameters.RetryAfter != 0 {
		t.Errorf("migration parameters = %+v, want migrate_to_chat_id only", got.Parameters)
	}
}

func TestFaultBodies(t *testing.T) {
	tests := []struct {
		name        string
		fault       Fault
		status      int
		contentType string
		body        string
	}{
		{"Malformed", Malformed(), 200, "application/json", `{"ok":true,"result":{"message_id":`},
		{"HTMLPage", Fault{Status: 502, Body: "<html><body>502 Bad Gateway</body></html>"}, 502, "text/html", "<html><body>502 Bad Gateway</body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, "")
			s.Fail("getMe", tt.fault)
			resp, err := http.Get(s.URL + "/bot" + s.Token + "/getMe")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.contentType || string(body) != tt.body {
				t.Errorf("got %d %s %q, want %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), body, tt.status, tt.contentType, tt.body)
			}
		})
	}
}

func TestFaultDelay(t *testing.T) {
	t.Run("SlowThenNormal", func(t *testing.T) {
		s := NewServer(t, "")
		s.Fail("getMe", Slow(200*time.Millisecond))
		start := time.Now()
		got := post(t, s, "getMe", nil)
		if taken := time.Since(start); !got.OK || taken < 200*time.Millisecond {
			t.Errorf("got ok=%v after %v, want a normal answer after 200ms", got.OK, taken)
		}
	})
	t.Run("DelayThenError", func(t *testing.T) {
		s := NewServer(t, "")
		f := ServerError(500)
		f.Delay = 100 * time.Millisecond
		s.Fail("getMe", f)
		start := time.Now()
		got := post(t, s, "getMe", nil)
		if taken := time.Since(start); got.Status != 500 || taken < 100*time.Millisecond {
			t.Errorf("got %d after %v, want 500 after 100ms", got.Status, taken)
		}
	})
	t.Run("LongerThanClientTimeoutIsATimeout", func(t *testing.T) {
		s := NewServer(t, "")
		s.Fail("sendMessage", Slow(time.Hour))
		client := &http.Client{Timeout: 100 * time.Millisecond}
		_, err := client.PostForm(s.URL+"/bot"+s.Token+"/sendMessage", url.Values{"chat_id": {"1"}, "text": {"x"}})
		var ne interface{ Timeout() bool }
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("got %v, want a client timeout", err)
		}
		// The retry is answered, and the abandoned call does not hold up Close.
		if got := post(t, s, "sendMessage", url.Values{"chat_id": {"1"}, "text": {"x"}}); !got.OK {
			t.Errorf("retry got %q, want it sent", got.Description)
		}
		start := time.Now()
		s.Close()
		if taken := time.Since(start); taken > 2*time.Second {
			t.Errorf("Close took %v", taken)
		}
	})
	t.Run("ContextCancelEndsTheDelay", func(t *testing.T) {
		s := NewServer(t, "")
		s.Fail("getMe", Slow(time.Hour))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/bot"+s.Token+"/getMe", nil)
		if _, err := http.DefaultClient.Do(req); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
}

func TestFaultString(t *testing.T) {
	tests := []struct {
		f    Fault
		want string
	}{
		{TooManyRequests(3), `429 "Too Many Requests: retry after 3"`},
		{Slow(time.Second), "after 1s normal answer"},
		{Malformed(), `200 body "{\"ok\":true,\"result\":{\"message_id\":"`},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
		}
	}
	if !strings.Contains(Call{Method: "getMe", Fault: &tests[0].f}.String(), "fault 429") {
		t.Error("a call's description leaves out its fault")
	}
}
