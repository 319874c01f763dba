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

// BenchmarkStamp is what start-up pays to learn that a 16k-passage folder
// has not changed.
func BenchmarkStamp(b *testing.B) {
	dir := b.TempDir()
	if err := corpustest.WriteDir(dir, folderPassages()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := corpus.Stamp(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// folderPassages is the size of the benchmark folder: 16,000 passages, or
// 1,600 with -short (CI).
func folderPassages() int {
	if testing.Short() {
		return 1600
	}
	return 16000
}

// BenchmarkLoadDir16k loads an operator's folder of 16,000 passages.
func BenchmarkLoadDir16k(b *testing.B) {
	dir := b.TempDir()
	if err := corpustest.WriteDir(dir, folderPassages()); err != nil {
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
	docs, err := corpustest.Documents(folderPassages())
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
