package index

import "sync"

// wordCache remembers how each language's analyzer reads a word. A
// question's words are analyzed in every language, several times over (to
// search, to count, to correct, to match), and the same words come back
// question after question; analysis is most of a question's allocations
// outside Bleve's search. The analyzers never change, so nothing is ever
// stale; the cache starts over when full.
type wordCache struct {
	mu sync.RWMutex
	m  map[wordKey][]string
}

type wordKey struct{ lang, word string }

// wordCacheMax bounds the cache: about a megabyte of short words.
const wordCacheMax = 20_000

// terms returns the analyzed terms of word in lang. The slice is shared:
// callers must not change it.
func (e *Engine) terms(lang, word string) []string {
	c := &e.words
	k := wordKey{lang, word}
	c.mu.RLock()
	ts, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return ts
	}
	ts = termsOf(e.lexicon().analyzers[lang].Analyze([]byte(word)))
	c.mu.Lock()
	if c.m == nil || len(c.m) >= wordCacheMax {
		c.m = map[wordKey][]string{}
	}
	c.m[k] = ts
	c.mu.Unlock()
	return ts
}
