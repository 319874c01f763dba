package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
)

// sameScript are the languages a question written in one alphabet may be
// in; the first of each is the default.
var sameScript = map[string][]string{
	"latin":    {"en", "fr", "uz", "kk"},
	"cyrillic": {"ru", "kk", "uz"},
}

// readLanguage tells the question's language: corpus.DetectLanguage guesses
// from the letters and a few words; where the alphabet is shared (English,
// French, Uzbek and Kazakh in Latin letters; Russian, Kazakh and Uzbek in
// Cyrillic), the language whose passages and alias forms know the most of
// the question's words wins, the guess among equals. "Sian sammitiga kim
// raislik qildi" has no letter of its own, but every word of it is Uzbek.
func (e *Engine) readLanguage(text string) string {
	guess := corpus.DetectLanguage(text)
	if guess == "" {
		return "en"
	}
	script := "latin"
	for _, r := range text {
		if unicode.Is(unicode.Cyrillic, r) {
			script = "cyrillic"
			break
		}
		if unicode.Is(unicode.Han, r) {
			return guess
		}
	}
	langs := sameScript[script]
	if !slices.Contains(langs, guess) {
		return guess
	}
	// Each language is scored on the question as its passages would spell
	// it: Uzbek Cyrillic in the Latin letters of the Uzbek sheets.
	score := func(l string) int {
		t := text
		if l == "uz" && script == "cyrillic" {
			t = uzbekLatin(text)
		}
		return e.languageScore(strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !unicode.IsLetter(r) && r != '\''
		}), l)
	}
	best, bestScore := guess, score(guess)
	for _, l := range langs {
		if l == guess {
			continue
		}
		if s := score(l); s > bestScore {
			best, bestScore = l, s
		}
	}
	return best
}

// oneLetter reports whether an analyzer made nothing longer than a letter
// of a word: French stemming folds a run of one letter ("aaaa") to that
// letter, which is no more a sign of French than a one-letter word is.
func oneLetter(terms []string) bool {
	for _, t := range terms {
		if utf8.RuneCountInString(t) > 1 {
			return false
		}
	}
	return true
}

// languageScore counts the words of a question that a passage in lang holds
// or that are words of lang's alias forms.
func (e *Engine) languageScore(words []string, lang string) int {
	lex, n := e.lexicon(), 0
	for _, w := range words {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		if lex.isFormIn(w, lang) || e.knownIn(w, lang) && !oneLetter(e.terms(lang, w)) {
			n++
		}
	}
	return n
}
