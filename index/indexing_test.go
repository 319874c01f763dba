package index

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/summitbot/summitbot/corpus"
)

// A build whose context ends returns the context's error, and leaves
// nothing taken for a current index: the next open builds it whole.
func TestBuildStopsWhenCanceled(t *testing.T) {
	c, err := generateCorpus(2000, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, d := range c.Documents {
		want += len(corpus.Split(d))
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if e, err := Open(ctx, c, Options{Dir: dir}); !errors.Is(err, context.Canceled) {
		if e != nil {
			e.Close()
		}
		t.Fatalf("Open with a canceled context: %v, want context.Canceled", err)
	}
	e, err := Open(context.Background(), c, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if info := e.Info(); info.Reused || info.Passages != want {
		t.Errorf("after a canceled build: reused %v, %d passages; want a new build of %d", info.Reused, info.Passages, want)
	}
}

// The index is the same whatever the number of cores that prepare its
// documents: the same passages, each with the same stored metadata.
func TestBuildSameOnAnyCores(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	stored := func(procs int) map[string]string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		e, err := Open(context.Background(), c, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		res, err := e.idx.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100000, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, h := range res.Hits {
			doc, err := e.idx.Document(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			var all string
			doc.VisitFields(func(f index.Field) { all += f.Name() + "=" + string(f.Value()) + "\n" })
			out[h.ID] = all
		}
		return out
	}
	one, four := stored(1), stored(4)
	if len(one) != len(four) {
		t.Fatalf("%d passages on one core, %d on four", len(one), len(four))
	}
	for id, v := range one {
		if four[id] != v {
			t.Errorf("passage %s differs between one core and four", id)
		}
	}
}
