package index

// This file decides what the best passage is worth: an answer, the closest
// passage, or a refusal, and why.

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/summitbot/summitbot/corpus"
)

// decision is what Ask makes of its best passage.
type decision int

const (
	answer  decision = iota
	closest          // near the question, but not holding what it asks
	refuse
)

func (d decision) String() string { return [...]string{"answer", "closest", "refuse"}[d] }

// verdict decides whether the best passage answers the question, and
// says why: it must cover enough of it and, when the question asks for a
// date or a number, hold one. (Those two are read from the text itself;
// people and places only where the alias sets name them, too patchy to
// refuse by, except for cities: the sets name every city the sheets do,
// and "in China" is no answer to "in which city".)
func (e *Engine) verdict(q question, best *candidate) (decision, string) {
	unknown := askedUnknown(q, best)
	switch {
	case best.cov < e.params.MinClosest:
		return refuse, fmt.Sprintf("the best passage covers %.0f%% of the question, under the %.0f%% needed even to be offered as the closest",
			100*best.cov, 100*e.params.MinClosest)
	case best.cov < e.params.MinCoverage:
		return closest, fmt.Sprintf("the best passage covers %.0f%% of the question, under the %.0f%% an answer needs",
			100*best.cov, 100*e.params.MinCoverage)
	case q.kindred == Unlettered && best.cov < e.params.MinKindredCoverage:
		return closest, fmt.Sprintf("the question is read as %s from its words alone, without the letters %s writes (it may be Kyrgyz): the best passage covers %.0f%% of it, under the %.0f%% an answer then needs",
			q.lang, q.lang, 100*best.cov, 100*e.params.MinKindredCoverage)
	case q.kindred != "" && best.cov < e.params.MinKindredCoverage:
		return closest, fmt.Sprintf("the question is in %s, read as %s: the best passage covers %.0f%% of it, under the %.0f%% an answer then needs",
			q.kindred, q.lang, 100*best.cov, 100*e.params.MinKindredCoverage)
	case unknown != "":
		// "What gifts did…", "Какая погода была…": a thing asked for that
		// no passage names is a fact the corpus does not hold, however
		// well the rest of the question is matched.
		return closest, fmt.Sprintf("the question asks about %q, which no passage in its language speaks of", unknown)
	case len(q.years) > 0 && !holdsAnyYear(best, q.years):
		return closest, "the question names a year the best passage does not speak of"
	case q.ordinal != "" && len(q.events) > 0 && !ordinalMatched(q, best):
		return closest, fmt.Sprintf("the question asks about event %q of its kind, and the best passage is about another", q.ordinal)
	case q.answer == corpus.AnswerDate || q.answer == corpus.AnswerNumber:
		if _, inPassage := best.holds(q.answer); !inPassage &&
			!(q.answer == corpus.AnswerDate && len(best.meta.F.Years) > 0) {
			return closest, fmt.Sprintf("the question asks for a %s and the best passage holds none", q.answer)
		}
		if other := e.lexicon().otherCountry(q, best); other != "" {
			return closest, fmt.Sprintf("the question asks for a %s of a country the best passage's answer does not name; it speaks of %s", q.answer, other)
		}
	case q.answer == citySet:
		// The answer's sentence, not the passage: a passage on the third
		// summit, expected "in China", names Astana where the second was.
		if inSentence, _ := best.holds(q.answer); !inSentence {
			return closest, fmt.Sprintf("the question asks for a %s and the best passage's answer names none", q.answer)
		}
	}
	return answer, fmt.Sprintf("the best passage covers %.0f%% of the question", 100*best.cov)
}

// otherCountry is a country the answer's sentence names when it names none
// of those the question asks about: "when did Kazakhstan ratify the
// treaty" is not answered by the day Kyrgyzstan's parliament did. An
// answer that follows a sentence naming one speaks of it ("The
// China–Uzbekistan agreement… It follows the same rule as the Kazakh
// one"), as answerSpan quotes both.
func (lx *lexicon) otherCountry(q question, c *candidate) string {
	sents := c.meta.F.Sentences
	if c.best >= len(sents) {
		return ""
	}
	asked := lx.subjectCountries(q)
	if len(asked) == 0 || (c.best > 0 && namesAny(sents[c.best-1], asked)) {
		return ""
	}
	other := ""
	for _, id := range sents[c.best].Concepts {
		switch {
		case slices.Contains(asked, id):
			return ""
		case other == "" && lx.isCountry(id):
			other = id
		}
	}
	return other
}

