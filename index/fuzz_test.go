package index

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
)

// seedsPerLanguage is how many questions of each eval file and language
// seed the fuzzer: enough to reach every analyzer, few enough to stay fast.
const seedsPerLanguage = 3

// FuzzQuestion checks that any text is read as a bounded question, and that
// Ask answers it without an error (blank text aside) with hits whose marks
// are sorted, disjoint ranges of whole runes of the passage.
func FuzzQuestion(f *testing.F) {
	files, err := filepath.Glob("testdata/*.jsonl")
	if err != nil || len(files) == 0 {
		f.Fatalf("no eval files to seed the fuzzer with (%v)", err)
	}
	for _, path := range files {
		n := map[string]int{}
		for _, c := range loadEval(f, path) {
			if n[c.Lang] < seedsPerLanguage {
				n[c.Lang]++
				f.Add(c.Q)
			}
		}
	}
	for _, s := range []string{
		// Query syntax: none of it may reach Bleve as syntax.
		"+summit -Astana", "title:summit*", "text_en:xi*", "/.*/", "/[a-z]+/ summit", `"`, `"first summit`,
		"summit~2", "summit^10", "(summit OR meeting) AND NOT astana", "*", "?", "\\", "a:b:c",
		"_id:summit-1-en#1", "_all:*", "{!lucene}summit", "summit && meeting || xi'an",
		// Control characters, blanks and broken text.
		"", " ", "\t\n\r", "\x00", "\x00summit\x00", "\u200b", "\u3000", "\ufeff", "\xff\xfe", "sum\xffmit",
		"\u202eknil\u202c summit", "e\u0301te\u0301", "ﬁrst summit", "ＦＩＲＳＴ　ＳＵＭＭＩＴ",
		// Mixed scripts and languages in one question.
		"When was the 第二届 саммит held à Astana?", "G20峰会在哪里", "Xi'an 西安 Сиань", "l'OTAN et le sommet",
		"🙂🙂🙂 summit 🙂", "2023 2025 2027 1950 2099",
		// Long questions: cut at MaxQuestionRunes.
		strings.Repeat("summit ", 5000), strings.Repeat("峰会", 3000), strings.Repeat("a", 5000),
		strings.Repeat("where ", 299) + "Astana",
	} {
		f.Add(s)
	}
	e := openDefault(f)
	lex := e.lexicon()
	f.Fuzz(func(t *testing.T, s string) {
		q := e.parseQuestion(s)
		checkQuestion(t, s, q, lex)

		ans, err := e.Ask(context.Background(), s, AskOptions{})
		blank := strings.TrimSpace(s) == ""
		switch {
		case blank && !errors.Is(err, ErrEmptyQuestion):
			t.Fatalf("Ask(%q) = %v, want ErrEmptyQuestion", s, err)
		case blank:
			return
		case err != nil:
			t.Fatalf("Ask(%q): %v", s, err)
		}
		if ans.Question != q.text || ans.Lang != q.lang {
			t.Fatalf("Ask(%q) read %q in %q, parseQuestion read %q in %q", s, ans.Question, ans.Lang, q.text, q.lang)
		}
		checkAnswer(t, s, ans)
	})
}

