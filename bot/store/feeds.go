package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FeedState is what SummitBot remembers of a feed between fetches.
type FeedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Checked      time.Time `json:"checked"`
}

// Feed returns a feed's state; the zero value for a feed never fetched.
func (s *Store) Feed(url string) (FeedState, error) {
	var f FeedState
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketFeeds).Get([]byte(url)); v != nil {
			return json.Unmarshal(v, &f)
		}
		return nil
	})
	return f, err
}

// SaveFeed records a feed's state.
func (s *Store) SaveFeed(url string, f FeedState) error {
	return s.db.Update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketFeeds), []byte(url), f) })
}

// Seen reports whether a feed item was already taken in (or judged
// irrelevant), by its GUID or link.
func (s *Store) Seen(key string) (bool, error) {
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketSeen).Get([]byte(key)) != nil
		return nil
	})
	return ok, err
}

// MarkSeen records feed items as handled; doc is the document made of the
// item, or "" for one skipped as not about the summits.
func (s *Store) MarkSeen(key, doc string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSeen).Put([]byte(key), []byte(doc)) })
}
