package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/summitbot/summitbot/corpus"
	"time"
)

type indexOptions struct{ rebuild bool }

var indexCommand = command{
	name: "index", summary: "build the index (when the corpus changed, or with -rebuild) and describe it",
	flags: func(fs *flag.FlagSet) any {
		o := &indexOptions{}
		fs.BoolVar(&o.rebuild, "rebuild", false, "build a new index even if one for this corpus exists")
		return o
	},
	run: func(ctx context.Context, a *app, opts any, _ []string) error {
		start := time.Now()
		e, err := a.openEngine(ctx, opts.(*indexOptions).rebuild)
		if err != nil {
			return err
		}
		defer e.Close()
		info := e.Info()
		how := "opened"
		if !info.Reused {
			how = "built"
		}
		fmt.Fprintf(a.stdout, "index %s in %s: %d passages from %d documents\n  path:  %s\n  built: %s\n  corpus fingerprint: %s\n",
			how, time.Since(start).Round(time.Millisecond), info.Passages, info.Documents, info.Path,
			info.Built.Format(time.RFC3339), info.Fingerprint[:16])
		return nil
	},
}

type corpusOptions struct{ json bool }

var corpusCommand = command{
	name: "corpus", summary: "list the documents in the corpus (embedded and -corpus folder)",
	flags: func(fs *flag.FlagSet) any {
		o := &corpusOptions{}
		fs.BoolVar(&o.json, "json", false, "print the list as JSON")
		return o
	},
	run: func(_ context.Context, a *app, opts any, _ []string) error {
		c, err := a.loadCorpus()
		if err != nil {
			return err
		}
		type row struct {
			ID        string `json:"id"`
			Lang      string `json:"lang"`
			Kind      string `json:"kind"`
			Published string `json:"published"`
			Passages  int    `json:"passages"`
			Title     string `json:"title"`
			Source    string `json:"source"`
			URL       string `json:"url"`
			Origin    string `json:"origin"`
		}
		var rows []row
		for _, d := range c.Documents {
			rows = append(rows, row{d.ID, d.Lang, string(d.Kind), d.Published.Format("2006-01-02"), len(corpus.Split(d)), d.Title, d.Source, d.URL, d.Origin})
		}
		if opts.(*corpusOptions).json {
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rows)
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tLANG\tKIND\tPUBLISHED\tPASSAGES\tTITLE")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", r.ID, r.Lang, r.Kind, r.Published, r.Passages, r.Title)
		}
		fmt.Fprintf(tw, "\n%d documents, %d alias sets\n", len(rows), len(c.Aliases))
		return tw.Flush()
	},
}
