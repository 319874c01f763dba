package corpus_test

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/corpustest"
)

// BenchmarkDefault loads the embedded corpus: files, front matter, aliases.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := corpus.Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadDir16k loads an operator's folder of 16,000 passages.
func BenchmarkLoadDir16k(b *testing.B) {
	dir := b.TempDir()
	if err := corpustest.WriteDir(dir, 16000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := corpus.LoadDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplit16k splits the same documents into passages, as an index
// build does.
func BenchmarkSplit16k(b *testing.B) {
	docs, err := corpustest.Documents(16000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			corpus.Split(d)
		}
	}
}
