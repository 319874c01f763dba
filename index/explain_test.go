package index

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestExplain prints how SummitBot reads and ranks the questions in
// $SUMMITBOT_EXPLAIN (separated by "|"); it is a tool for tuning, skipped
// otherwise.
func TestExplain(t *testing.T) {
	qs := os.Getenv("SUMMITBOT_EXPLAIN")
	if qs == "" {
		t.Skip("set SUMMITBOT_EXPLAIN to questions separated by |")
	}
	e := openDefault(t)
	for _, text := range strings.Split(qs, "|") {
		q := e.parseQuestion(text)
		t.Logf("Q %q lang=%s answer=%q ordinal=%q events=%v places=%v years=%v cleaned=%q", q.text, q.lang, q.answer, q.ordinal, q.events, q.places, q.years, q.cleaned)
		for _, u := range q.units {
			t.Logf("   unit kind=%d %q id=%s w=%.1f entity=%v fuzzy=%q", u.kind, u.text, u.id, u.weight, u.entity, u.fuzzy)
		}
		ranked, err := e.rank(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range ranked {
			if i >= 6 && !strings.Contains(os.Getenv("SUMMITBOT_EXPLAIN_ALL"), "1") {
				break
			}
			t.Logf("  %d %-22s score=%.3f parts=%.2f bm25=%.2f cov=%.2f has=%v topic=%+v mentions=%v\n       %.160s", i, c.id, c.score, c.parts, c.bm25, c.cov, c.meta.F.Has, c.meta.F.Topic, c.meta.F.Mentions, c.text)
		}
	}
}
