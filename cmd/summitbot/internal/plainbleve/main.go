// Command plainbleve is the yardstick for SummitBot's performance: plain
// Bleve (default mapping, one match query) over the same corpus files.
//
//	plainbleve index DATA [CORPUS]   index the embedded corpus and the folder's passages in DATA
//	plainbleve ask DATA QUESTION     print the three best passages
//
// The whole-process benchmarks in cmd/summitbot run it beside summitbot.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/summitbot/summitbot/corpus"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plainbleve:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) >= 2 && args[0] == "index":
		return build(args[1], args[2:])
	case len(args) >= 3 && args[0] == "ask":
		return ask(args[1], strings.Join(args[2:], " "))
	}
	return fmt.Errorf("usage: plainbleve index DATA [CORPUS] | plainbleve ask DATA QUESTION")
}

func build(data string, dirs []string) error {
	c, err := corpus.Default()
	if err != nil {
		return err
	}
	if len(dirs) > 0 {
		extra, err := corpus.LoadDirs(dirs...)
		if err != nil {
			return err
		}
		if c, err = corpus.Merge(c, extra); err != nil {
			return err
		}
	}
	os.RemoveAll(data)
	idx, err := bleve.New(data, bleve.NewIndexMapping())
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	for _, p := range c.Passages() {
		if err := b.Index(p.ID, map[string]interface{}{"text": p.Text}); err != nil {
			return err
		}
		if b.Size() >= 500 {
			if err := idx.Batch(b); err != nil {
				return err
			}
			b.Reset()
		}
	}
	if err := idx.Batch(b); err != nil {
		return err
	}
	return idx.Close()
}

func ask(data, q string) error {
	idx, err := bleve.Open(data)
	if err != nil {
		return err
	}
	defer idx.Close()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 3, 0, false)
	req.Fields = []string{"text"}
	res, err := idx.Search(req)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		fmt.Printf("%s\t%.3f\t%v\n", h.ID, h.Score, h.Fields["text"])
	}
	return nil
}
