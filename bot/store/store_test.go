package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestUpdatesSurviveReopen(t *testing.T) {
	s, path := openTemp(t)
	if off, _ := s.Offset(); off != 0 {
		t.Fatalf("fresh offset = %d", off)
	}
	batch := []Pending{{ID: 10, Raw: []byte(`{"update_id":10}`)}, {ID: 11, Raw: []byte(`{"update_id":11}`)}}
	if err := s.Receive(batch, 12); err != nil {
		t.Fatal(err)
	}
	if err := s.Done(10); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	off, _ := s.Offset()
	in, _ := s.Inbox()
	if off != 12 || len(in) != 1 || in[0].ID != 11 || string(in[0].Raw) != `{"update_id":11}` {
		t.Errorf("after reopen: offset %d, inbox %+v", off, in)
	}
	// An older batch never moves the offset back.
	s.Receive(nil, 5)
	if off, _ := s.Offset(); off != 12 {
		t.Errorf("offset moved back to %d", off)
	}
}

func TestAnswersAndFeedback(t *testing.T) {
	s, _ := openTemp(t)
	id, err := s.SaveAnswer(Answer{Question: "When?", Lang: "en", ChatID: 5, Created: time.Now()})
	if err != nil || id == "" || len(id) > 13 {
		t.Fatalf("id %q, err %v", id, err)
	}
	id2, _ := s.SaveAnswer(Answer{Question: "Où ?", Created: time.Now().Add(-48 * time.Hour)})
	if id2 == id {
		t.Fatal("two answers share an id")
	}
	a, ok, err := s.Answer(id)
	if !ok || err != nil || a.Question != "When?" || a.ChatID != 5 {
		t.Errorf("Answer = %+v, %v, %v", a, ok, err)
	}
	s.SaveFeedback(id, 1, Up)
	s.SaveFeedback(id, 2, Up)
	s.SaveFeedback(id, 2, Down) // changes their mind
	s.SaveFeedback(id+"0", 3, Up)
	if up, down, _ := s.Feedback(id); up != 1 || down != 1 {
		t.Errorf("feedback = %d up, %d down; want 1, 1", up, down)
	}
	n, err := s.PruneAnswers(time.Now().Add(-24 * time.Hour))
	if n != 1 || err != nil {
		t.Errorf("pruned %d, %v", n, err)
	}
	if _, ok, _ := s.Answer(id2); ok {
		t.Error("old answer still there")
	}
}

func TestChatsAndMigration(t *testing.T) {
	s, _ := openTemp(t)
	s.UpdateChat(-100, func(c *Chat) { c.Type = "group"; c.MigratedTo = -1001 })
	s.UpdateChat(-1001, func(c *Chat) { c.Type = "supergroup" })
	if id, _ := s.Resolve(-100); id != -1001 {
		t.Errorf("Resolve = %d, want the supergroup", id)
	}
	if id, _ := s.Resolve(77); id != 77 {
		t.Errorf("Resolve(unknown) = %d", id)
	}
	s.UpdateChat(-1001, func(c *Chat) { c.MigratedTo = -100 }) // a loop must not hang
	s.Resolve(-100)
	s.UpdateChat(9, func(c *Chat) { c.Inactive, c.Reason = true, "blocked" })
	if c, ok, _ := s.Chat(9); !ok || !c.Inactive || c.Reason != "blocked" {
		t.Errorf("chat 9 = %+v", c)
	}
}

func TestSchemaVersions(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	// Reopening a file at the current version keeps it.
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	s.Close()

	newer := filepath.Join(t.TempDir(), "newer.db")
	db, _ := bolt.Open(newer, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucketIfNotExists(bucketMeta)
		return b.Put(keySchema, []byte("99"))
	})
	db.Close()
	_, err = Open(newer, time.Second)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "newer.db") || !strings.Contains(err.Error(), "99") {
		t.Errorf("opening a newer file: %v", err)
	}
}

func TestOpenWhileHeld(t *testing.T) {
	_, path := openTemp(t)
	_, err := Open(path, 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second open: %v", err)
	}
}

// TestDamagedFileRefused: a state file emptied, truncated or overwritten is
// refused with ErrCorrupt naming the file and what to do, never replaced
// and never a bbolt panic; the file is left as it was.
func TestDamagedFileRefused(t *testing.T) {
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"Emptied", func(t *testing.T, path string) { os.Truncate(path, 0) }},
		{"TruncatedTo16KiB", func(t *testing.T, path string) { os.Truncate(path, 16<<10) }},
		{"Overwritten", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("not a database "), 4000), 0o600)
		}},
		{"PagesZeroedInside", func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt(make([]byte, 3*4096), 2*4096) // after the two meta pages
			f.Close()
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			s, err := Open(path, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 400 {
				if _, err := s.Subscribe(Subscription{ChatID: int64(i + 1), ChatType: "private", Lang: "en", Created: time.Now()}); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			if info, _ := os.Stat(path); info.Size() <= 16<<10 {
				t.Fatalf("the file has %d bytes; the test needs more than 16 KiB", info.Size())
			}
			tt.damage(t, path)
			before, _ := os.ReadFile(path)
			_, err = Open(path, time.Second)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open: %v, want ErrCorrupt", err)
			}
			for _, want := range []string{path, "backup", "move it aside"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the error does not say %q: %v", want, err)
				}
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the damaged file was changed")
			}
		})
	}
}
