package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/summitbot/summitbot/corpus"
)

// largePassages is the size of the large benchmark corpora: 100,000
// passages, or 2,000 with -short so that CI runs every benchmark in
// seconds. SUMMITBOT_BENCH_PASSAGES overrides it (1000000 for the 1M row).
func largePassages() int {
	if v := os.Getenv("SUMMITBOT_BENCH_PASSAGES"); v != "" {
		var n int
		if _, err := fmt.Sscan(v, &n); err == nil && n > 0 {
			return n
		}
	}
	if testing.Short() {
		return 2000
	}
	return 100_000
}

// Two generated corpora of largePassages passages in the four languages,
// built once per process and cached under the temporary directory between
// runs, each beside a plain Bleve index of the same passages:
//   - "news": passages of general text (a Zipf vocabulary of made-up words
//     per language) where one passage in ten quotes a sentence of the
//     default corpus, as in a news archive that covers the summits among
//     other things;
//   - "summits": every passage made of the default corpus's sentences, the
//     worst case, where every question's words are in most passages.
type generated struct {
	engine *Engine
	plain  *baseline
}

var generatedSets sync.Map // name → func() (*generated, error)

func openGenerated(name string, domainShare float64) (*generated, error) {
	f, _ := generatedSets.LoadOrStore(name, sync.OnceValues(func() (*generated, error) {
		n := largePassages()
		c, err := generateCorpus(n, domainShare)
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("summitbot-bench-%s-%d", name, n))
		start := time.Now()
		e, err := Open(context.Background(), c, Options{Dir: dir, Now: evalNow})
		if err != nil {
			return nil, err
		}
		if !e.Info().Reused {
			fmt.Fprintf(os.Stderr, "built the %s index of %d passages in %s\n", name, e.Info().Passages, time.Since(start).Round(time.Second))
		}
		plain, err := openBaselineAt(filepath.Join(dir, "plain-bleve"), c)
		if err != nil {
			e.Close()
			return nil, err
		}
		return &generated{engine: e, plain: plain}, nil
	}))
	return f.(func() (*generated, error))()
}

// openBaselineAt opens the plain Bleve index of c's passages at path,
// building it on disk (default mapping) when it is not there.
func openBaselineAt(path string, c *corpus.Collection) (*baseline, error) {
	if idx, err := bleve.Open(path); err == nil {
		return &baseline{idx}, nil
	}
	os.RemoveAll(path)
	idx, err := bleve.New(path, bleve.NewIndexMapping())
	if err != nil {
		return nil, err
	}
	if err := fillBaseline(idx, c); err != nil {
		idx.Close()
		return nil, err
	}
	return &baseline{idx}, nil
}

func fillBaseline(idx bleve.Index, c *corpus.Collection) error {
	b := idx.NewBatch()
	for _, d := range c.Documents {
		for _, p := range corpus.Split(d) {
			if err := b.Index(p.ID, map[string]interface{}{"text": p.Text}); err != nil {
				return err
			}
		}
		if b.Size() >= batchSize {
			if err := idx.Batch(b); err != nil {
				return err
			}
			b.Reset()
		}
	}
	return idx.Batch(b)
}

// BenchmarkAskLarge is the answer latency on the generated corpora, each
// question asked of SummitBot and of plain Bleve in turn: p50 and p99 of
// both, and the ratios. The first run builds the indexes (minutes at
// 100k); later runs reuse them.
func BenchmarkAskLarge(b *testing.B) {
	for _, g := range []struct {
		name  string
		share float64
	}{{"news", 0.1}, {"summits", 1}} {
		b.Run(fmt.Sprintf("%s-%d", g.name, largePassages()), func(b *testing.B) {
			set, err := openGenerated(g.name, g.share)
			if err != nil {
				b.Fatal(err)
			}
			qs := benchQuestions(b)
			ours := make(latencies, 0, b.N)
			plain := make(latencies, 0, b.N)
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				start := time.Now()
				if _, err := set.engine.Ask(context.Background(), q, AskOptions{}); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if _, err := set.plain.ask(q, 3); err != nil {
					b.Fatal(err)
				}
				ours, plain = append(ours, mid.Sub(start)), append(plain, time.Since(mid))
			}
			reportVersus(b, ours, plain)
			b.ReportMetric(float64(peakRSS())/(1<<20), "peak-rss-MB")
		})
	}
}

// reportVersus reports SummitBot's and plain Bleve's p50 and p99, and the
// ratios (SummitBot over Bleve).
func reportVersus(b *testing.B, ours, plain latencies) {
	if len(ours) == 0 {
		return
	}
	o50, o99 := ours.at(0.50), ours.at(0.99)
	p50, p99 := plain.at(0.50), plain.at(0.99)
	b.ReportMetric(o50, "p50-ms")
	b.ReportMetric(o99, "p99-ms")
	b.ReportMetric(p50, "bleve-p50-ms")
	b.ReportMetric(p99, "bleve-p99-ms")
	b.ReportMetric(o50/p50, "ratio-p50")
	b.ReportMetric(o99/p99, "ratio-p99")
}

// BenchmarkBuildLarge builds the "news" corpus's index from scratch, and
// BenchmarkBuildLargeBaseline plain Bleve's of the same passages, on disk.
func BenchmarkBuildLarge(b *testing.B) {
	c, err := generateCorpus(largePassages(), 0.1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e, err := Open(context.Background(), c, Options{Dir: b.TempDir(), Rebuild: true})
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
	reportMemory(b)
}

func BenchmarkBuildLargeBaseline(b *testing.B) {
	c, err := generateCorpus(largePassages(), 0.1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		idx, err := bleve.New(filepath.Join(b.TempDir(), "plain"), bleve.NewIndexMapping())
		if err != nil {
			b.Fatal(err)
		}
		if err := fillBaseline(idx, c); err != nil {
			b.Fatal(err)
		}
		idx.Close()
	}
	reportMemory(b)
}

func reportMemory(b *testing.B) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-rss-MB")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MB")
}
