// Package corpus owns SummitBot's documents: Markdown files with a YAML
// front-matter header, the default set embedded in the binary, an operator's
// folder of extra documents, the cross-language alias sets, and the split of
// every document into short passages that carry their citation.
package corpus

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Kind says what sort of document a file is.
type Kind string

// The kinds of document the corpus accepts.
const (
	Article   Kind = "article"
	FactSheet Kind = "factsheet"
)

// Languages lists the languages SummitBot reads and answers in, as the
// two-letter codes used in front matter: the four every fact sheet is
// written in (SheetLanguages), then Kazakh and Uzbek, the state languages
// of the region's two largest countries, which have the core sheets.
var Languages = []string{"en", "fr", "ru", "zh", "kk", "uz"}

// SheetLanguages are the languages every fact sheet has a version in.
var SheetLanguages = []string{"en", "fr", "ru", "zh"}

// KnownLanguage reports whether code is one of Languages.
func KnownLanguage(code string) bool { return slices.Contains(Languages, code) }

// DateLayout is how published dates are written in front matter and shown in
// citations.
const DateLayout = "2006-01-02"

// Document is one source text with its metadata, as read from a Markdown file.
type Document struct {
	ID        string
	Title     string
	Kind      Kind
	Lang      string
	Source    string // the publisher
	URL       string
	Published time.Time
	Tags      []string
	Body      string // Markdown, without the front matter

	// Origin names where the document was read from ("embedded:en/summit-1.md"
	// or a file path), for error messages and the corpus listing.
	Origin string
}

// Citation is what a passage shows of where its words come from.
//
// For an article it is the article itself. For a fact sheet it is the
// original source that the passage's section rests on (the first entry of
// the section's "Sources:" line): Source is that publisher, Published its
// date and URL its page, which may be empty when no original page is known.
// Compiled then says that SummitBot wrote the sheet from that source, so a
// reply never names SummitBot as the publisher.
type Citation struct {
	DocID     string
	Title     string
	Source    string
	URL       string
	Published time.Time // zero when the source gives no date
	Lang      string
	Compiled  bool
}

// String formats the citation as "Title — Source, 2023-05-19, https://…",
// leaving out the parts the citation does not have.
func (c Citation) String() string {
	parts := []string{c.Source}
	if !c.Published.IsZero() {
		parts = append(parts, c.Published.Format(DateLayout))
	}
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	s := fmt.Sprintf("%s — %s", c.Title, strings.Join(parts, ", "))
	if c.Compiled {
		s += " (fact sheet compiled by SummitBot)"
	}
	return s
}

// Citation returns the document's own citation: what a passage cites when
// its section names no source of its own.
func (d Document) Citation() Citation {
	return Citation{DocID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Published: d.Published, Lang: d.Lang,
		Compiled: d.Kind == FactSheet}
}

// Passage is a piece of a document short enough to quote in a chat message.
type Passage struct {
	ID      string // "<document id>#<ordinal>", stable while the document keeps its sections
	Ordinal int    // 1-based position in the document
	Section int    // 1-based position of its section: the same in every language version of a fact sheet
	Heading string // the heading of the section the passage comes from, if any
	Text    string
	Lang    string

	// Citation is the document's, except that its URL is the first source
	// listed for the passage's section when the section lists one.
	Citation Citation
}
