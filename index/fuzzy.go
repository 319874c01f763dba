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
// change and which keeps the dictionary walk short.
func (e *Engine) fuzzyTerm(word, lang string) (string, bool) {
	// The automaton for a word is costly to build (a twentieth of a
	// question), and the same typos come back: the answer is kept until
	// the index changes.
	gen := e.dfs.generation()
	k := wordKey{lang, word}
	if f, ok := e.fuzzy.get(k); ok && f.gen == gen {
		return f.term, f.ok
	}
	term, found := e.findFuzzy(word, lang)
	e.fuzzy.put(k, fuzzyEntry{term: term, ok: found, gen: gen})
	return term, found
}

// fuzzyEntry is fuzzyTerm's answer for one state of the index.
type fuzzyEntry struct {
	term string
	ok   bool
	gen  uint64 // the dfCache generation it was found in
}

func (e *Engine) findFuzzy(word, lang string) (string, bool) {
	terms := e.terms(lang, word)
	if len(terms) != 1 {
		return "", false
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
		return "", false
	}
	ai, err := e.idx.Advanced()
	if err != nil {
		return "", false
	}
	r, err := ai.Reader()
	if err != nil {
		return "", false
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return "", false
	}
	_, size := utf8.DecodeRuneInString(term)
	dict, err := fr.FieldDictFuzzy(textField(lang), term, fuzziness, term[:size])
	if err != nil {
		return "", false
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
		return "", false
	}
	return best.Term, true
}
