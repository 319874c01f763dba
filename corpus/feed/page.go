package feed

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Page is an article page reduced to its main text.
type Page struct {
	Title     string
	Text      string    // the main text, without navigation and other boilerplate; paragraphs separated by blank lines
	Lang      string    // "en", "fr", "ru" or "zh" as the page declares it, else "" (unknown)
	Source    string    // the site's name (og:site_name), else the host (without "www.")
	URL       string    // where the page was read, after redirects
	Published time.Time // zero when the page gives no date
}

const pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

// FetchPage fetches an article page and keeps its main text, as a reader
// view does. Lang comes from <html lang>, else og:locale, else the content
// language (meta or header), when it is one of the four languages;
// Published from article:published_time or datePublished when present.
//
// Errors: an address that is not http(s); a *StatusError for a status
// other than 2xx; a content type other than HTML; an error wrapping
// ErrTooLarge for a body over f.MaxBytes; a page with no main text; the
// context's error when ctx ends first.
func (f *Fetcher) FetchPage(ctx context.Context, url string) (*Page, error) {
	h := http.Header{}
	h.Set("Accept", pageAccept)
	resp, err := f.get(ctx, url, h)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	op := "fetch " + url
	if resp.StatusCode == http.StatusNotModified {
		// Only a request with validators may get a 304, and this one had none.
		return nil, &StatusError{URL: url, StatusCode: resp.StatusCode, Status: resp.Status}
	}
	// A declared type is checked before the body is read; only a page
	// without one is read to be sniffed.
	ctype := resp.Header.Get("Content-Type")
	if ctype != "" && !isHTML(ctype) {
		return nil, fmt.Errorf("%s: content type %q is not HTML", op, ctype)
	}
	body, err := readBounded(resp.Body, f.maxBytes(), op)
	if err != nil {
		return nil, ctxErr(ctx, op, err)
	}
	br := bufio.NewReader(body)
	if ctype == "" {
		head, _ := br.Peek(512)
		if ctype = http.DetectContentType(head); !isHTML(ctype) {
			return nil, fmt.Errorf("%s: content type %q (sniffed) is not HTML", op, ctype)
		}
	}
	r, err := charset.NewReader(br, ctype)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return readPage(doc, resp.Request.URL, resp.Header.Get("Content-Language"), op)
}

func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// readPage takes a parsed page apart. It changes doc.
func readPage(doc *html.Node, u *url.URL, contentLang, op string) (*Page, error) {
	m := pageMeta(doc)
	p := &Page{URL: u.String()}
	p.Lang = langCode(firstOf(m.htmlLang, m.props["og:locale"], m.httpEquivLang, contentLang))
	if t, ok := parseTime(firstOf(m.props["article:published_time"], m.itemDatePublished, m.props["datepublished"])); ok {
		p.Published = t
	}
	// ParseAndMutate spares a copy of the tree, which nothing else needs now.
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, u)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if art.Node != nil {
		var b bytes.Buffer
		if err := art.RenderHTML(&b); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		p.Text = htmlText(b.String())
	}
	if p.Text == "" {
		return nil, fmt.Errorf("%s: no main text found on the page", op)
	}
	p.Title = oneLine(firstOf(art.Title(), m.props["og:title"], m.title))
	p.Source = oneLine(firstOf(m.props["og:site_name"], art.SiteName()))
	if p.Source == "" {
		p.Source = hostName(u)
	}
	if p.Published.IsZero() {
		// JSON-LD and the other dates readability knows.
		if t, err := art.PublishedTime(); err == nil {
			p.Published = t
		}
	}
	return p, nil
}

// meta is what a page says about itself outside its text.
type meta struct {
	htmlLang          string
	httpEquivLang     string
	itemDatePublished string
	title             string
	props             map[string]string // <meta property|name=key content=value>, keys lowercased, first wins
}

func pageMeta(doc *html.Node) meta {
	m := meta{props: map[string]string{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Html:
			if m.htmlLang == "" {
				m.htmlLang = attr(n, "lang")
			}
			if m.htmlLang == "" {
				m.htmlLang = attr(n, "xml:lang")
			}
		case atom.Title:
			if m.title == "" && n.FirstChild != nil {
				m.title = n.FirstChild.Data
			}
		case atom.Meta:
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				continue
			}
			if strings.EqualFold(attr(n, "http-equiv"), "content-language") && m.httpEquivLang == "" {
				m.httpEquivLang = content
			}
			if attr(n, "itemprop") == "datePublished" && m.itemDatePublished == "" {
				m.itemDatePublished = content
			}
			for _, key := range []string{attr(n, "property"), attr(n, "name")} {
				key = strings.ToLower(strings.TrimSpace(key))
				if _, seen := m.props[key]; key != "" && !seen {
					m.props[key] = content
				}
			}
		case atom.Time:
			if attr(n, "itemprop") == "datePublished" && m.itemDatePublished == "" {
				m.itemDatePublished = attr(n, "datetime")
			}
		}
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key || a.Namespace != "" && a.Namespace+":"+a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// timeLayouts are the forms of dates found in page metadata.
var timeLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02",
}

func parseTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
