package store

import (
	bolt "go.etcd.io/bbolt"
)

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

// Done removes a handled update from the inbox.
func (s *Store) Done(id int) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInbox).Delete(itob(int64(id)))
	})
}
