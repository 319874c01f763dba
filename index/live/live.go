// Package live keeps the index in step with the corpus while the bot
// serves: documents dropped into the corpus folders, and articles taken
// from feeds, are indexed within seconds and announced to subscribers.
//
// Every new document goes one way: a Markdown file in a watched folder.
// Feed items are written there as files; the folder watcher indexes them
// and announces them, as it does the operator's own files and those added
// with "summitbot ingest". So a document is indexed and announced once,
// and survives a restart.
package live

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/feed"
)

// Index is what the live corpus updates; *index.Engine is one.
type Index interface {
	Put(ctx context.Context, docs ...corpus.Document) ([]corpus.Document, error)
	Remove(ctx context.Context, ids ...string) error
	Relevance(d corpus.Document) (bool, string)
}

// FeedState is what is remembered of a feed between fetches.
type FeedState struct {
	Validators feed.Validators
	Checked    time.Time
}

// State remembers feeds and their items across restarts.
type State interface {
	FeedState(url string) (FeedState, error)
	SaveFeedState(url string, s FeedState) error
	// Seen reports whether an item (by GUID or link) was handled before.
	Seen(key string) (bool, error)
	// MarkSeen records an item as handled: taken in as doc, or skipped ("").
	MarkSeen(key, doc string) error
}

// Announce is told of documents new to the corpus.
type Announce func(ctx context.Context, docs []corpus.Document)

// Corpus runs the live corpus.
type Corpus struct {
	Index    Index
	Watcher  *corpus.Watcher
	Inbox    string // the watched folder where feed items are written
	Feeds    []string
	Interval time.Duration // between fetches of a feed (default 15m)
	Fetcher  *feed.Fetcher
	State    State
	Announce Announce
	Log      *slog.Logger
	Now      func() time.Time
	// Retry is how long to wait before trying again a change the index
	// refused (default 30s).
	Retry time.Duration

	mu      sync.Mutex
	pending corpus.Change // changes the index refused, to try again
	failure error         // why the last update failed; nil once one succeeds
}

// Run watches the folders and polls the feeds until ctx ends.
func (c *Corpus) Run(ctx context.Context) {
	if c.Interval <= 0 {
		c.Interval = 15 * time.Minute
	}
	if c.Retry <= 0 {
		c.Retry = 30 * time.Second
	}
	for _, url := range c.Feeds {
		go c.pollFeed(ctx, url)
	}
	go func() {
		t := time.NewTicker(c.Retry)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				c.RetryFailed(ctx)
			}
		}
	}()
	c.Watcher.Run(ctx, func(ch corpus.Change) { c.Apply(ctx, ch) })
}

// Degraded returns why the last update of the index failed, or nil when
// the index is up to date with the folders. While degraded, questions are
// answered from the index in use; the failed change is tried again.
func (c *Corpus) Degraded() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failure
}

// RetryFailed tries again the changes the index refused, if any.
func (c *Corpus) RetryFailed(ctx context.Context) {
	c.mu.Lock()
	ch := c.pending
	c.pending = corpus.Change{}
	c.mu.Unlock()
	if !ch.Empty() {
		c.Log.Info("trying again an update the index refused")
		c.Apply(ctx, ch)
	}
}

// failed records a change the index refused, to try it again.
func (c *Corpus) failed(ch corpus.Change, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failure = err
	// The latest change of a document wins.
	latest := map[string]bool{}
	for _, d := range append(append([]corpus.Document(nil), ch.Added...), ch.Changed...) {
		latest[d.ID] = true
	}
	for _, id := range ch.Removed {
		latest[id] = true
	}
	keep := func(docs []corpus.Document) []corpus.Document {
		var out []corpus.Document
		for _, d := range docs {
			if !latest[d.ID] {
				out = append(out, d)
			}
		}
		return out
	}
	var removed []string
	for _, id := range c.pending.Removed {
		if !latest[id] {
			removed = append(removed, id)
		}
	}
	c.pending = corpus.Change{Added: append(keep(c.pending.Added), ch.Added...),
		Changed: append(keep(c.pending.Changed), ch.Changed...), Removed: append(removed, ch.Removed...)}
}

