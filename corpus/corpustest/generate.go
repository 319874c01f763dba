// Package corpustest makes corpus folders of any size for benchmarks: the
// default corpus's sentences shuffled into Markdown documents of 40
// passages each, written as an operator's --corpus folder would hold them.
package corpustest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// PerDocument is the number of passages (sections) of each generated document.
const PerDocument = 40

// Sentences returns the sentences of the default corpus's passages, by
// language: the domain text generated corpora are made of.
func Sentences() (map[string][]string, error) {
	def, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	pool := map[string][]string{}
	for _, p := range def.Passages() {
		pool[p.Lang] = append(pool[p.Lang], corpus.Sentences(p.Text)...)
	}
	return pool, nil
}

// Documents returns documents holding about passages passages in the four
// languages, made of the default corpus's sentences, the same for the same
// arguments.
func Documents(passages int) ([]corpus.Document, error) {
	pool, err := Sentences()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(11, 12))
	var docs []corpus.Document
	for d := 0; d*PerDocument < passages; d++ {
		lang := corpus.SheetLanguages[d%len(corpus.SheetLanguages)]
		var body strings.Builder
		for s := 0; s < PerDocument && d*PerDocument+s < passages; s++ {
			fmt.Fprintf(&body, "## Section %d\n\n", s+1)
			for range 3 {
				body.WriteString(pool[lang][rng.IntN(len(pool[lang]))] + " ")
			}
			body.WriteString("\n\n")
		}
		n := strconv.Itoa(d)
		docs = append(docs, corpus.Document{ID: "gen-" + lang + "-" + n, Title: "Generated " + n,
			Kind: corpus.Article, Lang: lang, Source: "Generator", URL: "https://example.org/" + n,
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Body: body.String()})
	}
	return docs, nil
}

// WriteDir writes Documents(passages) into dir as Markdown files, one
// folder per language.
func WriteDir(dir string, passages int) error {
	docs, err := Documents(passages)
	if err != nil {
		return err
	}
	for _, d := range docs {
		data, err := corpus.Format(d)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, d.Lang, d.ID+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
