package index

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
)

// features is what the index knows about a passage beyond its words: the
// alias sets it names, the kinds of answer it holds, and the event it is
// about. They are computed once, when the passage is indexed.
type features struct {
	Concepts  []string   `json:"c,omitempty"`  // alias set ids in the heading, title and text, with their broader sets
	Head      []string   `json:"hd,omitempty"` // alias set ids in the heading alone: what the section is about
	Has       []string   `json:"h,omitempty"`  // answer types the text holds (corpus.AnswerDate, …)
	Years     []int      `json:"y,omitempty"`  // years the text names
	Mentions  []string   `json:"m,omitempty"`  // events the text names with their ordinal: "summit#1"
	Topic     topic      `json:"t"`
	Sentences []sentence `json:"s,omitempty"`
}

// sentence is one sentence of a passage, so that a question's answer can be
// looked for where the question's words are, not anywhere in the passage.
type sentence struct {
	End      int      `json:"e"` // byte offset in the text where the sentence ends
	Concepts []string `json:"c,omitempty"`
	Has      []string `json:"h,omitempty"`
	// PersonOf are the places the sentence names next to a person, with
	// nothing else named between: "Sadyr Japarov (Kyrgyzstan)", "the
	// President of Uzbekistan, Shavkat Mirziyoyev".
	PersonOf []string `json:"po,omitempty"`
}

// topic is the event a passage is about.
type topic struct {
	Events  []string `json:"e,omitempty"`
	Ordinal string   `json:"o,omitempty"`
	Places  []string `json:"p,omitempty"`
	Years   []int    `json:"y,omitempty"`
}

var (
	numberPattern  = regexp.MustCompile(`[0-9]+(?:[.,  ][0-9]+)*`)
	numericDate    = regexp.MustCompile(`\b[0-3]?[0-9][./][01]?[0-9][./](?:19|20)[0-9]{2}\b`)
	hanDate        = regexp.MustCompile(`[0-9]{4}年[0-9]{1,2}月`)
	hanDayAfterNum = regexp.MustCompile(`^\s*[日号]`)
	hanDay         = regexp.MustCompile(`[0-9]{1,2}月[0-9]{1,2}[日号]`)
)

// annotate computes a passage's features from its text and the concepts
// the text names, body. lede is the first sentence of the passage's
// document: what an article without headings is about.
func (lx *lexicon) annotate(title, heading, lede, text, lang string, body []concept) features {
	var f features
	head := lx.find(heading, lang, false)
	tit := lx.find(title, lang, false)
	f.Concepts = lx.conceptIDs(head, tit, body)
	slices.Sort(f.Concepts) // a set: sorted, two passages' overlap is one merge
	f.Head = lx.conceptIDs(head)
	f.Years = years(text)
	f.Mentions = lx.mentions(text, body)
	spans := sentenceSpans(text)
	for _, s := range spans {
		var in []concept
		for _, c := range body {
			if c.start >= s[0] && c.end <= s[1] {
				in = append(in, concept{set: c.set, start: c.start - s[0], end: c.end - s[0]})
			}
		}
		st := text[s[0]:s[1]]
		sn := sentence{End: s[1], Concepts: lx.conceptIDs(in), Has: lx.answerTypes(st, in, years(st)), PersonOf: lx.personOf(st, in)}
		f.Sentences = append(f.Sentences, sn)
		for _, h := range sn.Has {
			if !slices.Contains(f.Has, h) {
				f.Has = append(f.Has, h)
			}
		}
	}
	slices.SortFunc(f.Has, func(a, b string) int { return slices.Index(answerOrder, a) - slices.Index(answerOrder, b) })
	first := found{text: text}
	if len(spans) > 0 {
		first.text = text[:spans[0][1]]
	}
	for _, c := range body {
		if c.end <= len(first.text) {
			first.cs = append(first.cs, c)
		}
	}
	f.Topic = lx.topicOf(found{heading, head}, found{title, tit}, first, lx.find(lede, lang, false))
	return f
}

// dropOthers leaves out an organization's concept that another
// organization's name stands against: "the SCO Secretariat", "Секретариат
// ШОС", "上合组织秘书处" are the SCO's secretariat, not the format's, and a
// passage citing them says nothing of where the format's one sits.
func (lx *lexicon) dropOthers(text string, cs []concept) []concept {
	touches := func(a, b concept) bool { // b follows a with at most a space or a hyphen between
		return b.start >= a.end && b.start-a.end <= 1 && strings.Trim(text[a.end:b.start], " -") == ""
	}
	out := cs[:0:0]
	for i, c := range cs {
		owned := false
		if lx.sets[c.set].Kind == corpus.AliasOrg {
			for j, o := range cs {
				if j != i && lx.sets[o.set].Kind == corpus.AliasOther && (touches(o, c) || touches(c, o)) {
					owned = true
					break
				}
			}
		}
		if !owned {
			out = append(out, c)
		}
	}
	return out
}

