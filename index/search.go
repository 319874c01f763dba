package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/summitbot/summitbot/corpus"
)

// ErrEmptyQuestion is returned by Ask for a question with no text at all.
var ErrEmptyQuestion = errors.New("empty question")

// Span is a byte range of a passage's text.
type Span struct{ Start, End int }

// Hit is a passage that answers a question.
type Hit struct {
	Passage corpus.Passage
	Score   float64
	Marks   []Span // the words that matched the question, in Passage.Text
}

// Answer is SummitBot's reply to a question.
type Answer struct {
	Question string // the question as read: normalized, cut to MaxQuestionRunes
	Lang     string // the question's language
	Answered bool   // false when nothing in the corpus answers the question
	Text     string // the sentence or clause of the first hit that holds the asked fact
	// Span is where Text stands in Hits[0].Passage.Text, so that a reply
	// can mark it there instead of repeating it; zero when Text is empty.
	Span Span
	Hits []Hit // the page of passages asked for; the first one holds Text
	// Closest is set when Answered is false but Hits holds the passages
	// nearest the question: to be offered as "the closest I have", never
	// as the answer.
	Closest bool
	Total   int // passages that answer, over all pages
}

// AskOptions select a page of passages.
type AskOptions struct {
	Offset int
	Limit  int // 0 means 3: the best passage and two supporting ones
}

// askTimeout bounds a search whose context has no deadline.
const askTimeout = 2 * time.Second

// Ask answers a question. It returns ErrEmptyQuestion for blank text; a
// question the corpus does not answer is not an error: Answered is false.
func (e *Engine) Ask(ctx context.Context, text string, opts AskOptions) (Answer, error) {
	if opts.Limit <= 0 {
		opts.Limit = 3
	}
	j, err := e.judge(ctx, text)
	if err != nil {
		return Answer{}, err
	}
	ans := Answer{Question: j.q.text, Lang: j.q.lang}
	switch j.decision {
	case refuse:
		return ans, nil
	case closest:
		// Nothing holds what was asked; the nearest passage is offered as
		// such, never as the answer.
		ans.Closest = true
		ans.Total = 1
		if opts.Offset == 0 {
			ans.Hits = []Hit{j.ranked[0].toHit()}
		}
		return ans, nil
	}
	q, ranked := j.q, j.ranked
	shown := []*candidate{ranked[0]}
	rest := slices.Clone(ranked[1:])
	// Supporting passages in the question's language come first: the
	// reader asked in it.
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].lang == q.lang && rest[j].lang != q.lang })
	for _, c := range rest {
		if c.cov >= e.params.MinSupportCoverage && !repeats(c, shown) {
			shown = append(shown, c)
		}
	}
	ans.Answered = true
	ans.Span = ranked[0].answerSpan(q.answer)
	ans.Text = ranked[0].text[ans.Span.Start:ans.Span.End]
	ans.Total = len(shown)
	for i := opts.Offset; i < len(shown) && i < opts.Offset+opts.Limit; i++ {
		ans.Hits = append(ans.Hits, shown[i].toHit())
	}
	return ans, nil
}

// judgement is the answer path's work on one question, shared by Ask and
// Explain: the question as understood, the candidates as ranked (the best
// first), and what was decided, with the reason.
type judgement struct {
	q        question
	ranked   []*candidate
	decision decision
	reason   string
}

