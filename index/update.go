package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

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

// relevanceThreshold is the score a document needs to enter the corpus.
const relevanceThreshold = 3

// Relevance judges whether a document is about the China–Central Asia
// format, by the alias sets it names: the format itself or Central Asia
// with a summit, a meeting, a declaration or the format's people. It
// returns the verdict and the reason, for the logs.
func (e *Engine) Relevance(d corpus.Document) (bool, string) { return e.lexicon().relevance(d) }

// Classifier judges documents without an index, for tools that must not
// open it (the index belongs to the serving process).
type Classifier struct{ lex *lexicon }

// NewClassifier reads the alias sets of a collection.
func NewClassifier(c *corpus.Collection) (*Classifier, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	return &Classifier{lex: newLexicon(c.Aliases, m)}, nil
}

// Relevance is Engine.Relevance.
func (c *Classifier) Relevance(d corpus.Document) (bool, string) { return c.lex.relevance(d) }

func (lex *lexicon) relevance(d corpus.Document) (bool, string) {
	text := d.Title + "\n" + d.Body
	found := map[string]bool{}
	kinds := map[corpus.AliasKind]int{}
	var others []string
	for _, c := range lex.find(text, d.Lang, false) {
		s := lex.sets[c.set]
		for _, id := range lex.withBroader(s.ID) {
			if !found[id] {
				found[id] = true
				kinds[lex.byID(id).Kind]++
				if lex.byID(id).Kind == corpus.AliasOther {
					others = append(others, id)
				}
			}
		}
	}
	score := 0
	if found["format"] {
		score += 2
	}
	if found["central-asia"] {
		score++
	}
	if kinds[corpus.AliasEvent] > 0 {
		score++
	}
	if kinds[corpus.AliasDocument] > 0 || found["secretariat"] {
		score++
	}
	if kinds[corpus.AliasPerson] > 0 {
		score++
	}
	if found["country"] && kinds[corpus.AliasPlace] >= 3 {
		score++ // several of the five countries
	}
	score -= 2 * len(others)
	names := make([]string, 0, len(found))
	for id := range found {
		names = append(names, id)
	}
	sort.Strings(names)
	about := found["format"] || found["central-asia"]
	reason := fmt.Sprintf("score %d of %d needed; names %s", score, relevanceThreshold, strings.Join(names, ", "))
	if !about {
		reason = "names neither the China–Central Asia format nor Central Asia; " + reason
	}
	return about && score >= relevanceThreshold, reason
}

// Matches reports whether a document is about topic, words as a
// subscriber gives them ("transport", "Astana"): every word of the topic,
// or an alias of it in any language, must be in the document.
func (e *Engine) Matches(d corpus.Document, topic string) bool {
	q := e.parseQuestion(topic)
	if len(q.units) == 0 {
		return false
	}
	lex := e.lexicon()
	text := d.Title + "\n" + d.Body
	have := map[string]bool{}
	for _, c := range lex.find(text, d.Lang, false) {
		for _, id := range lex.withBroader(lex.sets[c.set].ID) {
			have[id] = true
		}
	}
	terms := map[string]bool{}
	for _, t := range termsOf(lex.analyzers[d.Lang].Analyze([]byte(text))) {
		terms[t] = true
	}
	for _, u := range q.units {
		if u.kind == unitConcept {
			if !have[u.id] {
				return false
			}
			continue
		}
		ts := termsOf(lex.analyzers[d.Lang].Analyze([]byte(u.text)))
		if len(ts) == 0 || !slices.ContainsFunc(ts, func(t string) bool { return terms[t] }) {
			return false
		}
	}
	return true
}
