package index

// This file cuts the answer out of the best passage: the sentence (or two)
// that hold the asked fact, and the hit a reply quotes.

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// answerSpan is where the answer stands in the passage: the sentence where
// most of the question is; with the sentence after it when only that one
// holds the kind of fact asked for ("The centre opened in Yinchuan on 30
// July 2025. Its director is Feng Zhanwen."); with the sentence before it
// when the answer names no subject of the question and that one does ("The
// fifth meeting took place in Chengdu… The meeting was chaired by Wang Yi."),
// trimmed of white space.
func (c *candidate) answerSpan(q question) Span {
	sents := c.meta.F.Sentences
	if c.best >= len(sents) {
		return trimSpan(c.text, Span{0, len(c.text)})
	}
	sp := Span{sentenceStart(sents, c.best), sents[c.best].End}
	has := func(k int) bool {
		return slices.Contains(sents[k].Has, q.answer) || slices.Contains(sents[k].Concepts, q.answer)
	}
	switch {
	case q.answer == "" || has(c.best):
	case c.best+1 < len(sents) && has(c.best+1):
		sp.End = sents[c.best+1].End
	case c.best > 0 && has(c.best-1):
		sp.Start = sentenceStart(sents, c.best-1)
	}
	if subject := q.subject(); c.best > 0 && len(subject) > 0 &&
		!namesAny(sents[c.best], subject) && namesAny(sents[c.best-1], subject) {
		sp.Start = sentenceStart(sents, c.best-1)
	}
	return trimSpan(c.text, sp)
}

// namesAny reports whether the sentence names one of the alias sets ids.
func namesAny(sn sentence, ids []string) bool {
	for _, id := range ids {
		if slices.Contains(sn.Concepts, id) {
			return true
		}
	}
	return false
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
func (c *candidate) answerSentence(q question) string {
	sp := c.answerSpan(q)
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
			ID: c.id, Ordinal: ord, Section: c.meta.Section, Heading: c.meta.Heading, Text: c.text, Lang: c.lang,
			Citation: corpus.Citation{DocID: c.meta.DocID, Title: c.meta.Title, Source: c.meta.Source,
				URL: c.meta.URL, Published: pub, Lang: c.lang, Compiled: c.meta.Compiled},
		},
		Score: math.Round(c.score*1000) / 1000,
	}
	c.locs.each(func(_ string, ls []loc) {
		for _, l := range ls {
			if s := int(l.start) - c.meta.Context; s >= 0 && int(l.end)-c.meta.Context <= len(c.text) {
				h.Marks = append(h.Marks, Span{s, int(l.end) - c.meta.Context})
			}
		}
	})
	slices.SortFunc(h.Marks, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
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
