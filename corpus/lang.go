package corpus

import (
	"strings"
	"unicode"
)

// frenchMarks and englishMarks are words that tell French from English in a
// short question; every other Latin-script question is English by default.
var (
	frenchMarks = wordSet(`le la les un une des du de au aux et est où ou quand qui quel quelle quels quelles
		comment combien pourquoi sommet sommets réunion réunions ministres affaires étrangères premier première
		deuxième second seconde troisième prochain prochaine dernier dernière lieu eu été a ont sont dans sur avec
		pour par ce cette ces qu quoi lors s'est c'est d'astana l'asie asie centrale chine déclaration traité`)
	englishMarks = wordSet(`the a an of in on at to is was were are be been when where who whom which what how
		many much did does do first second third next last summit summits meeting meetings foreign ministers
		held take took place hosted chaired declaration treaty china central asia with for and from about`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// DetectLanguage guesses the language of a question: Chinese when it has Han
// characters, Russian when it is mostly Cyrillic, and French or English for
// Latin script by the words and accents it uses. It returns "" for text with
// no letters at all.
func DetectLanguage(text string) string {
	var han, cyr, lat int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	switch {
	case han == 0 && cyr == 0 && lat == 0:
		return ""
	case han > 0 && han*3 >= cyr && han*3 >= lat/2:
		// A few Han characters outweigh many Latin letters: "G20峰会在哪里".
		return "zh"
	case cyr >= lat:
		return "ru"
	}
	fr, en := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}) {
		w = strings.ReplaceAll(w, "’", "'")
		if strings.ContainsAny(w, "éèêàâçùûôîïëœ") {
			fr += 2
		}
		if frenchMarks[w] {
			fr++
		}
		if i := strings.IndexByte(w, '\''); i > 0 && (w[:i] == "l" || w[:i] == "d" || w[:i] == "qu" || w[:i] == "s" || w[:i] == "c" || w[:i] == "n") {
			fr++
		}
		if englishMarks[w] {
			en++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}
