package feed

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestFetch(t *testing.T) {
	type wantItem struct {
		key, title, link, lang, source string
		published                      string // RFC 3339, "" for zero
		text                           string // exact
		docLang                        string // of the item's document
	}
	for _, tt := range []struct {
		name, file, contentType string
		wantTitle               string
		want                    []wantItem // link "/…" is relative to the server
	}{
		{
			name: "RSSWithContentEncodedAndGUID", file: "rss-en.xml", contentType: "application/rss+xml",
			wantTitle: "Central Asia Wire",
			want: []wantItem{
				{
					key: "wire-2023-0519-001", title: "Leaders sign the Xi’an Declaration",
					link: "https://wire.example.com/news/xian-declaration", lang: "en", source: "Central Asia Wire",
					published: "2023-05-19T14:30:00+08:00", docLang: "en",
					text: "The first China–Central Asia Summit closed in Xi’an on 19 May 2023.\n\n" +
						"The six heads of state signed the Xi'an Declaration & adopted a list of outcomes.\n" +
						"They agreed to hold the summit every two years.\n\nLeaders in Xi'an.",
				},
				{
					// No GUID: keyed by its link, which was relative to the feed.
					key: "/news/astana-ministers", title: "Ministers meet in Astana", link: "/news/astana-ministers",
					lang: "en", source: "Central Asia Wire", published: "2024-06-03T09:00:00Z", docLang: "en",
					text: "Foreign ministers prepared the second summit.\n\nThey met in Astana.",
				},
				// The item with neither GUID nor link is skipped.
				{
					key: "https://wire.example.com/news/second-summit", title: "Second summit announced",
					link: "https://wire.example.com/news/second-summit", lang: "en", source: "Central Asia Wire",
					published: "2025-01-10T08:00:00Z", docLang: "en", text: "The second summit will be held in Astana in June 2025.",
				},
			},
		},
		{
			name: "AtomInRussianWithXMLLang", file: "atom-ru.xml", contentType: "application/atom+xml",
			wantTitle: "Новости Центральной Азии",
			want: []wantItem{
				{
					key: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", title: "Второй саммит «Центральная Азия — Китай» прошёл в Астане",
					link: "https://news.example.ru/2025/06/astana-summit", lang: "ru", source: "Новости Центральной Азии",
					published: "2025-06-17T10:00:00+05:00", docLang: "ru",
					text: "Главы шести государств подписали Астанинскую декларацию.\n\n" +
						"Также был подписан Договор о вечном добрососедстве, дружбе и сотрудничестве.",
				},
				{
					key: "urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b", title: "Министры иностранных дел встретились в Алматы",
					link: "/2025/04/almaty", lang: "ru", source: "Новости Центральной Азии",
					published: "2025-04-26T09:00:00Z", docLang: "ru", text: "Министры обсудили подготовку ко второму саммиту.",
				},
			},
		},
		{
			name: "ChineseRSSWithoutLanguage", file: "rss-zh.xml", contentType: "text/xml; charset=utf-8",
			wantTitle: "中亚新闻",
			want: []wantItem{{
				key: "https://zh.example.cn/2023/05/19/summit.html", title: "首届中国—中亚峰会在西安举行",
				link: "https://zh.example.cn/2023/05/19/summit.html", lang: "", source: "中亚新闻",
				published: "2023-05-19T18:00:00+08:00", docLang: "zh", // detected: the feed has no language
				text: "2023年5月18日至19日，首届中国—中亚峰会在陕西省西安市举行。\n\n六国元首签署了《中国—中亚峰会西安宣言》。",
			}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, serveBody(tt.contentType, mustReadFile(t, tt.file)))
			got, err := f.Fetch(context.Background(), srv.URL+"/feed.xml", Validators{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", got.Title, tt.wantTitle)
			}
			if got.NotModified {
				t.Error("NotModified = true for a 200")
			}
			if len(got.Items) != len(tt.want) {
				t.Fatalf("got %d items, want %d: %+v", len(got.Items), len(tt.want), got.Items)
			}
			for i, w := range tt.want {
				it := got.Items[i]
				if strings.HasPrefix(w.link, "/") {
					w.link = srv.URL + w.link
				}
				if strings.HasPrefix(w.key, "/") {
					w.key = srv.URL + w.key
				}
				var published string
				if !it.Published.IsZero() {
					published = it.Published.Format(time.RFC3339)
				}
				for _, c := range []struct{ field, got, want string }{
					{"Key", it.Key, w.key}, {"Title", it.Title, w.title}, {"Link", it.Link, w.link},
					{"Lang", it.Lang, w.lang}, {"Source", it.Source, w.source},
					{"Published", published, w.published}, {"Text", it.Text, w.text},
				} {
					if c.got != c.want {
						t.Errorf("item %d: %s = %q, want %q", i, c.field, c.got, c.want)
					}
				}
				d, err := it.Document(now)
				if err != nil {
					t.Errorf("item %d: %v", i, err)
				} else if d.Lang != w.docLang {
					t.Errorf("item %d: document Lang = %q, want %q", i, d.Lang, w.docLang)
				}
			}
		})
	}
}

