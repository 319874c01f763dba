package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/corpustest"
)

// benchQuestions are the eval questions, asked in turn.
func benchQuestions(b *testing.B) []string {
	var qs []string
	for _, f := range []string{"testdata/dev.jsonl", "testdata/extra.jsonl"} {
		for _, c := range loadEval(b, f) {
			qs = append(qs, c.Q)
		}
	}
	return qs
}

// latencies records each call's duration and reports the median and the
// 99th percentile.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	b.ReportMetric(l.at(0.50), "p50-ms")
	b.ReportMetric(l.at(0.99), "p99-ms")
}

// at returns the p quantile in milliseconds, sorting l.
func (l latencies) at(p float64) float64 {
	slices.Sort(l)
	return float64(l[int(p*float64(len(l)-1))].Microseconds()) / 1000
}

func benchAsk(b *testing.B, e *Engine) {
	qs := benchQuestions(b)
	lat := make(latencies, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := e.Ask(context.Background(), qs[i%len(qs)], AskOptions{}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}

// defaultBaseline is plain Bleve over the default corpus's passages,
// closed when the benchmark ends.
func defaultBaseline(b *testing.B) *baseline {
	b.Helper()
	c, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	base, err := newBaseline(c)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { base.Close() })
	return base
}

// BenchmarkAsk is the answer latency on the default corpus.
func BenchmarkAsk(b *testing.B) {
	benchAsk(b, openDefault(b))
}

// BenchmarkAskBaseline is a plain Bleve index of the same passages: default
// mapping, one match query.
func BenchmarkAskBaseline(b *testing.B) {
	base := defaultBaseline(b)
	qs := benchQuestions(b)
	lat := make(latencies, 0, b.N)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := base.ask(qs[i%len(qs)], 3); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}

// BenchmarkAskParallel is the throughput on the default corpus with every
// core asking (questions/s), and BenchmarkAskParallelBaseline plain
// Bleve's on the same passages.
func BenchmarkAskParallel(b *testing.B) {
	e := openDefault(b)
	qs := benchQuestions(b)
	benchParallel(b, func(i int) error {
		_, err := e.Ask(context.Background(), qs[i%len(qs)], AskOptions{})
		return err
	})
}

func BenchmarkAskParallelBaseline(b *testing.B) {
	base := defaultBaseline(b)
	qs := benchQuestions(b)
	benchParallel(b, func(i int) error {
		_, err := base.ask(qs[i%len(qs)], 3)
		return err
	})
}

func benchParallel(b *testing.B, ask func(i int) error) {
	var next atomic.Int64
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := ask(int(next.Add(1))); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "questions/s")
}

// BenchmarkBuildDefault builds the default corpus's index on disk.
func BenchmarkBuildDefault(b *testing.B) {
	c, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		e, err := Open(context.Background(), c, Options{Dir: b.TempDir(), Rebuild: true})
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

// BenchmarkOpenBuilt opens an index already built for the corpus: what a
// cold "summitbot ask" pays beyond starting the process.
func BenchmarkOpenBuilt(b *testing.B) {
	c, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	e, err := Open(context.Background(), c, Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	e.Close()
	for b.Loop() {
		c, err := corpus.Default()
		if err != nil {
			b.Fatal(err)
		}
		e, err := Open(context.Background(), c, Options{Dir: dir})
		if err != nil || !e.Info().Reused {
			b.Fatal("not reused", err)
		}
		e.Close()
	}
}

// BenchmarkOpenAndAsk is what "summitbot ask" does in-process on a warm
// index: check the corpus stamp, open the index and its saved lexicon,
// answer one question with cold caches, close.
func BenchmarkOpenAndAsk(b *testing.B) {
	c, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	src := Source{Stamp: "bench", Load: func() (*corpus.Collection, error) { return c, nil }}
	e, err := OpenSource(context.Background(), src, Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	e.Close()
	src.Load = func() (*corpus.Collection, error) {
		b.Fatal("the corpus was read for a current index")
		return nil, nil
	}
	qs := benchQuestions(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		e, err := OpenSource(context.Background(), src, Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Ask(context.Background(), qs[i%len(qs)], AskOptions{}); err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

// generateCorpus makes documents of 40 passages each; domainShare of the
// sentences come from the default corpus, the rest are made-up words.
func generateCorpus(passages int, domainShare float64) (*corpus.Collection, error) {
	def, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	pool, err := corpustest.Sentences()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := map[string][]string{}
	for _, l := range corpus.SheetLanguages {
		vocab[l] = makeVocabulary(rng, l, 30000)
	}
	zipf := rand.NewZipf(rng, 1.07, 2, 29999)
	sentence := func(lang string) string {
		if rng.Float64() < domainShare {
			return pool[lang][rng.IntN(len(pool[lang]))]
		}
		n := 8 + rng.IntN(8)
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[lang][zipf.Uint64()]
		}
		if rng.IntN(4) == 0 {
			words[rng.IntN(n)] = strconv.Itoa(1990 + rng.IntN(40))
		}
		sep := " "
		if lang == "zh" {
			sep = ""
		}
		return strings.Join(words, sep) + map[bool]string{true: "。", false: "."}[lang == "zh"]
	}
	const perDoc = 40
	var docs []corpus.Document
	for d := 0; d*perDoc < passages; d++ {
		lang := corpus.SheetLanguages[d%len(corpus.SheetLanguages)]
		var body strings.Builder
		for s := 0; s < perDoc && d*perDoc+s < passages; s++ {
			fmt.Fprintf(&body, "## Section %d\n\n", s+1)
			for range 3 {
				body.WriteString(sentence(lang) + " ")
			}
			body.WriteString("\n\n")
		}
		docs = append(docs, corpus.Document{ID: "gen-" + lang + "-" + strconv.Itoa(d), Title: "Generated " + strconv.Itoa(d),
			Kind: corpus.Article, Lang: lang, Source: "Generator", URL: "https://example.org/" + strconv.Itoa(d),
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Body: body.String()})
	}
	return corpus.NewCollection(docs, def.Aliases, fmt.Sprintf("generated-v2-%d-%.2f", passages, domainShare)), nil
}

// makeVocabulary makes n distinct made-up words in the language's script.
func makeVocabulary(rng *rand.Rand, lang string, n int) []string {
	syllables := map[string][]string{
		"en": strings.Fields("ka to ri men sa lo ver ta ni pro con ex ter al in or de ba mi stra"),
		"fr": strings.Fields("la re mon ti sé pa ro che vi ne ma quo dé ga bel lu ré on ai eu"),
		"ru": strings.Fields("ка то ри мен са ло вер та ни про кон ст ер ал ин ор де ба ми ра"),
		"zh": strings.Split("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长", ""),
	}[lang]
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		k := 2 + rng.IntN(3)
		var b strings.Builder
		for range k {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// peakRSS is the process's peak resident memory, from /proc (0 elsewhere).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
