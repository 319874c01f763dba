package index

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestExplain checks that Explain reports the decision Ask makes, with its
// reason and the pieces the question was read into. With
// $SUMMITBOT_EXPLAIN set (questions separated by "|") it prints those
// questions' explanations instead, as a tuning aid.
func TestExplain(t *testing.T) {
	e := openDefault(t)
	if qs := os.Getenv("SUMMITBOT_EXPLAIN"); qs != "" {
		for _, text := range strings.Split(qs, "|") {
			x, err := e.Explain(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			x.Write(&b)
			t.Log("\n" + b.String())
		}
		return
	}
	for _, tc := range []struct {
		q, decision string
	}{
		{"When was the first summit?", "answer"},
		{"Quand a eu lieu le deuxième sommet ?", "answer"},
		{"what's the weather in london tomorrow", "refuse"},
		// Nonsense that the French analyzer reads as "a", held by most passages.
		{"aaaaaaaaaaaaaaaaaaaa", "refuse"},
		// The thing a question word asks for, which no passage names.
		{"What gifts did Tokayev give Xi Jinping at the Astana summit?", "closest"},
		{"Какие подарки получили лидеры Центральной Азии в Сиане?", "closest"},
		{"Тоқаев Астана саммитінде Си Цзиньпинге қандай сыйлық берді?", "closest"},
		{"Astana sammitida yetakchilarga qanday sovg'alar berildi?", "closest"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			x, err := e.Explain(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			ans, err := e.Ask(context.Background(), tc.q, AskOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if x.Decision != tc.decision || ans.Answered != (tc.decision == "answer") {
				t.Fatalf("decision %q (answered %v), want %q; reason: %s", x.Decision, ans.Answered, tc.decision, x.Reason)
			}
			if x.Reason == "" || len(x.Units) == 0 {
				t.Errorf("explanation without a reason or pieces: %+v", x)
			}
			if x.Decision == "answer" && (x.Answer != ans.Text || len(x.Ranked) == 0 || x.Ranked[0].ID != ans.Hits[0].Passage.ID) {
				t.Errorf("explained answer %q from %v, Ask gave %q from %s", x.Answer, x.Ranked, ans.Text, ans.Hits[0].Passage.ID)
			}
		})
	}
}
