package index

import (
	"context"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/summitbot/summitbot/corpus"
)

// Passages that score the same come in the order of their ids, whatever
// order the index holds them in: Bleve's own collector keeps the index's
// order, which a batch leaves to a map, so that rebuilding the same
// corpus could change the candidates a question got.
func TestSearchTopBreaksTiesByID(t *testing.T) {
	var docs []corpus.Document
	for _, id := range []string{"tie-e", "tie-c", "tie-a", "tie-d", "tie-b"} {
		docs = append(docs, article(id, "en", "Ties", "The caravanserai stood on the old road east of the river."))
	}
	docs = append(docs, article("best", "en", "Ties", "The caravanserai, the caravanserai: a caravanserai stood by the river."))
	for build := range 3 {
		e, err := Open(context.Background(), corpus.NewCollection(docs, nil, "ties"), Options{Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		tq := bleve.NewTermQuery("caravanserai")
		tq.SetField(textField("en"))
		for _, tc := range []struct {
			n    int
			want []string
		}{
			{0, nil},
			{1, []string{"best#1"}},
			{3, []string{"best#1", "tie-a#1", "tie-b#1"}},
			{6, []string{"best#1", "tie-a#1", "tie-b#1", "tie-c#1", "tie-d#1", "tie-e#1"}},
			{10, []string{"best#1", "tie-a#1", "tie-b#1", "tie-c#1", "tie-d#1", "tie-e#1"}},
		} {
			hits, total, err := e.searchTop(context.Background(), tq, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.id)
			}
			if total != 6 || !slices.Equal(got, tc.want) {
				t.Errorf("build %d, best %d: %v of %d matches, want %v of 6", build, tc.n, got, total, tc.want)
			}
		}
		e.Close()
	}
}

// A canceled question stops its search.
func TestSearchTopStopsWhenCanceled(t *testing.T) {
	e := openDefault(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := e.searchTop(ctx, bleve.NewMatchAllQuery(), 3); err == nil {
		t.Error("a canceled search returned no error")
	}
}
