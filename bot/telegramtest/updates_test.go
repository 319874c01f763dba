package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// updateIDs calls getUpdates and returns the update_ids it got.
func updateIDs(t testing.TB, s *Server, form url.Values) []int {
	t.Helper()
	var ups []struct {
		UpdateID int `json:"update_id"`
	}
	post(t, s, "getUpdates", form).decode(t, &ups)
	ids := []int{}
	for _, u := range ups {
		ids = append(ids, u.UpdateID)
	}
	return ids
}

func TestGetUpdatesOffset(t *testing.T) {
	alice := User{ID: 1, FirstName: "Alice"}
	// Each step is a getUpdates call on the same queue of updates 1..5.
	steps := []struct {
		name string
		form url.Values
		want []int
	}{
		{"NoOffsetGivesAllUnconfirmed", url.Values{}, []int{1, 2, 3, 4, 5}},
		{"NoOffsetAgainGivesTheSame", url.Values{}, []int{1, 2, 3, 4, 5}},
		{"LimitCuts", url.Values{"limit": {"2"}}, []int{1, 2}},
		{"OffsetConfirmsBelow", url.Values{"offset": {"3"}}, []int{3, 4, 5}},
		{"ConfirmedAreGoneForGood", url.Values{"offset": {"1"}}, []int{3, 4, 5}},
		{"OffsetAndLimit", url.Values{"offset": {"4"}, "limit": {"1"}}, []int{4}},
		{"NegativeOffsetKeepsTheLast", url.Values{"offset": {"-1"}}, []int{5}},
		{"EarlierForgottenAfterNegativeOffset", url.Values{}, []int{5}},
		{"OffsetPastTheEndEmpties", url.Values{"offset": {"6"}}, []int{}},
	}
	s := NewServer(t, "")
	for range 5 {
		s.Push(PrivateMessage(1, alice, "hi"))
	}
	for _, st := range steps {
		if got := updateIDs(t, s, st.form); !slices.Equal(got, st.want) {
			t.Errorf("%s: getUpdates %v = %v, want %v", st.name, st.form, got, st.want)
		}
	}
	if got := s.Pending(); got != 0 {
		t.Errorf("Pending() = %d after confirming all, want 0", got)
	}
}

func TestPush(t *testing.T) {
	s := NewServer(t, "")
	alice := User{ID: 1, FirstName: "Alice"}
	u := PrivateMessage(1, alice, "hi")
	ids := s.Push(
		u,
		`{"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"raw string"}}`,
		json.RawMessage(`{"update_id":10,"message":{"message_id":2,"date":1,"chat":{"id":1,"type":"private"},"text":"own id"}}`),
		map[string]any{"callback_query": map[string]any{"id": "q", "from": alice, "chat_instance": "1", "data": "x"}},
		json.RawMessage(`{"update_id":5,"inline_query":{"id":"i","from":{"id":1,"is_bot":false,"first_name":"A"},"query":"","offset":""}}`),
	)
	if want := []int{1, 2, 10, 11, 5}; !slices.Equal(ids, want) {
		t.Errorf("Push ids = %v, want %v", ids, want)
	}
	if _, ok := u["update_id"]; ok {
		t.Errorf("Push changed the caller's update: %v", u)
	}
	if got, want := updateIDs(t, s, nil), []int{1, 2, 5, 10, 11}; !slices.Equal(got, want) {
		t.Errorf("getUpdates = %v, want the queue in update_id order %v", got, want)
	}
	t.Run("PanicsOnNonObject", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("Push([1,2]) did not panic")
			}
		}()
		s.Push("[1,2]")
	})
}

