package index

import (
	"testing"
)

// TestStripEndings checks the Uzbek light stemmer: endings go, in turn, up
// to maxEndings of them, and a stem shorter than minStemLetters keeps its
// word whole.
func TestStripEndings(t *testing.T) {
	for _, tc := range []struct{ word, want string }{
		{"kunda", "kun"},
		{"yilda", "yil"},
		{"shaharlarda", "shahar"},
		{"sammitlaridagi", "sammit"},
		{"ellar", "el"},
		{"sammit", "sammit"},
		{"da", "da"}, // no stem left
		{"uzbekistonning", "uzbekiston"},
	} {
		if got := stripEndings(tc.word, "uz"); got != tc.want {
			t.Errorf("stripEndings(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := stripEndings("қаладан", "kk"); got != "қаладан" {
		t.Errorf("Kazakh is not stripped: got %q", got)
	}
}

// TestTruncatingLanguages checks which languages' analyzers cut words to
// prefixRunes letters, as cutLonger and the lexicon's same-words check
// assume: the agglutinative Kazakh and Uzbek, no other.
func TestTruncatingLanguages(t *testing.T) {
	for lang := range analyzerFor {
		if want := lang == "kk" || lang == "uz"; truncates(lang) != want {
			t.Errorf("%s: truncates %v, want %v", lang, truncates(lang), want)
		}
	}
}
