package index

import (
	"cmp"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/summitbot/summitbot/corpus"
)

// MaxQuestionRunes bounds the part of a question that is read; the rest is
// ignored. No real question about the summits is longer.
const MaxQuestionRunes = 300

type unitKind int

const (
	unitConcept unitKind = iota // an alias set: matched in any language
	unitWord                    // a word outside every alias set
	unitHan                     // a run of Chinese characters outside every alias set
)

// unit is one meaningful piece of a question. The coverage of a passage is
// the weighted share of the question's units it matches.
type unit struct {
	kind    unitKind
	text    string
	set     int              // alias set, for concept units
	id      string           // and its id
	ordinal bool             // an ordinal concept ("first", "next")
	setKind corpus.AliasKind // the alias set's kind, for concept units
	weight  float64
	entity  bool // looks like a name or a number: unmatched, it means "not about this corpus"
	// fuzzy is the corpus term a word no passage holds was taken for, in
	// the question's language: a typo forgiven.
	fuzzy string
	// partner is a Chinese run just before an event's name, or words
	// joined by a dash to another name: what they name, the event is held
	// with ("中国—阿拉伯国家峰会", "sommet Corée–Asie centrale", "саммит
	// Китай — арабские государства").
	partner bool
	// common is an ordinary word that a large share of its language's
	// passages hold (Weights.CommonShare): it names nothing.
	common bool
	// unknown is the noun a question word asks for ("what gifts", "какие
	// подарки", "什么礼物") when no passage in the question's language holds
	// it as typed: a fact the corpus lacks, unless it is a typo of a word
	// the best passage holds (askedUnknown).
	unknown bool
}

// Unlettered is the kindred of a question read as Kazakh or Uzbek from its
// words alone, in Cyrillic without a letter of theirs: it may as well be
// Kyrgyz typed in the letters it shares with Russian.
const Unlettered = "unlettered"

// question is what SummitBot understands of the user's text.
type question struct {
	text string // normalized and bounded
	lang string
	// kindred is the language the question is written in when it is read
	// as lang for want of sheets in its own (corpus.Kindred), Unlettered
	// when nothing but its words says it is in lang, or "".
	kindred string
	answer  string // what the question asks for: corpus.AnswerDate, …, an alias set id, or ""
	implies string // an alias set the answer likely names: "when was X" → "held"
	// measured is the answer type of the first measured topic the question
	// names (corpus.AliasSet.Answer of a topic set): its answer when no
	// question word gives one.
	measured string
	measure  string // and that topic's set
	units    []unit
	cleaned  string // the units' text, the input of the full-text queries
	// subjects are the alias sets the question is about, as subject()
	// finds them, read once: the re-ranker asks for them per candidate.
	subjects []string
	clauses  [][]int // units by clause, when the question has several
	ordinal  string  // "1".."n", "next", "last" or ""
	events   map[string]bool
	places   map[string]bool
	years    map[int]bool
}

var (
	hasDigit      = regexp.MustCompile(`[0-9]`)
	unicodeTokens = unicodetok.NewUnicodeTokenizer()
)

// apostrophes are the marks people type for the Uzbek oʻ and gʻ and for
// the French elision, wherever they stand: the word tokenizer would cut
// "o`tdi" and "o‘tdi" in two, but keeps "o'tdi" whole.
var apostrophes = strings.NewReplacer("`", "'", "‘", "'", "’", "'", "ʼ", "'", "ʻ", "'")

// normalize collapses white space, drops control characters and cuts the
// text to MaxQuestionRunes at a word boundary.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = apostrophes.Replace(s)
	if utf8.RuneCountInString(s) <= MaxQuestionRunes {
		return s
	}
	runes := []rune(s)[:MaxQuestionRunes]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut
}

