package index

import (
	"slices"
	"strings"
	stdunicode "unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// foldName is SummitBot's own token filter: it folds Latin diacritics, "ё"
// and typographic apostrophes, so that "deuxieme" finds "deuxième",
// "прошел" finds "прошёл" and "Xi’an" finds "Xi'an". It is a token filter,
// not a char filter, so that term offsets still point into the stored text
// and matched words can be marked.
const foldName = "summitbot_fold"

func init() {
	mustRegister(registry.RegisterTokenFilter(foldName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}))
}

// mustRegister stops the program when a registration with Bleve fails at
// start-up: only a name registered twice can make it fail.
func mustRegister(err error) {
	if err != nil {
		panic(err)
	}
}

// Bleve's CJK width and bigram filters and its snowball stemmers rebuild
// every token they are given, though most tokens of a text are in a
// script a given filter leaves as it is: in a build they allocated more
// than the index. SummitBot's analyzers use them through gates that hand
// each filter only what it can change, for the same terms.
var gates = []struct {
	name, inner string
	tokenwise   bool                         // the filter reads each token alone
	needs       func(t *analysis.Token) bool // what the filter can change
}{
	{"summitbot_cjk_width", cjk.WidthName, true, hasWidthForm},
	{"summitbot_cjk_bigram", cjk.BigramName, false, func(t *analysis.Token) bool { return t.Type == analysis.Ideographic }},
	{"summitbot_stem_en", en.SnowballStemmerName, true, hasLatin},
	{"summitbot_stem_ru", ru.SnowballStemmerName, true, hasCyrillic},
}

// gateNames maps the gated filters' names to the gates'.
var gateNames = func() map[string]string {
	m := map[string]string{}
	for _, g := range gates {
		m[g.inner] = g.name
	}
	return m
}()

func init() {
	for _, g := range gates {
		mustRegister(registry.RegisterTokenFilter(g.name, func(_ map[string]interface{}, c *registry.Cache) (analysis.TokenFilter, error) {
			inner, err := c.TokenFilterNamed(g.inner)
			if err != nil {
				return nil, err
			}
			return gate{inner: inner, tokenwise: g.tokenwise, needs: g.needs}, nil
		}))
	}
}

// gate passes a filter the tokens it can change. A token-wise filter gets
// them one by one; any other filter gets the whole stream, when one of its
// tokens needs it (the bigram filter pairs neighbours).
type gate struct {
	inner     analysis.TokenFilter
	tokenwise bool
	needs     func(*analysis.Token) bool
}

func (g gate) Filter(input analysis.TokenStream) analysis.TokenStream {
	if !g.tokenwise {
		if slices.ContainsFunc(input, g.needs) {
			return g.inner.Filter(input)
		}
		return input
	}
	for i, t := range input {
		// A filter rewrites malformed UTF-8 as U+FFFD; so it does here.
		if g.needs(t) || !utf8.Valid(t.Term) {
			g.inner.Filter(input[i : i+1])
		}
	}
	return input
}

// hasWidthForm reports a fullwidth or halfwidth form, U+FF01 to U+FF9F,
// the only letters the width filter changes.
func hasWidthForm(t *analysis.Token) bool {
	for _, r := range string(t.Term) {
		if r >= 0xFF01 && r <= 0xFF9F {
			return true
		}
	}
	return false
}

// hasLatin reports an ASCII letter or an apostrophe: the English stemmer's
// rules are about nothing else.
func hasLatin(t *analysis.Token) bool {
	for _, c := range t.Term {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '\'' {
			return true
		}
	}
	return false
}

