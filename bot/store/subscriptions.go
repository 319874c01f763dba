package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketSubs      = []byte("subscriptions") // chat id → Subscription
	bucketOutbox    = []byte("outbox")        // sequence → Delivery
	bucketDelivered = []byte("delivered")     // chat id + "/" + document id → time sent
	bucketDigest    = []byte("digest")        // chat id → digestQueue
	bucketFeeds     = []byte("feeds")         // feed URL → FeedState
	bucketSeen      = []byte("seen")          // feed item key → document id
	bucketAnnounced = []byte("announced")     // document id → time its deliveries were queued
)

// Subscription is a chat's wish to receive new articles.
type Subscription struct {
	ChatID   int64     `json:"chat"`
	ChatType string    `json:"type"` // private, group, supergroup, channel
	Title    string    `json:"title,omitempty"`
	Topics   []string  `json:"topics,omitempty"` // only articles matching one of these; none: every article
	Digest   bool      `json:"digest,omitempty"` // one message a day instead of one per article
	Lang     string    `json:"lang"`             // the language of the delivery's own words
	By       int64     `json:"by,omitempty"`     // the user who subscribed the chat
	Created  time.Time `json:"created"`
}

// Subscribe records or updates a chat's subscription. A topic already
// there is not added twice; no topics means every article.
func (s *Store) Subscribe(sub Subscription) (Subscription, error) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubs)
		var old Subscription
		if v := b.Get(itob(sub.ChatID)); v != nil {
			if err := json.Unmarshal(v, &old); err != nil {
				return err
			}
			sub.Created = old.Created
			if len(sub.Topics) > 0 && len(old.Topics) > 0 {
				for _, t := range old.Topics {
					if !slices.Contains(sub.Topics, t) {
						sub.Topics = append(sub.Topics, t)
					}
				}
			}
			sub.Digest = sub.Digest || old.Digest
		}
		return putJSON(b, itob(sub.ChatID), sub)
	})
	return sub, err
}

// Unsubscribe removes a chat's subscription, or only some of its topics.
// It reports whether anything was removed.
func (s *Store) Unsubscribe(chat int64, topics ...string) (bool, error) {
	removed := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubs)
		v := b.Get(itob(chat))
		if v == nil {
			return nil
		}
		if len(topics) == 0 {
			removed = true
			return dropChat(tx, chat)
		}
		var sub Subscription
		if err := json.Unmarshal(v, &sub); err != nil {
			return err
		}
		keep := sub.Topics[:0]
		for _, t := range sub.Topics {
			if slices.Contains(topics, t) {
				removed = true
			} else {
				keep = append(keep, t)
			}
		}
		if len(keep) == 0 && removed {
			return dropChat(tx, chat)
		}
		sub.Topics = keep
		return putJSON(b, itob(chat), sub)
	})
	return removed, err
}

// dropChat removes a chat's subscription and what waits to be sent to it.
func dropChat(tx *bolt.Tx, chat int64) error {
	if err := tx.Bucket(bucketSubs).Delete(itob(chat)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketDigest).Delete(itob(chat)); err != nil {
		return err
	}
	out := tx.Bucket(bucketOutbox)
	var drop [][]byte
	err := out.ForEach(func(k, v []byte) error {
		var d Delivery
		if json.Unmarshal(v, &d) == nil && d.ChatID == chat {
			drop = append(drop, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range drop {
		if err := out.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Subscription returns a chat's subscription; ok is false when it has none.
func (s *Store) Subscription(chat int64) (sub Subscription, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSubs).Get(itob(chat))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &sub)
	})
	return sub, ok, err
}

// Subscriptions returns every subscription.
func (s *Store) Subscriptions() ([]Subscription, error) {
	var out []Subscription
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSubs).ForEach(func(_, v []byte) error {
			var sub Subscription
			if err := json.Unmarshal(v, &sub); err != nil {
				return err
			}
			out = append(out, sub)
			return nil
		})
	})
	return out, err
}

// DropChat forgets a chat's subscription and pending deliveries: the bot
// was removed from it or blocked.
func (s *Store) DropChat(chat int64) error {
	return s.db.Update(func(tx *bolt.Tx) error { return dropChat(tx, chat) })
}