func (e *Engine) parseQuestion(text string) question {
	q := question{text: normalize(text), events: map[string]bool{}, places: map[string]bool{}, years: map[int]bool{}}
	q.lang, q.kindred = e.readLanguage(q.text), corpus.Kindred(q.text)
	if q.kindred == "" && (q.lang == "kk" || q.lang == "uz") && corpus.DetectLanguage(q.text) == "ru" {
		// Read as Kazakh or Uzbek for its words, in Cyrillic without one
		// of the letters those languages write: as likely Kyrgyz typed
		// alike ("Астана саммитинде алты мамлекет кандай келишимге кол
		// коюшту?"), and as uncertain.
		q.kindred = Unlettered
	}
	switch q.lang {
	case "uz":
		q.text = normalize(uzbekLatin(q.text)) // "ч" is "ch": the text can grow past the bound
	case "ru":
		q.text = shortYears(q.text)
	case "zh":
		q.text = articleNumbers(e.respellChinese(q.text))
	}
	latinIsForeign := strings.IndexFunc(q.text, func(r rune) bool {
		return unicode.In(r, unicode.Cyrillic, unicode.Han)
	}) >= 0
	if !latinIsForeign {
		if text, lang, ok := e.readLatin(q.text, q.lang); ok {
			q.text, q.lang = text, lang
		}
	}
	covered := make([]bool, len(q.text)) // bytes that belong to a concept
	asking := make([]bool, len(q.text))  // and to a question phrase ("what was")
	var pieces []piece
	add := func(start int, u unit) { pieces = append(pieces, piece{start, u}) }
	eventAt := map[int]bool{}            // where an event's name starts: "峰会" in "中国—阿拉伯国家峰会"
	inEvent := make([]bool, len(q.text)) // bytes of an event's name
	for _, c := range e.lex.find(q.text, q.lang, true) {
		s := e.lex.set(c)
		if e.stopNotForm(q.text[c.start:c.end], c.set) {
			// "according to" stems as accord, an agreement: a stop
			// word found by its stem names nothing, unless it is one of
			// the set's own forms (the question words are stop words).
			continue
		}
		if s.Kind == corpus.AliasEvent {
			eventAt[c.start] = true
		}
		for i := c.start; i < c.end; i++ {
			covered[i] = true
			inEvent[i] = s.Kind == corpus.AliasEvent
			asking[i] = s.Kind == corpus.AliasQuestion && s.Answer == "" // "what was"
		}
		if q.note(s) {
			continue
		}
		add(c.start, unit{kind: unitConcept, text: q.text[c.start:c.end], set: c.set, id: s.ID, setKind: s.Kind,
			weight: e.params.Weights.Concept[s.Kind], ordinal: s.Kind == corpus.AliasOrdinal, entity: s.Kind == corpus.AliasOther})
	}
	for _, y := range years(q.text) {
		q.years[y] = true
	}
	if y, ok := calendarYear(q.ordinal, e.now().Year()); ok && q.ordinal != "this-year" {
		// "Trade last year" is trade in that year, as if it were named.
		// "This year" is more often where a span ends ("how many years
		// until this year") than a year asked about.
		q.years[y] = true
	}

	// Words and Chinese runs outside the concepts.
	toks := unicodeTokens.Tokenize([]byte(q.text))
	hanStart, hanEnd := -1, -1
	flushHan := func() {
		if hanStart >= 0 {
			for _, r := range e.stop.splitHan(q.text, hanStart, hanEnd) {
				if piece := q.text[r[0]:r[1]]; !e.stop.hanFunction[piece] {
					u := e.params.Weights.hanUnit(piece)
					// "中国—阿拉伯国家峰会": the run names the event's
					// partner, perhaps another region (unknownEntity).
					u.partner = eventAt[r[1]] && utf8.RuneCountInString(piece) >= 3
					u.unknown = e.unknownHanNoun(q.text, r[0], r[1])
					add(r[0], u)
				}
			}
		}
		hanStart, hanEnd = -1, -1
	}
	first := true
	// predicate reports whether only stop words follow token k: the
	// asking word there is the clause's predicate.
	predicate := func(k int) bool {
		for _, t := range toks[k+1:] {
			if covered[t.Start] || !e.stop.isStop(strings.ToLower(q.text[t.Start:t.End])) {
				return false
			}
		}
		return true
	}
	// askedAfter reports whether word i is the noun an asking word before
	// it asks for ("what gifts"), with stop words between ("what was the
	// weather"): the asking word stands alone or in a question's phrase
	// that asks for no kind of answer of its own. Not in Kazakh and Uzbek,
	// where the verb follows a question phrase ("nima dedi": what did he
	// say); their determiners (қандай, qanday) still ask for the noun
	// after them.
	askedAfter := func(i int) bool {
		for k := i - 1; k >= 0; k-- {
			w := Fold(strings.ToLower(q.text[toks[k].Start:toks[k].End]))
			switch {
			case e.stop.asking[w] || (asking[toks[k].Start] && !verbFinal[q.lang]):
				return true
			case covered[toks[k].Start] || !e.stop.isStop(w):
				return false
			}
		}
		return false
	}
	// askedBefore reports whether word i is the noun a Kazakh or Uzbek
	// predicate after it asks for ("ауа райы қандай болды", "havo qanday
	// edi": what was the weather like).
	askedBefore := func(i int) bool {
		for k := i + 1; k < len(toks); k++ {
			w := Fold(strings.ToLower(q.text[toks[k].Start:toks[k].End]))
			switch {
			case e.stop.askingAfter[w]:
				return predicate(k)
			case covered[toks[k].Start] || !e.stop.isStop(w):
				return false
			}
		}
		return false
	}
	// paired reports whether word i is in a name that a dash joins to
	// another, next to an event's name: "sommet Corée–Asie centrale",
	// "Japan–Central Asia summit", "саммит Китай — арабские государства".
	// A dash elsewhere is punctuation ("Китай — главный партнёр").
	paired := func(i int) bool {
		inName := func(k int) bool {
			at := toks[k].Start
			return !inEvent[at] && (covered[at] || !e.stop.isStop(strings.ToLower(q.text[at:toks[k].End])))
		}
		// joined tells how tokens k and k+1 are joined, if at all. A dash
		// inside a concept is part of its name ("Chine–Asie centrale").
		joined := func(k int) (space, dash bool) {
			return strings.TrimSpace(q.text[toks[k].End:toks[k+1].Start]) == "",
				joinedByDash(q.text, toks[k], toks[k+1]) && !covered[toks[k].End]
		}
		first, last, dashed := i, i, false
		for first > 0 && inName(first-1) {
			space, dash := joined(first - 1)
			if !space && !dash {
				break
			}
			dashed, first = dashed || dash, first-1
		}
		for last+1 < len(toks) && inName(last+1) {
			space, dash := joined(last)
			if !space && !dash {
				break
			}
			dashed, last = dashed || dash, last+1
		}
		event := func(k, gapFrom, gapTo int) bool {
			return inEvent[toks[k].Start] && strings.Trim(q.text[gapFrom:gapTo], " «»\"“”„'") == ""
		}
		return dashed && ((first > 0 && event(first-1, toks[first-1].End, toks[first].Start)) ||
			(last+1 < len(toks) && event(last+1, toks[last].End, toks[last+1].Start)))
	}
	nextToYear := func(i int) bool {
		return (i > 0 && isYearToken(q.text, toks[i-1])) || (i+1 < len(toks) && isYearToken(q.text, toks[i+1]))
	}
	for i, t := range toks {
		if covered[t.Start] {
			flushHan()
			first = false
			continue
		}
		if t.Type == analysis.Ideographic {
			if i > 0 && toks[i-1].End == t.Start && isYearToken(q.text, toks[i-1]) && e.stop.isYearNoun(string(t.Term)) {
				flushHan() // "2023年": the year's own character
				continue
			}
			if hanStart >= 0 && t.Start != hanEnd {
				flushHan()
			}
			if hanStart < 0 {
				hanStart = t.Start
			}
			hanEnd = t.End
			continue
		}
		flushHan()
		word := q.text[t.Start:t.End]
		// A first word paired by a dash with another name is a name too:
		// "Russia–Central Asia summit: when?", "Ресей – Орталық Азия
		// саммиті…", where Kazakh and Uzbek put the subject first.
		isFirst := first && !dashPaired(q.text[t.End:])
		first = false
		// The noun an asking word asks for: "what gifts".
		asked := askedAfter(i) || askedBefore(i)
		if e.stop.isStop(strings.ToLower(word)) || e.analyzesToNothing(word, q.lang) ||
			(nextToYear(i) && e.stop.isYearNoun(strings.ToLower(word))) {
			continue
		}
		if set, ok := e.correct(word, q.lang); ok {
			// A typo of a word the corpus knows: "sumit", "самит".
			s := e.lex.sets[set]
			if q.note(s) { // "wheere", "combein": it asks, it names nothing
				continue
			}
			add(t.Start, unit{kind: unitConcept, text: word, set: set, id: s.ID, setKind: s.Kind,
				weight: e.params.Weights.Concept[s.Kind], ordinal: s.Kind == corpus.AliasOrdinal, partner: paired(i)})
			continue
		}
		u := e.params.Weights.wordUnit(word, isFirst, latinIsForeign)
		u.partner = paired(i)
		if !hasDigit.MatchString(word) && !e.known(word) {
			if term, dist, ok := e.fuzzyTerm(word, q.lang); ok && (!u.entity || nameTypo(word, q.lang, dist)) {
				u.fuzzy = term
			}
		}
		if !u.entity {
			df, n := e.wordDF(word, q.lang), e.langCount(q.lang)
			u.weight *= e.params.Weights.commonness(df, n)
			u.common = e.params.Weights.isCommon(df, n)
			u.unknown = asked && df == 0
		}
		add(t.Start, u)
	}
	flushHan()
	if q.answer == "" {
		q.answer = e.askedKind(q.text, toks, pieces)
	}

	// Units in reading order; their text is what the full-text queries see.
	slices.SortStableFunc(pieces, func(a, b piece) int { return cmp.Compare(a.start, b.start) })
	texts := make([]string, 0, len(pieces))
	bounds := clauseBounds(q.text, covered)
	byClause := map[int][]int{}
	for i, p := range pieces {
		q.units = append(q.units, p.u)
		texts = append(texts, p.u.text)
		k := sort.SearchInts(bounds, p.start+1)
		byClause[k] = append(byClause[k], i)
	}
	if len(byClause) > 1 {
		for k := 0; k <= len(bounds); k++ {
			if len(byClause[k]) > 0 {
				q.clauses = append(q.clauses, byClause[k])
			}
		}
	}
	if q.answer == "" {
		// "Trade in 2025?", "Каким был товарооборот…": a question about a
		// measured thing that no question word types asks for its figure.
		q.answer = q.measured
	}
	q.cleaned = strings.Join(texts, " ")
	q.subjects = q.subject()
	return q
}

