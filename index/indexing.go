package index

import (
	"context"
	"fmt"
	"runtime"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/summitbot/summitbot/corpus"
)

// indexCollection indexes every document of c. Turning a document into
// Bleve documents (analysis, features, term locations) is most of a
// build's work and needs only the lexicon, so it runs on every core while
// this goroutine adds the results to the batch in the collection's order:
// the index is the same whatever the number of cores.
func (e *Engine) indexCollection(ctx context.Context, c *corpus.Collection) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lex, workers := e.lexicon(), runtime.GOMAXPROCS(0)
	// Each document's result comes on its own channel, queued in the
	// collection's order; the queue's length bounds how far the workers
	// run ahead of the batch, and so the memory they hold.
	queue := make(chan chan prepared, 4*workers)
	go func() {
		defer close(queue)
		running := make(chan struct{}, workers)
		for _, d := range c.Documents {
			// A worker is started for every result queued: the batch waits
			// on each one it is handed.
			select {
			case running <- struct{}{}:
			case <-ctx.Done():
				return
			}
			res := make(chan prepared, 1)
			select {
			case queue <- res:
			case <-ctx.Done():
				<-running
				return
			}
			go func() {
				defer func() { <-running }()
				docs, err := passageDocs(lex, e.mapping, d)
				res <- prepared{docs, err}
			}()
		}
	}()

	b := e.idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := e.idx.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		b.Reset()
		return nil
	}
	n := 0
	for res := range queue {
		p := <-res
		if p.err != nil {
			return n, p.err
		}
		if err := addPrepared(b, p.docs); err != nil {
			return n, err
		}
		n += len(p.docs)
		if b.Size() >= batchSize {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return n, err // the queue was closed early
	}
	return n, flush()
}

// prepared is a document made ready for the batch: its passages as Bleve
// documents, or why it could not be.
type prepared struct {
	docs []*document.Document
	err  error
}

// addDocument adds a document's passages to a batch and returns their ids.
func (e *Engine) addDocument(b *bleve.Batch, d corpus.Document) ([]string, error) {
	docs, err := passageDocs(e.lexicon(), e.mapping, d)
	if err != nil {
		return nil, err
	}
	if err := addPrepared(b, docs); err != nil {
		return nil, err
	}
	ids := make([]string, len(docs))
	for i, doc := range docs {
		ids[i] = doc.ID()
	}
	return ids, nil
}

func addPrepared(b *bleve.Batch, docs []*document.Document) error {
	for _, doc := range docs {
		if err := b.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("index %s: %w", doc.ID(), err)
		}
	}
	return nil
}

// passageDocs turns a document's passages into Bleve documents.
func passageDocs(lex *lexicon, m mapping.IndexMapping, d corpus.Document) ([]*document.Document, error) {
	ps := corpus.Split(d)
	lede := "" // what a document without headings is about
	if len(ps) > 0 {
		if ss := corpus.Sentences(ps[0].Text); len(ss) > 0 {
			lede = ss[0]
		}
	}
	lex = lex.memoized() // the title and headings repeat within a document
	out := make([]*document.Document, 0, len(ps))
	for _, p := range ps {
		doc, err := passageDoc(lex, m, d, p, lede)
		if err != nil {
			return nil, fmt.Errorf("index %s: %w", p.ID, err)
		}
		out = append(out, doc)
	}
	return out, nil
}

// passageMeta is stored with each passage: its citation and features.
type passageMeta struct {
	DocID     string   `json:"d"`
	Ordinal   int      `json:"o"`
	Section   int      `json:"sc,omitempty"` // the passage's section, for its translations
	Title     string   `json:"ti"`
	Heading   string   `json:"he,omitempty"`
	Source    string   `json:"s"`
	URL       string   `json:"u"`
	Published string   `json:"p,omitempty"` // the cited source's date; empty when it gives none
	Kind      string   `json:"k"`
	Compiled  bool     `json:"c,omitempty"`
	Context   int      `json:"cx"` // bytes of title and heading before the text in the indexed field
	F         features `json:"f"`
}

// passageDoc is one passage as a Bleve document. Its text is analyzed
// once, here: the same terms give the concepts the text names, where each
// term stands, and the terms Bleve indexes, which it would otherwise
// analyze a third time.
func passageDoc(lex *lexicon, m mapping.IndexMapping, d corpus.Document, p corpus.Passage, lede string) (*document.Document, error) {
	context := d.Title
	if p.Heading != "" && p.Heading != d.Title {
		context += " — " + p.Heading
	}
	context += "\n"
	indexed := context + p.Text
	terms, raw := lex.readText(p.Lang, []byte(indexed))
	body := lex.dropOthers(p.Text, lex.findRead(p.Text, p.Lang, terms, raw, len(context)))
	meta := passageMeta{
		DocID: d.ID, Ordinal: p.Ordinal, Section: p.Section, Title: d.Title, Heading: p.Heading, Source: p.Citation.Source,
		URL: p.Citation.URL, Kind: string(d.Kind), Compiled: p.Citation.Compiled,
		Context: len(context), F: lex.annotate(d.Title, p.Heading, lede, p.Text, p.Lang, body),
	}
	if !p.Citation.Published.IsZero() {
		meta.Published = p.Citation.Published.Format(corpus.DateLayout)
	}
	data := encodeMeta(meta)
	doc := document.NewDocument(p.ID)
	err := m.MapDocument(doc, map[string]interface{}{typeField: p.Lang, fieldDoc: d.ID, fieldConcepts: meta.F.Concepts})
	if err != nil {
		return nil, err
	}
	// The text and the stored fields are added from what is already at
	// hand, the text with its terms as read: mapped, each value would be
	// copied and the text analyzed again.
	doc.AddField(document.NewTextFieldCustom(textField(p.Lang), nil, []byte(indexed), textOptions, analyzed(terms)))
	doc.AddField(document.NewTextFieldWithIndexingOptions(fieldMeta, nil, data, storedOptions))
	doc.AddField(document.NewTextFieldWithIndexingOptions(fieldLocs, nil, encodeTokenLocs(terms), storedOptions))
	return doc, nil
}

// The indexing options of the fields passageDoc adds itself: the text is
// indexed and stored, without term vectors (where its terms stand is
// stored apart, in fieldLocs); the metadata and the locations are only
// stored.
const (
	textOptions   = index.IndexField | index.StoreField
	storedOptions = index.StoreField
)

// analyzed is an analyzer that returns terms read before.
type analyzed analysis.TokenStream

func (a analyzed) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(a) }