// MoveChat moves a group's subscription, pending deliveries and record of
// deliveries to the supergroup it became.
func (s *Store) MoveChat(from, to int64) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := updateChat(tx, from, func(c *Chat) { c.MigratedTo = to }); err != nil {
			return err
		}
		subs := tx.Bucket(bucketSubs)
		if v := subs.Get(itob(from)); v != nil {
			var sub Subscription
			if err := json.Unmarshal(v, &sub); err != nil {
				return err
			}
			sub.ChatID, sub.ChatType = to, "supergroup"
			if err := putJSON(subs, itob(to), sub); err != nil {
				return err
			}
			if err := subs.Delete(itob(from)); err != nil {
				return err
			}
		}
		out := tx.Bucket(bucketOutbox)
		return out.ForEach(func(k, v []byte) error {
			var d Delivery
			if json.Unmarshal(v, &d) != nil || d.ChatID != from {
				return nil
			}
			d.ChatID = to
			data, err := json.Marshal(d)
			if err != nil {
				return err
			}
			return out.Put(k, data)
		})
	})
}

// Delivery is one message waiting in the outbox.
type Delivery struct {
	Seq      uint64    `json:"-"`
	ChatID   int64     `json:"chat"`
	Key      string    `json:"key"`  // what it delivers: a document id, or "digest:<day>"
	HTML     string    `json:"html"` // the message, rendered when queued
	Attempts int       `json:"attempts,omitempty"`
	NotUntil time.Time `json:"not_until,omitzero"` // after a failure, not before this
	Sending  time.Time `json:"sending,omitzero"`   // a send began at this time
}

// Enqueue queues deliveries in one transaction, skipping any chat and key
// already delivered or already queued: one delivery per article and chat,
// however often the article is announced.
func (s *Store) Enqueue(ds []Delivery) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		n, err = enqueue(tx, ds)
		return err
	})
	return n, err
}

// Announce records that a document's deliveries are queued, queues them
// and adds it to the digests of digestChats, in one transaction: after a
// crash the document is either announced whole or not at all.
func (s *Store) Announce(doc string, ds []Delivery, digestChats []int64, now time.Time) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		if n, err = enqueue(tx, ds); err != nil {
			return err
		}
		if err := addToDigest(tx, digestChats, doc, now); err != nil {
			return err
		}
		return tx.Bucket(bucketAnnounced).Put([]byte(doc), []byte(now.UTC().Format(time.RFC3339)))
	})
	return n, err
}

// Announced reports whether a document's deliveries were queued.
func (s *Store) Announced(doc string) (bool, error) {
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketAnnounced).Get([]byte(doc)) != nil
		return nil
	})
	return ok, err
}

func enqueue(tx *bolt.Tx, ds []Delivery) (int, error) {
	out, done := tx.Bucket(bucketOutbox), tx.Bucket(bucketDelivered)
	queued := map[string]bool{}
	err := out.ForEach(func(_, v []byte) error {
		var d Delivery
		if json.Unmarshal(v, &d) == nil {
			queued[deliveredKey(d.ChatID, d.Key)] = true
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range ds {
		k := deliveredKey(d.ChatID, d.Key)
		if queued[k] || done.Get([]byte(k)) != nil {
			continue
		}
		seq, err := out.NextSequence()
		if err != nil {
			return n, err
		}
		if err := putJSON(out, itob(int64(seq)), d); err != nil {
			return n, err
		}
		queued[k] = true
		n++
	}
	return n, nil
}

func deliveredKey(chat int64, key string) string { return fmt.Sprintf("%d/%s", chat, key) }

// Pending returns up to max deliveries due at now, oldest first, and how
// many deliveries the outbox holds in all. A delivery whose send began
// before a crash is not returned: it may well have reached the chat, and
// sending nothing twice wins over sending everything (see Recover).
func (s *Store) Pending(now time.Time, max int) (due []Delivery, total int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			total++
			if len(due) >= max {
				return nil
			}
			var d Delivery
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			if d.Sending.IsZero() && !d.NotUntil.After(now) {
				d.Seq = uint64(btoi(k))
				due = append(due, d)
			}
			return nil
		})
	})
	return due, total, err
}

// ErrGone is a delivery that left the outbox (delivered, or its chat
// dropped) while it was being sent.
var ErrGone = errors.New("delivery no longer in the outbox")

// Begin marks a delivery as being sent, so that a crash during the send is
// not followed by a second send of it.
func (s *Store) Begin(d Delivery, now time.Time) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		out := tx.Bucket(bucketOutbox)
		if out.Get(itob(int64(d.Seq))) == nil {
			return ErrGone
		}
		d.Sending = now
		return putJSON(out, itob(int64(d.Seq)), d)
	})
}

// NotSending clears the mark of Begin: Telegram refused the send, so the
// message is not there.
func (s *Store) NotSending(d Delivery) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		out := tx.Bucket(bucketOutbox)
		v := out.Get(itob(int64(d.Seq)))
		if v == nil {
			return ErrGone
		}
		var cur Delivery
		if err := json.Unmarshal(v, &cur); err != nil {
			return err
		}
		cur.Sending = time.Time{}
		return putJSON(out, itob(int64(d.Seq)), cur)
	})
}