// askedKind is what an asking word before a role or a document asks for:
// a person ("which minister", "quel ministre kazakh", "какой министр"), a
// document ("which declaration"). Names may stand between ("which Kazakh
// foreign minister"): the asking word is looked for over the places just
// before the role.
func (e *Engine) askedKind(text string, toks analysis.TokenStream, pieces []piece) string {
	for _, p := range pieces {
		var kind string
		switch {
		case p.u.kind != unitConcept:
			continue
		case p.u.setKind == corpus.AliasRole:
			kind = corpus.AnswerPerson
		case p.u.setKind == corpus.AliasDocument:
			kind = corpus.AnswerDocument
		default:
			continue
		}
		k := sort.Search(len(toks), func(i int) bool { return toks[i].End > p.start }) - 1
		for ; k >= 0; k-- {
			w := Fold(strings.ToLower(text[toks[k].Start:toks[k].End]))
			if e.stop.asking[w] || e.stop.which[w] {
				return kind
			}
			if !namesPlace(pieces, toks[k].Start) {
				break
			}
		}
	}
	return ""
}

// unknownHanNoun reports whether the Chinese piece text[start:end] is the
// noun a question word asks for and no Chinese passage holds its two
// characters next to that word: the Chinese form of an asked noun the
// corpus never speaks of ("什么礼物", "天气如何"). A counter after 几 or
// 多少 ("几点", "多少名") is no part of the noun.
func (e *Engine) unknownHanNoun(text string, start, end int) bool {
	runes := []rune(text[start:end])
	var pair []rune
	switch {
	case slices.ContainsFunc(e.stop.hanAsking, func(w string) bool { return strings.HasSuffix(text[:start], w) }):
		if len(runes) > 2 && e.stop.hanCounters[runes[0]] {
			runes = runes[1:]
		}
		if len(runes) >= 2 {
			pair = runes[:2]
		}
	case slices.ContainsFunc(e.stop.hanAskingAfter, func(w string) bool { return strings.HasPrefix(text[end:], w) }):
		if len(runes) >= 2 {
			pair = runes[len(runes)-2:]
		}
	}
	return pair != nil && e.countDF(textField("zh"), []string{string(pair)}) == 0
}