func TestFetchConditional(t *testing.T) {
	const (
		etag    = `"v2"`
		lastMod = "Wed, 18 Jun 2025 10:00:00 GMT"
	)
	body := mustReadFile(t, "rss-zh.xml")
	for _, tt := range []struct {
		name            string
		prev            Validators
		sendHeaders     bool // whether the server sends validators with a 304
		wantNotModified bool
		wantItems       int
		wantValidators  Validators
	}{
		{
			name: "FirstFetchReturnsValidators", sendHeaders: true,
			wantItems: 1, wantValidators: Validators{ETag: etag, LastModified: lastMod},
		},
		{
			name: "MatchingETagIsNotModified", prev: Validators{ETag: etag}, sendHeaders: true,
			wantNotModified: true, wantValidators: Validators{ETag: etag, LastModified: lastMod},
		},
		{
			name: "MatchingLastModifiedIsNotModified", prev: Validators{LastModified: lastMod}, sendHeaders: true,
			wantNotModified: true, wantValidators: Validators{ETag: etag, LastModified: lastMod},
		},
		{
			name: "StaleETagGetsTheFeed", prev: Validators{ETag: `"v1"`, LastModified: "Mon, 02 Jun 2025 10:00:00 GMT"}, sendHeaders: true,
			wantItems: 1, wantValidators: Validators{ETag: etag, LastModified: lastMod},
		},
		{
			name: "BareNotModifiedKeepsPreviousValidators", prev: Validators{ETag: etag, LastModified: lastMod},
			wantNotModified: true, wantValidators: Validators{ETag: etag, LastModified: lastMod},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var gotINM, gotIMS string
			srv, f := mustServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotINM, gotIMS = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
				notModified := gotINM == etag || (gotINM == "" && gotIMS == lastMod)
				if tt.sendHeaders || !notModified {
					w.Header().Set("ETag", etag)
					w.Header().Set("Last-Modified", lastMod)
				}
				if notModified {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Write(body)
			}))
			got, err := f.Fetch(context.Background(), srv.URL+"/rss", tt.prev)
			if err != nil {
				t.Fatal(err)
			}
			if gotINM != tt.prev.ETag || gotIMS != tt.prev.LastModified {
				t.Errorf("sent If-None-Match %q, If-Modified-Since %q; want %q, %q", gotINM, gotIMS, tt.prev.ETag, tt.prev.LastModified)
			}
			if got.NotModified != tt.wantNotModified {
				t.Errorf("NotModified = %v, want %v", got.NotModified, tt.wantNotModified)
			}
			if len(got.Items) != tt.wantItems {
				t.Errorf("got %d items, want %d", len(got.Items), tt.wantItems)
			}
			if got.Validators != tt.wantValidators {
				t.Errorf("Validators = %+v, want %+v", got.Validators, tt.wantValidators)
			}
		})
	}
}

