package live

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// refusingIndex is an index whose folder is gone until it is fixed.
type refusingIndex struct {
	Index
	broken bool
	puts   int
}

func (r *refusingIndex) Put(ctx context.Context, docs ...corpus.Document) ([]corpus.Document, error) {
	r.puts++
	if r.broken {
		return nil, index.ErrUnwritable
	}
	return r.Index.Put(ctx, docs...)
}

// TestFailedUpdateIsRetried: the index refuses an update (its folder
// deleted, the disk full); the corpus reports itself degraded, keeps the
// change and applies it, announcing it once, when the index takes it.
func TestFailedUpdateIsRetried(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := index.Open(context.Background(), c, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	idx := &refusingIndex{Index: e, broken: true}
	var announced []string
	lc := &Corpus{Index: idx, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Retry: time.Minute,
		Announce: func(_ context.Context, docs []corpus.Document) {
			for _, d := range docs {
				announced = append(announced, d.ID)
			}
		}}
	ctx := context.Background()
	doc := corpus.Document{ID: "retry-1", Title: "Corridor k77q agreed", Kind: corpus.Article, Lang: "en", Source: "Wire",
		URL: "https://e.org/retry", Published: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Body: "Ministers of the China–Central Asia format agreed on corridor k77q in Almaty."}
	lc.Apply(ctx, corpus.Change{Added: []corpus.Document{doc}})
	if err := lc.Degraded(); !errors.Is(err, index.ErrUnwritable) {
		t.Fatalf("Degraded after a refused update: %v, want ErrUnwritable", err)
	}
	lc.RetryFailed(ctx) // still broken: kept
	if idx.puts != 2 || len(announced) != 0 {
		t.Fatalf("%d puts, %d announced; want 2 tries and nothing announced", idx.puts, len(announced))
	}
	idx.broken = false
	lc.RetryFailed(ctx)
	if err := lc.Degraded(); err != nil {
		t.Errorf("still degraded after the update went through: %v", err)
	}
	if len(announced) != 1 || announced[0] != "retry-1" {
		t.Errorf("announced %v, want retry-1 once", announced)
	}
	lc.RetryFailed(ctx) // nothing left to retry
	if idx.puts != 3 {
		t.Errorf("%d puts, want 3", idx.puts)
	}
	ans, err := e.Ask(ctx, "What about corridor k77q?", index.AskOptions{})
	if err != nil || !ans.Answered {
		t.Errorf("the retried document does not answer: %v", err)
	}
}
