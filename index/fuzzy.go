package index

import (
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
)

// fuzzyTerm finds the term of the corpus that a word no passage holds was
// most likely meant to be: the one at the smallest edit distance in the
// field of the question's language, the most common among equals. People
// type on phones; "прошол" is "прошёл", "trainig" is "training". The
// distance allowed grows with the word (Params.MinFuzzyRunes and
// MinFuzzy2Runes), and the first letter is kept, which typos rarely
// change and which keeps the dictionary walk short. It also returns the
// edit distance of the term found.
func (e *Engine) fuzzyTerm(word, lang string) (string, int, bool) {
	// The automaton for a word is costly to build (a twentieth of a
	// question), and the same typos come back: the answer is kept until
	// the index changes.
	gen := e.dfs.generation()
	k := wordKey{lang, word}
	if f, ok := e.fuzzy.get(k); ok && f.gen == gen {
		return f.term, f.dist, f.ok
	}
	term, dist, found := e.findFuzzy(word, lang)
	e.fuzzy.put(k, fuzzyEntry{term: term, dist: dist, ok: found, gen: gen})
	return term, dist, found
}

// fuzzyEntry is fuzzyTerm's answer for one state of the index.
type fuzzyEntry struct {
	term string
	dist int
	ok   bool
	gen  uint64 // the dfCache generation it was found in
}

func (e *Engine) findFuzzy(word, lang string) (string, int, bool) {
	terms := e.terms(lang, word)
	if len(terms) != 1 {
		return "", 0, false
	}
	term := terms[0]
	n := utf8.RuneCountInString(term)
	fuzziness := 0
	switch {
	case n >= e.params.MinFuzzy2Runes:
		fuzziness = 2
	case n >= e.params.MinFuzzyRunes:
		fuzziness = 1
	default:
		return "", 0, false
	}
	ai, err := e.idx.Advanced()
	if err != nil {
		return "", 0, false
	}
	r, err := ai.Reader()
	if err != nil {
		return "", 0, false
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return "", 0, false
	}
	_, size := utf8.DecodeRuneInString(term)
	dict, err := fr.FieldDictFuzzy(textField(lang), term, fuzziness, term[:size])
	if err != nil {
		return "", 0, false
	}
	defer dict.Close()
	var best *index.DictEntry
	for {
		de, err := dict.Next()
		if err != nil || de == nil {
			break
		}
		if de.EditDistance == 0 {
			continue
		}
		if best == nil || de.EditDistance < best.EditDistance ||
			(de.EditDistance == best.EditDistance && de.Count > best.Count) {
			c := *de
			best = &c
		}
	}
	if best == nil {
		return "", 0, false
	}
	return best.Term, int(best.EditDistance), true
}
