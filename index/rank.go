package index

// This file re-ranks the candidates: what each matches of the question,
// the signals of its score (Params.Signals, Params.Event), and the choice
// of the passage in the reader's language.

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
)

// candidate is a passage the full-text search found, with what the
// re-ranker learns about it.
type candidate struct {
	id      string
	lang    string
	text    string       // the passage, without the title and heading in front
	meta    *passageMeta // shared with the cache: read only
	locs    candLocs
	bm25    float64
	cov     float64
	matched []bool // per question unit
	best    int    // the sentence that matches most of the question
	score   float64
	parts   [5]float64 // the score's terms, for Explain (scoreParts names them)
}

func (e *Engine) rank(ctx context.Context, q question) ([]*candidate, error) {
	hits, clauses, err := e.search(ctx, q)
	if err != nil {
		return nil, err
	}
	// The question's terms in each language's field: where a passage holds
	// them is what the re-ranker measures.
	wanted := map[string]map[string]bool{}
	for _, cl := range clauses {
		if l, ok := strings.CutPrefix(cl.field, "text_"); ok {
			if wanted[l] == nil {
				wanted[l] = map[string]bool{}
			}
			wanted[l][cl.term] = true
		}
	}
	all := make([]candidate, 0, len(hits)) // one allocation for every candidate
	out := make([]*candidate, 0, len(hits))
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	ps, errs := e.passages.getAll(e.idx, ids)
	for i, h := range hits {
		p, err := ps[i], errs[i]
		if err != nil {
			e.log.Warn("skipping a passage with unreadable fields", "passage", h.id, "err", err)
			continue
		}
		if !visible(p.lang, q.lang) {
			// A Kazakh or Uzbek passage answers readers of its language
			// only; the four languages of the sheets answer everyone.
			continue
		}
		all = append(all, candidate{id: h.id, bm25: h.score, lang: p.lang, text: p.text, meta: &p.meta,
			locs: p.locsOf(wanted[p.lang])})
		out = append(out, &all[len(all)-1])
	}
	e.score(q, out)
	// A passage that answers (covers enough of the question) comes before
	// one that only scores well.
	slices.SortStableFunc(out, func(a, b *candidate) int {
		if ea, eb := a.cov >= e.params.MinCoverage, b.cov >= e.params.MinCoverage; ea != eb {
			if ea {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.score, a.score)
	})
	return out, nil
}

// unitTerms analyzes each word and Chinese unit with each language's
// analyzer: the terms a passage in that language must hold to match it.
func (e *Engine) unitTerms(q question) map[string][][]string {
	out := map[string][][]string{}
	for _, l := range corpus.Languages {
		if !visible(l, q.lang) {
			continue
		}
		ts := make([][]string, len(q.units))
		for i, u := range q.units {
			switch {
			case u.fuzzy != "" && l == q.lang:
				ts[i] = []string{u.fuzzy}
			case u.kind == unitHan:
				ts[i] = e.knownTerms(l, e.terms(l, u.text))
			case u.kind != unitConcept:
				ts[i] = e.terms(l, u.text)
			}
		}
		out[l] = ts
	}
	return out
}

// knownTerms drops the character pairs of a Chinese run that straddle
// two words: a pair no passage in language lang holds, between two that
// some passage does ("国城" in "中国城市"). Counted, they made a long run's
// matched share small wherever it was asked; a pair of an unknown word
// ("拉共" in "中国拉共体论坛") is not between two known ones, and counts.
func (e *Engine) knownTerms(lang string, ts []string) []string {
	known := make([]bool, len(ts))
	for i, t := range ts {
		known[i] = e.countDF(textField(lang), []string{t}) > 0
	}
	var out []string
	for i, t := range ts {
		if !known[i] && i > 0 && i < len(ts)-1 && known[i-1] && known[i+1] {
			continue
		}
		out = append(out, t)
	}
	return out
}

// match records which question units the passage matches, its coverage
// (the matched share of the units' weight), and the sentence where most of
// the question is.
func (c *candidate) match(lx *lexicon, q question, terms map[string][][]string, ordinalOK bool, p Params, sc *scratch) {
	c.matched = sc.matched(len(q.units))
	sents := c.meta.F.Sentences
	perSentence, in := sc.sentences(len(sents)) // in: the sentences holding a unit, reused unit after unit
	var total, got float64
	for i, u := range q.units {
		clear(in)
		total += u.weight
		frac := 0.0
		switch u.kind {
		case unitConcept:
			if u.ordinal {
				// "first" is matched by a passage about the first event,
				// not by any passage with the word "first".
				if ordinalOK {
					frac = 1
				}
				break
			}
			if slices.Contains(c.meta.F.Concepts, u.id) {
				frac = 1
			}
			// What the passage is about (its event, its place) is context,
			// not the point of the question: "the Chengdu meeting, how many
			// scholarships" is answered where the scholarships are.
			w := u.weight
			if t := c.meta.F.Topic; slices.Contains(t.Places, u.id) || slices.Contains(t.Events, u.id) ||
				(u.setKind == corpus.AliasEvent && len(t.Events) > 0) {
				w *= 0.3
			}
			for k, sn := range sents {
				in[k] = slices.Contains(sn.Concepts, u.id)
			}
			spread(perSentence, in, w*p.Signals.SentenceSubject)
		case unitWord, unitHan:
			if c.lang != q.lang && !u.entity {
				// An ordinary word matches text in its own language only:
				// "decide" must not match the French "décidée".
				break
			}
			ts := terms[c.lang][i]
			n := 0
			for _, t := range ts {
				ls, ok := c.locs.get(t)
				if !ok {
					continue
				}
				n++
				for _, l := range ls {
					if k := sentenceAt(sents, int(l.start)-c.meta.Context); k >= 0 {
						in[k] = true
					}
				}
			}
			got := float64(n)
			if n < len(ts) && u.kind == unitWord && p.Weights.Prefix > 0 {
				got += p.Weights.Prefix * c.prefixMatches(ts, in)
			}
			if len(ts) > 0 {
				frac = got / float64(len(ts))
			}
			if u.kind == unitHan {
				frac *= frac // a Chinese phrase counts when most of it is there
			}
			w := u.weight * frac
			if u.entity {
				w *= p.Signals.SentenceSubject
			}
			spread(perSentence, in, w)
		}
		c.matched[i] = frac >= 0.5
		got += u.weight * frac
	}
	if total > 0 {
		c.cov = got / total
	}
	// A long question often sets the scene before it asks: "I'm writing a
	// piece on…: on which day…?". A clause that the passage covers well
	// is enough.
	for _, cl := range q.clauses {
		var ct, cg float64
		for _, i := range cl {
			ct += q.units[i].weight
			if c.matched[i] {
				cg += q.units[i].weight
			}
		}
		if ct >= p.MinClauseWeight && cg/ct > c.cov {
			c.cov = cg / ct
		}
	}
	// The answer is the sentence that says what was asked, not the one
	// that repeats most of the question: for "who chaired the fifth
	// meeting", the sentence with the chair's name. A sentence about
	// another event of the count holds another event's facts: for "when
	// is the third summit", not "the report of 17 June 2025 on the second
	// summit".
	if q.answer != "" {
		asked := answerOrdinal(q, c.meta.F.Topic, ordinalOK)
		for k, sn := range sents {
			if (slices.Contains(sn.Has, q.answer) || slices.Contains(sn.Concepts, q.answer)) && !lx.countsOther(sn.Concepts, asked, q.events) {
				perSentence[k] += p.Signals.SentenceAnswer
			}
		}
	}
	for k := range perSentence {
		if perSentence[k] > perSentence[c.best] {
			c.best = k
		}
	}
}

// prefixMatches counts the terms of ts that the passage does not hold but
// holds a word of the same stem as, and marks the sentences holding it.
// The languages' stemmers are light: "coûtera" is "coutera" and "coût"
// "cout", "стартовало" is "стартова" and "старт" "старт". Two terms of
// one stem are one a prefix of the other, the shorter at least
// minStemRunes long.
func (c *candidate) prefixMatches(ts []string, in []bool) float64 {
	n := 0
	for _, t := range ts {
		if _, ok := c.locs.get(t); ok || utf8.RuneCountInString(t) < minStemRunes {
			continue
		}
		// Every word of the stem marks its sentences: the map's order
		// must not choose which.
		found := false
		for term, ls := range c.locs.all {
			if !sameStem(t, term) {
				continue
			}
			found = true
			for _, l := range ls {
				if k := sentenceAt(c.meta.F.Sentences, int(l.start)-c.meta.Context); k >= 0 {
					in[k] = true
				}
			}
		}
		if found {
			n++
		}
	}
	return float64(n)
}

// minStemRunes is the shortest stem prefixMatches takes: shorter ones
// begin too many unrelated words ("part", "partner").
const minStemRunes = 5

// sameStem says whether one of a and b begins the other and the shorter
// is at least minStemRunes runes long.
func sameStem(a, b string) bool {
	if len(b) < len(a) {
		a, b = b, a
	}
	return a != b && strings.HasPrefix(b, a) && utf8.RuneCountInString(a) >= minStemRunes
}

// answerOrdinal is the count of the event whose fact is asked, as a
// passage about it gives it: the question's ("the third summit"), or for
// a relative one ("the next summit") the passage's own when the passage is
// about that event; "" when neither is a number.
func answerOrdinal(q question, t topic, ordinalOK bool) string {
	switch {
	case isCount(q.ordinal):
		return q.ordinal
	case isCount(t.Ordinal) && ordinalOK:
		return t.Ordinal
	}
	return ""
}

// isCount reports whether an ordinal set's value is a number ("3"), not a
// relative word ("next", "last-year").
func isCount(ordinal string) bool {
	// Digits alone: strconv.Atoi would allocate an error value for every
	// ordinal that is a word.
	return ordinal != "" && strings.Trim(ordinal, "0123456789") == ""
}

// countsOther reports whether the concepts name an event's count other
// than asked and not asked itself. A count of another kind of event than
// the question's is no other one of them: "it prepared the second summit"
// still speaks of the sixth ministers' meeting.
func (lx *lexicon) countsOther(ids []string, asked string, events map[string]bool) bool {
	if asked == "" {
		return false
	}
	other := false
	var named []string // the events the sentence names
	for _, id := range ids {
		i, ok := lx.ids[id]
		if !ok {
			continue
		}
		switch s := lx.sets[i]; {
		case s.Kind == corpus.AliasEvent:
			named = append(named, id)
		case s.Kind != corpus.AliasOrdinal:
		case s.Value == asked:
			return false
		case isCount(s.Value):
			other = true
		}
	}
	if other && len(events) > 0 && len(named) > 0 && !lx.compatible(events, named) {
		return false
	}
	return other
}

// scratch is memory the re-ranker reuses from candidate to candidate: a
// question has some forty.
type scratch struct {
	bools  []bool // candidates' matched units, handed out in turn
	per    []float64
	inSent []bool
	occs   []occurrence // proximity's
	counts []int
}

// matched hands out a candidate's own n flags.
func (sc *scratch) matched(n int) []bool {
	if len(sc.bools) < n {
		sc.bools = make([]bool, max(n*40, 64))
	}
	m := sc.bools[:n:n]
	sc.bools = sc.bools[n:]
	return m
}

// sentences returns the per-sentence scores and flags, zeroed, for n
// sentences; they are the candidate's until the next call.
func (sc *scratch) sentences(n int) ([]float64, []bool) {
	if cap(sc.per) < n {
		sc.per, sc.inSent = make([]float64, n), make([]bool, n)
	}
	per, in := sc.per[:n], sc.inSent[:n]
	clear(per)
	clear(in)
	return per, in
}

// spread adds w to the sentences that hold a piece of the question, shared
// among them: a word found in one sentence of the passage tells which
// sentence answers, one found in all of them does not ("exports" in "Trade
// was 89.4 bn in 2023. China's exports were 61.4 bn.").
func spread(perSentence []float64, in []bool, w float64) {
	n := 0
	for _, ok := range in {
		if ok {
			n++
		}
	}
	for k, ok := range in {
		if ok {
			perSentence[k] += w / float64(n)
		}
	}
}

// sentencesHolding counts the sentences that hold an answer of this kind: a
// passage about dates has several.
func (c *candidate) sentencesHolding(answer string) int {
	n := 0
	for _, sn := range c.meta.F.Sentences {
		if slices.Contains(sn.Has, answer) || slices.Contains(sn.Concepts, answer) {
			n++
		}
	}
	return n
}

// sentenceAt returns the sentence holding byte offset off, or -1.
func sentenceAt(sents []sentence, off int) int {
	if off < 0 {
		return -1
	}
	for k, sn := range sents {
		if off < sn.End {
			return k
		}
	}
	return -1
}

// holds reports whether a sentence, or else the passage, holds the kind of
// answer the question asks for: a built-in type or an alias set.
func (c *candidate) holds(answer string) (inSentence, inPassage bool) {
	if k := c.best; k < len(c.meta.F.Sentences) {
		sn := c.meta.F.Sentences[k]
		inSentence = slices.Contains(sn.Has, answer) || slices.Contains(sn.Concepts, answer)
	}
	inPassage = slices.Contains(c.meta.F.Has, answer) || slices.Contains(c.meta.F.Concepts, answer)
	return inSentence, inPassage
}

// headShare is the share of the question (by weight) that the passage's
// heading and title name: a fact sheet's headings say what each section is
// about ("Trade in 2022", "Line D"), and a question that names the heading
// is asking about that section.
func (c *candidate) headShare(q question, terms map[string][][]string) float64 {
	var total, got float64
	for i, u := range q.units {
		total += u.weight
		switch {
		case u.kind == unitConcept && !u.ordinal:
			if slices.Contains(c.meta.F.Head, u.id) {
				got += u.weight
			}
		case u.kind == unitWord || u.kind == unitHan:
			ts := terms[c.lang][i]
			if len(ts) == 0 {
				continue
			}
			n := 0
			for _, t := range ts {
				ls, _ := c.locs.get(t)
				for _, l := range ls {
					if int(l.start) < c.meta.Context {
						n++
						break
					}
				}
			}
			got += u.weight * float64(n) / float64(len(ts))
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// subjectKinds are the kinds of alias set that say what a question is
// about, beyond the kind of event.
var subjectKinds = map[corpus.AliasKind]bool{corpus.AliasPlace: true, corpus.AliasPerson: true, corpus.AliasOrg: true,
	corpus.AliasDocument: true, corpus.AliasTopic: true, corpus.AliasOther: true}

// subject is what the question is about: the alias sets of its names,
// places, documents and topics, or else its events.
func (q question) subject() []string {
	if q.subjects != nil {
		return q.subjects
	}
	ids := []string{}
	for _, u := range q.units {
		if u.kind == unitConcept && subjectKinds[u.setKind] {
			ids = append(ids, u.id)
		}
	}
	if len(ids) == 0 {
		for id := range q.events {
			ids = append(ids, id)
		}
		slices.Sort(ids)
	}
	return ids
}

// subjectNear reports whether the answer sentence, or the one before it
// (which often names what "it" is), names the question's subject. The
// asked fact must stand next to what it is a fact of.
func (c *candidate) subjectNear(q question) bool {
	sents := c.meta.F.Sentences
	subject := q.subject()
	if q.measure != "" && q.answer == q.measured {
		// A figure asked of a measured thing is that thing's: "trade in
		// 2022" is not answered by the investment stock at the end of 2022.
		subject = []string{q.measure}
	}
	if c.best >= len(sents) || len(subject) == 0 {
		return true
	}
	for k := max(0, c.best-1); k <= c.best; k++ {
		if namesAny(sents[k], subject) {
			return true
		}
	}
	return false
}

// askedCountries are the countries a question asks for a person of ("who
// represented Kyrgyzstan"), or none.
func (lx *lexicon) askedCountries(q question) []string {
	if q.answer != corpus.AnswerPerson {
		return nil
	}
	return lx.subjectCountries(q)
}

// subjectCountries are the countries among the question's subjects.
func (lx *lexicon) subjectCountries(q question) []string {
	var out []string
	for _, id := range q.subject() {
		if lx.isCountry(id) {
			out = append(out, id)
		}
	}
	return out
}

// isCountry reports whether alias set id is a country, not the category.
func (lx *lexicon) isCountry(id string) bool {
	return id != countrySet && lx.byID(id).Kind == corpus.AliasPlace && slices.Contains(lx.withBroader(id), countrySet)
}

// personOfNone reports whether the answer sentence names no person beside
// any of the countries: a sentence that names the country and someone
// else ("…with Kyrgyzstan, according to foreign minister Qin Gang") holds
// a name, not the one asked for.
func (c *candidate) personOfNone(countries []string) bool {
	if len(countries) == 0 || c.best >= len(c.meta.F.Sentences) {
		return false
	}
	return !slices.ContainsFunc(countries, func(id string) bool { return slices.Contains(c.meta.F.Sentences[c.best].PersonOf, id) })
}

// countrySet and citySet are the alias sets every country and every city
// is a kind of.
const (
	countrySet = "country"
	citySet    = "city"
)

// score combines the full-text score with what the question asked for:
// the kind of answer, the event (ordinal, year, place), the language, how
// much of the question the passage covers and how close together.
func (e *Engine) score(q question, cs []*candidate) {
	if len(cs) == 0 {
		return
	}
	// Full-text scores compare only within a language: a passage in the
	// question's language matches its words, the others mostly through
	// names and concepts.
	maxBM := map[string]float64{}
	for _, c := range cs {
		maxBM[c.lang] = math.Max(maxBM[c.lang], c.bm25)
	}
	// A language with few candidates must not earn its best one a full
	// BM25 share: the question's own language sets the scale for all.
	if qb := maxBM[q.lang]; qb > 0 {
		for l, b := range maxBM {
			maxBM[l] = math.Max(b, qb)
		}
	}
	lex := e.lexicon()
	terms := e.unitTerms(q)
	// An implied action is the event's ("when was the summit": held); an
	// implied topic is the thing asked of ("how long": its length).
	implied := q.implies != "" && (len(q.events) > 0 || lex.byID(q.implies).Kind == corpus.AliasTopic)
	lastYear := e.lastEventYear(q, cs)
	countries := lex.askedCountries(q)
	p := e.params
	sig := p.Signals
	var sc scratch
	for _, c := range cs {
		ev, ordinalOK := lex.eventScore(q, c.meta.F, e.now().Year(), lastYear, p.Event)
		c.match(lex, q, terms, ordinalOK, p, &sc)
		c.parts = [5]float64{sig.BM25 * c.bm25 / maxBM[c.lang], sig.Coverage*c.cov + sig.Heading*c.headShare(q, terms),
			sig.Proximity * proximity(c.locs, c.meta.Context, &sc), ev}
		s := c.parts[0] + c.parts[1] + c.parts[2] + c.parts[3]
		s += sig.Language * p.languageShare(q.lang, c.lang) // the reader asked in this language
		if q.answer != "" {
			inSentence, inPassage := c.holds(q.answer)
			switch {
			case inSentence && c.personOfNone(countries):
				// Someone, but not of the country asked about: the person
				// asked for is missing.
				s += sig.AnswerMissing
			case inSentence && c.subjectNear(q):
				s += sig.AnswerInSentence + sig.AnswerPerSentence*float64(min(c.sentencesHolding(q.answer)-1, 3))
				// The day of the asked event, not of another one ("the next
				// summit": not the first meeting's day).
				if day, _ := c.holds(answerDay); day && q.answer == corpus.AnswerDate && (q.ordinal == "" || ordinalOK) {
					s += sig.Day
				}
				if lex.kinds(c.meta.F.Sentences[c.best].Concepts, q.answer) >= 3 {
					s += sig.List // "which countries": the sentence that lists them
				}
			case inSentence:
				// A date or a name in a sentence about something else
				// ("who from Tajikistan": a minister quoted beside it).
				s += sig.AnswerInPassage
			case inPassage:
				s += sig.AnswerInPassage
			case q.answer == corpus.AnswerDate && len(c.meta.F.Years) > 0:
				s += sig.YearForDate // a year is half a date
			default:
				s += sig.AnswerMissing
			}
		}
		if implied && c.best < len(c.meta.F.Sentences) {
			sn := c.meta.F.Sentences[c.best]
			if slices.Contains(sn.Concepts, q.implies) {
				s += sig.Implied // "when was the summit": the sentence that says it was held
			}
			if slices.Contains(sn.Concepts, outcomeSet) && !q.asksOutcome(lex) {
				// "At the summit held in Xi'an in May 2023, China announced…"
				// dates and places the summit only in passing.
				s += sig.Outcome
			}
		}
		if len(q.years) > 0 && q.answer == corpus.AnswerNumber && c.best < len(c.meta.F.Sentences) &&
			namesAskedYearAside(c.sentence(c.best), q.years) {
			s += sig.OtherYear
		}
		if lex.headOther(q, c.meta.F.Head) {
			s += sig.HeadOther
		}
		c.score = s
		c.parts[4] = s - c.parts[0] - c.parts[1] - c.parts[2] - c.parts[3]
	}
}

// headOther reports whether the passage's heading qualifies a role the
// question names bare: it names the role with a topic the question does
// not ("Transport ministers: second meeting" for "the second ministers'
// meeting"), so the section is about other holders of the role than the
// format's own.
func (lx *lexicon) headOther(q question, head []string) bool {
	role := false
	for _, u := range q.units {
		if u.kind == unitConcept && u.setKind == corpus.AliasRole && slices.Contains(head, u.id) {
			role = true
			break
		}
	}
	if !role {
		return false
	}
	for _, h := range head {
		if lx.byID(h).Kind != corpus.AliasTopic {
			continue
		}
		asked := false
		for _, u := range q.units {
			if u.kind == unitConcept && (slices.Contains(lx.withBroader(u.id), h) || slices.Contains(lx.withBroader(h), u.id)) {
				asked = true
				break
			}
		}
		if !asked {
			return true
		}
	}
	return false
}

// namesAskedYearAside reports whether a sentence starts with another year
// than the asked ones and names one of them after it: "in 2023 trade was
// $89.4 bn, 27 % more than in 2022" gives 2023's figure, not 2022's.
func namesAskedYearAside(sentence string, asked map[int]bool) bool {
	ys := years(sentence)
	return len(ys) > 1 && !asked[ys[0]] && slices.ContainsFunc(ys[1:], func(y int) bool { return asked[y] })
}

// sentence returns the text of the passage's sentence k.
func (c *candidate) sentence(k int) string {
	return c.text[sentenceStart(c.meta.F.Sentences, k):c.meta.F.Sentences[k].End]
}

// sentenceStart is the byte offset where sentence k begins: where the one
// before it ends.
func sentenceStart(sents []sentence, k int) int {
	if k == 0 {
		return 0
	}
	return sents[k-1].End
}

// outcomeSet is the alias set of what events produce: announcements,
// proposals, signatures.
const outcomeSet = "outcome"

// asksOutcome reports whether the question names an outcome ("when was
// the declaration signed").
func (q question) asksOutcome(lx *lexicon) bool {
	for _, u := range q.units {
		if u.kind == unitConcept && slices.Contains(lx.byID(u.id).Broader, outcomeSet) {
			return true
		}
	}
	return false
}

// mentionsKind reports whether one of a passage's event mentions
// ("summit#3") is of a kind the question asks about.
func (lx *lexicon) mentionsKind(mentions []string, events map[string]bool) bool {
	for _, m := range mentions {
		ev, _, _ := strings.Cut(m, "#")
		if len(events) == 0 || lx.compatible(events, []string{ev}) {
			return true
		}
	}
	return false
}

// kinds counts the ids that are a kind of the set id: the countries a
// sentence names, for "country".
func (lx *lexicon) kinds(ids []string, id string) int {
	n := 0
	for _, x := range ids {
		if x != id && slices.Contains(lx.byID(x).Broader, id) {
			n++
		}
	}
	return n
}

// eventScore rewards a passage about the event the question names, and
// penalizes one about another event of the same kind. ordinalOK says
// whether the passage is about the event the question's ordinal picks
// ("the first summit", "the next meeting").
func (lx *lexicon) eventScore(q question, f features, thisYear, lastYear int, w EventScores) (s float64, ordinalOK bool) {
	t := f.Topic
	sameKind := len(q.events) == 0 || lx.compatible(q.events, t.Events)
	switch q.ordinal {
	case "":
	case "next":
		switch {
		case !sameKind || len(t.Years) == 0:
		case t.Years[0] >= thisYear && (t.Ordinal != "" || lx.mentionsKind(f.Mentions, q.events)):
			// The first year a topic names is its event's, and the event
			// is counted ("the third summit"): not a target year in a
			// section about a past event ("the 2030 trade target").
			s, ordinalOK = s+w.Relative, true
		case t.Years[0] >= thisYear:
		default:
			s += w.NextOver // over already
		}
	case "last-year", "this-year", "year-before-last":
		want, _ := calendarYear(q.ordinal, thisYear)
		switch {
		case !sameKind || len(t.Years) == 0:
		case len(q.events) == 0 && q.years[want]:
			// "Trade last year" is no event's: the year is asked like a
			// named one (parseQuestion put it in q.years; Event.Year), not
			// of the passage's event, and the passage that speaks of it
			// matches "last year".
			ordinalOK = slices.Contains(f.Years, want) || slices.Contains(t.Years, want)
		case t.Years[0] == want:
			s, ordinalOK = s+w.Relative, true
		default:
			s += w.RelativeWrong
		}
	case "last":
		switch {
		case !sameKind || lastYear == 0 || len(t.Years) == 0:
		case t.Years[0] == lastYear:
			s, ordinalOK = s+w.Relative, true
		default:
			s += w.RelativeWrong
		}
	default:
		switch {
		case t.Ordinal == q.ordinal && sameKind:
			s, ordinalOK = s+w.Ordinal, true
		case t.Ordinal != "" && t.Ordinal != q.ordinal && sameKind && len(t.Events) > 0:
			s += w.WrongOrdinal
		default:
			for _, m := range f.Mentions {
				ev, ord, _ := strings.Cut(m, "#")
				if ord == q.ordinal && (len(q.events) == 0 || lx.compatible(q.events, []string{ev})) {
					s, ordinalOK = s+w.MentionedOrdinal, true
					break
				}
			}
		}
	}
	if len(q.events) > 0 && len(t.Events) > 0 {
		if lx.compatible(q.events, t.Events) {
			s += w.SameKind
		} else {
			s += w.OtherKind
		}
	}
	for p := range q.places {
		if slices.Contains(t.Places, p) {
			s += w.Place
			break
		}
	}
	asked := func(y int) bool { return q.years[y] }
	switch {
	case len(q.years) == 0:
	case slices.ContainsFunc(t.Years, asked):
		s += w.Year
	default:
		if len(t.Years) > 0 {
			// A passage about another year that names the asked one only
			// in passing ("in 2023, 27 % more than in 2022" for 2022's trade).
			s += w.YearOther
		}
		if slices.ContainsFunc(f.Years, asked) {
			s += w.YearMentioned
		}
	}
	return s, ordinalOK
}

// lastEventYear is the latest year, not in the future, of an event of the
// question's kind among the candidates: what "the last summit" refers to.
func (e *Engine) lastEventYear(q question, cs []*candidate) int {
	if q.ordinal != "last" {
		return 0
	}
	lex, this, best := e.lexicon(), e.now().Year(), 0
	for _, c := range cs {
		t := c.meta.F.Topic
		if len(t.Events) == 0 || len(t.Years) == 0 || (len(q.events) > 0 && !lex.compatible(q.events, t.Events)) {
			continue
		}
		if y := t.Years[0]; y <= this && y > best {
			best = y
		}
	}
	return best
}

// compatible reports whether a question about events qs can be about a
// passage on events ts: the same event, or one is a kind of the other
// ("fm-meeting" is a kind of "meeting").
func (lx *lexicon) compatible(qs map[string]bool, ts []string) bool {
	for q := range qs {
		qb := lx.withBroader(q)
		for _, t := range ts {
			tb := lx.withBroader(t)
			if slices.Contains(tb, q) || slices.Contains(qb, t) || (len(qb) > 1 && len(tb) > 1 && qb[1] == tb[1]) {
				return true
			}
		}
	}
	return false
}

// occurrence is a matched term's position in a passage, and which of the
// matched terms it is.
type occurrence struct {
	pos  uint32
	term int
}

// proximity is 1 when the passage's matched terms stand next to each other
// and falls as the smallest stretch of text holding them all grows.
func proximity(locs candLocs, context int, sc *scratch) float64 {
	occs := sc.occs[:0]
	n := 0
	locs.each(func(_ string, ls []loc) {
		found := false
		for _, l := range ls {
			if int(l.start) >= context {
				occs = append(occs, occurrence{l.pos, n})
				found = true
			}
		}
		if found {
			n++
		}
	})
	sc.occs = occs
	if n < 2 {
		return 0
	}
	slices.SortFunc(occs, func(a, b occurrence) int { return cmp.Compare(a.pos, b.pos) })
	if cap(sc.counts) < n {
		sc.counts = make([]int, n)
	}
	counts := sc.counts[:n]
	clear(counts)
	have, best := 0, uint32(math.MaxUint32)
	for i, j := 0, 0; j < len(occs); j++ {
		if counts[occs[j].term] == 0 {
			have++
		}
		counts[occs[j].term]++
		for have == n {
			if w := occs[j].pos - occs[i].pos; w < best {
				best = w
			}
			counts[occs[i].term]--
			if counts[occs[i].term] == 0 {
				have--
			}
			i++
		}
	}
	return math.Min(1, float64(n-1)/float64(best))
}

// preferLanguage moves to the front a passage in the question's language
// that answers nearly as well as a better one in another language.
func preferLanguage(q question, ranked []*candidate, p Params) []*candidate {
	top := ranked[0]
	if top.lang == q.lang {
		return ranked
	}
	// The same section of the fact sheet in the reader's language, or in
	// the one they fall back on, says the same thing: it answers instead,
	// whatever its score.
	for i, c := range ranked[1:] {
		if p.languageShare(q.lang, c.lang) > p.languageShare(q.lang, top.lang) && parallel(top, c) {
			// A translation answers as well as its original; the
			// question's words just matched the original better.
			c.cov = max(c.cov, top.cov)
			out := append([]*candidate{c}, ranked[:i+1]...)
			return append(out, ranked[i+2:]...)
		}
	}
	topHolds, _ := top.holds(q.answer)
	for i, c := range ranked[1:] {
		if top.score-c.score > p.NearlyAsGood {
			break
		}
		holds, _ := c.holds(q.answer)
		if c.lang == q.lang && c.cov >= top.cov-0.01 && (holds || !topHolds || q.answer == "") {
			out := append([]*candidate{c}, ranked[:i+1]...)
			return append(out, ranked[i+2:]...)
		}
	}
	return ranked
}

// parallel reports whether two passages say the same in two languages:
// the same section of one fact sheet ("<subject>-<lang>"), and, where the
// translations cut the section into passages differently, passages that
// share a year or both name none.
func parallel(a, b *candidate) bool {
	sa, _, okA := strings.Cut(a.id, "#")
	sb, _, okB := strings.Cut(b.id, "#")
	if !okA || !okB || a.meta.Kind != string(corpus.FactSheet) || b.meta.Kind != a.meta.Kind || sa == sb {
		return false
	}
	if strings.TrimSuffix(sa, "-"+a.lang) != strings.TrimSuffix(sb, "-"+b.lang) || a.meta.Section != b.meta.Section {
		return false
	}
	if len(a.meta.F.Years) == 0 || len(b.meta.F.Years) == 0 {
		return len(a.meta.F.Years) == len(b.meta.F.Years)
	}
	for _, y := range a.meta.F.Years {
		if slices.Contains(b.meta.F.Years, y) {
			return true
		}
	}
	return false
}

// translationWindow is how far, in passages, a section of a fact sheet may
// sit from its place in another language's version: translations cut long
// sections into passages at other sentences.
const translationWindow = 2

// translation returns the passage of the reader's language that says what
// the best passage says in another, when the search did not hand it over:
// the same section of the same fact sheet, read from the index. The search
// ranks passages by the question's words; a translation that words the fact
// differently can fall out of the candidates, and the reader should not get
// another language for that.
func (e *Engine) translation(q question, ranked []*candidate) *candidate {
	top := ranked[0]
	if top.lang == q.lang || top.meta.Kind != string(corpus.FactSheet) {
		return nil
	}
	stem := strings.TrimSuffix(top.meta.DocID, "-"+top.lang)
	if stem == top.meta.DocID {
		return nil
	}
	var terms map[string][][]string
	for n := max(1, top.meta.Ordinal-translationWindow); n <= top.meta.Ordinal+translationWindow; n++ {
		id := stem + "-" + q.lang + "#" + strconv.Itoa(n)
		p, err := e.passages.get(e.idx, id)
		if err != nil {
			continue // no such passage: the sheet is shorter, or not in this language
		}
		c := &candidate{id: id, lang: p.lang, text: p.text, meta: &p.meta}
		if !parallel(top, c) {
			continue
		}
		if terms == nil {
			terms = e.unitTerms(q)
		}
		_, ordinalOK := e.lexicon().eventScore(q, c.meta.F, e.now().Year(), e.lastEventYear(q, ranked), e.params.Event)
		c.match(e.lexicon(), q, terms, ordinalOK, e.params, &scratch{})
		// It says what the best passage says: it answers as well.
		c.cov, c.score, c.parts = max(c.cov, top.cov), top.score, top.parts
		return c
	}
	return nil
}

// repeats reports whether c says what one of shown already says in another
// language: the same event and nearly the same concepts.
func repeats(c *candidate, shown []*candidate) bool {
	for _, s := range shown {
		if s.lang == c.lang || s.meta.F.Topic.Ordinal != c.meta.F.Topic.Ordinal {
			continue
		}
		if jaccard(s.meta.F.Concepts, c.meta.F.Concepts) >= 0.6 {
			return true
		}
	}
	return false
}

// jaccard is the overlap of two sorted sets of ids.
func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			inter++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
