package index

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

// TestSweep tunes the ranking parameters on the tuning sets by coordinate
// ascent: each parameter in turn is scaled up and down, and a change is
// kept when it raises the score of all the tuning sets together. A tool
// for tuning, skipped unless $SWEEP is set; it prints the best Params and
// changes nothing. The frozen sets are left out on purpose.
func TestSweep(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip("set SWEEP=N to tune the ranking parameters on the tuning sets, N passes over them")
	}
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := Open(context.Background(), c, Options{Now: evalNow})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var sets [][]evalCase
	for _, f := range tuningSets {
		sets = append(sets, loadEval(t, f))
	}
	// score counts a question answered first, half a one whose answer line
	// holds the fact, and a question rightly refused.
	score := func(p Params) float64 {
		e.params = p
		s := 0.0
		for _, cs := range sets {
			a := runEval(t, e, cs)["all"]
			s += float64(a.hit1) + float64(a.line)/2 + float64(a.refused)
		}
		return s
	}
	best := DefaultParams()
	bestScore := score(best)
	t.Logf("SWEEP start %.1f", bestScore)
	knobs := tuningKnobs()
	passes, _ := strconv.Atoi(os.Getenv("SWEEP"))
	for pass := 0; pass < max(passes, 1); pass++ {
		for _, k := range knobs {
			for _, f := range []float64{0.5, 0.75, 1.33, 2} {
				p := cloneParams(best)
				v := k.at(&p)
				old := *v
				*v = old * f
				if old == 0 {
					*v = f - 1 // 0 becomes ±0.33, ±1: a sign to try
				}
				if s := score(p); s > bestScore+0.4 {
					t.Logf("SWEEP %s %.3f -> %.3f: %.1f -> %.1f", k.name, old, *v, bestScore, s)
					best, bestScore = p, s
				}
			}
		}
	}
	var b strings.Builder
	for _, k := range knobs {
		fmt.Fprintf(&b, "%s=%.3f ", k.name, *k.at(&best))
	}
	t.Logf("SWEEP best %.1f: %s", bestScore, b.String())
}

type knob struct {
	name string
	at   func(*Params) *float64
}

func tuningKnobs() []knob {
	return []knob{
		{"BM25", func(p *Params) *float64 { return &p.Signals.BM25 }},
		{"Coverage", func(p *Params) *float64 { return &p.Signals.Coverage }},
		{"Heading", func(p *Params) *float64 { return &p.Signals.Heading }},
		{"Proximity", func(p *Params) *float64 { return &p.Signals.Proximity }},
		{"Language", func(p *Params) *float64 { return &p.Signals.Language }},
		{"AnswerInSentence", func(p *Params) *float64 { return &p.Signals.AnswerInSentence }},
		{"AnswerPerSentence", func(p *Params) *float64 { return &p.Signals.AnswerPerSentence }},
		{"AnswerInPassage", func(p *Params) *float64 { return &p.Signals.AnswerInPassage }},
		{"AnswerMissing", func(p *Params) *float64 { return &p.Signals.AnswerMissing }},
		{"Implied", func(p *Params) *float64 { return &p.Signals.Implied }},
		{"SentenceAnswer", func(p *Params) *float64 { return &p.Signals.SentenceAnswer }},
		{"SentenceSubject", func(p *Params) *float64 { return &p.Signals.SentenceSubject }},
		{"Ordinal", func(p *Params) *float64 { return &p.Event.Ordinal }},
		{"WrongOrdinal", func(p *Params) *float64 { return &p.Event.WrongOrdinal }},
		{"SameKind", func(p *Params) *float64 { return &p.Event.SameKind }},
		{"YearOther", func(p *Params) *float64 { return &p.Event.YearOther }},
		{"Relative", func(p *Params) *float64 { return &p.Event.Relative }},
		{"Day", func(p *Params) *float64 { return &p.Signals.Day }},
		{"List", func(p *Params) *float64 { return &p.Signals.List }},
		{"Common", func(p *Params) *float64 { return &p.Weights.Common }},
		{"CommonShare", func(p *Params) *float64 { return &p.Weights.CommonShare }},
		{"OtherKind", func(p *Params) *float64 { return &p.Event.OtherKind }},
		{"Place", func(p *Params) *float64 { return &p.Event.Place }},
		{"Year", func(p *Params) *float64 { return &p.Event.Year }},
		{"Word", func(p *Params) *float64 { return &p.Weights.Word }},
		{"Prefix", func(p *Params) *float64 { return &p.Weights.Prefix }},
		{"Entity", func(p *Params) *float64 { return &p.Weights.Entity }},
		{"YearWeight", func(p *Params) *float64 { return &p.Weights.Year }},
		{"MinCoverage", func(p *Params) *float64 { return &p.MinCoverage }},
		{"MinClosest", func(p *Params) *float64 { return &p.MinClosest }},
		{"MinKindredCoverage", func(p *Params) *float64 { return &p.MinKindredCoverage }},
		{"NearlyAsGood", func(p *Params) *float64 { return &p.NearlyAsGood }},
		{"OwnFieldBoost", func(p *Params) *float64 { return &p.OwnFieldBoost }},
	}
}

// cloneParams copies p with maps of its own, so that a knob turned on the
// copy leaves p as it was.
func cloneParams(p Params) Params {
	q := p
	q.Weights.Concept = map[corpus.AliasKind]float64{}
	for k, v := range p.Weights.Concept {
		q.Weights.Concept[k] = v
	}
	q.Fallback = map[string][]LanguageShare{}
	for k, v := range p.Fallback {
		q.Fallback[k] = append([]LanguageShare(nil), v...)
	}
	return q
}