func TestFetchKeysAndLinks(t *testing.T) {
	rss := func(items string) []byte {
		return []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>` + items + `</channel></rss>`)
	}
	type want struct{ key, link string } // "/…" is relative to the server
	for _, tt := range []struct {
		name string
		feed []byte
		want []want
	}{
		{
			name: "GUIDIsTheKey",
			feed: rss(`<item><title>a</title><guid isPermaLink="false">id-1</guid><link>https://x.example/a</link></item>`),
			want: []want{{"id-1", "https://x.example/a"}},
		},
		{
			name: "NoGUIDKeyedByLink",
			feed: rss(`<item><title>a</title><link>https://x.example/a</link></item>`),
			want: []want{{"https://x.example/a", "https://x.example/a"}},
		},
		{
			name: "NeitherGUIDNorLinkSkipped",
			feed: rss(`<item><title>a</title><description>text</description></item><item><title>b</title><guid>id-2</guid></item>`),
			want: []want{{"id-2", ""}},
		},
		{
			name: "RelativeLinkResolvedAgainstFeedURL",
			feed: rss(`<item><title>a</title><link>story.html</link></item><item><title>b</title><link>/root.html</link></item>`),
			want: []want{{"/feeds/story.html", "/feeds/story.html"}, {"/root.html", "/root.html"}},
		},
		{
			name: "PermalinkGUIDIsTheLink",
			feed: rss(`<item><title>a</title><guid>https://x.example/p/1</guid></item>`),
			want: []want{{"https://x.example/p/1", "https://x.example/p/1"}},
		},
		{
			name: "NonHTTPLinkDropped",
			feed: rss(`<item><title>a</title><link>javascript:alert(1)</link></item><item><title>b</title><guid>g</guid><link>mailto:a@b.c</link></item>`),
			want: []want{{"g", ""}},
		},
		{
			name: "EmptyFeed",
			feed: rss(``),
			want: nil,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, serveBody("application/rss+xml", tt.feed))
			got, err := f.Fetch(context.Background(), srv.URL+"/feeds/main.xml", Validators{})
			if err != nil {
				t.Fatal(err)
			}
			var keys []want
			for _, it := range got.Items {
				keys = append(keys, want{it.Key, it.Link})
			}
			var wantKeys []want
			for _, w := range tt.want {
				if strings.HasPrefix(w.key, "/") {
					w.key = srv.URL + w.key
				}
				if strings.HasPrefix(w.link, "/") {
					w.link = srv.URL + w.link
				}
				wantKeys = append(wantKeys, w)
			}
			if len(keys) != len(wantKeys) {
				t.Fatalf("got %+v, want %+v", keys, wantKeys)
			}
			for i := range keys {
				if keys[i] != wantKeys[i] {
					t.Errorf("item %d: got %+v, want %+v", i, keys[i], wantKeys[i])
				}
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	for _, tt := range []struct {
		name        string
		handler     http.Handler
		url         string // "" for the server's
		wantIs      error
		wantStatus  int
		wantMessage string
	}{
		{
			name:    "ErrNotFeedForMalformedXML",
			handler: serveBody("application/rss+xml", mustReadFile(t, "malformed.xml")),
			wantIs:  ErrNotFeed, wantMessage: "/feed.xml",
		},
		{
			name:    "ErrNotFeedForHTML",
			handler: serveBody("text/html", mustReadFile(t, "article-fr.html")),
			wantIs:  ErrNotFeed,
		},
		{
			name:    "ErrNotFeedForEmptyBody",
			handler: serveBody("application/rss+xml", nil),
			wantIs:  ErrNotFeed,
		},
		{
			name:       "StatusErrorFor404",
			handler:    http.NotFoundHandler(),
			wantStatus: http.StatusNotFound, wantMessage: "404 Not Found",
		},
		{
			name: "StatusErrorFor503",
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "busy", http.StatusServiceUnavailable)
			}),
			wantStatus: http.StatusServiceUnavailable, wantMessage: "/feed.xml",
		},
		{
			name:        "NotHTTPAddress",
			handler:     http.NotFoundHandler(),
			url:         "file:///etc/passwd",
			wantMessage: "not an http(s) address",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, tt.handler)
			u := tt.url
			if u == "" {
				u = srv.URL + "/feed.xml"
			}
			got, err := f.Fetch(context.Background(), u, Validators{})
			if err == nil {
				t.Fatalf("got %+v, want an error", got)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %q does not wrap %q", err, tt.wantIs)
			}
			var se *StatusError
			if tt.wantStatus != 0 && (!errors.As(err, &se) || se.StatusCode != tt.wantStatus) {
				t.Errorf("error %q: want a *StatusError with status %d", err, tt.wantStatus)
			}
			if !strings.Contains(err.Error(), tt.wantMessage) {
				t.Errorf("error %q does not mention %q", err, tt.wantMessage)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, file string
		wantItems  int
		wantLink   string // of the second item, if any
		wantIs     error
	}{
		// Without a URL, relative links resolve against the channel's link.
		{name: "RelativeLinkAgainstChannelLink", file: "rss-en.xml", wantItems: 3, wantLink: "https://wire.example.com/news/astana-ministers"},
		{name: "AtomAlternateLink", file: "atom-ru.xml", wantItems: 2, wantLink: "https://news.example.ru/2025/04/almaty"},
		{name: "ErrNotFeed", file: "malformed.xml", wantIs: ErrNotFeed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			got, err := Parse(r, 0)
			if tt.wantIs != nil {
				if !errors.Is(err, tt.wantIs) {
					t.Fatalf("error %v, want one wrapping %v", err, tt.wantIs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Items) != tt.wantItems {
				t.Fatalf("got %d items, want %d", len(got.Items), tt.wantItems)
			}
			if got.Items[1].Link != tt.wantLink {
				t.Errorf("Link = %q, want %q", got.Items[1].Link, tt.wantLink)
			}
		})
	}
	t.Run("ErrTooLarge", func(t *testing.T) {
		_, err := Parse(bytes.NewReader(mustReadFile(t, "rss-en.xml")), 100)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "100 bytes") {
			t.Errorf("error %v, want one wrapping ErrTooLarge that names the limit", err)
		}
	})
}