// judge reads a question, ranks the candidates and decides: question →
// candidates → ranking → answer, closest or refusal.
func (e *Engine) judge(ctx context.Context, text string) (judgement, error) {
	if strings.TrimSpace(text) == "" {
		return judgement{}, ErrEmptyQuestion
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, askTimeout)
		defer cancel()
	}
	j := judgement{q: e.parseQuestion(text), decision: refuse}
	if len(j.q.units) == 0 {
		j.reason = "the question has nothing to search for: only stop words and question words"
		return j, nil
	}
	var err error
	if j.ranked, err = e.rank(ctx, j.q); err != nil {
		return j, err
	}
	if len(j.ranked) == 0 {
		j.reason = "no passage holds any word of the question"
		return j, nil
	}
	if u, ok := e.unknownEntity(j.q, j.ranked[0]); ok {
		j.reason = fmt.Sprintf("the question names %q, which no passage holds: it is about something else", u.text)
		return j, nil
	}
	if !anchored(j.q, j.ranked[0]) {
		j.reason = "the best passage shares only common words or a place with the question, no event, name or topic"
		return j, nil
	}
	j.ranked = preferLanguage(j.q, j.ranked, e.params)
	j.decision, j.reason = e.verdict(j.q, j.ranked[0])
	return j, nil
}

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
// refuse by.)
func (e *Engine) verdict(q question, best *candidate) (decision, string) {
	switch {
	case best.cov < e.params.MinClosest:
		return refuse, fmt.Sprintf("the best passage covers %.0f%% of the question, under the %.0f%% needed even to be offered as the closest",
			100*best.cov, 100*e.params.MinClosest)
	case best.cov < e.params.MinCoverage:
		return closest, fmt.Sprintf("the best passage covers %.0f%% of the question, under the %.0f%% an answer needs",
			100*best.cov, 100*e.params.MinCoverage)
	case len(q.years) > 0 && !holdsAnyYear(best, q.years):
		return closest, "the question names a year the best passage does not speak of"
	case q.ordinal != "" && len(q.events) > 0 && !ordinalMatched(q, best):
		return closest, fmt.Sprintf("the question asks about event %q of its kind, and the best passage is about another", q.ordinal)
	case q.answer == corpus.AnswerDate || q.answer == corpus.AnswerNumber:
		if _, inPassage := best.holds(q.answer); !inPassage &&
			!(q.answer == corpus.AnswerDate && len(best.meta.F.Years) > 0) {
			return closest, fmt.Sprintf("the question asks for a %s and the best passage holds none", q.answer)
		}
	}
	return answer, fmt.Sprintf("the best passage covers %.0f%% of the question", 100*best.cov)
}

// holdsAnyYear reports whether the passage names one of the years: "trade in
// 2021" is not answered by the figure for 2024.
func holdsAnyYear(c *candidate, years map[int]bool) bool {
	for _, y := range c.meta.F.Years {
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

// candidate is a passage the full-text search found, with what the
// re-ranker learns about it.
type candidate struct {
	id      string
	lang    string
	text    string       // the passage, without the title and heading in front
	meta    *passageMeta // shared with the cache: read only
	locs    search.TermLocationMap
	bm25    float64
	cov     float64
	matched []bool // per question unit
	best    int    // the sentence that matches most of the question
	score   float64
	parts   []float64 // the score's terms, for TestExplain
}

func (e *Engine) rank(ctx context.Context, q question) ([]*candidate, error) {
	hits, err := e.search(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []*candidate
	for _, h := range hits {
		p, err := e.passages.get(e.idx, h.ID)
		if err != nil {
			e.log.Warn("skipping a passage with unreadable fields", "passage", h.ID, "err", err)
			continue
		}
		out = append(out, &candidate{id: h.ID, bm25: h.Score, lang: p.lang, text: p.text, meta: &p.meta,
			locs: h.Locations[textField(p.lang)]})
	}
	e.score(q, out)
	// A passage that answers (covers enough of the question) comes before
	// one that only scores well.
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := out[i].cov >= e.params.MinCoverage, out[j].cov >= e.params.MinCoverage; a != b {
			return a
		}
		return out[i].score > out[j].score
	})
	return out, nil
}

// termClause is one term of the question in one field, with the number of
// passages holding it.
type termClause struct {
	field, term string
	df          uint64
}

// Terms too common to choose candidates by, in an index large enough for
// it to matter ("summit" in a corpus about summits), still count in the
// ranking but not in the first search.
const (
	commonShare = 0.05 // share of the passages
	minCommonDF = 2000 // and at least this many passages
	keepRarest  = 3    // the rarest terms choose candidates even when all are common
)

// search finds the candidates for the re-ranker: the question's terms in
// every language field, each expanded by that field's synonyms, and its
// concepts, which reach every language at once. User text only ever reaches
// term queries: no query syntax, no wildcards, no regular expressions.
//
// In a large index, candidates are chosen by the question's less common
// terms, then scored on all of them; in a small one, both are one search.
func (e *Engine) search(ctx context.Context, q question) (search.DocumentMatchCollection, error) {
	all, err := e.termClauses(ctx, q)
	if err != nil {
		return nil, err
	}
	full := clauseQuery(all)
	choose := chooseClauses(all, e.docCount())
	if len(choose) == len(all) {
		req := bleve.NewSearchRequestOptions(full, e.params.Candidates, 0, false)
		req.IncludeLocations = true
		res, err := e.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		return res.Hits, nil
	}
	first, err := e.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(clauseQuery(choose), e.params.Candidates, 0, false))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if len(first.Hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(first.Hits))
	for i, h := range first.Hits {
		ids[i] = h.ID
	}
	only := bleve.NewDocIDQuery(ids)
	only.SetBoost(1e-9) // selects, does not score
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(only, full), e.params.Candidates, 0, false)
	req.IncludeLocations = true
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res.Hits, nil
}

