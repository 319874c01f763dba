package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/summitbot/summitbot/corpus"
)

// Put adds documents to the index while it serves, or replaces the ones
// with the same ids, in one batch: a question asked meanwhile sees the
// index before or after the batch, never half of it. It returns the
// documents that were new (not replacements).
func (e *Engine) Put(ctx context.Context, docs ...corpus.Document) ([]corpus.Document, error) {
	e.write.Lock()
	defer e.write.Unlock()
	e.documents()
	if err := e.checkWritable(docs); err != nil {
		return nil, err
	}
	b := e.idx.NewBatch()
	var fresh []corpus.Document
	var changed []string
	passages := 0
	for _, d := range docs {
		old, err := e.passageIDs(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range old {
			b.Delete(id)
		}
		if _, known := e.document(d.ID); !known {
			fresh = append(fresh, d)
		}
		added, err := e.addDocument(b, d)
		if err != nil {
			return nil, err
		}
		changed = append(append(changed, old...), added...)
		passages += len(added) - len(old)
	}
	err := e.idx.Batch(b)
	e.dfs.clear()
	if err != nil {
		return nil, fmt.Errorf("update index: %w", err)
	}
	e.passages.forget(changed...)
	e.mu.Lock()
	for _, d := range docs {
		if _, ok := e.docs[d.ID]; !ok {
			e.info.Documents++
		}
		e.docs[d.ID] = d
	}
	e.info.Passages += passages
	e.mu.Unlock()
	return fresh, nil
}

// Remove takes documents out of the index.
func (e *Engine) Remove(ctx context.Context, ids ...string) error {
	e.write.Lock()
	defer e.write.Unlock()
	e.documents()
	if err := e.checkWritable(nil); err != nil {
		return err
	}
	b := e.idx.NewBatch()
	var gone []string
	for _, id := range ids {
		ps, err := e.passageIDs(ctx, id)
		if err != nil {
			return err
		}
		for _, p := range ps {
			b.Delete(p)
		}
		gone = append(gone, ps...)
	}
	err := e.idx.Batch(b)
	e.dfs.clear()
	if err != nil {
		return fmt.Errorf("update index: %w", err)
	}
	e.passages.forget(gone...)
	e.mu.Lock()
	for _, id := range ids {
		if _, ok := e.docs[id]; ok {
			delete(e.docs, id)
			e.info.Documents--
		}
	}
	e.info.Passages -= len(gone)
	e.mu.Unlock()
	return nil
}

// passageIDs lists the passages of a document in the index.
func (e *Engine) passageIDs(ctx context.Context, doc string) ([]string, error) {
	q := bleve.NewTermQuery(doc)
	q.SetField(fieldDoc)
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("passages of %s: %w", doc, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

func (e *Engine) document(id string) (corpus.Document, bool) {
	e.documents()
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.docs[id]
	return d, ok
}

// Document returns a document of the corpus by id.
func (e *Engine) Document(id string) (corpus.Document, bool) { return e.document(id) }
