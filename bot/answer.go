package bot

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// answerBudget is the most a normal answer shows, in visible UTF-16 units:
// about a phone screen. The passage is trimmed around the answer to fit;
// "More ›" brings the next one.
const answerBudget = 900

// ellipsis stands for the passage text a reply leaves out.
const ellipsis = "…"

// answerBlocks lays out passage page (0-based) of total passages of an
// answer, in the bot's language lang. The first page opens with the
// sentence that answers, bold where it stands in the passage, so that it
// is shown once; the passage goes on after it, its matched content words
// underlined. Then come a note when the passage is in another language
// than the question, the citation, and "2/3" on the pages after the first.
// Other pages are supporting passages: they have no answer sentence of
// their own, so they show the passage from its start.
func answerBlocks(ans index.Answer, h index.Hit, page, total int, lang string) []block {
	w := words(lang)
	ptext := h.Passage.Text
	var lead block
	answer := index.Span{}
	if page == 0 && ans.Text != "" {
		answer = answerSpan(ptext, ans)
		if answer == (index.Span{}) {
			// The sentence is not in the passage as it stands: say it
			// first, then the passage, which does not repeat it.
			lead = para(strong(ans.Text))
		}
	}
	var tail []block
	if h.Passage.Lang != ans.Lang && ans.Lang != "" {
		tail = append(tail, para(emph(fmt.Sprintf(w.FromSource, w.Languages[h.Passage.Lang]))))
	}
	tail = append(tail, citation(h.Passage.Citation, lang))
	if page > 0 && total > 1 {
		tail = append(tail, para(emph(fmt.Sprintf("%d/%d", page+1, total))))
	}
	budget := answerBudget
	for _, b := range append(tail, lead) {
		budget -= b.visibleLength() + utf16Len(paragraphSep)
	}
	var blocks []block
	if lead != nil {
		blocks = append(blocks, lead)
	}
	blocks = append(blocks, passageBlock(ptext, answer, contentMarks(ptext, h.Marks), budget))
	return append(blocks, tail...)
}

// closestBlocks is the reply when nothing answers but a passage comes
// near: said as such, never as the answer.
func closestBlocks(ans index.Answer, lang string) []block {
	w := words(lang)
	h := ans.Hits[0]
	blocks := []block{para(text(w.NoAnswer)), para(emph(w.Closest))}
	cite := citation(h.Passage.Citation, lang)
	budget := answerBudget - blocks[0].visibleLength() - blocks[1].visibleLength() - cite.visibleLength() - 3*utf16Len(paragraphSep)
	return append(blocks, passageBlock(h.Passage.Text, index.Span{}, contentMarks(h.Passage.Text, h.Marks), budget), cite)
}

// answerSpan is where the answer sentence stands in the passage text: the
// engine's Span when it holds the sentence, else wherever the sentence is
// found, else the zero Span.
func answerSpan(text string, ans index.Answer) index.Span {
	s := ans.Span
	if s.Start >= 0 && s.Start < s.End && s.End <= len(text) && text[s.Start:s.End] == ans.Text {
		return s
	}
	if i := strings.Index(text, ans.Text); i >= 0 {
		return index.Span{Start: i, End: i + len(ans.Text)}
	}
	return index.Span{}
}

// contentMarks keeps the marks that are valid spans of text and hold a
// content word: a mark made only of stop words ("à", "a", "的") is dropped,
// whatever the language.
func contentMarks(text string, marks []index.Span) []index.Span {
	var out []index.Span
	for _, m := range marks {
		if m.Start < 0 || m.Start >= m.End || m.End > len(text) ||
			!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			continue
		}
		content := false
		for _, word := range strings.FieldsFunc(text[m.Start:m.End], func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '\''
		}) {
			if !index.IsStopword(word) {
				content = true
				break
			}
		}
		if content {
			out = append(out, m)
		}
	}
	return out
}

// passageBlock shows text from the answer sentence on (from the start when
// answer is zero), at most budget visible units: the answer sentence bold,
// the marks underlined, "…" where text is left out before or after.
func passageBlock(s string, answer index.Span, marks []index.Span, budget int) block {
	from, to := answer.Start, len(s)
	if answer == (index.Span{}) {
		from = 0
	}
	room := budget - 2*utf16Len(ellipsis) - 1
	if room < 1 {
		room = 1
	}
	if utf16Len(s[from:to]) > room {
		cut := cutPoint(s[from:], room)
		if cut == 0 {
			cut = hardCut(s[from:], room)
		}
		to = from + len(strings.TrimRightFunc(s[from:from+cut], func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(",;:—-", r)
		}))
		if to <= from {
			to = from + cut
		}
	}
	// Style changes wherever a span starts or ends inside the window.
	cuts := []int{from, to}
	spans := append([]index.Span{answer}, marks...)
	for _, s := range spans {
		for _, c := range []int{s.Start, s.End} {
			if c > from && c < to {
				cuts = append(cuts, c)
			}
		}
	}
	sort.Ints(cuts)
	var out block
	if from > 0 {
		out = append(out, text(ellipsis+" "))
	}
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		st := plain
		if answer != (index.Span{}) && a >= answer.Start && b <= answer.End {
			st |= bold
		}
		for _, m := range marks {
			if a >= m.Start && b <= m.End {
				st |= underline
				break
			}
		}
		out = append(out, run{text: s[a:b], style: st})
	}
	if to < len(s) {
		out = append(out, text(ellipsis))
	}
	return out
}

// citation is the line that says where a passage comes from, in lang:
// "Source: People's Daily, 19 May 2023 · fact sheet compiled by SummitBot",
// the publisher linking to the page when there is one.
func citation(c corpus.Citation, lang string) block {
	w := words(lang)
	pub, date := publisher(c)
	label := w.Source
	if !strings.HasSuffix(label, "：") { // a full-width colon holds its own space
		label += " "
	}
	out := block{text(label)}
	parts := 0
	if pub != "" {
		if c.URL != "" {
			out = append(out, anchor(pub, c.URL))
		} else {
			out = append(out, text(pub))
		}
		parts++
	}
	if d := formatDate(date, lang); d != "" {
		if parts > 0 {
			out = append(out, text(", "))
		}
		out = append(out, text(d))
		parts++
	}
	if c.Compiled {
		if parts > 0 {
			out = append(out, text(" · "))
		}
		out = append(out, text(w.Compiled))
	}
	return out
}

// publisher is who published the passage's words, and when: the
// citation's source, unless it names SummitBot itself (a fact sheet
// section that lists only links): then the linked site, without a date,
// since the date is when the sheet was written.
func publisher(c corpus.Citation) (string, time.Time) {
	if !c.Compiled || !strings.Contains(strings.ToLower(c.Source), "summitbot") {
		return c.Source, c.Published
	}
	u, err := url.Parse(c.URL)
	if err != nil || u.Hostname() == "" {
		return "", time.Time{}
	}
	return strings.TrimPrefix(u.Hostname(), "www."), time.Time{}
}
