package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// queued is an update waiting for getUpdates.
type queued struct {
	id  int
	raw json.RawMessage
}

// Push queues updates for getUpdates and returns their update_ids. Each
// update is a value that marshals to a JSON object (an Update from the
// builders, a map, a struct), or the JSON itself as a json.RawMessage,
// []byte or string. An update without update_id gets the next one in
// sequence; one with its own keeps it, and later ones follow it. The queue
// stays in update_id order. Push does not change the values it is given.
//
// Push panics if an update is not a JSON object: that is a mistake in the
// test, not a condition to handle.
func (s *Server) Push(updates ...any) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int, 0, len(updates))
	for i, u := range updates {
		raw, err := rawJSON(u)
		if err != nil {
			panic(fmt.Sprintf("telegramtest: Push: update %d: %v", i, err))
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
			panic(fmt.Sprintf("telegramtest: Push: update %d is not a JSON object: %.200s", i, raw))
		}
		id := s.nextUpdate
		if v, ok := fields["update_id"]; ok {
			if id, err = strconv.Atoi(string(v)); err != nil {
				panic(fmt.Sprintf("telegramtest: Push: update %d: update_id %s is not an integer", i, v))
			}
		} else {
			fields["update_id"] = json.RawMessage(strconv.Itoa(id))
			if raw, err = json.Marshal(fields); err != nil {
				panic(fmt.Sprintf("telegramtest: Push: update %d: %v", i, err))
			}
		}
		s.nextUpdate = max(s.nextUpdate, id+1)
		s.noteUpdate(raw)
		at, _ := slices.BinarySearchFunc(s.queue, id+1, func(q queued, id int) int { return q.id - id })
		s.queue = slices.Insert(s.queue, at, queued{id: id, raw: raw})
		ids = append(ids, id)
	}
	s.broadcast()
	return ids
}

// rawJSON is the JSON text of a value given to Push or PostWebhook.
func rawJSON(v any) ([]byte, error) {
	switch v := v.(type) {
	case json.RawMessage:
		return v, nil
	case []byte:
		return v, nil
	case string:
		return []byte(v), nil
	}
	return json.Marshal(v)
}

// Pending returns how many updates are queued and not yet confirmed with
// getUpdates' offset.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// AllowedUpdates returns the allowed_updates last given to getUpdates or
// setWebhook, and whether any was given. The server records them but
// delivers every queued update regardless, as Telegram does with updates
// queued before the setting changed.
func (s *Server) AllowedUpdates() (types []string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.allowed), s.allowedSet
}

// setAllowed records an allowed_updates parameter, if the call has one.
func (s *Server) setAllowed(c Call) *apiError {
	raw, ok := c.Params["allowed_updates"]
	if !ok || raw == "null" {
		return nil
	}
	var types []string
	if err := json.Unmarshal([]byte(raw), &types); err != nil {
		return badRequest("can't parse allowed updates JSON array")
	}
	s.mu.Lock()
	s.allowed, s.allowedSet = types, true
	s.mu.Unlock()
	return nil
}

// getUpdates returns queued updates from offset on, limit at most; with a
// timeout it waits for the first update to be pushed.
func getUpdates(s *Server, ctx context.Context, c Call) (any, *apiError) {
	if e := s.setAllowed(c); e != nil {
		return nil, e
	}
	offset := c.Int("offset")
	limit := int(c.Int("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	wait := time.Duration(max(c.Int("timeout"), 0)) * time.Second

	s.mu.Lock()
	if s.webhookURL != "" {
		s.mu.Unlock()
		return nil, &apiError{Status: http.StatusConflict,
			Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	switch {
	case offset > 0:
		// Everything below offset is confirmed and gone for good.
		s.queue = slices.DeleteFunc(s.queue, func(q queued) bool { return int64(q.id) < offset })
	case offset < 0:
		// The last -offset updates only; the ones before are forgotten.
		if n := len(s.queue) + int(offset); n > 0 {
			s.queue = slices.Delete(s.queue, 0, n)
		}
	}
	// Only one getUpdates at a time, as on Telegram: a new one ends the
	// one that is waiting.
	if s.poller != nil {
		close(s.poller)
	}
	mine := make(chan struct{})
	s.poller = mine
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.poller == mine {
			s.poller = nil
		}
		s.mu.Unlock()
	}()

	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		s.mu.Lock()
		batch := s.queue[:min(limit, len(s.queue))]
		var b bytes.Buffer
		b.WriteByte('[')
		for i, q := range batch {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(q.raw)
		}
		b.WriteByte(']')
		changed := s.changed
		s.mu.Unlock()
		if len(batch) > 0 || wait == 0 {
			return json.RawMessage(b.Bytes()), nil
		}
		select {
		case <-changed:
		case <-timer.C:
			return json.RawMessage("[]"), nil
		case <-mine:
			return nil, &apiError{Status: http.StatusConflict,
				Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		case <-ctx.Done():
			return nil, nil
		case <-s.done:
			return nil, nil
		}
	}
}