// termClauses lists the question's terms as each field's analyzer reads
// them, and its concepts, with the number of passages holding each.
func (e *Engine) termClauses(ctx context.Context, q question) ([]termClause, error) {
	lex := e.lexicon()
	var out []termClause
	for _, l := range corpus.Languages {
		seen := map[string]bool{}
		for _, t := range termsOf(lex.analyzers[l].Analyze([]byte(q.cleaned))) {
			if !seen[t] {
				seen[t] = true
				out = append(out, termClause{field: textField(l), term: t})
			}
		}
	}
	for _, u := range q.units {
		if u.fuzzy != "" {
			out = append(out, termClause{field: textField(q.lang), term: u.fuzzy})
		}
	}
	seen := map[string]bool{}
	for _, u := range q.units {
		if u.kind == unitConcept && !seen[u.id] {
			seen[u.id] = true
			out = append(out, termClause{field: fieldConcepts, term: u.id})
		}
	}
	ai, err := e.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := ai.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	for i := range out {
		tfr, err := r.TermFieldReader(ctx, []byte(out[i].term), out[i].field, false, false, false)
		if err != nil {
			return nil, err
		}
		out[i].df = tfr.Count()
		tfr.Close()
	}
	return out, nil
}

// chooseClauses keeps the clauses rare enough to choose candidates by, and
// at least the keepRarest rarest ones.
func chooseClauses(all []termClause, docs uint64) []termClause {
	limit := max(uint64(commonShare*float64(docs)), minCommonDF)
	var out []termClause
	for _, c := range all {
		if c.df <= limit {
			out = append(out, c)
		}
	}
	if len(out) >= keepRarest || len(out) == len(all) {
		return out
	}
	byDF := slices.Clone(all)
	sort.SliceStable(byDF, func(i, j int) bool { return byDF[i].df < byDF[j].df })
	return byDF[:min(keepRarest, len(byDF))]
}