func TestGetUpdatesLongPoll(t *testing.T) {
	alice := User{ID: 1, FirstName: "Alice"}
	tests := []struct {
		name     string
		timeout  string
		pushAt   time.Duration // 0: no push
		want     []int
		minTaken time.Duration
		maxTaken time.Duration
	}{
		{"NoTimeoutAnswersAtOnce", "0", 0, []int{}, 0, 500 * time.Millisecond},
		{"TimeoutPassesEmpty", "1", 0, []int{}, time.Second, 3 * time.Second},
		{"PushWakesThePoll", "30", 150 * time.Millisecond, []int{1}, 150 * time.Millisecond, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, "")
			if tt.pushAt > 0 {
				time.AfterFunc(tt.pushAt, func() { s.Push(PrivateMessage(1, alice, "hi")) })
			}
			start := time.Now()
			got := updateIDs(t, s, url.Values{"timeout": {tt.timeout}})
			taken := time.Since(start)
			if !slices.Equal(got, tt.want) || taken < tt.minTaken || taken > tt.maxTaken {
				t.Errorf("got %v after %v, want %v after %v to %v", got, taken, tt.want, tt.minTaken, tt.maxTaken)
			}
		})
	}
}

func TestGetUpdatesLongPollEnds(t *testing.T) {
	t.Run("WhenTheClientLeaves", func(t *testing.T) {
		s := NewServer(t, "")
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/bot"+s.Token+"/getUpdates",
			strings.NewReader("timeout=60"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if _, err := http.DefaultClient.Do(req); err == nil {
			t.Fatal("the 60 s poll answered within 200 ms")
		}
		// Close waits for every request; the abandoned poll must be over.
		start := time.Now()
		s.Close()
		if taken := time.Since(start); taken > 2*time.Second {
			t.Errorf("Close took %v, want the abandoned poll gone", taken)
		}
	})
	t.Run("WhenTheServerCloses", func(t *testing.T) {
		s := NewServer(t, "")
		errc := make(chan error, 1)
		go func() {
			resp, err := http.PostForm(s.URL+"/bot"+s.Token+"/getUpdates", url.Values{"timeout": {"60"}})
			if err == nil {
				resp.Body.Close()
			}
			errc <- err
		}()
		s.WaitCalls(t, "getUpdates", 1, time.Second)
		start := time.Now()
		s.Close()
		<-errc
		if taken := time.Since(start); taken > 2*time.Second {
			t.Errorf("Close took %v with a poll waiting, want it ended at once", taken)
		}
	})
}

func TestGetUpdatesSecondPollEndsTheFirstWithConflict(t *testing.T) {
	s := NewServer(t, "")
	first := make(chan reply, 1)
	go func() { first <- post(t, s, "getUpdates", url.Values{"timeout": {"30"}}) }()
	s.WaitCalls(t, "getUpdates", 1, time.Second)
	time.Sleep(50 * time.Millisecond) // let the first poll start waiting
	if got := updateIDs(t, s, nil); len(got) != 0 {
		t.Fatalf("second poll got %v, want none", got)
	}
	if got := <-first; got.Status != http.StatusConflict {
		t.Errorf("first poll got %d %q, want 409 Conflict", got.Status, got.Description)
	}
}

func TestAllowedUpdates(t *testing.T) {
	s := NewServer(t, "")
	if _, ok := s.AllowedUpdates(); ok {
		t.Error("AllowedUpdates() set before any call")
	}
	s.Push(MyChatMember(-100, "group", User{ID: 1, FirstName: "A"}, "left", "member"))
	got := updateIDs(t, s, url.Values{"allowed_updates": {`["message","callback_query"]`}})
	types, ok := s.AllowedUpdates()
	if !ok || fmt.Sprint(types) != "[message callback_query]" {
		t.Errorf("AllowedUpdates() = %v, %v; want [message callback_query], true", types, ok)
	}
	if len(got) != 1 {
		t.Errorf("got %v, want the queued my_chat_member delivered regardless", got)
	}
	if c := s.Calls("getUpdates"); len(c) != 1 || c[0].Params["allowed_updates"] != `["message","callback_query"]` {
		t.Errorf("recorded %v, want allowed_updates in the call", c)
	}
}