func (c *Corpus) succeeded() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending.Empty() {
		c.failure = nil
	}
}

func (c *Corpus) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Apply brings a change of the folders into the index and announces the
// documents that are new.
func (c *Corpus) Apply(ctx context.Context, ch corpus.Change) {
	if len(ch.Removed) > 0 {
		if err := c.Index.Remove(ctx, ch.Removed...); err != nil {
			c.Log.Error("remove documents from the index; will try again", "ids", ch.Removed, "err", err, "retry_in", c.Retry)
			c.failed(corpus.Change{Removed: ch.Removed}, err)
		} else {
			c.Log.Info("documents removed", "ids", ch.Removed)
		}
	}
	docs := append(append([]corpus.Document(nil), ch.Added...), ch.Changed...)
	if len(docs) == 0 {
		c.succeeded()
		return
	}
	fresh, err := c.Index.Put(ctx, docs...)
	if err != nil {
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		c.Log.Error("index documents; will try again", "ids", ids, "err", err, "retry_in", c.Retry)
		c.failed(corpus.Change{Added: ch.Added, Changed: ch.Changed}, err)
		return
	}
	c.succeeded()
	c.Log.Info("documents indexed", "new", len(fresh), "changed", len(docs)-len(fresh))
	if len(fresh) > 0 && c.Announce != nil {
		c.Announce(ctx, fresh)
	}
}

// pollFeed fetches a feed now and then every Interval.
func (c *Corpus) pollFeed(ctx context.Context, url string) {
	for {
		if err := c.FetchFeed(ctx, url); err != nil && ctx.Err() == nil {
			c.Log.Warn("feed fetch failed", "feed", url, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(c.Interval):
		}
	}
}

// FetchFeed fetches a feed once, with the validators of the last fetch, and
// writes its new items about the summits into the inbox folder.
func (c *Corpus) FetchFeed(ctx context.Context, url string) error {
	st, err := c.State.FeedState(url)
	if err != nil {
		return err
	}
	f, err := c.Fetcher.Fetch(ctx, url, st.Validators)
	if err != nil {
		return err
	}
	st.Checked = c.now()
	if f.NotModified {
		return c.State.SaveFeedState(url, st)
	}
	st.Validators = f.Validators
	added := 0
	for _, it := range f.Items {
		seen, err := c.State.Seen(it.Key)
		if err != nil {
			return err
		}
		if seen {
			continue
		}
		doc, err := it.Document(c.now())
		if err != nil {
			c.Log.Info("feed item skipped: not a valid document", "feed", url, "item", it.Link, "err", err)
			if err := c.State.MarkSeen(it.Key, ""); err != nil {
				return err
			}
			continue
		}
		if ok, why := c.Index.Relevance(doc); !ok {
			c.Log.Info("feed item skipped: not about the summits", "feed", url, "item", it.Link, "why", why)
			if err := c.State.MarkSeen(it.Key, ""); err != nil {
				return err
			}
			continue
		}
		if err := WriteDocument(c.Inbox, doc); err != nil {
			return err
		}
		if err := c.State.MarkSeen(it.Key, doc.ID); err != nil {
			return err
		}
		added++
		c.Log.Info("feed item taken in", "feed", url, "doc", doc.ID)
	}
	if added > 0 {
		// Index at once rather than at the watcher's next look.
		if ch, ok := c.Watcher.Poll(); ok && !ch.Empty() {
			c.Apply(ctx, ch)
		}
	}
	return c.State.SaveFeedState(url, st)
}

// WriteDocument writes a document as a Markdown file in dir, atomically:
// the watcher never reads half a file.
func WriteDocument(dir string, d corpus.Document) error {
	data, err := corpus.Format(d)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("documents folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*.md")
	if err != nil {
		return fmt.Errorf("write %s: %w", d.ID, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", d.ID, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", d.ID, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", d.ID, err)
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, d.ID+".md"))
}