// clauseQuery is a disjunction over fields of the disjunction of each
// field's terms, as a match query per field would be, and a clause per
// concept.
func clauseQuery(cs []termClause) query.Query {
	var fields []string
	byField := map[string][]query.Query{}
	for _, c := range cs {
		if _, ok := byField[c.field]; !ok {
			fields = append(fields, c.field)
		}
		tq := bleve.NewTermQuery(c.term)
		tq.SetField(c.field)
		byField[c.field] = append(byField[c.field], tq)
	}
	var qs []query.Query
	for _, f := range fields {
		if f == fieldConcepts {
			qs = append(qs, byField[f]...)
			continue
		}
		qs = append(qs, bleve.NewDisjunctionQuery(byField[f]...))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// docCount is the number of passages in the index.
func (e *Engine) docCount() uint64 {
	n, err := e.idx.DocCount()
	if err != nil {
		return 0
	}
	return n
}

// unitTerms analyzes each word and Chinese unit with each language's
// analyzer: the terms a passage in that language must hold to match it.
func (e *Engine) unitTerms(q question) map[string][][]string {
	lex := e.lexicon()
	out := map[string][][]string{}
	for _, l := range corpus.Languages {
		ts := make([][]string, len(q.units))
		for i, u := range q.units {
			switch {
			case u.fuzzy != "" && l == q.lang:
				ts[i] = []string{u.fuzzy}
			case u.kind != unitConcept:
				ts[i] = termsOf(lex.analyzers[l].Analyze([]byte(u.text)))
			}
		}
		out[l] = ts
	}
	return out
}

// match records which question units the passage matches, its coverage
// (the matched share of the units' weight), and the sentence where most of
// the question is.
func (c *candidate) match(q question, terms map[string][][]string, ordinalOK bool, p Params) {
	c.matched = make([]bool, len(q.units))
	sents := c.meta.F.Sentences
	perSentence := make([]float64, len(sents))
	var total, got float64
	concepts := map[string]bool{}
	for _, id := range c.meta.F.Concepts {
		concepts[id] = true
	}
	for i, u := range q.units {
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
			if concepts[u.id] {
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
			in := make([]bool, len(sents))
			for k, sn := range sents {
				in[k] = slices.Contains(sn.Concepts, u.id)
			}
			spread(perSentence, in, w)
		case unitWord, unitHan:
			if c.lang != q.lang && !u.entity {
				// An ordinary word matches text in its own language only:
				// "decide" must not match the French "décidée".
				break
			}
			ts := terms[c.lang][i]
			n := 0
			in := make([]bool, len(sents))
			for _, t := range ts {
				ls, ok := c.locs[t]
				if !ok {
					continue
				}
				n++
				for _, l := range ls {
					if k := sentenceAt(sents, int(l.Start)-c.meta.Context); k >= 0 {
						in[k] = true
					}
				}
			}
			if len(ts) > 0 {
				frac = float64(n) / float64(len(ts))
			}
			if u.kind == unitHan {
				frac *= frac // a Chinese phrase counts when most of it is there
			}
			spread(perSentence, in, u.weight*frac)
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
	// meeting", the sentence with the chair's name.
	if q.answer != "" {
		for k, sn := range sents {
			if slices.Contains(sn.Has, q.answer) || slices.Contains(sn.Concepts, q.answer) {
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

// subjectKinds are the kinds of alias set that say what a question is
// about, beyond the kind of event.
var subjectKinds = map[corpus.AliasKind]bool{corpus.AliasPlace: true, corpus.AliasPerson: true, corpus.AliasOrg: true,
	corpus.AliasDocument: true, corpus.AliasTopic: true, corpus.AliasOther: true}

// subjectNear reports whether the answer sentence, or the one before it
// (which often names what "it" is), names the question's subject: its
// names, places, documents and topics, or else its events. The asked fact
// must stand next to what it is a fact of.
func (c *candidate) subjectNear(q question) bool {
	sents := c.meta.F.Sentences
	if c.best >= len(sents) {
		return true
	}
	var subject []string
	for _, u := range q.units {
		if u.kind == unitConcept && subjectKinds[u.setKind] {
			subject = append(subject, u.id)
		}
	}
	if len(subject) == 0 {
		for id := range q.events {
			subject = append(subject, id)
		}
	}
	if len(subject) == 0 {
		return true
	}
	for k := max(0, c.best-1); k <= c.best; k++ {
		for _, id := range subject {
			if slices.Contains(sents[k].Concepts, id) {
				return true
			}
		}
	}
	return false
}

// score combines the full-text score with what the question asked for:
// the kind of answer, the event (ordinal, year, place), the language, how
// much of the question the passage covers and how close together.
func (e *Engine) score(q question, cs []*candidate) {
	if len(cs) == 0 {
		return
	}
	// Full-text scores compare only within a language: a passage in the
	// question's language matches its words, the others mostly through
	// synonyms and concepts.
	maxBM := map[string]float64{}
	for _, c := range cs {
		maxBM[c.lang] = math.Max(maxBM[c.lang], c.bm25)
	}
	lex := e.lexicon()
	terms := e.unitTerms(q)
	lastYear := e.lastEventYear(q, cs)
	p := e.params
	sig := p.Signals
	for _, c := range cs {
		ev, ordinalOK := lex.eventScore(q, c.meta.F, e.now().Year(), lastYear, p.Event)
		c.match(q, terms, ordinalOK, p)
		c.parts = []float64{sig.BM25 * c.bm25 / maxBM[c.lang], sig.Coverage * c.cov,
			sig.Proximity * proximity(c.locs, c.meta.Context), ev}
		s := c.parts[0] + c.parts[1] + c.parts[2] + c.parts[3]
		s += sig.Language * p.languageShare(q.lang, c.lang) // the reader asked in this language
		if q.answer != "" {
			inSentence, inPassage := c.holds(q.answer)
			switch {
			case inSentence && c.subjectNear(q):
				s += sig.AnswerInSentence + sig.AnswerPerSentence*float64(min(c.sentencesHolding(q.answer)-1, 3))
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
		if q.implies != "" && len(q.events) > 0 && c.best < len(c.meta.F.Sentences) &&
			slices.Contains(c.meta.F.Sentences[c.best].Concepts, q.implies) {
			s += sig.Implied // "when was the summit": the sentence that says it was held
		}
		c.score = s
		c.parts = append(c.parts, s-c.parts[0]-c.parts[1]-c.parts[2]-c.parts[3])
	}
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
		case t.Years[0] >= thisYear: // the first year a topic names is its event's
			s, ordinalOK = s+w.Relative, true
		default:
			s += w.NextOver // over already
		}
	case "last-year", "this-year":
		want := thisYear
		if q.ordinal == "last-year" {
			want--
		}
		switch {
		case !sameKind || len(t.Years) == 0:
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
	for y := range q.years {
		if slices.Contains(t.Years, y) {
			s += w.Year
			break
		} else if slices.Contains(f.Years, y) {
			s += w.YearMentioned
			break
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

// proximity is 1 when the passage's matched terms stand next to each other
// and falls as the smallest stretch of text holding them all grows.
func proximity(locs search.TermLocationMap, context int) float64 {
	type occ struct {
		pos  uint64
		term int
	}
	var occs []occ
	n := 0
	for _, ls := range locs {
		found := false
		for _, l := range ls {
			if int(l.Start) >= context {
				occs = append(occs, occ{l.Pos, n})
				found = true
			}
		}
		if found {
			n++
		}
	}
	if n < 2 {
		return 0
	}
	sort.Slice(occs, func(i, j int) bool { return occs[i].pos < occs[j].pos })
	counts := make([]int, n)
	have, best := 0, uint64(math.MaxUint64)
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

// unknownEntity reports whether the question names something — a name, an
// acronym, a number, another organization — that the best passage lacks and
// that no passage in the index holds: "the G20 summit", "the 2018 World Cup".
func (e *Engine) unknownEntity(q question, best *candidate) (unit, bool) {
	for i, u := range q.units {
		if !u.entity || best.matched[i] {
			continue
		}
		if u.kind == unitConcept || (u.fuzzy == "" && !e.known(u.text)) {
			return u, true
		}
	}
	return unit{}, false
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

// parallel reports whether two passages are the same passage of one fact
// sheet in two languages: documents "<subject>-<lang>", the same position,
// the same event and the same years.
func parallel(a, b *candidate) bool {
	sa, la, okA := strings.Cut(a.id, "#")
	sb, lb, okB := strings.Cut(b.id, "#")
	if !okA || !okB || la != lb || a.meta.Kind != string(corpus.FactSheet) || b.meta.Kind != a.meta.Kind {
		return false
	}
	if strings.TrimSuffix(sa, "-"+a.lang) != strings.TrimSuffix(sb, "-"+b.lang) || sa == sb {
		return false
	}
	return a.meta.F.Topic.Ordinal == b.meta.F.Topic.Ordinal && slices.Equal(a.meta.F.Years, b.meta.F.Years)
}

// anchored reports whether the passage matches something that makes the
// question about this corpus: an event, a document, a person, an
// organization, a topic, or a name or number — not only a city and common
// words ("what to visit in Astana"). A question that is all place and
// stop words ("what happened in Chengdu?") is anchored when fully matched,
// and one that asks for a person, a date or a number when the passage's
// best sentence holds one.
func anchored(q question, c *candidate) bool {
	if c.cov >= 0.999 {
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

var anchorKinds = map[corpus.AliasKind]bool{corpus.AliasEvent: true, corpus.AliasDocument: true,
	corpus.AliasPerson: true, corpus.AliasOrg: true, corpus.AliasTopic: true, corpus.AliasRole: true}

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

func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// answerSpan is where the answer stands in the passage: the sentence where
// most of the question is, and the sentence after it when only that one
// holds the kind of fact asked for ("The centre opened in Yinchuan on 30
// July 2025. Its director is Feng Zhanwen."), trimmed of white space.
func (c *candidate) answerSpan(answer string) Span {
	sents := c.meta.F.Sentences
	if c.best >= len(sents) {
		return trimSpan(c.text, Span{0, len(c.text)})
	}
	sp := Span{0, sents[c.best].End}
	if c.best > 0 {
		sp.Start = sents[c.best-1].End
	}
	has := func(k int) bool {
		return slices.Contains(sents[k].Has, answer) || slices.Contains(sents[k].Concepts, answer)
	}
	if answer != "" && !has(c.best) && c.best+1 < len(sents) && has(c.best+1) {
		sp.End = sents[c.best+1].End
	}
	return trimSpan(c.text, sp)
}

func trimSpan(text string, sp Span) Span {
	for sp.Start < sp.End && strings.ContainsRune(" \t\n", rune(text[sp.Start])) {
		sp.Start++
	}
	for sp.End > sp.Start && strings.ContainsRune(" \t\n", rune(text[sp.End-1])) {
		sp.End--
	}
	return sp
}

// answerSentence is the text at answerSpan.
func (c *candidate) answerSentence(answer string) string {
	sp := c.answerSpan(answer)
	return c.text[sp.Start:sp.End]
}

func (c *candidate) toHit() Hit {
	pub, _ := time.Parse(corpus.DateLayout, c.meta.Published)
	ord := c.meta.Ordinal
	if ord == 0 {
		ord, _ = strconv.Atoi(c.id[strings.LastIndexByte(c.id, '#')+1:])
	}
	h := Hit{
		Passage: corpus.Passage{
			ID: c.id, Ordinal: ord, Heading: c.meta.Heading, Text: c.text, Lang: c.lang,
			Citation: corpus.Citation{DocID: c.meta.DocID, Title: c.meta.Title, Source: c.meta.Source,
				URL: c.meta.URL, Published: pub, Lang: c.lang, Compiled: c.meta.Compiled},
		},
		Score: math.Round(c.score*1000) / 1000,
	}
	for _, ls := range c.locs {
		for _, l := range ls {
			if s := int(l.Start) - c.meta.Context; s >= 0 && int(l.End)-c.meta.Context <= len(c.text) {
				h.Marks = append(h.Marks, Span{s, int(l.End) - c.meta.Context})
			}
		}
	}
	sort.Slice(h.Marks, func(i, j int) bool { return h.Marks[i].Start < h.Marks[j].Start })
	h.Marks = mergeSpans(h.Marks)
	return h
}

func mergeSpans(ss []Span) []Span {
	var out []Span
	for _, s := range ss {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
