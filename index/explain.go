package index

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Explanation says how one question was understood and ranked, and why it
// was answered, offered the closest passage or refused: what
// `summitbot ask --explain` prints, for whoever tunes the ranking.
type Explanation struct {
	Question string
	Lang     string
	Asks     string   // the kind of answer asked for: "date", "person", … or ""
	Ordinal  string   // "1".."n", "next", "last" or ""
	Events   []string // alias set ids
	Places   []string
	Years    []int
	Units    []ExplainedUnit
	Ranked   []ExplainedCandidate // the best first, at most ExplainCandidates
	Decision string               // "answer", "closest" or "refuse"
	Reason   string
	Answer   string // the answer sentence, when there is one
}

// ExplainedUnit is one piece of the question and how much it weighs.
type ExplainedUnit struct {
	Text    string
	Kind    string // "concept:<set id>", "word" or "han"
	Weight  float64
	Entity  bool   // a name or number: unmatched, the question is about something else
	Fuzzy   string // the corpus term a misspelt word was taken for
	Matched bool   // by the best passage
}

// ExplainedCandidate is one passage with the parts of its score.
type ExplainedCandidate struct {
	ID       string
	Lang     string
	Score    float64
	BM25     float64 // full-text score relative to the best in its language, weighted
	Coverage float64 // the matched share of the question, by weight
	Parts    map[string]float64
	Sentence string   // the sentence that would be the answer
	Missing  []string // the pieces of the question the passage does not match
}

// ExplainCandidates is how many candidates an Explanation lists.
const ExplainCandidates = 8

// Explain runs the answer path on text as Ask does and reports each step.
func (e *Engine) Explain(ctx context.Context, text string) (Explanation, error) {
	j, err := e.judge(ctx, text)
	if err != nil {
		return Explanation{}, err
	}
	q := j.q
	x := Explanation{Question: q.text, Lang: q.lang, Asks: q.answer, Ordinal: q.ordinal,
		Events: sortedKeys(q.events), Places: sortedKeys(q.places), Decision: j.decision.String(), Reason: j.reason}
	for y := range q.years {
		x.Years = append(x.Years, y)
	}
	slices.Sort(x.Years)
	for i, u := range q.units {
		eu := ExplainedUnit{Text: u.text, Weight: u.weight, Entity: u.entity, Fuzzy: u.fuzzy}
		switch u.kind {
		case unitConcept:
			eu.Kind = "concept:" + u.id
		case unitHan:
			eu.Kind = "han"
		default:
			eu.Kind = "word"
		}
		if len(j.ranked) > 0 && i < len(j.ranked[0].matched) {
			eu.Matched = j.ranked[0].matched[i]
		}
		x.Units = append(x.Units, eu)
	}
	for i, c := range j.ranked {
		if i == ExplainCandidates {
			break
		}
		ec := ExplainedCandidate{ID: c.id, Lang: c.lang, Score: c.score, Coverage: c.cov, Sentence: c.answerSentence(q),
			Parts: map[string]float64{}}
		for k, name := range scoreParts {
			if k < len(c.parts) {
				ec.Parts[name] = c.parts[k]
			}
		}
		ec.BM25 = ec.Parts["bm25"]
		for k, m := range c.matched {
			if !m && k < len(q.units) {
				ec.Missing = append(ec.Missing, q.units[k].text)
			}
		}
		x.Ranked = append(x.Ranked, ec)
	}
	if j.decision == answer {
		x.Answer = j.ranked[0].answerSentence(q)
	}
	return x, nil
}

// scoreParts names the terms of candidate.parts, in order.
var scoreParts = []string{"bm25", "coverage", "proximity", "event", "language+kind"}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Write prints the explanation for a person.
func (x Explanation) Write(w io.Writer) {
	fmt.Fprintf(w, "Question: %s\n", x.Question)
	fmt.Fprintf(w, "  language %s; asks for %s; ordinal %s; events %v; places %v; years %v\n",
		x.Lang, orDash(x.Asks), orDash(x.Ordinal), x.Events, x.Places, x.Years)
	fmt.Fprintln(w, "Pieces (weight; matched by the best passage):")
	for _, u := range x.Units {
		extra := ""
		if u.Entity {
			extra += " name/number"
		}
		if u.Fuzzy != "" {
			extra += " read as " + u.Fuzzy
		}
		fmt.Fprintf(w, "  %-24q %-28s %.2f %-5v%s\n", u.Text, u.Kind, u.Weight, u.Matched, extra)
	}
	fmt.Fprintln(w, "Candidates (score = bm25 + coverage + proximity + event + language+kind):")
	for i, c := range x.Ranked {
		fmt.Fprintf(w, "  %d. %-24s %s score %.3f = %.2f + %.2f + %.2f + %.2f + %.2f  (covers %.0f%%)\n", i+1, c.ID, c.Lang, c.Score,
			c.Parts["bm25"], c.Parts["coverage"], c.Parts["proximity"], c.Parts["event"], c.Parts["language+kind"], 100*c.Coverage)
		fmt.Fprintf(w, "     %s\n", shorten(c.Sentence, 140))
		if len(c.Missing) > 0 {
			fmt.Fprintf(w, "     misses %q\n", c.Missing)
		}
	}
	fmt.Fprintf(w, "Decision: %s: %s\n", x.Decision, x.Reason)
	if x.Answer != "" {
		fmt.Fprintf(w, "Answer: %s\n", x.Answer)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n])) + "…"
	}
	return s
}