// namesPlace reports whether the byte at off belongs to a place's name.
func namesPlace(pieces []piece, off int) bool {
	for _, p := range pieces {
		if p.u.kind == unitConcept && p.u.setKind == corpus.AliasPlace && p.start <= off && off < p.start+len(p.u.text) {
			return true
		}
	}
	return false
}

// note records what an alias set found in the question says of it: what it
// asks for, its ordinal, its events and places. It reports whether the set
// only asks (a question word), so that it is no piece of the question.
func (q *question) note(s corpus.AliasSet) (asks bool) {
	switch s.Kind {
	case corpus.AliasQuestion:
		if q.answer == "" {
			q.answer, q.implies = s.Answer, s.Implies
		}
		return true
	case corpus.AliasOrdinal:
		if q.ordinal == "" {
			q.ordinal = s.Value
		}
	case corpus.AliasTopic:
		if q.measured == "" && s.Answer != "" {
			q.measured, q.measure = s.Answer, s.ID
		}
	case corpus.AliasEvent:
		q.events[s.ID] = true
	case corpus.AliasPlace:
		q.places[s.ID] = true
	}
	return false
}

// analyzesToNothing reports whether the question language's analyzer drops
// the whole word: an elided stop word ("qu'ont", "qu'y", "l'on") is as
// empty as the stop word itself.
func (e *Engine) analyzesToNothing(word, lang string) bool {
	return len(e.terms(lang, word)) == 0
}