// Delivered records a delivery as sent and removes it from the outbox.
func (s *Store) Delivered(d Delivery, at time.Time) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketOutbox).Delete(itob(int64(d.Seq))); err != nil {
			return err
		}
		return tx.Bucket(bucketDelivered).Put([]byte(deliveredKey(d.ChatID, d.Key)), []byte(at.UTC().Format(time.RFC3339)))
	})
}

// Retry puts a delivery that failed back in the outbox, not to be tried
// before notUntil.
func (s *Store) Retry(d Delivery, notUntil time.Time) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		out := tx.Bucket(bucketOutbox)
		if out.Get(itob(int64(d.Seq))) == nil {
			return nil
		}
		d.Attempts++
		d.NotUntil, d.Sending = notUntil, time.Time{}
		return putJSON(out, itob(int64(d.Seq)), d)
	})
}

// Abandon removes a delivery that cannot be sent.
func (s *Store) Abandon(d Delivery) error {
	return s.db.Batch(func(tx *bolt.Tx) error { return tx.Bucket(bucketOutbox).Delete(itob(int64(d.Seq))) })
}

// Recover settles the deliveries whose send began before the last stop:
// each is recorded as delivered, since Telegram most likely received it,
// and returned so that the caller can log them. Call it once at start-up,
// before sending.
func (s *Store) Recover() ([]Delivery, error) {
	var settled []Delivery
	err := s.db.Update(func(tx *bolt.Tx) error {
		out, done := tx.Bucket(bucketOutbox), tx.Bucket(bucketDelivered)
		var keys [][]byte
		err := out.ForEach(func(k, v []byte) error {
			var d Delivery
			if json.Unmarshal(v, &d) == nil && !d.Sending.IsZero() {
				d.Seq = uint64(btoi(k))
				settled = append(settled, d)
				keys = append(keys, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i, k := range keys {
			d := settled[i]
			if err := done.Put([]byte(deliveredKey(d.ChatID, d.Key)), []byte(d.Sending.UTC().Format(time.RFC3339))); err != nil {
				return err
			}
			if err := out.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return settled, err
}

// WasDelivered reports whether a key was delivered to a chat.
func (s *Store) WasDelivered(chat int64, key string) (bool, error) {
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketDelivered).Get([]byte(deliveredKey(chat, key))) != nil
		return nil
	})
	return ok, err
}

// digestQueue is what a digest subscriber will get in their next digest.
type digestQueue struct {
	Docs  []string  `json:"docs"`
	Since time.Time `json:"since"` // when the first of them arrived
}

// AddToDigest adds a document to chats' next digests.
func (s *Store) AddToDigest(chats []int64, docID string, now time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error { return addToDigest(tx, chats, docID, now) })
}

func addToDigest(tx *bolt.Tx, chats []int64, docID string, now time.Time) error {
	b := tx.Bucket(bucketDigest)
	for _, chat := range chats {
		var q digestQueue
		if v := b.Get(itob(chat)); v != nil {
			if err := json.Unmarshal(v, &q); err != nil {
				return err
			}
		}
		if slices.Contains(q.Docs, docID) {
			continue
		}
		if len(q.Docs) == 0 {
			q.Since = now
		}
		q.Docs = append(q.Docs, docID)
		if err := putJSON(b, itob(chat), q); err != nil {
			return err
		}
	}
	return nil
}

// DueDigests takes the digests that have waited at least every, handing
// each to render and queueing the message it returns in the same
// transaction, so that a digest is neither lost nor sent twice.
func (s *Store) DueDigests(now time.Time, every time.Duration, render func(chat int64, docs []string) (Delivery, bool)) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, out := tx.Bucket(bucketDigest), tx.Bucket(bucketOutbox)
		var due []int64
		err := b.ForEach(func(k, v []byte) error {
			var q digestQueue
			if json.Unmarshal(v, &q) == nil && len(q.Docs) > 0 && now.Sub(q.Since) >= every {
				due = append(due, btoi(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, chat := range due {
			var q digestQueue
			if err := json.Unmarshal(b.Get(itob(chat)), &q); err != nil {
				return err
			}
			if d, ok := render(chat, q.Docs); ok {
				seq, err := out.NextSequence()
				if err != nil {
					return err
				}
				if err := putJSON(out, itob(int64(seq)), d); err != nil {
					return err
				}
				n++
			}
			if err := b.Delete(itob(chat)); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}
