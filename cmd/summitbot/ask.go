package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// askMemoryLimit is the heap "ask" grows to before it collects garbage.
const askMemoryLimit = 256 << 20

type askOptions struct {
	json bool
}

var askCommand = command{
	name: "ask", args: "QUESTION", summary: "answer a question from the corpus, with citations",
	flags: func(fs *flag.FlagSet) any {
		o := &askOptions{}
		fs.BoolVar(&o.json, "json", false, "print the answer as JSON")
		return o
	},
	run: func(ctx context.Context, a *app, opts any, args []string) error {
		o := opts.(*askOptions)
		q, err := joinArgs(args, "question: summitbot ask \"When was the first summit?\"")
		if err != nil {
			return err
		}
		// One question allocates a few megabytes: collecting them costs
		// more than the process lives. A limit still collects should the
		// index have to be built.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(askMemoryLimit))
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		e, err := a.openEngine(ctx, false)
		if err != nil {
			return err
		}
		defer e.Close()
		ans, err := e.Ask(ctx, q, index.AskOptions{})
		if errors.Is(err, index.ErrEmptyQuestion) {
			return usagef("the question is empty: summitbot ask \"When was the first summit?\"")
		}
		if err != nil {
			return err
		}
		if o.json {
			return writeJSON(a.stdout, ans)
		}
		writeText(a.stdout, ans, isTerminal(a.stdout))
		return nil
	},
}

// jsonAnswer is the shape of "ask --json".
type jsonAnswer struct {
	Question   string    `json:"question"`
	Lang       string    `json:"lang"`
	Answered   bool      `json:"answered"`
	Answer     string    `json:"answer"`
	AnswerLang string    `json:"answer_lang,omitempty"`
	Hits       []jsonHit `json:"hits"`
}

type jsonHit struct {
	DocID     string   `json:"doc_id"`
	PassageID string   `json:"passage_id"`
	Title     string   `json:"title"`
	Heading   string   `json:"heading,omitempty"`
	Source    string   `json:"source"`
	URL       string   `json:"url"`
	Published string   `json:"published"`
	Lang      string   `json:"lang"`
	Text      string   `json:"text"`
	Score     float64  `json:"score"`
	Marks     [][2]int `json:"marks,omitempty"` // byte ranges of text that matched the question
}

func writeJSON(w io.Writer, ans index.Answer) error {
	out := jsonAnswer{Question: ans.Question, Lang: ans.Lang, Answered: ans.Answered, Answer: ans.Text, Hits: []jsonHit{}}
	for _, h := range ans.Hits {
		p := h.Passage
		jh := jsonHit{DocID: p.Citation.DocID, PassageID: p.ID, Title: p.Citation.Title, Heading: p.Heading,
			Source: p.Citation.Source, URL: p.Citation.URL, Published: p.Citation.Published.Format(corpus.DateLayout),
			Lang: p.Lang, Text: p.Text, Score: h.Score}
		for _, m := range h.Marks {
			jh.Marks = append(jh.Marks, [2]int{m.Start, m.End})
		}
		out.Hits = append(out.Hits, jh)
	}
	if len(ans.Hits) > 0 {
		out.AnswerLang = ans.Hits[0].Passage.Lang
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

var languageNames = map[string]string{"en": "English", "fr": "French", "ru": "Russian", "zh": "Chinese"}

// writeText prints the answer for a person: the answer line, the best
// passage with the matched words marked, the supporting passages, and the
// numbered citations.
func writeText(w io.Writer, ans index.Answer, ansi bool) {
	if !ans.Answered {
		fmt.Fprintln(w, "No answer: nothing in the corpus answers this question.")
		fmt.Fprintln(w, "SummitBot knows about the China–Central Asia summits (Xi'an 2023, Astana 2025, the next one expected")
		fmt.Fprintln(w, "in 2027), the foreign ministers' meetings (2020–2025) and the secretariat. Try: summitbot ask \"When was the first summit?\"")
		return
	}
	from := ""
	if l := ans.Hits[0].Passage.Lang; l != ans.Lang {
		from = fmt.Sprintf(" (from a %s source)", languageNames[l])
	}
	fmt.Fprintf(w, "Answer%s: %s [1]\n", from, ans.Text)
	for i, h := range ans.Hits {
		label := "Best passage"
		if i > 0 {
			label = "Also"
		}
		head := h.Passage.Heading
		if head == "" {
			head = h.Passage.Citation.Title
		}
		fmt.Fprintf(w, "\n%s [%d] %s (%s):\n  %s\n", label, i+1, head, h.Passage.Lang, mark(h.Passage.Text, h.Marks, ansi))
	}
	fmt.Fprintln(w, "\nSources:")
	for i, h := range ans.Hits {
		fmt.Fprintf(w, "[%d] %s\n", i+1, h.Passage.Citation)
	}
}

// mark highlights the matched words: bold on a terminal, **word** elsewhere.
func mark(text string, marks []index.Span, ansi bool) string {
	open, close := "**", "**"
	if ansi {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	var b strings.Builder
	last := 0
	for _, m := range marks {
		if m.Start < last || m.End > len(text) {
			continue
		}
		b.WriteString(text[last:m.Start])
		b.WriteString(open + text[m.Start:m.End] + close)
		last = m.End
	}
	b.WriteString(text[last:])
	return b.String()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
