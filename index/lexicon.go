package index

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/summitbot/summitbot/corpus"
)

// lexicon finds the corpus's alias sets ("concepts") in text of any of the
// four languages. Forms without Han characters are matched as sequences of
// analyzed terms, so inflections and accents don't matter; forms with Han
// characters are matched as substrings, because Chinese has no spaces and a
// one-character word never survives bigram analysis.
type lexicon struct {
	sets      []corpus.AliasSet                   // a lexicon read from its file leaves their Forms to forms
	forms     []lazyForms                         // per set, in a lexicon read from its file; see formsOf
	analyzers map[string]func() analysis.Analyzer // language → its field analyzer, built when first asked for
	terms     map[string]*lazyTrie                // language → forms as analyzed by that language's analyzer
	raw       map[string]termTrie                 // form language → question forms as plain lowercased words
	phrases   map[string]termTrie                 // form language → phrases that analysis would shrink ("этого года" → "год"), as typed
	han       map[rune][]hanForm                  // first rune → Han forms, longest first
	broader   map[string][]string                 // set id → the sets it is a kind or part of
	closure   map[string][]string                 // set id → itself and every set it is a kind or part of, transitively
	words     map[rune][]wordForm                 // one-word forms by first letter, for spelling correction
	ids       map[string]int                      // set id → index in sets
	formWords wordLangs                           // every word of every non-Chinese form, as typed (lowercased), and its languages
	formRaw   *wordMemo[[]string]                 // a form's words as typed, for sameWords: shared by memoized copies

	// memo, in a copy made by memoized, keeps find's results for texts
	// seen before: a document's title and lede are annotated with each of
	// its passages.
	memo map[string][]concept
}

// memoized returns a copy of the lexicon that remembers what it found, for
// one goroutine annotating one document.
func (lx *lexicon) memoized() *lexicon {
	c := *lx
	c.memo = map[string][]concept{}
	return &c
}

type termForm struct {
	terms []string
	set   int
}

// termTrie maps a form's first term to the forms starting with it, longest first.
type termTrie map[string][]termForm

// analyzer returns lang's field analyzer.
func (lx *lexicon) analyzer(lang string) analysis.Analyzer { return lx.analyzers[lang]() }

// lazyAnalyzers builds each language's analyzer the first time it is
// asked for. Reading a question's language analyzes its words in every
// language its script allows, so a question in Latin or Cyrillic letters
// builds all six; a Chinese one builds four, not the Kazakh and Uzbek.
func lazyAnalyzers(m *mapping.IndexMappingImpl) map[string]func() analysis.Analyzer {
	out := make(map[string]func() analysis.Analyzer, len(corpus.Languages))
	for _, l := range corpus.Languages {
		out[l] = sync.OnceValue(func() analysis.Analyzer { return m.AnalyzerNamed(analyzerFor[l]) })
	}
	return out
}

// lazyTrie is one language's term trie, decoded from the lexicon file the
// first time it is needed: a question is matched against its own
// language's trie only, and decoding all six was most of what a process
// spent reading the file.
type lazyTrie struct {
	once sync.Once
	data string // the encoded trie, until decoded
	trie termTrie
}

// lazyForms are a set's forms as encodeLexicon wrote them, decoded the
// first time they are asked for: a question reads the forms of the few
// sets it finds, and decoding every set's was a quarter of reading the
// lexicon file at every start.
type lazyForms struct {
	once  sync.Once
	data  string
	forms map[string][]string
}

// formsOf returns set's forms by language. The map is shared: callers
// must not change it.
func (lx *lexicon) formsOf(set int) map[string][]string {
	if lx.forms == nil {
		return lx.sets[set].Forms
	}
	l := &lx.forms[set]
	l.once.Do(func() {
		// The file's checksum was verified when it was read.
		r := &decoder{s: l.data, chunk: 16}
		l.forms, l.data = r.formsByLang(), ""
	})
	return l.forms
}

// builtTrie wraps a trie that needs no decoding.
func builtTrie(t termTrie) *lazyTrie {
	l := &lazyTrie{trie: t}
	l.once.Do(func() {})
	return l
}

// get decodes the trie once. The file's checksum was verified when it was
// read, so the data is what encodeLexicon wrote.
func (l *lazyTrie) get() termTrie {
	l.once.Do(func() {
		r := &decoder{s: l.data, chunk: 512}
		l.trie, l.data = r.trie(), ""
	})
	return l.trie
}

