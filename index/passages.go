package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/summitbot/summitbot/corpus"
)

// stored is a passage as read back from the index: its text and metadata,
// and where each of its terms stands, as its language's analyzer reads the
// indexed text (title and heading in front). Reading the positions here,
// once per passage, spares every search asking Bleve for the locations of
// its hits, which was a sixth of a question's allocations.
type stored struct {
	lang string
	text string // without the title and heading in front
	meta passageMeta
	locs termLocs
}

// termLocs says where a text holds each of its terms.
type termLocs map[string][]loc

// loc is one occurrence of a term: its position among the terms, and its
// byte offsets in the indexed text.
type loc struct{ pos, start, end uint32 }

// locsOf returns where the passage holds the given terms: a view, not a
// copy, since a question has forty candidates.
func (p *stored) locsOf(terms map[string]bool) candLocs {
	return candLocs{all: p.locs, want: terms}
}

// candLocs is where a candidate holds the question's terms.
type candLocs struct {
	all  termLocs
	want map[string]bool
}

// get returns where the candidate holds term t, if the question has it.
func (cl candLocs) get(t string) ([]loc, bool) {
	if !cl.want[t] {
		return nil, false
	}
	ls, ok := cl.all[t]
	return ls, ok
}

// each calls f with every question term the candidate holds.
func (cl candLocs) each(f func(term string, ls []loc)) {
	for t := range cl.want {
		if ls, ok := cl.all[t]; ok {
			f(t, ls)
		}
	}
}

// passageCache keeps passages read back from the index, decoded: decoding
// their metadata is most of the cost of ranking otherwise. It holds at most
// max passages and starts over when full.
type passageCache struct {
	mu  sync.RWMutex
	m   map[string]*stored
	max int
}

func newPassageCache(max int) *passageCache {
	return &passageCache{m: map[string]*stored{}, max: max}
}

func (pc *passageCache) get(idx bleve.Index, id string) (*stored, error) {
	pc.mu.RLock()
	p, ok := pc.m[id]
	pc.mu.RUnlock()
	if ok {
		return p, nil
	}
	p, err := load(idx, id)
	if err != nil {
		return nil, err
	}
	pc.mu.Lock()
	if len(pc.m) >= pc.max {
		pc.m = map[string]*stored{}
	}
	pc.m[id] = p
	pc.mu.Unlock()
	return p, nil
}

// loadSideBySide is how many passages a question must miss in the cache
// before getAll reads them on more than one goroutine: a passage takes
// tens of microseconds to read, a goroutine about one to start.
const loadSideBySide = 8

// getAll returns the passages ids name, in their order, and for each one
// that cannot be read its error. A question's forty candidates are all
// misses when a process starts: read on every core, they cost a start a
// fraction of reading them one by one.
func (pc *passageCache) getAll(idx bleve.Index, ids []string) ([]*stored, []error) {
	ps, errs := make([]*stored, len(ids)), make([]error, len(ids))
	var missed []int
	pc.mu.RLock()
	for i, id := range ids {
		if p, ok := pc.m[id]; ok {
			ps[i] = p
		} else {
			missed = append(missed, i)
		}
	}
	pc.mu.RUnlock()
	// Each of the workers reads every workers-th miss: no two write the
	// same slot.
	read := func(w, workers int) {
		for k := w; k < len(missed); k += workers {
			i := missed[k]
			ps[i], errs[i] = pc.get(idx, ids[i])
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(missed)/loadSideBySide+1)
	if workers <= 1 {
		read(0, 1)
		return ps, errs
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { read(w, workers) })
	}
	wg.Wait()
	return ps, errs
}

// forget drops passages whose content changed.
func (pc *passageCache) forget(ids ...string) {
	pc.mu.Lock()
	for _, id := range ids {
		delete(pc.m, id)
	}
	pc.mu.Unlock()
}

func load(idx bleve.Index, id string) (*stored, error) {
	doc, err := idx.Document(id)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("passage %s: not in the index", id)
	}
	p := &stored{}
	var raw, text string
	locsErr := errLocs // also when the field is missing
	doc.VisitFields(func(f index.Field) {
		switch name := f.Name(); {
		case name == fieldMeta:
			raw = string(f.Value())
		case name == fieldLocs:
			p.locs, locsErr = decodeLocs(f.Value())
		case len(name) > 5 && name[:5] == "text_":
			if l := name[5:]; corpus.KnownLanguage(l) {
				p.lang, text = l, string(f.Value())
			}
		}
	})
	if p.meta, err = decodeMeta(raw); err != nil {
		return nil, fmt.Errorf("passage %s: %w", id, err)
	}
	if p.lang == "" || p.meta.Context > len(text) {
		return nil, errors.New("passage " + id + ": no text in a known language")
	}
	if locsErr != nil {
		return nil, fmt.Errorf("passage %s: %w", id, locsErr)
	}
	p.text = text[p.meta.Context:]
	return p, nil
}

// encodeTokenLocs writes where each term of an analyzed text stands,
// compactly, terms in order: the count of terms, then for each its length
// and bytes, its count of occurrences and each one's position, start and
// length, all as unsigned varints. Stored with the passage, they are read
// back instead of analyzing the passage again when a question first meets
// it. They are written from the terms as analyzed, without building a map
// first: a build writes one for every passage.
func encodeTokenLocs(toks analysis.TokenStream) []byte {
	order := make([]int, len(toks))
	for i := range order {
		order[i] = i
	}
	// Stable: a term's locations stay in the text's order.
	slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(toks[a].Term, toks[b].Term) })
	distinct := 0
	for i, k := range order {
		if i == 0 || !bytes.Equal(toks[k].Term, toks[order[i-1]].Term) {
			distinct++
		}
	}
	b := binary.AppendUvarint(nil, uint64(distinct))
	for i := 0; i < len(order); {
		term := toks[order[i]].Term
		j := i
		for j < len(order) && bytes.Equal(toks[order[j]].Term, term) {
			j++
		}
		b = binary.AppendUvarint(b, uint64(len(term)))
		b = append(b, term...)
		b = binary.AppendUvarint(b, uint64(j-i))
		for _, k := range order[i:j] {
			t := toks[k]
			b = binary.AppendUvarint(b, uint64(t.Position))
			b = binary.AppendUvarint(b, uint64(t.Start))
			b = binary.AppendUvarint(b, uint64(t.End-t.Start))
		}
		i = j
	}
	return b
}

// errLocs is a locations field that does not decode.
var errLocs = errors.New("passage term locations: malformed")

// decodeLocs reads what encodeLocs wrote.
func decodeLocs(b []byte) (termLocs, error) {
	next := func() (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, errLocs
		}
		b = b[n:]
		return v, nil
	}
	nt, err := next()
	if err != nil || nt > uint64(len(b)) {
		return nil, errLocs
	}
	tl := make(termLocs, nt)
	for range nt {
		n, err := next()
		if err != nil || n > uint64(len(b)) {
			return nil, errLocs
		}
		term := string(b[:n])
		b = b[n:]
		k, err := next()
		if err != nil || k > uint64(len(b)) {
			return nil, errLocs
		}
		ls := make([]loc, k)
		for i := range ls {
			pos, err1 := next()
			start, err2 := next()
			size, err3 := next()
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, errLocs
			}
			ls[i] = loc{pos: uint32(pos), start: uint32(start), end: uint32(start + size)}
		}
		tl[term] = ls
	}
	if len(b) != 0 {
		return nil, errLocs
	}
	return tl, nil
}
