package index

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

// TestSweep scores the tuning sets under a grid of ranking parameters; a
// tool for tuning, skipped unless $SWEEP is set. Each point of the grid is
// an engine opened with its own Params: nothing global is changed. The
// frozen set is left out on purpose.
func TestSweep(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip("set SWEEP=1 to score the tuning sets under other ranking parameters")
	}
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	files := tuningSets
	type point struct{ bm, cov, lang, ans float64 }
	var grid []point
	for _, bm := range []float64{0.3, 0.5, 0.7} {
		for _, cov := range []float64{0.4, 0.6, 0.8} {
			for _, lang := range []float64{0.2, 0.3, 0.45} {
				for _, ans := range []float64{0.25, 0.35, 0.5} {
					grid = append(grid, point{bm, cov, lang, ans})
				}
			}
		}
	}
	for _, g := range grid {
		p := DefaultParams()
		p.Signals.BM25, p.Signals.Coverage, p.Signals.Language, p.Signals.AnswerInSentence = g.bm, g.cov, g.lang, g.ans
		e, err := Open(context.Background(), c, Options{Now: evalNow, Params: &p})
		if err != nil {
			t.Fatal(err)
		}
		line, sum := "", 0.0
		for _, f := range files {
			a := runEval(t, e, loadEval(t, f))["all"]
			sum += ratio(a.hit1, a.n) + ratio(a.refused, a.refusals)/4
			line += fmt.Sprintf(" %s %.3f/%.3f/%.3f", f[9:12], ratio(a.hit1, a.n), ratio(a.line, a.n), ratio(a.refused, a.refusals))
		}
		e.Close()
		t.Logf("SWEEP %.3f bm=%.2f cov=%.2f lang=%.2f ans=%.2f %s", sum, g.bm, g.cov, g.lang, g.ans, line)
	}
}