type hanForm struct {
	text string // lowercased
	set  int
}

// nameKinds are the kinds of alias set whose forms are names, spelled alike
// across languages.
var nameKinds = map[corpus.AliasKind]bool{corpus.AliasPlace: true, corpus.AliasPerson: true,
	corpus.AliasOrg: true, corpus.AliasDocument: true, corpus.AliasOther: true}

// concept is one alias set found in a text.
type concept struct {
	set        int
	start, end int // byte offsets in the text
}

func newLexicon(sets []corpus.AliasSet, m *mapping.IndexMappingImpl) *lexicon {
	terms := map[string]termTrie{}
	lx := &lexicon{sets: sets, analyzers: lazyAnalyzers(m), terms: map[string]*lazyTrie{},
		raw: map[string]termTrie{}, phrases: map[string]termTrie{}, han: map[rune][]hanForm{}, broader: map[string][]string{}, words: map[rune][]wordForm{}, ids: map[string]int{},
		formRaw: &wordMemo[[]string]{}}
	formWords := map[string][]string{}
	for _, lang := range corpus.Languages {
		terms[lang], lx.raw[lang], lx.phrases[lang] = termTrie{}, termTrie{}, termTrie{}
	}
	for i, s := range sets {
		lx.ids[s.ID] = i
		if len(s.Broader) > 0 {
			lx.broader[s.ID] = s.Broader
		}
		// Languages in a fixed order: forms of the same length keep the
		// order they were added in, and map order would make the lexicon
		// (and ties in answers) differ from one process to the next.
		for _, formLang := range slices.Sorted(maps.Keys(s.Forms)) {
			for _, f := range s.Forms[formLang] {
				if hasHan(f) {
					h := hanForm{text: strings.ToLower(f), set: i}
					r, _ := utf8.DecodeRuneInString(h.text)
					lx.han[r] = append(lx.han[r], h)
					continue
				}
				for _, w := range rawTerms(f) {
					if !slices.Contains(formWords[w], formLang) {
						formWords[w] = append(formWords[w], formLang)
					}
				}
				if w := rawTerms(f); len(w) == 1 && utf8.RuneCountInString(w[0]) >= minCorrectable {
					r, _ := utf8.DecodeRuneInString(w[0])
					lx.words[r] = append(lx.words[r], wordForm{word: w[0], set: i, lang: formLang})
				}
				if s.Kind == corpus.AliasQuestion {
					// Question words are stop words to the analyzers
					// ("when", "où", "кто"), so they are matched as typed.
					if ts := rawTerms(f); len(ts) > 0 {
						lx.raw[formLang][ts[0]] = append(lx.raw[formLang][ts[0]], termForm{terms: ts, set: i})
					}
					continue
				}
				if raw := rawTerms(f); len(raw) > 1 && len(termsOf(lx.analyzer(formLang).Analyze([]byte(f)))) < len(raw) {
					// Analysis drops a word of this phrase, and what is
					// left is often a common word on its own: match it
					// as typed.
					lx.phrases[formLang][raw[0]] = append(lx.phrases[formLang][raw[0]], termForm{terms: raw, set: i})
					continue
				}
				// Each analyzer learns its own language's forms, and the
				// names of the others: a question in one language often
				// names things in another ("Xi'an", "C+C5"). Other words
				// of other languages would collide after stemming, and
				// so would the region's spellings of names ("van i",
				// "sian") in the four languages of the sheets.
				for _, lang := range corpus.Languages {
					if lang != formLang && (!nameKinds[s.Kind] || !visible(formLang, lang)) {
						continue
					}
					ts := termsOf(lx.analyzer(lang).Analyze([]byte(f)))
					if len(ts) == 0 {
						continue // only stop words under this analyzer
					}
					trie := terms[lang]
					trie[ts[0]] = append(trie[ts[0]], termForm{terms: ts, set: i})
				}
			}
		}
	}
	lx.formWords = newWordLangs(formWords)
	tries := slices.Collect(maps.Values(terms))
	tries = append(tries, slices.Collect(maps.Values(lx.raw))...)
	tries = append(tries, slices.Collect(maps.Values(lx.phrases))...)
	for _, trie := range tries {
		for k, fs := range trie {
			sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].terms) > len(fs[j].terms) })
			trie[k] = dedupeForms(fs)
		}
	}
	for r, fs := range lx.han {
		sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].text) > len(fs[j].text) })
		lx.han[r] = fs
	}
	for lang, t := range terms {
		lx.terms[lang] = builtTrie(t)
	}
	lx.closeBroader()
	return lx
}

