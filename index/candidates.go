package index

// This file is the Bleve side of a question: the term clauses it becomes
// and the search that hands candidates to the re-ranker. User text reaches
// Bleve only here, and only as terms.

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/summitbot/summitbot/corpus"
)

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
// its language's field (only its names and concepts' words in the fields
// of the others) and its concepts, which reach every language at once.
// Passages of languages that cannot answer the reader are never reached
// (see conceptField). User text only ever reaches term queries: no query
// syntax, no wildcards, no regular expressions.
//
// In a large index, candidates are chosen by the question's less common
// terms, then scored on all of them; in a small one, both are one search.
func (e *Engine) search(ctx context.Context, q question) ([]searchHit, []termClause, error) {
	all, err := e.termClauses(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	full := clauseQuery(all, textField(q.lang), e.params.OwnFieldBoost)
	choose := chooseClauses(all, e.docCount())
	if len(choose) == len(all) {
		hits, _, err := e.searchTop(ctx, full, e.params.Candidates)
		return hits, all, err
	}
	first, _, err := e.searchTop(ctx, clauseQuery(choose, textField(q.lang), e.params.OwnFieldBoost), e.params.Candidates)
	if err != nil || len(first) == 0 {
		return nil, all, err
	}
	ids := make([]string, len(first))
	for i, h := range first {
		ids[i] = h.id
	}
	only := bleve.NewDocIDQuery(ids)
	only.SetBoost(1e-9) // selects, does not score
	hits, _, err := e.searchTop(ctx, bleve.NewConjunctionQuery(only, full), e.params.Candidates)
	return hits, all, err
}

// relativeYears are the years a relative ordinal points at, from this
// year on for "next".
func relativeYears(ordinal string, thisYear int) []int {
	if ordinal == "next" {
		return []int{thisYear, thisYear + 1, thisYear + 2, thisYear + 3}
	}
	if y, ok := calendarYear(ordinal, thisYear); ok {
		return []int{y}
	}
	return nil
}

// calendarYear is the year a relative ordinal of the calendar names:
// "this year", "last year", "the year before last".
func calendarYear(ordinal string, thisYear int) (int, bool) {
	switch ordinal {
	case "this-year":
		return thisYear, true
	case "last-year":
		return thisYear - 1, true
	case "year-before-last":
		return thisYear - 2, true
	}
	return 0, false
}

// termClauses lists the question's terms as each field's analyzer reads
// them, and its concepts, with the number of passages holding each.
func (e *Engine) termClauses(ctx context.Context, q question) ([]termClause, error) {
	lex := e.lexicon()
	var out []termClause
	// In the fields of other languages, a question's ordinary words match
	// nothing the re-ranker counts ("decide" is not "décidée"), and its
	// concepts are found through the concepts field: only its names are
	// looked for there.
	var named []string
	for _, u := range q.units {
		if u.entity {
			named = append(named, u.text)
		}
	}
	other := strings.Join(named, " ")
	for _, l := range corpus.Languages {
		if !visible(l, q.lang) {
			continue // its passages cannot answer this reader
		}
		text := q.cleaned
		if l != q.lang {
			text = other
		}
		seen := map[string]bool{}
		for _, t := range termsOf(lex.analyzer(l).Analyze([]byte(text))) {
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
	// A relative event ("the next summit", "last year's meeting") is found
	// by its years, which the passages about it name and the question does
	// not: the third summit's sheet never says "next".
	for _, y := range relativeYears(q.ordinal, e.now().Year()) {
		for _, l := range corpus.Languages {
			if visible(l, q.lang) {
				out = append(out, termClause{field: textField(l), term: strconv.Itoa(y)})
			}
		}
	}
	conceptFields := []string{fieldConcepts}
	if f := conceptField(q.lang); f != fieldConcepts {
		conceptFields = append(conceptFields, f)
	}
	seen := map[string]bool{}
	for _, u := range q.units {
		if u.kind == unitConcept && !seen[u.id] {
			seen[u.id] = true
			for _, f := range conceptFields {
				out = append(out, termClause{field: f, term: u.id})
			}
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
	if !slices.ContainsFunc(all, func(c termClause) bool { return c.df > limit }) {
		return all // an index too small for any term to be common
	}
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
	slices.SortStableFunc(byDF, func(a, b termClause) int { return cmp.Compare(a.df, b.df) })
	return byDF[:min(keepRarest, len(byDF))]
}

// clauseQuery is a disjunction over fields of the disjunction of each
// field's terms, as a match query per field would be, and a clause per
// concept. The field of the question's language is boosted: with six
// languages' passages matching the same concepts, the reader's own must
// not fall out of the candidates.
func clauseQuery(cs []termClause, own string, boost float64) query.Query {
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
		if strings.HasPrefix(f, fieldConcepts) {
			qs = append(qs, byField[f]...)
			continue
		}
		d := bleve.NewDisjunctionQuery(byField[f]...)
		if f == own {
			d.SetBoost(boost)
		}
		qs = append(qs, d)
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
