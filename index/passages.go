package index

import (
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
	jsoniter "github.com/json-iterator/go"

	"github.com/summitbot/summitbot/corpus"
)

// stored is a passage as read back from the index: its text and metadata.
type stored struct {
	lang string
	text string // without the title and heading in front
	meta passageMeta
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

// forget drops passages whose content changed.
func (pc *passageCache) forget(ids ...string) {
	pc.mu.Lock()
	for _, id := range ids {
		delete(pc.m, id)
	}
	pc.mu.Unlock()
}

// metaJSON decodes passage metadata as encoding/json does, three times
// faster: on a cold cache, decoding was half the cost of a first answer.
var metaJSON = jsoniter.ConfigCompatibleWithStandardLibrary

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
	doc.VisitFields(func(f index.Field) {
		switch name := f.Name(); {
		case name == fieldMeta:
			raw = string(f.Value())
		case len(name) > 5 && name[:5] == "text_":
			if l := name[5:]; corpus.KnownLanguage(l) {
				p.lang, text = l, string(f.Value())
			}
		}
	})
	if err := metaJSON.UnmarshalFromString(raw, &p.meta); err != nil {
		return nil, fmt.Errorf("passage %s metadata: %w", id, err)
	}
	if p.lang == "" || p.meta.Context > len(text) {
		return nil, errors.New("passage " + id + ": no text in a known language")
	}
	p.text = text[p.meta.Context:]
	return p, nil
}