// checkQuestion asserts what parseQuestion promises of the text it reads.
func checkQuestion(t *testing.T, s string, q question, lex *lexicon) {
	t.Helper()
	if !utf8.ValidString(q.text) {
		t.Fatalf("parseQuestion(%q): text %q is not UTF-8", s, q.text)
	}
	if n := utf8.RuneCountInString(q.text); n > MaxQuestionRunes {
		t.Fatalf("parseQuestion(%q): text of %d runes, limit %d", s, n, MaxQuestionRunes)
	}
	if q.text != strings.Join(strings.Fields(q.text), " ") || strings.IndexFunc(q.text, unicode.IsControl) >= 0 {
		t.Fatalf("parseQuestion(%q): text %q is not normalized", s, q.text)
	}
	if !corpus.KnownLanguage(q.lang) {
		t.Fatalf("parseQuestion(%q): language %q", s, q.lang)
	}
	texts := make([]string, len(q.units))
	for i, u := range q.units {
		if u.text == "" || !utf8.ValidString(u.text) || !strings.Contains(q.text, u.text) {
			t.Fatalf("parseQuestion(%q): unit %d %q is empty or not a piece of %q", s, i, u.text, q.text)
		}
		if u.weight <= 0 {
			t.Fatalf("parseQuestion(%q): unit %d %q weighs %v", s, i, u.text, u.weight)
		}
		if u.kind == unitConcept && (u.set < 0 || u.set >= len(lex.sets) || lex.sets[u.set].ID != u.id) {
			t.Fatalf("parseQuestion(%q): unit %d %q names set %d %q", s, i, u.text, u.set, u.id)
		}
		texts[i] = u.text
	}
	if q.cleaned != strings.Join(texts, " ") {
		t.Fatalf("parseQuestion(%q): cleaned %q, units %q", s, q.cleaned, texts)
	}
	if q.clauses != nil {
		// Clauses share out the units, in order, each unit once.
		next := 0
		for _, c := range q.clauses {
			for _, i := range c {
				if i != next {
					t.Fatalf("parseQuestion(%q): clauses %v do not share out %d units in order", s, q.clauses, len(q.units))
				}
				next++
			}
		}
		if next != len(q.units) || len(q.clauses) < 2 {
			t.Fatalf("parseQuestion(%q): clauses %v for %d units", s, q.clauses, len(q.units))
		}
	}
}

// checkAnswer asserts the shape of an answer: no hits without an answer
// but the one closest passage, and hits the bot can quote and mark.
func checkAnswer(t *testing.T, s string, ans Answer) {
	t.Helper()
	if ans.Closest && (ans.Answered || len(ans.Hits) != 1 || ans.Text != "" || ans.Total != 1) {
		t.Fatalf("Ask(%q): closest, yet answered=%v, %d hits, text %q, total %d", s, ans.Answered, len(ans.Hits), ans.Text, ans.Total)
	}
	if !ans.Answered {
		if ans.Closest {
			return
		}
		if len(ans.Hits) > 0 || ans.Text != "" || ans.Total != 0 {
			t.Fatalf("Ask(%q): not answered, yet %d hits, text %q, total %d", s, len(ans.Hits), ans.Text, ans.Total)
		}
		return
	}
	if len(ans.Hits) == 0 || len(ans.Hits) > 3 || ans.Total < len(ans.Hits) {
		t.Fatalf("Ask(%q): %d hits of %d, want 1 to 3", s, len(ans.Hits), ans.Total)
	}
	if ans.Text == "" || !strings.Contains(ans.Hits[0].Passage.Text, ans.Text) {
		t.Fatalf("Ask(%q): answer %q is not in the first passage %q", s, ans.Text, ans.Hits[0].Passage.Text)
	}
	seen := map[string]bool{}
	for i, h := range ans.Hits {
		p := h.Passage
		if seen[p.ID] {
			t.Fatalf("Ask(%q): passage %s shown twice", s, p.ID)
		}
		seen[p.ID] = true
		// A citation names its publisher and a date or a link (a source
		// without an original page is cited by publisher and date).
		if p.Text == "" || !utf8.ValidString(p.Text) || !corpus.KnownLanguage(p.Lang) ||
			p.Citation.Source == "" || (p.Citation.URL == "" && p.Citation.Published.IsZero()) {
			t.Fatalf("Ask(%q): hit %d: passage %+v", s, i, p)
		}
		last := -1
		for _, m := range h.Marks {
			if m.Start <= last || m.Start >= m.End || m.End > len(p.Text) {
				t.Fatalf("Ask(%q): hit %d (%s): marks %v not sorted, disjoint and inside %d bytes", s, i, p.ID, h.Marks, len(p.Text))
			}
			if !utf8.RuneStart(p.Text[m.Start]) || (m.End < len(p.Text) && !utf8.RuneStart(p.Text[m.End])) {
				t.Fatalf("Ask(%q): hit %d (%s): mark %v cuts a rune of %q", s, i, p.ID, m, p.Text)
			}
			last = m.End
		}
	}
}
