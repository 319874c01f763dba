package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// TestUpdateRefusedWhenTheFolderCannotTakeIt deletes the index folder of a
// serving engine, or fills its disk, then updates the corpus: the update
// is refused with ErrUnwritable and questions are still answered from the
// index in use (a half-written Bleve batch made every later question panic).
func TestUpdateRefusedWhenTheFolderCannotTakeIt(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := article("wire-gone", "en", "Ministers meet in Astana", "The foreign ministers of the China–Central Asia format met in Astana.")
	for _, tt := range []struct {
		name    string
		breakIt func(e *Engine, dir string)
	}{
		{"FolderDeleted", func(_ *Engine, dir string) { os.RemoveAll(filepath.Join(dir, "index")) }},
		{"DiskFull", func(e *Engine, _ string) { e.freeSpace = func(string) (uint64, error) { return 4096, nil } }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			ctx := context.Background()
			e, err := Open(ctx, c, Options{Dir: dir, Now: func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) }})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			before := e.Info()
			tt.breakIt(e, dir)
			if _, err := e.Put(ctx, doc); !errors.Is(err, ErrUnwritable) {
				t.Fatalf("Put: %v, want ErrUnwritable", err)
			}
			if err := e.Remove(ctx, "wire-gone"); !errors.Is(err, ErrUnwritable) {
				t.Fatalf("Remove: %v, want ErrUnwritable", err)
			}
			for range 2 {
				ans, err := e.Ask(ctx, "When was the first summit?", AskOptions{Limit: 1})
				if err != nil || !ans.Answered {
					t.Fatalf("after the refused update: answered %v, err %v", ans.Answered, err)
				}
			}
			if got := e.Info(); got.Documents != before.Documents || got.Passages != before.Passages {
				t.Errorf("info changed by a refused update: %+v, was %+v", got, before)
			}
		})
	}
}
