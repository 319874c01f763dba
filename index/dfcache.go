package index

import "sync"

// dfCache remembers how many passages hold a term in a field, so that a
// question does not open a term reader per term just to count (it was a
// reader per term per question). The empty field and term count the
// passages. Every change to the index clears it; a count read while a
// change was under way is not kept.
type dfCache struct {
	mu  sync.RWMutex
	gen uint64
	m   map[dfKey]uint64
}

type dfKey struct{ field, term string }

// dfCacheMax bounds the cache; it starts over when full.
const dfCacheMax = 100_000

func (c *dfCache) get(field, term string) (uint64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.m[dfKey{field, term}]
	return n, ok
}

// generation is to be read before counting, and passed to put.
func (c *dfCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

func (c *dfCache) put(gen uint64, field, term string, n uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return // the index changed since the count began
	}
	if c.m == nil || len(c.m) >= dfCacheMax {
		c.m = map[dfKey]uint64{}
	}
	c.m[dfKey{field, term}] = n
}

// clear forgets every count: the index changed.
func (c *dfCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m = nil
}
