package index

import (
	"bytes"
	_ "embed"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
)

//go:embed stopwords.txt
var stopwordsFile string

// stopwords holds the words dropped from every question whatever its
// language: the union of the four languages' stop lists and SummitBot's own
// list of question fillers. Words are lowercased and folded.
type stopwords struct {
	raw   map[string]bool // the listed words that folding changes, lowercased
	words map[string]bool // folded
	han   []string        // Chinese entries, longest first, matched as substrings
	// hanFunction are Chinese characters dropped when one stands alone
	// between the other parts of a question (个, 时, 和): inside a word
	// they stay.
	hanFunction map[string]bool
	// yearNouns are the words for "year" that stand next to a year's
	// number ("2023 год", "2023-yilgi", "2023年"): there they are part of
	// the year, which a passage states in its own words, or in another
	// language.
	yearNouns map[string]bool
	// asking are the words that ask for the noun after them ("what
	// gifts", "quels cadeaux", "какие подарки"): stop words too.
	asking map[string]bool
	// askingAfter are the Kazakh and Uzbek words that ask for the noun
	// before them, as a predicate ("ауа райы қандай болды").
	askingAfter map[string]bool
	// which are the Kazakh and Uzbek words for "which": before a role or a
	// document they ask for a person or a document, as asking words do.
	which map[string]bool
	// hanAsking and hanAskingAfter are the Chinese question words that ask
	// for the noun after them ("什么礼物") and before them ("天气如何"), and
	// hanCounters the measure words between a number word and its noun
	// ("多少名工作人员").
	hanAsking, hanAskingAfter []string
	hanCounters               map[rune]bool
}

func loadStopwords() *stopwords {
	// Bleve's lists are read straight from its bytes, in its format (one
	// or more words a line, "|" or "#" starting a comment), into maps
	// sized up front: building Bleve's own maps of them first was most
	// of what every process spent here.
	lists := [][]byte{en.EnglishStopWords, fr.FrenchStopWords, ru.RussianStopWords}
	size := strings.Count(stopwordsFile, " ")
	for _, l := range lists {
		size += bytes.Count(l, []byte("\n"))
	}
	sw := &stopwords{raw: map[string]bool{}, words: make(map[string]bool, size), hanFunction: map[string]bool{},
		yearNouns: map[string]bool{}, asking: map[string]bool{}, askingAfter: map[string]bool{}, which: map[string]bool{},
		hanCounters: map[rune]bool{}}
	for _, l := range lists {
		for line := range bytes.Lines(l) {
			if i := bytes.IndexAny(line, "#|"); i >= 0 {
				line = line[:i]
			}
			for _, w := range bytes.Fields(line) {
				sw.add(string(w))
			}
		}
	}
	for _, line := range strings.Split(stopwordsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, words, _ := strings.Cut(line, ":")
		for _, w := range strings.Fields(words) {
			switch lang {
			case "zh":
				sw.han = append(sw.han, w)
			case "zh-alone":
				sw.hanFunction[w] = true
			case "year":
				sw.yearNouns[Fold(strings.ToLower(w))] = true
			case "zh-asks":
				sw.hanAsking = append(sw.hanAsking, w)
			case "zh-asks-after":
				sw.hanAskingAfter = append(sw.hanAskingAfter, w)
			case "zh-counters":
				for _, r := range w {
					sw.hanCounters[r] = true
				}
			case "asks-after":
				sw.askingAfter[Fold(strings.ToLower(w))] = true
			case "which":
				sw.which[Fold(strings.ToLower(w))] = true
			case "asks":
				sw.asking[Fold(strings.ToLower(w))] = true
				sw.add(w)
			default:
				sw.add(w)
			}
		}
	}
	sort.SliceStable(sw.han, func(i, j int) bool { return len(sw.han[i]) > len(sw.han[j]) })
	return sw
}

// ownStopwords returns the stop words stopwords.txt lists for lang, folded
// as the analyzers fold them: the stop list of a language Bleve has none
// for.
func ownStopwords(lang string) []string {
	var out []string
	for _, line := range strings.Split(stopwordsFile, "\n") {
		if l, words, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && l == lang {
			for _, w := range strings.Fields(words) {
				out = append(out, Fold(strings.ToLower(w)))
			}
		}
	}
	return out
}

// isNumberWord reports whether a lowercased word is a number word
// (stopwords.txt's "numbers" lines, stop words like the others): "шести",
// never the ordinal шестой.
func isNumberWord(word string) bool { return numberWords()[Fold(word)] }

var numberWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range ownStopwords("numbers") {
		m[w] = true
	}
	return m
})

// isYearNoun reports whether a lowercased word is a word for "year".
func (sw *stopwords) isYearNoun(word string) bool { return sw.yearNouns[Fold(word)] }

func (sw *stopwords) add(w string) {
	w = strings.ToLower(w)
	f := Fold(w)
	sw.words[f] = true
	if f != w {
		// Only a word typed with its accents is looked up as typed.
		sw.raw[w] = true
	}
}

// isStop reports whether a lowercased word is a stop word in any language.
// A word typed without accents matches a stop word with them ("ou" is
// "où"); a word with accents must match as typed ("né" is not "ne").
func (sw *stopwords) isStop(word string) bool {
	if f := Fold(word); f == word {
		if sw.words[f] {
			return true
		}
	} else if sw.raw[word] {
		return true
	}
	// A French elided article or pronoun before a stop word leaves it one:
	// "c'était", "qu'était", "n'est" name nothing, as "était" and "est".
	if prefix, rest, ok := strings.Cut(word, "'"); ok && frenchElisions[prefix] && rest != "" {
		return sw.isStop(rest)
	}
	return false
}

// frenchElisions are the words French writes elided before a vowel.
var frenchElisions = map[string]bool{"c": true, "d": true, "j": true, "l": true, "m": true, "n": true, "s": true, "t": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true}

// IsStopword reports whether word is a stop word in any language SummitBot
// reads: the lists the questions are read with, a Chinese function
// character (的, 和) included. Replies use it to mark only content words.
func IsStopword(word string) bool {
	sw := sharedStopwords()
	w := strings.ToLower(strings.TrimSpace(word))
	return sw.isHanStop(w) || sw.isStop(w)
}

// isHanStop reports whether w is a Chinese stop word or function
// character (是, 的, 一).
func (sw *stopwords) isHanStop(w string) bool { return sw.hanFunction[w] || slices.Contains(sw.han, w) }
