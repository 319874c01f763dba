package index

import (
	"slices"
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

// TestPrefixCutNamesTheCutAnalyzers checks that prefixCut lists exactly the
// languages whose analyzer cuts words to prefixRunes letters.
func TestPrefixCutNamesTheCutAnalyzers(t *testing.T) {
	for lang, name := range analyzerFor {
		filters, _ := analyzerConfigs[name]["token_filters"].([]string)
		if cut := slices.Contains(filters, prefixName); cut != prefixCut[lang] {
			t.Errorf("%s: analyzer cuts words %v, prefixCut says %v", lang, cut, prefixCut[lang])
		}
	}
}