// clauseMarks end a clause of a question.
const clauseMarks = ".:;!?。：；！？，,—"

// clauseBounds returns the byte offsets where the question's clauses end.
func clauseBounds(text string, covered []bool) []int {
	var out []int
	for i, r := range text {
		// A mark inside a concept joins its name: the dash of
		// "中国—中亚合作论坛" or of "Центральная Азия — Китай".
		if strings.ContainsRune(clauseMarks, r) && !covered[i] && !listComma(text, i, r) {
			out = append(out, i)
		}
	}
	return out
}

// listConjunctions are the words that close an enumeration: "China,
// Kyrgyzstan and Uzbekistan".
var listConjunctions = map[string]bool{"and": true, "et": true, "и": true, "和": true, "与": true, "及": true,
	"және": true, "мен": true, "va": true, "ва": true}

// listComma reports whether the comma at byte i separates the items of an
// enumeration, whose last item follows a conjunction within a few words:
// the items are one clause's subject, not two clauses.
func listComma(text string, i int, r rune) bool {
	if r != ',' && r != '，' {
		return false
	}
	words := strings.FieldsFunc(text[i+utf8.RuneLen(r):], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(clauseMarks, r)
	})
	for k, w := range words {
		if k == 4 {
			break
		}
		if listConjunctions[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// isYearToken reports whether a token is a year's four digits.
func isYearToken(text string, t *analysis.Token) bool {
	w := text[t.Start:t.End]
	return len(w) == 4 && isYear(w)
}

type piece struct {
	start int
	u     unit
}

// wordUnit weighs a word outside every alias set. latinIsForeign says that
// the question is written in another alphabet, so that a Latin word in it
// is most likely a name ("Wang Yi", "C+C5").
func (w UnitWeights) wordUnit(word string, first, latinIsForeign bool) unit {
	u := unit{kind: unitWord, text: word, set: -1, weight: w.Word}
	name := word
	if i := strings.LastIndexAny(name, "'’"); i >= 0 {
		name = name[i+len("'"):] // "l'OTAN": the name is after the elided article
		if strings.HasPrefix(word[i:], "’") {
			name = word[i+len("’"):]
		}
	}
	r, _ := utf8.DecodeRuneInString(name)
	switch {
	case hasDigit.MatchString(word):
		u.entity = true
		if len(word) == 4 && len(years(word)) == 1 {
			u.weight = w.Year
		}
	case isAcronym(name), innerUpper(name):
		// "NATO", "iPhone", "McDonald's": a name, whatever its place.
		u.entity, u.weight = true, w.Entity
	case unicode.IsUpper(r) && !first:
		u.entity, u.weight = true, w.Entity
	case unicode.Is(unicode.Latin, r) && latinIsForeign:
		u.entity, u.weight = true, w.Entity
	}
	return u
}

// verbFinal are the languages whose verb ends the clause: there a
// question word stands before the verb, not before the noun it asks for.
var verbFinal = map[string]bool{"kk": true, "uz": true}

// nameTypo reports whether a name the corpus lacks, found dist edits from
// a term of the corpus, is a typo of it: a name is misspelt by a letter
// ("Tokaev"). Two letters apart, or one apart in the first prefixRunes
// letters that Kazakh and Uzbek cut a long word to, it is another name
// read as a common word ("Yaponiya", cut to yapon, as yagona; "Hindiston"
// as The Hindu).
func nameTypo(word, lang string, dist int) bool {
	return dist <= 1 && !cutLonger(word, lang)
}

// cutLonger reports whether a Kazakh or Uzbek word is longer, without its
// endings, than the prefixRunes letters its analyzer keeps: the letters
// after them reach no term.
func cutLonger(word, lang string) bool {
	return truncates(lang) && utf8.RuneCountInString(stripEndings(Fold(strings.ToLower(word)), lang)) > prefixRunes
}

// joinedByDash reports whether two names are joined by an en or em dash.
// A hyphen joins the parts of one name as often ("Nur-Sultan").
func joinedByDash(text string, a, b *analysis.Token) bool {
	d := strings.TrimSpace(text[a.End:b.Start])
	return d == "–" || d == "—"
}

// dashPaired reports whether the text after a word starts with a dash and
// a capital: the word is one of two names joined, as in "Japan–Central Asia".
func dashPaired(after string) bool {
	rest := strings.TrimLeft(after, " ")
	r, n := utf8.DecodeRuneInString(rest)
	if !strings.ContainsRune("-–—", r) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(strings.TrimLeft(rest[n:], " "))
	return unicode.IsUpper(r)
}

// innerUpper reports whether a word has a capital letter after a small
// one: brands and names are written so, ordinary words never.
func innerUpper(w string) bool {
	lower := false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r) && lower:
			return true
		}
	}
	return false
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		n++
	}
	return n >= 2
}

