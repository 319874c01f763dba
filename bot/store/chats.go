package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Chat is what SummitBot knows of a chat.
type Chat struct {
	ID         int64     `json:"id"`
	Type       string    `json:"type,omitempty"` // private, group, supergroup, channel
	Title      string    `json:"title,omitempty"`
	Username   string    `json:"username,omitempty"`
	Lang       string    `json:"lang,omitempty"`
	Inactive   bool      `json:"inactive,omitempty"` // the bot was blocked, removed or kicked
	Reason     string    `json:"reason,omitempty"`
	MigratedTo int64     `json:"migrated_to,omitempty"` // a group that became this supergroup
	Updated    time.Time `json:"updated"`
}

// Chat returns what is known of a chat; ok is false for a chat never seen.
func (s *Store) Chat(id int64) (c Chat, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketChats).Get(itob(id))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &c)
	})
	return c, ok, err
}

// UpdateChat applies change to the chat's record, creating it if needed.
func (s *Store) UpdateChat(id int64, change func(c *Chat)) error {
	return s.db.Update(func(tx *bolt.Tx) error { return updateChat(tx, id, change) })
}

func updateChat(tx *bolt.Tx, id int64, change func(c *Chat)) error {
	b := tx.Bucket(bucketChats)
	c := Chat{ID: id}
	if v := b.Get(itob(id)); v != nil {
		if err := json.Unmarshal(v, &c); err != nil {
			return err
		}
	}
	change(&c)
	c.ID = id
	c.Updated = time.Now().UTC()
	return putJSON(b, itob(id), c)
}

// Resolve follows group-to-supergroup migrations: the id to send to now.
func (s *Store) Resolve(id int64) (int64, error) {
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketChats)
		for range 8 { // a chain longer than this is a loop
			v := b.Get(itob(id))
			if v == nil {
				return nil
			}
			var c Chat
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			if c.MigratedTo == 0 {
				return nil
			}
			id = c.MigratedTo
		}
		return nil
	})
	return id, err
}