// askedUnknown is the noun a question word asks for when no passage in the
// question's language holds it, or "".
func askedUnknown(q question, best *candidate) string {
	for i, u := range q.units {
		// A typo forgiven is known when the best passage holds the word it
		// was read as ("докумнет"), not when it was read as another word
		// the passage lacks too ("погода" as "повод").
		if u.unknown && (u.fuzzy == "" || !best.matched[i]) {
			return u.text
		}
	}
	return ""
}

// holdsAnyYear reports whether the passage speaks of one of the years:
// "trade in 2021" is not answered by the figure for 2024. A passage speaks
// of the years it names and of those its section is dated by (its
// heading's, its first sentence's or its document's title's): the second
// paragraph under "Xi'an summit (May 2023)" is about 2023 without saying
// so again.
func holdsAnyYear(c *candidate, years map[int]bool) bool {
	for _, y := range slices.Concat(c.meta.F.Years, c.meta.F.Topic.Years) {
		if years[y] {
			return true
		}
	}
	return false
}

// ordinalMatched reports whether the passage is about the event the
// question's ordinal picks: "the seventh meeting" is not the first one.
func ordinalMatched(q question, c *candidate) bool {
	for i, u := range q.units {
		if u.ordinal && !c.matched[i] {
			return false
		}
	}
	return true
}

// unknownEntity reports whether the question names something — a name, an
// acronym, a number, another organization — that the best passage lacks and
// that no passage in the index holds: "the G20 summit", "the 2018 World Cup".
func (e *Engine) unknownEntity(ctx context.Context, q question, best *candidate) (unit, bool, error) {
	for i, u := range q.units {
		switch {
		case best.matched[i]:
		case u.entity && (u.kind == unitConcept || (u.fuzzy == "" && !e.known(u.text))):
			return u, true, nil
		case u.partner && u.kind != unitHan && !u.common:
			// "sommet Corée–Asie centrale", "Japan–Central Asia summit":
			// a summit of another format when the best passage does not
			// name the partner, though other passages may ("the Central
			// Asia + Japan dialogue is another format"). A word most
			// passages hold is the format's own side ("China").
			return u, true, nil
		case u.partner:
			// A Chinese name is no capitalized word: it is unknown when no
			// passage holds all its character pairs ("阿拉伯" shares 阿拉
			// with 阿拉木图, and no passage has 拉伯).
			n, err := e.holdingAll(ctx, textField("zh"), e.terms("zh", u.text))
			if err != nil {
				return unit{}, false, err
			}
			if n == 0 {
				return u, true, nil
			}
		}
	}
	return unit{}, false, nil
}

// holdingAll counts the passages whose field holds every one of the terms.
func (e *Engine) holdingAll(ctx context.Context, field string, terms []string) (uint64, error) {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		tq := bleve.NewTermQuery(t)
		tq.SetField(field)
		qs[i] = tq
	}
	_, n, err := e.searchTop(ctx, bleve.NewConjunctionQuery(qs...), 0)
	return n, err
}

// anchored reports whether the passage matches something that makes the
// question about this corpus: an event, a document, a person, an
// organization, a topic, or a name or number — not only a city and common
// words ("what to visit in Astana"). A question that is all place and
// stop words ("what happened in Chengdu?") is anchored when fully matched,
// and one that asks for a person, a date or a number when the passage's
// best sentence holds one.
func anchored(q question, c *candidate) bool {
	if c.cov >= 0.999 && !onlyCommon(q) {
		return true
	}
	if q.answer != "" && q.answer != corpus.AnswerPlace {
		// "Who represented Uzbekistan in Chengdu?": a person next to the
		// places asked about is an answer.
		if inSentence, _ := c.holds(q.answer); inSentence {
			return true
		}
	}
	for i, u := range q.units {
		if c.matched[i] && (u.entity || (u.kind == unitConcept && anchorKinds[u.setKind])) {
			return true
		}
	}
	return false
}

// onlyCommon reports whether every piece of the question is a word most
// passages hold ("aaaa" read as the French "a", "what about it"): matching
// all of it says nothing of which passage answers.
func onlyCommon(q question) bool {
	for _, u := range q.units {
		if !u.common {
			return false
		}
	}
	return true
}

var anchorKinds = map[corpus.AliasKind]bool{corpus.AliasEvent: true, corpus.AliasDocument: true,
	corpus.AliasPerson: true, corpus.AliasOrg: true, corpus.AliasTopic: true, corpus.AliasRole: true}
