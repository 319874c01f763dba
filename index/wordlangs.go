package index

import (
	"maps"
	"slices"

	"github.com/summitbot/summitbot/corpus"
)

// wordLangs says, for every word of the lexicon's non-Chinese forms, which
// languages' forms use it: sorted words, each with a bit set over
// corpus.Languages. Read back from the lexicon file into two slices, it
// costs a start a pass over the file's words instead of building a map of
// thousands, a third of what reading the lexicon took; a question looks a
// word up with a binary search.
type wordLangs struct {
	words []string
	langs []uint8 // bit i: corpus.Languages[i]
}

// newWordLangs builds the table from words and their languages.
func newWordLangs(m map[string][]string) wordLangs {
	t := wordLangs{words: slices.Sorted(maps.Keys(m))}
	t.langs = make([]uint8, len(t.words))
	for i, w := range t.words {
		for _, l := range m[w] {
			t.langs[i] |= langBit(l)
		}
	}
	return t
}

// langBit is language l's bit, or 0 for a language the corpus lacks.
func langBit(l string) uint8 {
	if i := slices.Index(corpus.Languages, l); i >= 0 {
		return 1 << i
	}
	return 0
}

// of returns the bit set of the languages whose forms use word.
func (t wordLangs) of(word string) uint8 {
	if i, ok := slices.BinarySearch(t.words, word); ok {
		return t.langs[i]
	}
	return 0
}

// has reports whether a form of language lang uses word.
func (t wordLangs) has(word, lang string) bool {
	b := langBit(lang)
	return b != 0 && t.of(word)&b != 0
}
