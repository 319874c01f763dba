package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// hashLength is the number of hex digits of a document id's hash: 64 bits,
// short enough for corpus.MaxIDLength with the prefix, long enough that
// two keys will not meet.
const hashLength = 16

// documentID is prefix followed by a short hash of key: the same key gives
// the same id on every run.
func documentID(prefix, key string) string {
	sum := sha256.Sum256([]byte(key))
	return prefix + hex.EncodeToString(sum[:])[:hashLength]
}

// Document turns the item into a corpus article. Its id is "feed-" and a
// short hash of Key, the same on every run; its date is Published, or now
// when the item has none; its language is Lang, else the one
// corpus.DetectLanguage finds in the title and text, else "en"; its body
// is Text; its Origin, named in errors, is Link. The document returned is
// the one corpus.Validate reads back (its Published is the date alone), and
// Validate's error is returned as is: an item without a title, link or
// text fails there.
func (it Item) Document(now time.Time) (corpus.Document, error) {
	return document(documentID("feed-", it.Key), it.Title, it.Source, it.Link, it.Lang, it.Text, it.Published, now)
}

// Document turns the page into a corpus article, as Item.Document does,
// with an id of "page-" and a short hash of URL.
func (p Page) Document(now time.Time) (corpus.Document, error) {
	return document(documentID("page-", p.URL), p.Title, p.Source, p.URL, p.Lang, p.Text, p.Published, now)
}

func document(id, title, source, link, lang, text string, published, now time.Time) (corpus.Document, error) {
	if published.IsZero() {
		published = now
	}
	if lang == "" {
		lang = corpus.DetectLanguage(title + "\n" + text)
	}
	if lang == "" {
		lang = "en"
	}
	if source == "" {
		if u, err := url.Parse(link); err == nil && u.Host != "" {
			source = hostName(u)
		}
	}
	origin := link
	if origin == "" {
		origin = id
	}
	return corpus.Validate(corpus.Document{
		ID: id, Title: title, Kind: corpus.Article, Lang: lang, Source: source,
		URL: link, Published: published, Body: text, Origin: origin,
	})
}
