package index

// This file is the answer path from the outside: Ask and the judgement it
// shares with Explain (question → candidates → ranking → decision).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

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
	// Kindred is set when the question is read as Lang for want of sheets
	// in its own language: "ky", "tg" or "tk" (corpus.Kindred), or
	// Unlettered.
	Kindred string
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
	ans := Answer{Question: j.q.text, Lang: j.q.lang, Kindred: j.q.kindred}
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
	slices.SortStableFunc(rest, func(a, b *candidate) int {
		return cmp.Compare(boolRank(a.lang != q.lang), boolRank(b.lang != q.lang))
	})
	for _, c := range rest {
		if c.cov >= e.params.MinSupportCoverage && !repeats(c, shown) {
			shown = append(shown, c)
		}
	}
	ans.Answered = true
	ans.Span = ranked[0].answerSpan(q)
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
	if u, ok, err := e.unknownEntity(ctx, j.q, j.ranked[0]); err != nil || ok {
		if err != nil {
			return j, err
		}
		j.reason = fmt.Sprintf("the question names %q, which no passage holds: it is about something else", u.text)
		if u.partner && u.kind != unitHan {
			j.reason = fmt.Sprintf("the question pairs %q with another name by a dash, as a format's partner, and the best passage does not name it: it is about another format", u.text)
		}
		return j, nil
	}
	if !anchored(j.q, j.ranked[0]) {
		j.reason = "the best passage shares only common words or a place with the question, no event, name or topic"
		return j, nil
	}
	j.ranked = preferLanguage(j.q, j.ranked, e.params)
	if t := e.translation(j.q, j.ranked); t != nil {
		j.ranked = append([]*candidate{t}, j.ranked...)
	}
	j.decision, j.reason = e.verdict(j.q, j.ranked[0])
	return j, nil
}

// boolRank orders false before true.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
