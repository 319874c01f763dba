package store

import (
	bolt "go.etcd.io/bbolt"
)

var (
	// bucketHandled holds the ids of the last updates handled, so that an
	// update delivered again (a webhook retry) is recognised.
	bucketHandled = []byte("handled")
	// bucketReplies counts, per update in the inbox, the messages whose
	// send has begun, so that an update handled again after a crash does
	// not send them twice.
	bucketReplies = []byte("replies")
)

// keepHandled is how far behind the last handled update ids are
// remembered. An update posted twice comes again soon after the first
// time, long before thousands of others.
const keepHandled = 10000

// Offset returns the getUpdates offset to ask for next: one past the last
// update received.
func (s *Store) Offset() (int, error) {
	var off int
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyOffset); len(v) == 8 {
			off = int(btoi(v))
		}
		return nil
	})
	return off, err
}

// Pending is an update received and not yet handled.
type Pending struct {
	ID  int
	Raw []byte
}

// Receive records a batch of updates and moves the offset past them in one
// transaction: after a crash they are handled from the inbox, never asked
// for again nor lost.
func (s *Store) Receive(batch []Pending, next int) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		in := tx.Bucket(bucketInbox)
		for _, p := range batch {
			if err := in.Put(itob(int64(p.ID)), p.Raw); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keyOffset); len(v) == 8 && int(btoi(v)) >= next {
			return nil
		}
		return meta.Put(keyOffset, itob(int64(next)))
	})
}

// ReceiveOnce records one update, as Receive does, unless an update with
// its id is already in the inbox or was handled lately: then it returns
// false and records nothing. The webhook uses it, since Telegram posts an
// update again when it did not see the answer to the first post.
func (s *Store) ReceiveOnce(p Pending) (bool, error) {
	fresh := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		key := itob(int64(p.ID))
		in := tx.Bucket(bucketInbox)
		if in.Get(key) != nil || tx.Bucket(bucketHandled).Get(key) != nil {
			return nil
		}
		fresh = true
		return in.Put(key, p.Raw)
	})
	return fresh, err
}

// Inbox returns the updates received and not yet handled, oldest first.
func (s *Store) Inbox() ([]Pending, error) {
	var out []Pending
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInbox).ForEach(func(k, v []byte) error {
			out = append(out, Pending{ID: int(btoi(k)), Raw: append([]byte(nil), v...)})
			return nil
		})
	})
	return out, err
}

// Done removes a handled update from the inbox, and remembers its id.
func (s *Store) Done(id int) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		key := itob(int64(id))
		if err := tx.Bucket(bucketInbox).Delete(key); err != nil {
			return err
		}
		if err := tx.Bucket(bucketReplies).Delete(key); err != nil {
			return err
		}
		h := tx.Bucket(bucketHandled)
		if err := h.Put(key, nil); err != nil {
			return err
		}
		// Forget ids far behind this one: update ids grow one by one.
		c := h.Cursor()
		for k, _ := c.First(); k != nil && btoi(k) < int64(id)-keepHandled; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
		return nil
	})
}

// Replies returns how many messages of an update's replies may have been
// sent: their send began before the last stop.
func (s *Store) Replies(id int) (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketReplies).Get(itob(int64(id))); len(v) == 8 {
			n = int(btoi(v))
		}
		return nil
	})
	return n, err
}

// SetReplies records that n messages of an update's replies may have been
// sent. Called right before a message leaves (and again, one less, when
// Telegram refused it), it makes a crash count the message as sent rather
// than send it twice.
func (s *Store) SetReplies(id, n int) error {
	// Batch: the workers' marks share a commit, and so its fsync.
	return s.db.Batch(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketReplies).Put(itob(int64(id)), itob(int64(n)))
	})
}
