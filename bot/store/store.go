// Package store keeps SummitBot's state in one embedded database file
// (bbolt): the Telegram update offset and the updates received but not yet
// handled, the answers that buttons refer to, feedback, what is known of each
// chat, subscriptions and the outbox of deliveries. Every change is one
// transaction, so a crash leaves the file as it was before or after it.
package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout of the file this program writes. A file with
// an older version is migrated on Open; a newer one is refused.
const SchemaVersion = 3

var (
	bucketMeta     = []byte("meta")
	bucketInbox    = []byte("inbox")
	bucketAnswers  = []byte("answers")
	bucketFeedback = []byte("feedback")
	bucketChats    = []byte("chats")

	keySchema = []byte("schema")
	keyOffset = []byte("offset")
)

// ErrNewerSchema is returned by Open for a file written by a newer
// SummitBot.
var ErrNewerSchema = errors.New("state file written by a newer version of SummitBot")

// Store is the state file. It is safe for concurrent use.
type Store struct {
	db   *bolt.DB
	path string
}

// Open opens or creates the state file at path. It waits up to timeout for
// another process holding the file, migrates an older schema, and refuses a
// newer one with ErrNewerSchema.
//
// A file that exists but is not a whole state file (emptied, truncated,
// overwritten) is refused with ErrCorrupt, never replaced: it may be the
// only copy of the subscriptions.
func Open(path string, timeout time.Duration) (s *Store, err error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	var db *bolt.DB
	defer func() {
		// bbolt panics on some damaged files rather than failing.
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			}
			s, err = nil, corrupt(path, fmt.Sprint(r))
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("state file %s is in use by another summitbot process", path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, corrupt(path, err.Error())
	case err != nil:
		return nil, fmt.Errorf("state file %s: %w", path, err)
	}
	// A page damaged inside the file makes bbolt panic when it is read,
	// perhaps days later: read every one now (the deferred recover turns
	// a panic into ErrCorrupt), while the state file is small. Not
	// tx.Check: it panics on a goroutine of its own.
	if err := db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
	}); err != nil {
		db.Close()
		return nil, corrupt(path, err.Error())
	}
	s = &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// walk reads every key of a bucket and of the buckets in it.
func walk(b *bolt.Bucket) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if sub := b.Bucket(k); sub != nil {
				return walk(sub)
			}
		}
		return nil
	})
}

// ErrCorrupt is returned by Open for a file that is not a whole state file.
var ErrCorrupt = errors.New("state file is damaged")

func corrupt(path, why string) error {
	return fmt.Errorf("%w: %s: %s; restore it from a backup, or move it aside (mv %s %s.broken) to start "+
		"with empty state, losing the subscriptions and deliveries it held", ErrCorrupt, path, why, path, path)
}

// checkFile looks at an existing state file before bbolt does: bbolt takes
// an empty file for a new one, and panics on a truncated one.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new file
	}
	if err != nil {
		return fmt.Errorf("state file %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("state file %s: %w", path, err)
	}
	if info.Size() == 0 {
		return corrupt(path, "the file is empty (0 bytes)")
	}
	// The two meta pages at the start say how long the file must be:
	// the high-water mark of its pages.
	var best struct {
		txid, pages uint64
		size        uint32
		ok          bool
	}
	head := make([]byte, 16+64) // a page header, then the meta
	for _, off := range []int64{0, -1} {
		if off < 0 {
			if !best.ok {
				off = 4096 // the second meta, at the usual page size
			} else {
				off = int64(best.size)
			}
		}
		if _, err := f.ReadAt(head, off); err != nil {
			continue
		}
		m := head[16:] // after the page header
		if binary.LittleEndian.Uint32(m[0:]) != 0xED0CDAED {
			continue // not a meta page
		}
		size := binary.LittleEndian.Uint32(m[8:])
		pages, txid := binary.LittleEndian.Uint64(m[40:]), binary.LittleEndian.Uint64(m[48:])
		if !best.ok || txid > best.txid {
			best.txid, best.pages, best.size, best.ok = txid, pages, size, true
		}
	}
	if !best.ok {
		return corrupt(path, "it is not a state file (no valid header)")
	}
	if need := int64(best.pages) * int64(best.size); info.Size() < need {
		return corrupt(path, fmt.Sprintf("the file is cut short: %d bytes of %d", info.Size(), need))
	}
	return nil
}

// migrations bring a file from version i+1 to i+2; migrations[0] creates
// version 1 from an empty file.
var migrations = []func(tx *bolt.Tx) error{
	func(tx *bolt.Tx) error { // 1: updates, answers, feedback, chats
		for _, b := range [][]byte{bucketInbox, bucketAnswers, bucketFeedback, bucketChats} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	func(tx *bolt.Tx) error { // 2: subscriptions, the outbox of deliveries, feeds
		for _, b := range [][]byte{bucketSubs, bucketOutbox, bucketDelivered, bucketDigest, bucketFeeds, bucketSeen, bucketAnnounced} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	func(tx *bolt.Tx) error { // 3: updates handled (webhook dedupe), replies begun
		for _, b := range [][]byte{bucketHandled, bucketReplies} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
}

func (s *Store) migrate() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		have := 0
		if v := meta.Get(keySchema); v != nil {
			if have, err = strconv.Atoi(string(v)); err != nil {
				return fmt.Errorf("state file %s: unreadable schema version %q", s.path, v)
			}
		}
		if have > SchemaVersion {
			return fmt.Errorf("%w: %s has schema %d, this program reads up to %d; upgrade summitbot or move the file away",
				ErrNewerSchema, s.path, have, SchemaVersion)
		}
		for v := have; v < SchemaVersion; v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("state file %s: migrate to schema %d: %w", s.path, v+1, err)
			}
		}
		return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
	})
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file's path.
func (s *Store) Path() string { return s.path }

func itob(v int64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, uint64(v))
	return b
}

func btoi(b []byte) int64 { return int64(binary.BigEndian.Uint64(b)) }

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}