func dedupeForms(fs []termForm) []termForm {
	out := fs[:0]
	seen := map[string]bool{}
	for _, f := range fs {
		k := strings.Join(f.terms, "\x00") + "\x00" + string(rune(f.set))
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

func termsOf(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// find returns the concepts in text, analyzed as language lang, without
// overlaps: where matches overlap, the longest wins ("在哪个国家" is "哪个国家",
// not "在哪"). Question words are looked for only when questions is true.
func (lx *lexicon) find(text, lang string, questions bool) []concept {
	if lx.memo == nil || questions {
		return lx.findAll(text, lang, questions)
	}
	key := lang + "\x00" + text
	cs, ok := lx.memo[key]
	if !ok {
		cs = lx.findAll(text, lang, false)
		lx.memo[key] = cs
	}
	return slices.Clone(cs)
}

func (lx *lexicon) findAll(text, lang string, questions bool) []concept {
	return lx.findIn(text, lang, questions, lx.analyzer(lang).Analyze([]byte(text)), rawTokens(text), 0)
}

// findRead is find on a passage's text read by readText as part of a
// longer text, in which the passage's text starts at byte at.
func (lx *lexicon) findRead(text, lang string, terms, raw analysis.TokenStream, at int) []concept {
	from := func(ts analysis.TokenStream) analysis.TokenStream {
		i := 0
		for i < len(ts) && ts[i].Start < at {
			i++
		}
		return ts[i:]
	}
	return lx.findIn(text, lang, false, from(terms), from(raw), at)
}

// findIn finds the concepts in text given its analyzed terms and its raw
// words, whose offsets are at bytes past the text's.
func (lx *lexicon) findIn(text, lang string, questions bool, terms, raw analysis.TokenStream, at int) []concept {
	var all []concept
	for _, c := range lx.findHan(text) {
		if questions || lx.sets[c.set].Kind != corpus.AliasQuestion {
			all = append(all, c)
		}
	}
	for _, formLang := range corpus.Languages {
		if !visible(formLang, lang) {
			continue
		}
		if questions {
			// Question words are stop words to the analyzers ("when",
			// "où", "кто"), so they are matched on the words as typed.
			all = append(all, matchTrie(raw, lx.raw[formLang], at)...)
		}
		all = append(all, matchTrie(raw, lx.phrases[formLang], at)...)
	}
	for _, c := range matchTrie(terms, lx.terms[lang].get(), at) {
		span := text[c.start:c.end]
		switch {
		case lx.sets[c.set].Kind == corpus.AliasOrdinal && isNumberWord(strings.ToLower(span)):
			// "шести стран", of six countries, is no sixth.
		case !truncates(lang) || lx.sameWords(lang, c.set, span):
			all = append(all, c)
		}
	}
	slices.SortStableFunc(all, func(a, b concept) int {
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return cmp.Compare(lb, la) // longest first
		}
		return cmp.Compare(a.start, b.start)
	})
	var out []concept
	for _, c := range all {
		free := true
		for _, o := range out {
			if c.start < o.end && o.start < c.end {
				free = false
				break
			}
		}
		if free {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b concept) int { return cmp.Compare(a.start, b.start) })
	return out
}

// truncates reports whether language lang's analyzer cuts words to their
// first letters (prefixName), in place of a stemmer.
func truncates(lang string) bool {
	return slices.Contains(analyzerConfigs[analyzerFor[lang]]["token_filters"].([]string), prefixName)
}

// sameWords reports whether the words of span, found as a form of alias
// set set by their first letters, are read as that form. They are unless
// a word goes another way than the form's word after the first letters
// and is another form's word with an ending: министрлер (ministers) is
// министр with an ending, not министрлік (ministerial), and vazirlar is
// vazir, not vazirlik. A word is the form's word with an ending when it
// starts with it, give or take the form's last letter, which Kazakh
// changes before an ending (ынтымақтастық, ынтымақтастығы). A form whose
// words analysis drops cannot be compared, and is trusted.
func (lx *lexicon) sameWords(lang string, set int, span string) bool {
	words := rawTerms(span)
	comparable := false
	for formLang, forms := range lx.formsOf(set) {
		if !visible(formLang, lang) {
			continue
		}
		for _, f := range forms {
			fw := lx.rawForm(formLang, f)
			if len(fw) != len(words) {
				continue
			}
			comparable = true
			if !lx.readOtherwise(lang, words, fw) {
				return true
			}
		}
	}
	return !comparable
}

// rawForm is rawTerms of a form, worked out once: sameWords compares every
// form of a set each time the set is found in Kazakh or Uzbek text.
func (lx *lexicon) rawForm(lang, form string) []string {
	k := wordKey{lang, form}
	if ws, ok := lx.formRaw.get(k); ok {
		return ws
	}
	ws := rawTerms(form)
	lx.formRaw.put(k, ws)
	return ws
}

// readOtherwise reports whether one of the words does not extend the
// form's word at its place and extends another form's word instead.
func (lx *lexicon) readOtherwise(lang string, words, form []string) bool {
	for i, w := range words {
		if !extends(w, form[i]) && lx.extendsSomeForm(w, lang) {
			return true
		}
	}
	return false
}

// extends reports whether w is the form's word f with an ending, or its
// start.
func extends(w, f string) bool {
	wr, fr := []rune(w), []rune(f)
	common := 0
	for common < len(fr) && common < len(wr) && fr[common] == wr[common] {
		common++
	}
	return common == min(len(fr), len(wr)) || common >= len(fr)-1
}

// extendsSomeForm reports whether w starts with the word of a form read in
// language lang that is at least as long as the analyzer's cut.
func (lx *lexicon) extendsSomeForm(w, lang string) bool {
	wr := []rune(w)
	for n := prefixRunes; n <= len(wr); n++ {
		langs := lx.formWords.of(string(wr[:n]))
		for _, l := range corpus.Languages {
			if langs&langBit(l) != 0 && visible(l, lang) {
				return true
			}
		}
	}
	return false
}

// matchTrie finds every occurrence of the forms of trie in a token stream
// whose offsets are at bytes past the text's.
func matchTrie(toks analysis.TokenStream, trie termTrie, at int) []concept {
	var out []concept
	for i := range toks {
		for _, f := range trie[string(toks[i].Term)] {
			if i+len(f.terms) <= len(toks) && sameTerms(toks[i+1:i+len(f.terms)], f.terms[1:]) {
				out = append(out, concept{set: f.set, start: toks[i].Start - at, end: toks[i+len(f.terms)-1].End - at})
			}
		}
	}
	return out
}

func sameTerms(toks analysis.TokenStream, terms []string) bool {
	for k, t := range terms {
		if string(toks[k].Term) != t {
			return false
		}
	}
	return true
}

// rawTokens splits text into lowercased, folded words, keeping stop words.
func rawTokens(text string) analysis.TokenStream {
	return foldWords(unicodeTokens.Tokenize([]byte(text)))
}

// foldWords lowercases and folds the words in place, each into bytes of
// its own.
func foldWords(words analysis.TokenStream) analysis.TokenStream {
	for _, t := range words {
		w := Fold(strings.ToLower(string(t.Term)))
		t.Term = []byte(strings.TrimSuffix(w, "'s")) // "when's" asks "when"
	}
	return words
}

// readText reads a text both ways at once: its terms as language lang's
// analyzer reads them, and its words as rawTokens does, from one pass of
// the word tokenizer, which all the analyzers start with. A build reads
// every passage both ways.
func (lx *lexicon) readText(lang string, text []byte) (terms, raw analysis.TokenStream) {
	an, ok := lx.analyzer(lang).(*analysis.DefaultAnalyzer)
	if !ok || len(an.CharFilters) > 0 {
		return lx.analyzer(lang).Analyze(text), rawTokens(string(text))
	}
	terms = an.Tokenizer.Tokenize(text)
	raw = make(analysis.TokenStream, len(terms))
	for i, t := range terms {
		c := *t
		raw[i] = &c
	}
	// The raw words get bytes of their own before the filters run: a
	// filter may change a term's bytes in place.
	foldWords(raw)
	for _, f := range an.TokenFilters {
		terms = f.Filter(terms)
	}
	return terms, raw
}

func rawTerms(form string) []string { return termsOf(rawTokens(form)) }

// isHanForm reports whether text is a Chinese form of an alias set that
// is not a question word.
func (lx *lexicon) isHanForm(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	for _, f := range lx.han[r] {
		if f.text == text && lx.sets[f.set].Kind != corpus.AliasQuestion {
			return true
		}
	}
	return false
}

// findHan finds every occurrence of the Han forms in the lowercased text.
func (lx *lexicon) findHan(text string) []concept {
	if len(lx.han) == 0 || !hasHan(text) {
		return nil
	}
	var out []concept
	low := strings.ToLower(text)
	if len(low) != len(text) {
		low = text // lowercasing changed byte lengths; offsets would drift
	}
	for i, r := range low {
		for _, f := range lx.han[r] {
			if strings.HasPrefix(low[i:], f.text) {
				out = append(out, concept{set: f.set, start: i, end: i + len(f.text)})
			}
		}
	}
	return out
}

type wordForm struct {
	word string
	set  int
	lang string // the form's language
}

// visible reports whether a form written in formLang is read in text in
// lang. The sheets' four languages are read everywhere, as people mix
// them (a French question typed as English, "Xi'an" in a Russian one); a
// form of the region's languages only in its own, where it cannot collide
// with a word of another ("ne", "van", "berdi").
func visible(formLang, lang string) bool {
	return formLang == lang || slices.Contains(corpus.SheetLanguages, formLang)
}

// minCorrectable is the shortest word SummitBot corrects: shorter ones are
// one letter away from too many others.
const minCorrectable = 5

// correct returns the alias set of the one-word form that word is a typo
// of: one letter wrong, missing, extra or two swapped (two for long words),
// with the first letter right. It fails when no form or several sets are
// that close.
func (lx *lexicon) correct(word, lang string) (int, bool) {
	w := []rune(Fold(strings.ToLower(word)))
	if len(w) < minCorrectable {
		return 0, false
	}
	limit := 1
	if len(w) >= 9 {
		limit = 2
	}
	found, set := false, 0
	for _, f := range lx.words[w[0]] {
		if !visible(f.lang, lang) {
			continue
		}
		fr := []rune(f.word)
		if d := len(fr) - len(w); d > limit || d < -limit {
			continue
		}
		if dist := editDistance(w, fr); dist == 0 {
			return 0, false // a form itself: nothing to correct
		} else if dist <= limit {
			if found && set != f.set {
				return 0, false // ambiguous
			}
			found, set = true, f.set
		}
	}
	return set, found
}

// isFormIn reports whether a lowercased word is a word of an alias form of
// language lang.
func (lx *lexicon) isFormIn(word, lang string) bool {
	w, ok := rawWord(word)
	return ok && lx.formWords.has(w, lang)
}

// rawWord is the one term rawTerms reads in a word, without tokenizing
// when the word is letters only, as the words of a question are.
func rawWord(word string) (string, bool) {
	if strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) < 0 {
		return Fold(strings.ToLower(word)), word != ""
	}
	ws := rawTerms(word)
	if len(ws) != 1 {
		return "", false
	}
	return ws[0], true
}

// editDistance is the Damerau–Levenshtein distance (with adjacent swaps).
func editDistance(a, b []rune) int {
	var buf [3 * 24]int // the three rows for a word of up to 23 letters, on the stack
	n := 3 * (len(b) + 1)
	rows := buf[:min(n, len(buf))]
	if n > len(buf) {
		rows = make([]int, n)
	}
	prev2, prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)], rows[2*(len(b)+1):]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// withBroader returns id and every set it is a kind or part of,
// transitively. The slice is shared: callers must not change it.
func (lx *lexicon) withBroader(id string) []string {
	if c, ok := lx.closure[id]; ok {
		return c
	}
	return lx.broaderOf(id)
}

// closeBroader computes withBroader for every set, once: ranking asks for
// it per candidate.
func (lx *lexicon) closeBroader() {
	lx.closure = make(map[string][]string, len(lx.sets))
	for _, s := range lx.sets {
		lx.closure[s.ID] = lx.broaderOf(s.ID)
	}
}

func (lx *lexicon) broaderOf(id string) []string {
	out := []string{id}
	for i := 0; i < len(out); i++ {
		for _, b := range lx.broader[out[i]] {
			if !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// byID returns the alias set with that id (the zero set for none).
func (lx *lexicon) byID(id string) corpus.AliasSet {
	if i, ok := lx.ids[id]; ok {
		return lx.sets[i]
	}
	return corpus.AliasSet{}
}

// set returns the alias set of a concept.
func (lx *lexicon) set(c concept) corpus.AliasSet { return lx.sets[c.set] }