func (w UnitWeights) hanUnit(s string) unit {
	n := float64(utf8.RuneCountInString(s))
	weight := w.Word * min(n/2, 2) // about one word per two characters
	if n < 2 {
		weight = w.HanShort
	}
	return unit{kind: unitHan, text: s, set: -1, weight: weight}
}

// splitHan cuts the Han run text[start:end] at Chinese stop words and
// returns the byte ranges of the pieces left.
func (sw *stopwords) splitHan(text string, start, end int) [][2]int {
	var out [][2]int
	from := start
	for i := start; i < end; {
		matched := 0
		for _, w := range sw.han {
			if strings.HasPrefix(text[i:end], w) {
				matched = len(w)
				break
			}
		}
		if matched > 0 {
			if i > from {
				out = append(out, [2]int{from, i})
			}
			i += matched
			from = i
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	if end > from {
		out = append(out, [2]int{from, end})
	}
	return out
}

// shortYear is a year as Russian speakers write it in passing: "в 23-м",
// "в 25м" (году) for 2023 and 2025. Only after "в"/"во" and with the
// ending of the prepositional case: "23-го мая" is a day.
var shortYear = regexp.MustCompile(`(^|[\s(])(в|во|В|Во) (1[5-9]|2[0-9]|3[0-5])-?(м|ом)(\s|$|[,.?!)])`)

// shortYears writes a Russian question's short years in full, so that
// "в 23-м" asks about 2023 as "в 2023 году" does.
func shortYears(text string) string {
	if !strings.ContainsAny(text, "0123456789") {
		return text
	}
	return shortYear.ReplaceAllString(text, "${1}${2} 20${3}${5}")
}

// stopNotForm reports whether span, found as a form of set, is a stop
// word that is none of the set's forms as written: a stemmed match.
func (e *Engine) stopNotForm(span string, set int) bool {
	lower := strings.ToLower(span)
	if !e.stop.isStop(lower) {
		return false
	}
	for _, forms := range e.lex.formsOf(set) {
		if slices.Contains(forms, lower) {
			return false
		}
	}
	return true
}

// hanDigits are the Chinese numerals' values; 十 is ten.
var hanDigits = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}

// articleNumbers writes the number of a treaty's article, clause or
// chapter in digits, as the sheets do: "第三条" is 第3条, article 3, and no
// third summit. An ordinal before 条, 款, 章, 项 or 节 numbers a part of a
// text.
func articleNumbers(text string) string {
	if !strings.Contains(text, "第") {
		return text
	}
	var b strings.Builder
	rest := text
	for {
		i := strings.Index(rest, "第")
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(rest[:i+len("第")])
		rest = rest[i+len("第"):]
		j, n, ok := 0, 0, false
		for _, r := range rest {
			if _, isDigit := hanDigits[r]; !isDigit {
				ok = j > 0 && strings.ContainsRune("条款章项节", r)
				break
			}
			j += utf8.RuneLen(r)
		}
		if ok {
			n, ok = hanNumber(rest[:j])
		}
		if ok {
			b.WriteString(strconv.Itoa(n))
			rest = rest[j:]
		}
	}
}

// hanNumber reads a Chinese numeral from 1 to 99: 三, 十二, 二十, 二十三.
func hanNumber(s string) (int, bool) {
	rs := []rune(s)
	switch {
	case len(rs) == 1:
		return hanDigits[rs[0]], true
	case len(rs) == 2 && rs[0] == '十':
		return 10 + hanDigits[rs[1]], rs[1] != '十'
	case len(rs) == 2 && rs[1] == '十' && rs[0] != '十':
		return 10 * hanDigits[rs[0]], true
	case len(rs) == 3 && rs[1] == '十' && rs[0] != '十' && rs[2] != '十':
		return 10*hanDigits[rs[0]] + hanDigits[rs[2]], true
	}
	return 0, false
}