// hasCyrillic reports a Cyrillic letter: a word without one has no
// vowel of the Russian stemmer's, so nothing it would strip.
func hasCyrillic(t *analysis.Token) bool {
	for _, r := range string(t.Term) {
		if stdunicode.Is(stdunicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

type foldFilter struct{}

func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if needsFold(t.Term) {
			t.Term = []byte(Fold(string(t.Term)))
		}
	}
	return input
}

func needsFold(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

var folds = func() map[rune]string {
	m := map[rune]string{'’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", '`': "'", '´': "'", 'ё': "е", 'Ё': "Е",
		'œ': "oe", 'Œ': "OE", 'æ': "ae", 'Æ': "AE", 'ß': "ss", 'ı': "i",
		// Kazakh's own letters, which people typing on a Russian keyboard
		// write as the nearest Russian one ("кай калада" for "қай қалада").
		'ә': "а", 'ғ': "г", 'қ': "к", 'ң': "н", 'ө': "о", 'ұ': "у", 'ү': "у", 'һ': "х", 'і': "и",
		'Ә': "А", 'Ғ': "Г", 'Қ': "К", 'Ң': "Н", 'Ө': "О", 'Ұ': "У", 'Ү': "У", 'Һ': "Х", 'І': "И"}
	for _, g := range []struct{ base, marked string }{
		{"a", "àáâãäåāăą"}, {"A", "ÀÁÂÃÄÅĀĂĄ"}, {"c", "çćĉċč"}, {"C", "ÇĆĈĊČ"},
		{"d", "ďđ"}, {"e", "èéêëēĕėęě"}, {"E", "ÈÉÊËĒĔĖĘĚ"}, {"g", "ĝğġģ"}, {"h", "ĥħ"},
		{"i", "ìíîïĩīĭįǐ"}, {"I", "ÌÍÎÏĨĪĬĮİ"}, {"j", "ĵ"}, {"k", "ķ"}, {"l", "ĺļľŀł"},
		{"n", "ñńņňŉ"}, {"N", "ÑŃŅŇ"}, {"o", "òóôõöøōŏő"}, {"O", "ÒÓÔÕÖØŌŎŐ"}, {"r", "ŕŗř"},
		{"s", "śŝşšș"}, {"S", "ŚŜŞŠȘ"}, {"t", "ţťŧț"}, {"u", "ùúûüũūŭůűų"}, {"U", "ÙÚÛÜŨŪŬŮŰŲ"},
		{"w", "ŵ"}, {"y", "ýÿŷ"}, {"Y", "ÝŸŶ"}, {"z", "źżž"}, {"Z", "ŹŻŽ"},
	} {
		for _, r := range g.marked {
			m[r] = g.base
		}
	}
	return m
}()

// Fold removes the differences between spellings that people type
// interchangeably: accents on Latin letters, "ё" and "е", curly and straight
// apostrophes.
func Fold(s string) string {
	if !foldable(s) {
		return s // most words have nothing to fold: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldsLow says which runes below its length folds has: the Latin and
// Cyrillic letters of most words are then checked by indexing an array
// instead of a map lookup a letter.
var foldsLow = func() (t [0x530]bool) {
	for r := range folds {
		if int(r) < len(t) {
			t[r] = true
		}
	}
	return t
}()

// foldable reports whether Fold would change s.
func foldable(s string) bool {
	for _, r := range s {
		if int(r) < len(foldsLow) {
			if foldsLow[r] {
				return true
			}
		} else if _, ok := folds[r]; ok {
			return true
		}
	}
	return false
}

// analyzerFor names the analyzer of each language's text field.
var analyzerFor = map[string]string{"en": "summitbot_en", "fr": "summitbot_fr", "ru": "summitbot_ru", "zh": "summitbot_zh",
	"kk": "summitbot_kk", "uz": "summitbot_uz"}

// prefixName keeps the first prefixRunes letters of a word: the stemmer
// of the agglutinative languages, Kazakh and Uzbek, whose suffixes pile up
// ("саммит", "саммиті", "саммитінде"; "sammit", "sammitida"). Studies of
// Turkish retrieval found a fixed prefix of five letters as good as a full
// morphological analyser, and Bleve has no stemmer for either language.
// Uzbek words lose their endings first (suffixes.go).
const (
	prefixName  = "summitbot_prefix"
	prefixRunes = 5
)

// stopFilterName is the stop word filter of a language whose stop words
// come from stopwords.txt rather than from Bleve.
func stopFilterName(lang string) string { return "summitbot_stop_" + lang }

// analyzerConfigs are the four analyzers. Each language keeps its own stop
// words and stemmer; all of them also pair Han characters into bigrams and
// stem Russian, so that a Chinese or Russian word met in any field — a
// question's, an alias form's — becomes the same single term there.
var analyzerConfigs = map[string]map[string]interface{}{
	"summitbot_en": chain(lowercase.Name, foldName, cjk.WidthName, cjk.BigramName, en.PossessiveName, en.StopName,
		en.SnowballStemmerName, ru.SnowballStemmerName),
	"summitbot_fr": chain(lowercase.Name, foldName, cjk.WidthName, fr.ElisionName, cjk.BigramName, fr.StopName,
		fr.LightStemmerName, ru.SnowballStemmerName),
	"summitbot_ru": chain(lowercase.Name, foldName, cjk.WidthName, cjk.BigramName, ru.StopName,
		ru.SnowballStemmerName, en.SnowballStemmerName),
	"summitbot_zh": chain(lowercase.Name, foldName, cjk.WidthName, cjk.BigramName),
	"summitbot_kk": chain(lowercase.Name, foldName, cjk.WidthName, cjk.BigramName, stopFilterName("kk"), prefixName),
	"summitbot_uz": chain(lowercase.Name, foldName, cjk.WidthName, cjk.BigramName, stopFilterName("uz"), suffixFilterName("uz"), prefixName),
}

// chain is an analyzer of the word tokenizer and the filters, gated where
// a gate exists.
func chain(filters ...string) map[string]interface{} {
	names := make([]string, len(filters))
	for i, f := range filters {
		names[i] = f
		if g, ok := gateNames[f]; ok {
			names[i] = g
		}
	}
	return map[string]interface{}{"type": custom.Name, "tokenizer": unicode.Name, "token_filters": names}
}
