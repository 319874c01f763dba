package index

import "sync"

// wordMemo remembers, per language and word, something costly to work out
// again: how the language's analyzer reads the word (a question's words are
// analyzed in every language, several times over, and the same words come
// back question after question), or which corpus term a typo stands for.
// It starts over when full.
type wordMemo[V any] struct {
	mu sync.RWMutex
	m  map[wordKey]V
}

type wordKey struct{ lang, word string }

// wordMemoMax bounds a memo: about a megabyte of short words.
const wordMemoMax = 20_000

func (c *wordMemo[V]) get(k wordKey) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *wordMemo[V]) put(k wordKey, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= wordMemoMax {
		c.m = map[wordKey]V{}
	}
	c.m[k] = v
}

// terms returns the analyzed terms of word in lang. The analyzers never
// change, so nothing is ever stale. The slice is shared: callers must not
// change it.
func (e *Engine) terms(lang, word string) []string {
	k := wordKey{lang, word}
	if ts, ok := e.words.get(k); ok {
		return ts
	}
	ts := termsOf(e.lexicon().analyzer(lang).Analyze([]byte(word)))
	e.words.put(k, ts)
	return ts
}
