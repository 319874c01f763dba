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

const (
	// candidates is how many passages the full-text search hands to the
	// re-ranker; the corpus holds each fact in about four passages.
	candidates = 40
	// askTimeout bounds a search whose context has no deadline.
	askTimeout = 2 * time.Second
	// minCoverage is the share of a question (by weight) that the best
	// passage must match to count as an answer.
	minCoverage = 0.6
	// minSupportCoverage is the same for the other passages shown.
	minSupportCoverage = 0.5
	// minClauseWeight is how much a clause of a question must ask to be
	// judged on its own: at least one name or event.
	minClauseWeight = 1.5
)

// Ask answers a question. It returns ErrEmptyQuestion for blank text; a
// question the corpus does not answer is not an error: Answered is false.
func (e *Engine) Ask(ctx context.Context, text string, opts AskOptions) (Answer, error) {
	if strings.TrimSpace(text) == "" {
		return Answer{}, ErrEmptyQuestion
	}
	if opts.Limit <= 0 {
		opts.Limit = 3
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, askTimeout)
		defer cancel()
	}
	q := e.parseQuestion(text)
	ans := Answer{Question: q.text, Lang: q.lang}
	if len(q.units) == 0 {
		return ans, nil
	}
	ranked, err := e.rank(ctx, q)
	if err != nil {
		return ans, err
	}
	if len(ranked) == 0 || ranked[0].cov < minCoverage || e.unknownEntity(q, ranked[0]) || !anchored(q, ranked[0]) {
		return ans, nil
	}
	ranked = preferLanguage(q, ranked)
	shown := []*candidate{ranked[0]}
	rest := slices.Clone(ranked[1:])
	// Supporting passages in the question's language come first: the
	// reader asked in it.
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].lang == q.lang && rest[j].lang != q.lang })
	for _, c := range rest {
		if c.cov >= minSupportCoverage && !repeats(c, shown) {
			shown = append(shown, c)
		}
	}
	ans.Answered = true
	ans.Text = ranked[0].answerSentence()
	if i := strings.Index(ranked[0].text, ans.Text); i >= 0 && ans.Text != "" {
		ans.Span = Span{i, i + len(ans.Text)}
	}
	ans.Total = len(shown)
	for i := opts.Offset; i < len(shown) && i < opts.Offset+opts.Limit; i++ {
		ans.Hits = append(ans.Hits, shown[i].toHit())
	}
	return ans, nil
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
		if a, b := out[i].cov >= minCoverage, out[j].cov >= minCoverage; a != b {
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
		req := bleve.NewSearchRequestOptions(full, candidates, 0, false)
		req.IncludeLocations = true
		res, err := e.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		return res.Hits, nil
	}
	first, err := e.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(clauseQuery(choose), candidates, 0, false))
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
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(only, full), candidates, 0, false)
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
	seen := map[string]bool{}
	for _, u := range q.units {
		if u.kind == unitConcept && !seen[u.id] {
			seen[u.id] = true
			out = append(out, termClause{field: fieldConcepts, term: u.id})
		}
	}
	var missing []int
	for i := range out {
		if df, ok := e.dfs.get(out[i].field, out[i].term); ok {
			out[i].df = df
		} else {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	gen := e.dfs.generation()
	ai, err := e.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := ai.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	for _, i := range missing {
		tfr, err := r.TermFieldReader(ctx, []byte(out[i].term), out[i].field, false, false, false)
		if err != nil {
			return nil, err
		}
		out[i].df = tfr.Count()
		tfr.Close()
		e.dfs.put(gen, out[i].field, out[i].term, out[i].df)
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
	if n, ok := e.dfs.get("", ""); ok {
		return n
	}
	gen := e.dfs.generation()
	n, err := e.idx.DocCount()
	if err != nil {
		return 0
	}
	e.dfs.put(gen, "", "", n)
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
			if u.kind != unitConcept {
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
func (c *candidate) match(q question, terms map[string][][]string, ordinalOK bool) {
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
			for k, sn := range sents {
				if slices.Contains(sn.Concepts, u.id) {
					perSentence[k] += w
				}
			}
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
			for k := range in {
				if in[k] {
					perSentence[k] += u.weight * frac
				}
			}
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
		if ct >= minClauseWeight && cg/ct > c.cov {
			c.cov = cg / ct
		}
	}
	for k := range perSentence {
		if perSentence[k] > perSentence[c.best] {
			c.best = k
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

// weights of the re-ranker's signals, set on the eval files in testdata.
var weights = struct {
	BM25, Coverage, Proximity, Language, AnswerInSentence float64
}{BM25: 0.5, Coverage: 0.6, Proximity: 0.15, Language: 0.3, AnswerInSentence: 0.35}

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
	for _, c := range cs {
		ev, ordinalOK := lex.eventScore(q, c.meta.F, e.now().Year(), lastYear)
		c.match(q, terms, ordinalOK)
		c.parts = []float64{weights.BM25 * c.bm25 / maxBM[c.lang], weights.Coverage * c.cov,
			weights.Proximity * proximity(c.locs, c.meta.Context), ev}
		s := c.parts[0] + c.parts[1] + c.parts[2] + c.parts[3]
		if c.lang == q.lang {
			s += weights.Language // the reader asked in this language
		}
		if q.answer != "" {
			inSentence, inPassage := c.holds(q.answer)
			switch {
			case inSentence:
				s += weights.AnswerInSentence + 0.05*float64(min(c.sentencesHolding(q.answer)-1, 3))
			case inPassage:
				s += 0.1
			case q.answer == corpus.AnswerDate && len(c.meta.F.Years) > 0:
				s += 0.05 // a year is half a date
			default:
				s -= 0.25
			}
		}
		if q.implies != "" && len(q.events) > 0 && c.best < len(c.meta.F.Sentences) &&
			slices.Contains(c.meta.F.Sentences[c.best].Concepts, q.implies) {
			s += 0.15 // "when was the summit": the sentence that says it was held
		}
		c.score = s
		c.parts = append(c.parts, s-c.parts[0]-c.parts[1]-c.parts[2]-c.parts[3])
	}
}

// eventScore rewards a passage about the event the question names, and
// penalizes one about another event of the same kind. ordinalOK says
// whether the passage is about the event the question's ordinal picks
// ("the first summit", "the next meeting").
func (lx *lexicon) eventScore(q question, f features, thisYear, lastYear int) (s float64, ordinalOK bool) {
	t := f.Topic
	sameKind := len(q.events) == 0 || lx.compatible(q.events, t.Events)
	switch q.ordinal {
	case "":
	case "next":
		switch {
		case !sameKind || len(t.Years) == 0:
		case t.Years[0] >= thisYear: // the first year a topic names is its event's
			s, ordinalOK = s+0.4, true
		default:
			s -= 0.3 // over already
		}
	case "last-year", "this-year":
		want := thisYear
		if q.ordinal == "last-year" {
			want--
		}
		switch {
		case !sameKind || len(t.Years) == 0:
		case t.Years[0] == want:
			s, ordinalOK = s+0.4, true
		default:
			s -= 0.2
		}
	case "last":
		switch {
		case !sameKind || lastYear == 0 || len(t.Years) == 0:
		case t.Years[0] == lastYear:
			s, ordinalOK = s+0.4, true
		default:
			s -= 0.2
		}
	default:
		switch {
		case t.Ordinal == q.ordinal && sameKind:
			s, ordinalOK = s+0.5, true
		case t.Ordinal != "" && t.Ordinal != q.ordinal && sameKind && len(t.Events) > 0:
			s -= 0.5
		default:
			for _, m := range f.Mentions {
				ev, ord, _ := strings.Cut(m, "#")
				if ord == q.ordinal && (len(q.events) == 0 || lx.compatible(q.events, []string{ev})) {
					s, ordinalOK = s+0.2, true
					break
				}
			}
		}
	}
	if len(q.events) > 0 && len(t.Events) > 0 {
		if lx.compatible(q.events, t.Events) {
			s += 0.2
		} else {
			s -= 0.2
		}
	}
	for p := range q.places {
		if slices.Contains(t.Places, p) {
			s += 0.2
			break
		}
	}
	for y := range q.years {
		if slices.Contains(t.Years, y) {
			s += 0.2
			break
		} else if slices.Contains(f.Years, y) {
			s += 0.1
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
func (e *Engine) unknownEntity(q question, best *candidate) bool {
	for i, u := range q.units {
		if !u.entity || best.matched[i] {
			continue
		}
		if u.kind == unitConcept || !e.known(u.text) {
			return true
		}
	}
	return false
}

// nearlyAsGood is how far below the best passage's score a passage in the
// question's language may be and still answer instead of it.
const nearlyAsGood = 0.25

// preferLanguage moves to the front a passage in the question's language
// that answers nearly as well as a better one in another language.
func preferLanguage(q question, ranked []*candidate) []*candidate {
	top := ranked[0]
	if top.lang == q.lang {
		return ranked
	}
	topHolds, _ := top.holds(q.answer)
	for i, c := range ranked[1:] {
		if top.score-c.score > nearlyAsGood {
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

// answerSentence is the sentence of the passage where most of the question
// is.
func (c *candidate) answerSentence() string {
	sents := c.meta.F.Sentences
	if c.best >= len(sents) {
		return c.text
	}
	start := 0
	if c.best > 0 {
		start = sents[c.best-1].End
	}
	return strings.TrimSpace(c.text[start:sents[c.best].End])
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
