package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/feed"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/live"
)

var ingestCommand = command{
	name: "ingest", args: "FILE|URL", summary: "add a document: a Markdown file, a feed file or URL, or an article URL",
	run: func(ctx context.Context, a *app, _ any, args []string) error {
		if len(args) != 1 {
			return usagef("give one file or URL: summitbot ingest article.md | https://example.org/feed.xml")
		}
		c, err := a.loadCorpus()
		if err != nil {
			return err
		}
		judge, err := index.NewClassifier(c)
		if err != nil {
			return err
		}
		docs, err := a.ingestSource(ctx, args[0], judge, c)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := live.WriteDocument(a.documentsDir(), d); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "added %s (%s, %s): %s\n", d.ID, d.Lang, d.Published.Format(corpus.DateLayout), d.Title)
		}
		if len(docs) == 0 {
			fmt.Fprintln(a.stdout, "nothing added")
			return nil
		}
		fmt.Fprintf(a.stdout, "in %s; a running bot indexes and announces new documents within seconds, the next command that opens the index rebuilds it\n", a.documentsDir())
		return nil
	},
}

// ingestSource reads the documents a file or URL holds. Feed items must be
// about the summits; a Markdown file or an article page is the operator's
// choice, and is only warned about.
func (a *app) ingestSource(ctx context.Context, src string, judge *index.Classifier, c *corpus.Collection) ([]corpus.Document, error) {
	now := time.Now().UTC()
	f := &feed.Fetcher{}
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		fd, err := f.Fetch(ctx, src, feed.Validators{})
		switch {
		case err == nil:
			return a.feedDocuments(fd, judge, now), nil
		case !errors.Is(err, feed.ErrNotFeed):
			return nil, err
		}
		page, err := f.FetchPage(ctx, src)
		if err != nil {
			return nil, err
		}
		d, err := page.Document(now)
		if err != nil {
			return nil, err
		}
		a.warnIfOffTopic(judge, d)
		return []corpus.Document{d}, nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(filepath.Ext(src), ".md") {
		d, err := corpus.ParseDocument(src, data)
		if err != nil {
			return nil, err
		}
		if old, ok := c.Document(d.ID); ok && old.Origin != filepath.Join(a.documentsDir(), d.ID+".md") {
			return nil, fmt.Errorf("%s: field \"id\": %q is already used by %s", src, d.ID, old.Origin)
		}
		a.warnIfOffTopic(judge, d)
		return []corpus.Document{d}, nil
	}
	fd, err := feed.Parse(strings.NewReader(string(data)), 0)
	if err != nil {
		return nil, fmt.Errorf("%s: neither a Markdown document (.md) nor a feed: %w", src, err)
	}
	return a.feedDocuments(fd, judge, now), nil
}

func (a *app) feedDocuments(fd *feed.Feed, judge *index.Classifier, now time.Time) []corpus.Document {
	var out []corpus.Document
	for _, it := range fd.Items {
		d, err := it.Document(now)
		if err != nil {
			a.log.Warn("feed item skipped: not a valid document", "item", it.Link, "err", err)
			continue
		}
		if ok, why := judge.Relevance(d); !ok {
			a.log.Info("feed item skipped: not about the summits", "item", it.Link, "why", why)
			continue
		}
		out = append(out, d)
	}
	return out
}

func (a *app) warnIfOffTopic(judge *index.Classifier, d corpus.Document) {
	if ok, why := judge.Relevance(d); !ok {
		a.log.Warn("this document does not look like it is about the summits; adding it anyway", "doc", d.ID, "why", why)
	}
}
