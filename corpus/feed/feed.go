package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Validators are a feed's HTTP cache validators, for conditional requests.
// Keep those of the last fetch and pass them to the next.
type Validators struct {
	ETag         string
	LastModified string
}

// Item is one feed entry, reduced to what a document needs.
type Item struct {
	Key       string    // the GUID, else the link: what identifies the item across fetches and restarts
	Title     string    // one line of plain text
	Link      string    // absolute http(s) URL; "" when the item has none
	Published time.Time // the item's date, else its updated date, else zero; in the publisher's time zone, which decides the document's date
	Lang      string    // "en", "fr", "ru" or "zh" from the item's or the feed's language, else "" (unknown)
	Text      string    // plain text of the content, else of the description; paragraphs separated by blank lines; may be ""
	Source    string    // the feed's title, else the link's host (without "www.")
}

// Feed is a fetched feed.
type Feed struct {
	Title       string
	Items       []Item // in the feed's order
	Validators  Validators
	NotModified bool // the server answered 304: Items is empty, Validators still usable
}

// ErrNotFeed is wrapped by the error for a body that is not an RSS, Atom or
// JSON feed, or is one too malformed to read.
var ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")

const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// Fetch fetches the feed at url with a conditional GET: prev's ETag and
// Last-Modified are sent back as If-None-Match and If-Modified-Since. A 304
// gives a Feed with NotModified set. The returned Validators are the
// response's, falling back to prev's for a header the response lacks.
//
// Relative item links are resolved against the feed's URL (after
// redirects). Errors: an address that is not http(s); a *StatusError for a
// status other than 2xx and 304; an error wrapping ErrTooLarge for a body
// over f.MaxBytes; one wrapping ErrNotFeed for a body that is not a feed;
// the context's error when ctx ends first.
func (f *Fetcher) Fetch(ctx context.Context, url string, prev Validators) (*Feed, error) {
	h := http.Header{}
	h.Set("Accept", feedAccept)
	if prev.ETag != "" {
		h.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		h.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := f.get(ctx, url, h)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	v := Validators{
		ETag:         or(resp.Header.Get("ETag"), prev.ETag),
		LastModified: or(resp.Header.Get("Last-Modified"), prev.LastModified),
	}
	if resp.StatusCode == http.StatusNotModified {
		return &Feed{Validators: v, NotModified: true}, nil
	}
	fd, err := parse(resp.Body, f.maxBytes(), resp.Request.URL, "fetch "+url)
	if err != nil {
		return nil, ctxErr(ctx, "fetch "+url, err)
	}
	fd.Validators = v
	return fd, nil
}

// Parse reads a feed without HTTP, as from a local file; maxBytes bounds
// what is read (0: DefaultMaxBytes). Relative item links are resolved
// against the feed's own link when it has one, and dropped otherwise.
// Errors wrap ErrTooLarge or ErrNotFeed, or are r's own.
func Parse(r io.Reader, maxBytes int64) (*Feed, error) {
	return parse(r, maxOrDefault(maxBytes), nil, "parse feed")
}

// parse reads a feed from r, resolving links against base when it is not
// nil. op starts error messages.
func parse(r io.Reader, limit int64, base *url.URL, op string) (*Feed, error) {
	body, err := readBounded(r, limit, op)
	if err != nil {
		return nil, err
	}
	p := gofeed.NewParser()
	// The image scan parses every item's HTML a second time, for nothing here.
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	gf, err := p.Parse(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", op, ErrNotFeed, err)
	}
	if base == nil {
		base = absoluteURL(nil, gf.Link)
	}
	fd := &Feed{Title: oneLine(gf.Title)}
	feedLang := langCode(gf.Language)
	for _, gi := range gf.Items {
		if it, ok := item(gi, base, fd.Title, feedLang); ok {
			fd.Items = append(fd.Items, it)
		}
	}
	return fd, nil
}

// item reduces a parsed entry; ok is false for an entry with neither a
// GUID nor a link, which nothing could identify on the next fetch.
func item(gi *gofeed.Item, base *url.URL, feedTitle, feedLang string) (Item, bool) {
	if gi == nil {
		return Item{}, false
	}
	guid := strings.TrimSpace(gi.GUID)
	link := absoluteURL(base, gi.Link)
	if link == nil {
		for _, l := range gi.Links {
			if link = absoluteURL(base, l); link != nil {
				break
			}
		}
	}
	if link == nil && guid != "" {
		// An RSS GUID is a permalink unless it says otherwise.
		link = absoluteURL(nil, guid)
	}
	it := Item{Key: guid, Title: oneLine(gi.Title), Lang: feedLang, Source: feedTitle}
	if link != nil {
		it.Link = link.String()
		if it.Key == "" {
			it.Key = it.Link
		}
		if it.Source == "" {
			it.Source = hostName(link)
		}
	}
	if it.Key == "" {
		return Item{}, false
	}
	switch {
	case gi.PublishedParsed != nil:
		it.Published = inZone(*gi.PublishedParsed, gi.Published)
	case gi.UpdatedParsed != nil:
		it.Published = inZone(*gi.UpdatedParsed, gi.Updated)
	}
	if dc := gi.DublinCoreExt; dc != nil && len(dc.Language) > 0 {
		if l := langCode(dc.Language[0]); l != "" {
			it.Lang = l
		}
	}
	it.Text = htmlText(gi.Content)
	if it.Text == "" {
		it.Text = htmlText(gi.Description)
	}
	return it, true
}

// zonedLayouts are the common feed date forms that carry a numeric zone.
var zonedLayouts = []string{
	time.RFC3339, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700",
	"Mon, 02 Jan 2006 15:04 -0700", time.RFC822Z,
}

// inZone returns t, which gofeed gives in UTC, in the zone raw was written
// in: the publisher's date is the one to cite ("2023-05-19 01:00 +0800" is
// the 19th, not the 18th).
func inZone(t time.Time, raw string) time.Time {
	raw = strings.TrimSpace(raw)
	for _, layout := range zonedLayouts {
		if z, err := time.Parse(layout, raw); err == nil && z.Equal(t) {
			return z
		}
	}
	return t
}

// absoluteURL resolves ref against base (which may be nil) and returns it
// when the result is an http(s) address, else nil.
func absoluteURL(base *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	u, err := url.Parse(ref)
	if err != nil {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// hostName is a publisher's name when nothing better is known.
func hostName(u *url.URL) string {
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