// found is a text and the concepts found in it.
type found struct {
	text string
	cs   []concept
}

var answerOrder = []string{corpus.AnswerDate, answerDay, corpus.AnswerPlace, corpus.AnswerPerson, corpus.AnswerNumber, corpus.AnswerDocument}

// answerDay marks a date that names its day, not only its month: the
// better answer to "when", since a passage about something else often
// dates it by the month ("at the summit in May 2023, China announced…").
const answerDay = "day"

// conceptIDs lists the ids of the concepts, each followed by the sets it is
// a kind of: a passage naming the Xi'an Declaration names a declaration.
func (lx *lexicon) conceptIDs(groups ...[]concept) []string {
	var out []string
	for _, cs := range groups {
		for _, c := range cs {
			for _, id := range lx.withBroader(lx.sets[c.set].ID) {
				if !slices.Contains(out, id) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

func sentenceSpans(text string) [][2]int {
	var out [][2]int
	off := 0
	for _, s := range corpus.Sentences(text) {
		i := strings.Index(text[off:], s)
		if i < 0 {
			continue
		}
		out = append(out, [2]int{off + i, off + i + len(s)})
		off += i + len(s)
	}
	return out
}

// topicOf says what event a passage is about: the events its heading names,
// else its title's, else its document's lede's (the concepts of its first
// sentence); the one ordinal that the heading, title or the passage's
// first sentence names; and the years of
// the heading, else of the first sentence, else of the title ("Meetings,
// 2020–2025" says nothing of when the second meeting was).
func (lx *lexicon) topicOf(heading, title, first found, lede []concept) topic {
	var t topic
	for _, cs := range [][]concept{heading.cs, title.cs, lede} {
		if t.Events = lx.idsOf(cs, corpus.AliasEvent); len(t.Events) > 0 {
			break
		}
	}
	for _, cs := range [][]concept{heading.cs, title.cs, first.cs} {
		if o := lx.ordinalOf(cs); o != "" {
			t.Ordinal = o
			break
		}
	}
	t.Places = append(lx.idsOf(heading.cs, corpus.AliasPlace), lx.idsOf(title.cs, corpus.AliasPlace)...)
	// A heading or title naming the format names its region: "China–
	// Central Asia trade" is about Central Asia as much as "China's share
	// of Central Asian trade" is.
	for _, c := range slices.Concat(heading.cs, title.cs) {
		if s := lx.sets[c.set]; s.Kind != corpus.AliasPlace {
			for _, b := range lx.broaderOf(s.ID)[1:] {
				if lx.byID(b).Kind == corpus.AliasPlace && !slices.Contains(t.Places, b) {
					t.Places = append(t.Places, b)
				}
			}
		}
	}
	for _, s := range []string{heading.text, first.text, title.text} {
		if t.Years = years(s); len(t.Years) > 0 {
			break
		}
	}
	return t
}

func (lx *lexicon) idsOf(cs []concept, kind corpus.AliasKind) []string {
	var out []string
	for _, c := range cs {
		if s := lx.sets[c.set]; s.Kind == kind && !slices.Contains(out, s.ID) {
			out = append(out, s.ID)
		}
	}
	return out
}

// ordinalOf returns the ordinal the concepts name, if they name exactly
// one: "the first to third meetings" is about no one meeting. A number
// ("third") wins over a relative word ("next") that names the same event.
func (lx *lexicon) ordinalOf(cs []concept) string {
	var nums, rel []string
	for _, c := range cs {
		s := lx.sets[c.set]
		if s.Kind != corpus.AliasOrdinal {
			continue
		}
		if !isCount(s.Value) { // "next", "last", "last-year"
			if !slices.Contains(rel, s.Value) {
				rel = append(rel, s.Value)
			}
		} else if !slices.Contains(nums, s.Value) {
			nums = append(nums, s.Value)
		}
	}
	switch {
	case len(nums) == 1:
		return nums[0]
	case len(nums) == 0 && len(rel) == 1:
		return rel[0]
	}
	return ""
}

// mentions pairs each ordinal in text with the event named right after it
// ("the first summit", "第五次中国—中亚外长会晤").
func (lx *lexicon) mentions(text string, cs []concept) []string {
	var out []string
	for i, c := range cs {
		s := lx.sets[c.set]
		if s.Kind != corpus.AliasOrdinal {
			continue
		}
		for _, d := range cs[i+1:] {
			if d.start-c.end > 40 || strings.ContainsAny(text[c.end:d.start], ".;。；") {
				break
			}
			if e := lx.sets[d.set]; e.Kind == corpus.AliasEvent {
				m := e.ID + "#" + s.Value
				if !slices.Contains(out, m) {
					out = append(out, m)
				}
				break
			}
		}
	}
	return out
}

// answerTypes says which kinds of answer a text holds.
// isYear reports whether a number is a year.
func isYear(n string) bool {
	v, err := strconv.Atoi(n)
	return err == nil && v >= 1950 && v <= 2100
}

func (lx *lexicon) answerTypes(text string, cs []concept, yrs []int) []string {
	has := map[string]bool{}
	var months [][2]int
	for _, c := range cs {
		switch lx.sets[c.set].Kind {
		case corpus.AliasMonth:
			months = append(months, [2]int{c.start, c.end})
		case corpus.AliasPlace:
			has[corpus.AnswerPlace] = true
		case corpus.AliasPerson:
			has[corpus.AnswerPerson] = true
		case corpus.AliasDocument:
			has[corpus.AnswerDocument] = true
		}
	}
	if !has[corpus.AnswerPerson] && namesSomeone(text, cs) {
		has[corpus.AnswerPerson] = true
	}
	// The patterns are tried only where they can match: a build asks this
	// of every sentence, and most hold no digit.
	digits := strings.ContainsAny(text, "0123456789")
	numeric := digits && numericDate.MatchString(text)
	han := digits && strings.Contains(text, "月")
	if (len(months) > 0 && len(yrs) > 0) || numeric || han && hanDate.MatchString(text) {
		has[corpus.AnswerDate] = true
	}
	if numeric || han && hanDay.MatchString(text) {
		has[answerDay] = true
	}
	if !digits {
		return answerList(has)
	}
	for _, m := range numberPattern.FindAllStringIndex(text, -1) {
		if isYearOrDay(text, m, months) {
			if has[corpus.AnswerDate] && !isYear(text[m[0]:m[1]]) {
				has[answerDay] = true // "18–19 May 2023", "2025-yil 17-iyunda"
			}
			continue
		}
		has[corpus.AnswerNumber] = true
		break
	}
	return answerList(has)
}

// answerList lists the answer types of has in answerOrder.
func answerList(has map[string]bool) []string {
	var out []string
	for _, t := range answerOrder {
		if has[t] {
			out = append(out, t)
		}
	}
	return out
}

// namesSomeone reports whether a Latin or Cyrillic sentence names a person
// the alias sets do not know: a run of capitalized words that is not at the
// sentence's start and is not a place, an organization, an event or a
// document the lexicon found there. People named in the corpus outnumber
// the people in the alias sets; "who" questions are asked about all.
func namesSomeone(text string, cs []concept) bool {
	found := false
	eachName(text, func(start, end int) bool {
		if start == 0 {
			return true
		}
		for _, c := range cs {
			if c.start < end && start < c.end {
				return true
			}
		}
		found = true
		return false
	})
	return found
}

// personGap is how many letters may stand between a person and the place
// named as theirs: "Kyrgyzstan was represented by President Sadyr Japarov"
// is 29; "…with Tajikistan, according to foreign minister Qin Gang" is 32,
// and names someone else's words about the country.
const personGap = 30

// personOf lists the places a sentence names next to a person: a person of
// the alias sets or a run of capitalized words (as namesSomeone reads
// them), with at most personGap letters and no other person, place or
// organization between. "Who represented Kyrgyzstan" is answered by the
// name beside it, not by a minister quoted in a sentence that names the
// country. A place that qualifies an organization ("Turkmenistan's foreign
// ministry", "le ministère… du Turkménistan") is the organization's, not
// the next person's.
func (lx *lexicon) personOf(text string, cs []concept) []string {
	const (
		person = -1
		org    = -2
	)
	type span struct {
		start, end int
		kind       int // the place's set, person or org
	}
	var spans []span
	for _, c := range cs {
		switch lx.sets[c.set].Kind {
		case corpus.AliasPerson:
			spans = append(spans, span{c.start, c.end, person})
		case corpus.AliasPlace:
			spans = append(spans, span{c.start, c.end, c.set})
		case corpus.AliasOrg:
			spans = append(spans, span{c.start, c.end, org})
		}
	}
	quoted := quotedSpans(text)
	eachName(text, func(start, end int) bool {
		overlaps := func(a, b int) bool { return a < end && start < b }
		if start > 0 && !slices.ContainsFunc(cs, func(c concept) bool { return overlaps(c.start, c.end) }) &&
			!slices.ContainsFunc(quoted, func(q [2]int) bool { return overlaps(q[0], q[1]) }) {
			spans = append(spans, span{start, end, person})
		}
		return true
	})
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	gap := func(a, b span) int { return utf8.RuneCountInString(text[a.end:max(a.end, b.start)]) }
	qualifies := func(i int) bool { // place i touches an organization
		return (i > 0 && spans[i-1].kind == org && gap(spans[i-1], spans[i]) <= orgGap) ||
			(i+1 < len(spans) && spans[i+1].kind == org && gap(spans[i], spans[i+1]) <= orgGap)
	}
	var out []string
	for i := 1; i < len(spans); i++ {
		a, b := spans[i-1], spans[i]
		pl := i - 1
		switch {
		case a.kind == person && b.kind >= 0:
			pl = i
		case a.kind >= 0 && b.kind == person:
		default:
			continue
		}
		if b.start < a.end || gap(a, b) > personGap || qualifies(pl) {
			continue
		}
		if id := lx.sets[spans[pl].kind].ID; !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// orgGap is how many letters may stand between an organization and the
// place that qualifies it: "Turkmenistan's foreign ministry", "ministère
// des Affaires étrangères du Turkménistan".
const orgGap = 4

// quoteCloser is the mark that closes each opening quotation mark.
var quoteCloser = map[rune]rune{'«': '»', '“': '”', '„': '“', '"': '"'}

// quotedSpans returns the byte ranges of a text within quotation marks
// («…», “…”, „…“, "…"): a title's capitalized words ("«Championing the
// China–Central Asia Spirit for High-Quality Cooperation»") name no one.
func quotedSpans(text string) [][2]int {
	var out [][2]int
	var closer rune
	start := -1
	for i, r := range text {
		switch {
		case start >= 0 && r == closer:
			out = append(out, [2]int{start, i})
			start = -1
		case start < 0 && quoteCloser[r] != 0:
			start, closer = i, quoteCloser[r]
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// eachName calls f with the offsets of each run of two or three
// capitalized words ("Feng Zhanwen", "He Lifeng", "Сунь Вэйдун", "Murat
// Nurtleu") until f returns false. The runs are the matches of
// \p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){1,2}, found by hand: the
// regular expression was a tenth of a build.
func eachName(text string, f func(start, end int) bool) {
	for i := 0; i < len(text); {
		end, words := capitalized(text, i), 1
		if end < 0 {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		for words < 3 && end < len(text) && isSpace(text[end]) {
			next := capitalized(text, end+1)
			if next < 0 {
				break
			}
			end, words = next, words+1
		}
		if words == 1 {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		if !f(i, end) {
			return
		}
		i = end
	}
}

// capitalized returns the end of the capitalized word at i (an upper-case
// letter, then lower-case letters, apostrophes or hyphens), or -1.
func capitalized(text string, i int) int {
	r, n := utf8.DecodeRuneInString(text[i:])
	if !unicode.IsUpper(r) {
		return -1
	}
	end := i + n
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsLower(r) && r != '\'' && r != '’' && r != '-' {
			break
		}
		end += n
	}
	if end == i+n {
		return -1
	}
	return end
}

// isSpace is what \s matches.
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// isYearOrDay reports whether the number at m is part of a date rather than
// a count: a year, or a day next to a month name.
func isYearOrDay(text string, m []int, months [][2]int) bool {
	if isYear(text[m[0]:m[1]]) {
		return true
	}
	for _, mo := range months {
		if (mo[0] >= m[1] && mo[0]-m[1] <= 10) || (m[0] >= mo[1] && m[0]-mo[1] <= 3) {
			return true
		}
	}
	return hanDayAfterNum.MatchString(text[m[1]:])
}

// years lists the years a text names, once each: four digits from 1950 to
// 2099 that no ASCII letter, digit or underscore touches, as the regular
// expression \b(19[5-9][0-9]|20[0-9][0-9])\b would find them, four times
// faster; a build asks it of every sentence.
func years(text string) []int {
	var out []int
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i == 4 && (i == 0 || !isWordByte(text[i-1])) && (j == len(text) || !isWordByte(text[j])) {
			if y, _ := strconv.Atoi(text[i:j]); y >= 1950 && y <= 2099 && !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
		i = j
	}
	return out
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isWordByte is what \b counts as a word character.
func isWordByte(b byte) bool {
	return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_'
}
