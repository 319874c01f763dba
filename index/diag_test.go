package index

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestDiag(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	e := openDefault(t)
	out, _ := os.Create(os.Getenv("DIAG"))
	defer out.Close()
	parts := func(m map[string]float64) string {
		var ks []string
		for k, v := range m {
			if v != 0 {
				ks = append(ks, fmt.Sprintf("%s=%.2f", k, v))
			}
		}
		sort.Strings(ks)
		return strings.Join(ks, " ")
	}
	for _, f := range tuningSets {
		for _, c := range loadEval(t, f) {
			if c.Expect == nil {
				continue
			}
			ans, _ := e.Ask(context.Background(), c.Q, AskOptions{})
			hit := false
			if len(ans.Hits) > 0 && ans.Answered && satisfies(ans.Text+"\n"+ans.Hits[0].Passage.Text, c.Expect) {
				hit = true
			}
			if hit {
				continue
			}
			x, _ := e.Explain(context.Background(), c.Q)
			right := -1
			for i, r := range x.Ranked {
				p, err := e.passages.get(e.idx, r.ID)
				if err == nil && satisfies(p.text, c.Expect) {
					right = i
					break
				}
			}
			fmt.Fprintf(out, "== %s [%s] %q ans=%v %s\n", strings.TrimPrefix(f, "testdata/"), c.Lang, c.Q, ans.Answered, x.Reason)
			var us []string
			for _, u := range x.Units {
				m := " "
				if u.Matched {
					m = "+"
				}
				us = append(us, fmt.Sprintf("%s%s(%s %.2f)", m, u.Text, u.Kind, u.Weight))
			}
			fmt.Fprintf(out, "   asks=%s ord=%s ev=%v yrs=%v units: %s\n", x.Asks, x.Ordinal, x.Events, x.Years, strings.Join(us, " "))
			for i, r := range x.Ranked {
				if i > 3 && i != right {
					continue
				}
				mark := "  "
				if i == right {
					mark = "OK"
				}
				fmt.Fprintf(out, "   %s %d %s %.3f cov=%.2f %s\n", mark, i, r.ID, r.Score, r.Coverage, parts(r.Parts))
			}
			if right < 0 {
				fmt.Fprintf(out, "   (no right passage in top %d)\n", len(x.Ranked))
			}
		}
	}
}
