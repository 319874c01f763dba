package index

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Kazakh and Uzbek words are cut to their first prefixRunes letters, which
// joins the forms of a long word but not those of a short one: "kun" and
// "kunda" (day, on the day), "yil" and "yilda" stay apart. For Uzbek a
// light stemmer strips the common endings first — plural, case, the third
// person's possessive — as long as a stem of minStemLetters is left; the
// cut then joins what is left. Kazakh's endings, stripped the same way,
// cost more answers than they gained on the tuning sets (its vowel
// harmony and consonant changes make more endings look like stems), and
// Kazakh keeps the cut alone.

// suffixFilterName is the ending stripper of a language.
func suffixFilterName(lang string) string { return "summitbot_suffix_" + lang }

// endings are each language's stripped endings, longest first within a
// round.
var endings = map[string][]string{
	"uz": sortLongestFirst([]string{
		"lar", "ning", "ni", "ga", "ka", "qa", "da", "dan", "dagi", "gi", "i", "si",
	}),
}

// minStemLetters is the shortest stem an ending is stripped from: "el"
// (people, country) in "ellar" is two letters.
const minStemLetters = 2

// maxEndings is how many endings one word loses at most: "sammitlaridagi"
// is sammit + lar + i + dagi.
const maxEndings = 3

func sortLongestFirst(s []string) []string {
	slices.SortStableFunc(s, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	return s
}

// stripEndings removes up to maxEndings endings of lang from word.
func stripEndings(word, lang string) string {
	for range maxEndings {
		cut := false
		for _, e := range endings[lang] {
			if stem, ok := strings.CutSuffix(word, e); ok && utf8.RuneCountInString(stem) >= minStemLetters {
				word, cut = stem, true
				break
			}
		}
		if !cut {
			break
		}
	}
	return word
}

type suffixFilter struct{ lang string }

func (f suffixFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if t.Type == analysis.AlphaNumeric || t.Type == analysis.Single {
			if s := stripEndings(string(t.Term), f.lang); len(s) < len(t.Term) {
				t.Term = []byte(s)
			}
		}
	}
	return input
}

func init() {
	for lang := range endings {
		mustRegister(registry.RegisterTokenFilter(suffixFilterName(lang), func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return suffixFilter{lang}, nil
		}))
	}
}
