package index

// This file is the feed-relevance classifier: whether a new document is
// about the format at all, and whether it matches a subscriber's topic.

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// relevanceThreshold is the score a document needs to enter the corpus.
const relevanceThreshold = 3

// Relevance judges whether a document is about the China–Central Asia
// format, by the alias sets it names: the format itself or Central Asia
// with a summit, a meeting, a declaration or the format's people. It
// returns the verdict and the reason, for the logs.
func (e *Engine) Relevance(d corpus.Document) (bool, string) { return e.lexicon().relevance(d) }

// Classifier judges documents without an index, for tools that must not
// open it (the index belongs to the serving process).
type Classifier struct{ lex *lexicon }

// NewClassifier reads the alias sets of a collection.
func NewClassifier(c *corpus.Collection) (*Classifier, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	return &Classifier{lex: newLexicon(c.Aliases, m)}, nil
}

// Relevance is Engine.Relevance.
func (c *Classifier) Relevance(d corpus.Document) (bool, string) { return c.lex.relevance(d) }

func (lex *lexicon) relevance(d corpus.Document) (bool, string) {
	text := d.Title + "\n" + d.Body
	found := map[string]bool{}
	kinds := map[corpus.AliasKind]int{}
	var others []string
	for _, c := range lex.find(text, d.Lang, false) {
		s := lex.sets[c.set]
		for _, id := range lex.withBroader(s.ID) {
			if !found[id] {
				found[id] = true
				kinds[lex.byID(id).Kind]++
				if lex.byID(id).Kind == corpus.AliasOther {
					others = append(others, id)
				}
			}
		}
	}
	score := 0
	if found["format"] {
		score += 2
	}
	if found["central-asia"] {
		score++
	}
	if kinds[corpus.AliasEvent] > 0 {
		score++
	}
	if kinds[corpus.AliasDocument] > 0 || found["secretariat"] {
		score++
	}
	if kinds[corpus.AliasPerson] > 0 {
		score++
	}
	if found[countrySet] && kinds[corpus.AliasPlace] >= 3 {
		score++ // several of the five countries
	}
	score -= 2 * len(others)
	names := make([]string, 0, len(found))
	for id := range found {
		names = append(names, id)
	}
	sort.Strings(names)
	about := found["format"] || found["central-asia"]
	reason := fmt.Sprintf("score %d of %d needed; names %s", score, relevanceThreshold, strings.Join(names, ", "))
	if !about {
		reason = "names neither the China–Central Asia format nor Central Asia; " + reason
	}
	return about && score >= relevanceThreshold, reason
}

// Matches reports whether a document is about topic, words as a
// subscriber gives them ("transport", "Astana"): every word of the topic,
// or an alias of it in any language, must be in the document.
func (e *Engine) Matches(d corpus.Document, topic string) bool {
	q := e.parseQuestion(topic)
	if len(q.units) == 0 {
		return false
	}
	lex := e.lexicon()
	text := d.Title + "\n" + d.Body
	have := map[string]bool{}
	for _, c := range lex.find(text, d.Lang, false) {
		for _, id := range lex.withBroader(lex.sets[c.set].ID) {
			have[id] = true
		}
	}
	terms := map[string]bool{}
	for _, t := range termsOf(lex.analyzer(d.Lang).Analyze([]byte(text))) {
		terms[t] = true
	}
	for _, u := range q.units {
		if u.kind == unitConcept {
			if !have[u.id] {
				return false
			}
			continue
		}
		ts := termsOf(lex.analyzer(d.Lang).Analyze([]byte(u.text)))
		if len(ts) == 0 || !slices.ContainsFunc(ts, func(t string) bool { return terms[t] }) {
			return false
		}
	}
	return true
}
