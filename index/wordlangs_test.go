package index

import (
	"reflect"
	"testing"
)

// TestWordLangs checks the table against the map it is built from, and
// that the lexicon file gives it back as it was.
func TestWordLangs(t *testing.T) {
	m := map[string][]string{"sammit": {"uz", "kk"}, "summit": {"en"}, "саммит": {"ru", "kk"}, "xi'an": {"en", "fr"}}
	tab := newWordLangs(m)
	for w, langs := range m {
		for _, l := range []string{"en", "fr", "ru", "zh", "kk", "uz", "ky"} {
			want := false
			for _, have := range langs {
				want = want || have == l
			}
			if got := tab.has(w, l); got != want {
				t.Errorf("has(%q, %s) = %v, want %v", w, l, got, want)
			}
		}
	}
	if tab.of("summits") != 0 || tab.of("") != 0 {
		t.Error("a word no form uses has languages")
	}
	e := openDefault(t)
	lx := e.lexicon()
	back, err := decodeLexicon(string(encodeLexicon(lx)), e.mapping)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.formWords, lx.formWords) || len(lx.formWords.words) == 0 {
		t.Errorf("the lexicon file gives back %d words, the lexicon has %d", len(back.formWords.words), len(lx.formWords.words))
	}
}
