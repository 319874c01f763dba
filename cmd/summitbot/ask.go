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

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// askMemoryLimit is the heap "ask" grows to before it collects garbage.
const askMemoryLimit = 256 << 20

type askOptions struct {
	json, explain bool
}

var askCommand = command{
	name: "ask", args: "QUESTION", summary: "answer a question from the corpus, with citations",
	flags: func(fs *flag.FlagSet) any {
		o := &askOptions{}
		fs.BoolVar(&o.json, "json", false, "print the answer as JSON")
		fs.BoolVar(&o.explain, "explain", false, "print how the question was read and ranked, and why it was answered or refused")
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
		if o.explain {
			x, err := e.Explain(ctx, q)
			if errors.Is(err, index.ErrEmptyQuestion) {
				return usagef("the question is empty: summitbot ask --explain \"When was the first summit?\"")
			}
			if err != nil {
				return err
			}
			x.Write(a.stdout)
			return nil
		}
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
	Kindred    string    `json:"kindred,omitempty"` // the region's language read as lang: ky, tg, tk, or unlettered
	Answered   bool      `json:"answered"`
	Closest    bool      `json:"closest,omitempty"` // hits are the nearest passages, not an answer
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
	out := jsonAnswer{Question: ans.Question, Lang: ans.Lang, Kindred: ans.Kindred, Answered: ans.Answered, Closest: ans.Closest,
		Answer: ans.Text, Hits: []jsonHit{}}
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

// writeText prints the answer for a person in the layout of the bot's
// replies: the answer sentence opening its passage, the source, then the
// other passages, each source listed once. On a terminal the marks are
// styled; elsewhere the answer is **bold**.
func writeText(w io.Writer, ans index.Answer, ansi bool) {
	fmt.Fprintln(w, bot.AnswerText(ans, ansi))
	if !ans.Answered {
		heading, questions := bot.Suggestions(ans)
		fmt.Fprintf(w, "\n%s\n", heading)
		for _, q := range questions {
			fmt.Fprintf(w, "  summitbot ask \"%s\"\n", q)
		}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
