package store

import (
	"encoding/json"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Answer is what a reply's buttons refer to: the question it answered.
// Buttons carry only its short id, since callback data is at most 64 bytes.
type Answer struct {
	Question string    `json:"q"`
	Lang     string    `json:"l"`
	ChatID   int64     `json:"c"`
	Created  time.Time `json:"t"`
}

// SaveAnswer stores an answer and returns its id, a short base-36 string.
func (s *Store) SaveAnswer(a Answer) (string, error) {
	var id string
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAnswers)
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		id = strconv.FormatUint(n, 36)
		return putJSON(b, []byte(id), a)
	})
	return id, err
}

// Answer returns the answer with that id; ok is false when there is none
// (never stored, or pruned).
func (s *Store) Answer(id string) (a Answer, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketAnswers).Get([]byte(id))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &a)
	})
	return a, ok, err
}

// Vote is a user's feedback on an answer.
type Vote int8

// The votes.
const (
	Down Vote = -1
	Up   Vote = 1
)

// SaveFeedback records a user's vote on an answer; a second vote replaces
// the first.
func (s *Store) SaveFeedback(answerID string, userID int64, v Vote) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeedback).Put([]byte(answerID+"/"+strconv.FormatInt(userID, 10)), []byte{byte(v)})
	})
}

// Feedback counts the votes on an answer.
func (s *Store) Feedback(answerID string) (up, down int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFeedback).Cursor()
		prefix := []byte(answerID + "/")
		for k, v := c.Seek(prefix); k != nil && len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix); k, v = c.Next() {
			switch Vote(int8(v[0])) {
			case Up:
				up++
			case Down:
				down++
			}
		}
		return nil
	})
	return up, down, err
}

// PruneAnswers deletes answers older than before, with their feedback
// kept: buttons on older messages then say the answer expired.
func (s *Store) PruneAnswers(before time.Time) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAnswers)
		var old [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var a Answer
			if json.Unmarshal(v, &a) == nil && a.Created.Before(before) {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(old)
		return nil
	})
	return n, err
}
