package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// searchHit is a passage a search matched, and Bleve's score for it.
type searchHit struct {
	id    string
	score float64
}

// matchPools keep the document matches of one search for the next. Bleve's
// own collector allocates a fresh pool per search and a match per hit for
// loading stored fields; together they were a third of the bytes a
// question allocated, and so of its garbage collection.
var matchPools = sync.Pool{New: func() any { return search.NewDocumentMatchPool(0, 0) }}

// scoringModel tells the searchers how to score, as SearchInContext does:
// by the model the index's mapping names (BM25, mapping.go).
func scoringModel(m mapping.IndexMapping) search.GetScoringModelCallbackFn {
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel == bleveindex.BM25Scoring {
		return func() string { return bleveindex.BM25Scoring }
	}
	return func() string { return bleveindex.DefaultScoringModel }
}

// searchTop runs q on a snapshot of the index and returns its n best
// passages, best first, and how many passages matched. It is what
// SearchInContext does for a query sorted by score alone, without what
// this engine never asks of it (stored fields, highlighting, facets,
// presearch), with one difference: passages that score the same come in
// the order of their ids. Bleve's collector puts the earlier document
// first, and the order documents take in a segment is a batch's map
// order, so two builds of the same corpus ranked tied passages
// differently: the same question got a different 40th candidate, and a
// different number of supporting passages, on another machine.
func (e *Engine) searchTop(ctx context.Context, q query.Query, n int) ([]searchHit, uint64, error) {
	ai, err := e.idx.Advanced()
	if err != nil {
		return nil, 0, err
	}
	r, err := ai.Reader()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey, scoringModel(e.idx.Mapping()))
	s, err := q.Searcher(ctx, r, e.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	defer s.Close()

	pool := matchPools.Get().(*search.DocumentMatchPool)
	defer matchPools.Put(pool)
	sctx := &search.SearchContext{DocumentMatchPool: pool, IndexReader: r}
	top := topN{r: r, n: n, best: make([]ranked, 0, n+1)}
	defer func() {
		for _, b := range top.best {
			pool.Put(b.d)
		}
	}()
	var total uint64
	for {
		if total%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		d, err := s.Next(sctx)
		if err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		if d == nil {
			break
		}
		total++
		dropped, err := top.add(d)
		if err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		pool.Put(dropped)
	}
	out := make([]searchHit, len(top.best))
	for i := range top.best {
		id, err := top.id(i)
		if err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		out[i] = searchHit{id: id, score: top.best[i].d.Score}
	}
	return out, total, nil
}

// topN keeps the n best matches, by score and then by id. An id is read
// only for a match that ties another's score: reading one is a stored
// field lookup, and ties are few.
type topN struct {
	r    bleveindex.IndexReader
	n    int
	best []ranked // best first, at most n
}

type ranked struct {
	d  *search.DocumentMatch
	id string // "" until a tie needs it
}

// add takes d into the best, and returns the match that leaves them (d
// itself, or the one d pushed out), or nil.
func (t *topN) add(d *search.DocumentMatch) (*search.DocumentMatch, error) {
	if len(t.best) == t.n && (t.n == 0 || d.Score < t.best[t.n-1].d.Score) {
		return d, nil
	}
	// best[lo:hi] score the same as d.
	lo := sort.Search(len(t.best), func(i int) bool { return t.best[i].d.Score <= d.Score })
	hi := lo + sort.Search(len(t.best)-lo, func(i int) bool { return t.best[lo+i].d.Score < d.Score })
	at, in := lo, ranked{d: d}
	if lo < hi {
		id, err := t.r.ExternalID(d.IndexInternalID)
		if err != nil {
			return d, err
		}
		in.id = id
		for at < hi {
			other, err := t.id(at)
			if err != nil {
				return d, err
			}
			if id < other {
				break
			}
			at++
		}
	}
	if at == t.n {
		return d, nil
	}
	t.best = slices.Insert(t.best, at, in)
	if len(t.best) > t.n {
		out := t.best[t.n].d
		t.best = t.best[:t.n]
		return out, nil
	}
	return nil, nil
}

// id is the external id of best[i], read once.
func (t *topN) id(i int) (string, error) {
	if t.best[i].id == "" {
		id, err := t.r.ExternalID(t.best[i].d.IndexInternalID)
		if err != nil {
			return "", err
		}
		t.best[i].id = id
	}
	return t.best[i].id, nil
}
