package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Questions typed in the Latin alphabet are not always English or French:
// a Russian speaker without a Cyrillic keyboard writes "gde proshel vtoroi
// sammit", a Chinese speaker "di er jie fenghui zai nali". readLatin
// rewrites such a question in its own script, so that everything after it
// (aliases, stop words, analyzers) works as for a question typed that way.

// russianLatin is the usual Latin spelling of Russian, as people type it
// (scientific, passport and informal habits mixed: "zh", "kh" and "h",
// "ya" and "ja", "shch" and "sch"), longest spelling first.
var russianLatin = latinSpelling{vowels: "aeiouy", table: []latinLetter{
	{"shch", "щ"}, {"sch", "щ"},
	{"yo", "ё"}, {"jo", "ё"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"},
	{"yu", "ю"}, {"ju", "ю"}, {"ya", "я"}, {"ja", "я"}, {"ye", "е"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"w", "в"}, {"g", "г"}, {"d", "д"}, {"e", "е"}, {"z", "з"},
	{"i", "и"}, {"j", "й"}, {"k", "к"}, {"q", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"},
	{"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"h", "х"}, {"c", "ц"},
	{"x", "кс"}, {"y", "ы"}, {"'", "ь"},
}}

// latinSpelling is how a language is typed in Latin letters: its letters
// and pairs of letters, longest first, and its vowels.
type latinSpelling struct {
	table  []latinLetter
	vowels string
}

type latinLetter struct{ lat, cyr string }

// cyrillic writes one lowercased Latin word in Cyrillic, taking at each
// point the longest spelling the table knows. A final "i" or "y" after a
// vowel is "й" ("vtoroi", "Qytai"); anything the table lacks stays.
func (sp latinSpelling) cyrillic(word string) string {
	var b strings.Builder
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRuneInString(word[i:])
		if prev, _ := utf8.DecodeLastRuneInString(word[:i]); i > 0 && i+size == len(word) &&
			(r == 'i' || r == 'y') && strings.ContainsRune(sp.vowels, prev) {
			b.WriteString("й")
			break
		}
		matched := false
		for _, t := range sp.table {
			if strings.HasPrefix(word[i:], t.lat) {
				b.WriteString(t.cyr)
				i += len(t.lat)
				matched = true
				break
			}
		}
		if !matched {
			b.WriteRune(r)
			i += size
		}
	}
	return b.String()
}

// latinWords returns the question's words when it is written in plain
// Latin letters only (no accents: an accented question is French or typed
// on a keyboard that has them), else nil.
func latinWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z') && r != '\'' && !unicode.IsDigit(r)
	})
	for _, r := range text {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return nil
		}
	}
	return words
}

// readLatin returns the question rewritten in Cyrillic or Chinese when that
// reading makes more of its words known to the corpus than reading it as
// lang, the Latin-script language it was taken for.
func (e *Engine) readLatin(text, lang string) (string, string, bool) {
	words := latinWords(toneless(text))
	asIs := 0
	for _, w := range words {
		if e.readsIn(w, lang) {
			asIs++
		}
	}
	if lang != "kk" && len(words) >= 2 && asIs*3 >= len(words)*2 {
		return "", "", false // two words in three read as typed: no other reading can do much better
	}
	kk, asKk := e.readKazakhLatin(text, lang)
	if len(words) < 2 {
		if asKk > 0 {
			return kk, "kk", true
		}
		return "", "", false
	}
	if han, n := sharedPinyin().read(words); n > asIs && n*2 >= len(words) {
		return han, "zh", true
	}
	cyr := make([]string, len(words))
	asRu := 0
	for i, w := range words {
		cyr[i] = russianLatin.cyrillic(w)
		// A Kazakh form typed on a Russian keyboard ("кытай", "калада")
		// is no evidence for Russian: only Russian forms count.
		if e.stop.isStop(cyr[i]) || e.knownIn(cyr[i], "ru") || e.lexicon().isFormIn(cyr[i], "ru") {
			asRu++
		} else if _, ok := e.correct(cyr[i], "ru"); ok {
			asRu++
		}
	}
	// Both alphabets are typed with the same letters ("kogda", "qashan"):
	// the reading with more known words wins, Russian on a tie unless the
	// letters are Kazakh ones.
	if asKk > 0 && (asKk > asRu || (asKk == asRu && lang == "kk")) {
		return kk, "kk", true
	}
	if asRu > asIs && asRu*2 >= len(words) {
		return strings.Join(cyr, " "), "ru", true
	}
	return "", "", false
}

// uzbekLatin writes Uzbek Cyrillic in the official Latin alphabet, which the
// Uzbek fact sheets use: a question typed in the older script then matches
// them word for word. The mapping is one to one but for е (ye at the start
// of a word), ц (s, ts after a vowel) and the signs.
func uzbekLatin(text string) string {
	var b strings.Builder
	prev := ' '
	for _, r := range text {
		lower := unicode.ToLower(r)
		lat, ok := uzbekCyrillic[lower]
		switch {
		case !ok:
			b.WriteRune(r)
			prev = r
			continue
		case lower == 'е' && !unicode.IsLetter(prev):
			lat = "ye"
		case lower == 'ц' && strings.ContainsRune("аеёиоуэюяў", unicode.ToLower(prev)):
			lat = "ts"
		}
		if r != lower && lat != "" {
			first, size := utf8.DecodeRuneInString(lat)
			lat = string(unicode.ToUpper(first)) + lat[size:]
		}
		b.WriteString(lat)
		prev = r
	}
	return b.String()
}

var uzbekCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "g'", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "j", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'ў': "o'", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "x", 'ҳ': "h", 'ц': "s", 'ч': "ch", 'ш': "sh",
	'ъ': "'", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// readKazakhLatin reads a question in Kazakh typed in Latin letters, in the
// 2021 alphabet ("qaşan", "hatşylyğy") or as people type it without marks
// ("qashan", "jylda"), and writes it in Cyrillic, the script of the Kazakh
// fact sheets. It returns the number of words the corpus or its alias sets
// know in Kazakh, 0 unless that is at least half of the words and more
// than read as typed.
func (e *Engine) readKazakhLatin(text, lang string) (string, int) {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.Is(unicode.Latin, r) && r != '\'' && !unicode.IsDigit(r)
	})
	if len(words) < 2 || strings.IndexFunc(text, func(r rune) bool { return unicode.In(r, unicode.Cyrillic, unicode.Han) }) >= 0 {
		return "", 0
	}
	asIs, asKk := 0, 0
	cyr := make([]string, len(words))
	var unread []int // words neither spelling reads
	for i, w := range words {
		// Kazakh read as typed matches only the few Latin forms of the
		// alias sets: the fact sheets are in Cyrillic.
		if lang != "kk" && e.readsIn(w, lang) {
			asIs++
		}
		// "i" is і in Kazakh words and и in borrowed ones ("birinshi
		// sammit": бірінші саммит): the first spelling the corpus knows.
		soft := kazakhLatin.cyrillic(w)
		hard := strings.ReplaceAll(soft, "і", "и")
		switch {
		case e.readsIn(soft, "kk"):
			cyr[i], asKk = soft, asKk+1
		case e.readsIn(hard, "kk"):
			cyr[i], asKk = hard, asKk+1
		default:
			cyr[i] = soft
			unread = append(unread, i)
		}
	}
	known := asKk
	for _, i := range unread {
		// Letter variants only for a question some word of which reads
		// as Kazakh already: an English question would try them all.
		if known > 0 {
			if v, ok := e.kazakhVariant(cyr[i]); ok {
				cyr[i], asKk = v, asKk+1
				continue
			}
		}
		if _, ok := e.correct(cyr[i], "kk"); ok {
			asKk++
		}
	}
	if asKk > asIs && asKk*2 >= len(words) {
		return strings.Join(cyr, " "), asKk
	}
	return "", 0
}

// kazakhVariant finds the Kazakh word a Latin word typed without Kazakh
// letters stands for: "kytai" is қытай, "kalada" қалада, "ortalyk"
// орталық, "kolemi" көлемі. People type к for қ, г for ғ, о for ө, у for
// ұ and ү, н for ң, а for ә and і for ы: each such letter among the first
// prefixRunes (all the analyzer keeps) may be the other, and the variant
// with the fewest changes that the corpus knows is taken.
func (e *Engine) kazakhVariant(word string) (string, bool) {
	rs := []rune(word)
	var at []int // where a letter may stand for another
	for i := 0; i < min(len(rs), prefixRunes); i++ {
		if len(kazakhUnmarked[rs[i]]) > 0 {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return "", false
	}
	// Variants by the number of changed letters, fewest first.
	var best []rune
	tried := 0
	for changes := 1; changes <= len(at) && best == nil && tried <= maxKazakhVariants; changes++ {
		eachChoice(at, rs, changes, func(v []rune) bool {
			if tried++; tried > maxKazakhVariants {
				return false
			}
			if e.readsIn(string(v), "kk") {
				best = slices.Clone(v)
				return false
			}
			return true
		})
	}
	return string(best), best != nil
}

// maxKazakhVariants bounds the spellings tried for one word.
const maxKazakhVariants = 64

// kazakhUnmarked are, for each letter a Latin word typed without marks is
// written in, the Kazakh letters it may stand for.
var kazakhUnmarked = map[rune][]rune{
	'к': {'қ'}, 'г': {'ғ'}, 'о': {'ө'}, 'у': {'ұ', 'ү'}, 'н': {'ң'}, 'а': {'ә'}, 'і': {'ы', 'и'}, 'ы': {'і'},
}

// eachChoice calls f with every variant of rs that changes exactly n of
// the letters at the positions at, until f returns false.
func eachChoice(at []int, rs []rune, n int, f func([]rune) bool) bool {
	if n == 0 {
		return f(rs)
	}
	if len(at) < n {
		return true
	}
	i := at[0]
	orig := rs[i]
	for _, alt := range kazakhUnmarked[orig] {
		rs[i] = alt
		if !eachChoice(at[1:], rs, n-1, f) {
			rs[i] = orig
			return false
		}
	}
	rs[i] = orig
	return eachChoice(at[1:], rs, n, f)
}

// readsIn reports whether a lowercased word means something in language
// lang: a stop word, a word of an alias form of lang, or a word its
// passages hold.
func (e *Engine) readsIn(word, lang string) bool {
	return e.stop.isStop(word) || e.lexicon().isFormIn(word, lang) || e.knownIn(word, lang)
}

// kazakhLatin maps Kazakh Latin letters to Cyrillic: the 2021 alphabet's
// marked letters and the pairs people type for them.
var kazakhLatin = latinSpelling{vowels: "aeiouyäöüūı", table: []latinLetter{
	{"tsh", "тш"}, // хатшы: Kazakh has тш, not цх
	{"sh", "ш"}, {"ch", "ч"}, {"zh", "ж"}, {"gh", "ғ"}, {"kh", "х"}, {"ts", "ц"},
	{"ya", "я"}, {"yu", "ю"}, {"iia", "ия"}, {"iya", "ия"}, {"iy", "ий"},
	{"ä", "ә"}, {"ö", "ө"}, {"ü", "ү"}, {"ū", "ұ"}, {"ğ", "ғ"}, {"ş", "ш"}, {"ç", "ч"}, {"ñ", "ң"}, {"ı", "і"},
	{"a", "а"}, {"b", "б"}, {"c", "ц"}, {"d", "д"}, {"e", "е"}, {"f", "ф"}, {"g", "г"}, {"h", "х"},
	{"i", "і"}, {"j", "ж"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"},
	{"q", "қ"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"v", "в"}, {"w", "у"}, {"x", "х"},
	{"y", "ы"}, {"z", "з"}, {"'", ""},
}}

// toneless drops pinyin's tone marks ("dì èr jiè fēnghuì") when the text
// has one that only pinyin uses, a macron or a caron: French accents, which
// share the grave and the acute, stay, and the text is not read as pinyin.
func toneless(text string) string {
	if !strings.ContainsAny(text, "āēīōūǎěǐǒǔǖǘǚǜĀĒĪŌŪ") {
		return text
	}
	return pinyinMarks.Replace(text)
}

var pinyinMarks = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a", "ē", "e", "é", "e", "ě", "e", "è", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i", "ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u", "ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v",
	"Ā", "A", "Ē", "E", "Ī", "I", "Ō", "O", "Ū", "U",
)

// respellChinese corrects the homophones a pinyin input method slips into
// Chinese text (pinyinReader.respell), in each run of characters: a name
// or a domain word of the alias sets is taken for what was meant, where
// the Chinese passages do not hold the characters it replaces as a word.
func (e *Engine) respellChinese(text string) string {
	lex := e.lexicon()
	known := func(pair string) bool { return e.countDF(textField("zh"), []string{pair}) > 0 }
	if !slices.ContainsFunc(e.terms("zh", text), func(t string) bool { return !known(t) }) {
		return text // every pair is in some passage: no typo, and no table to read
	}
	pr := sharedPinyin()
	var b strings.Builder
	run := -1
	for i, r := range text {
		switch han := unicode.Is(unicode.Han, r); {
		case han && run < 0:
			run = i
		case !han && run >= 0:
			b.WriteString(pr.respell(text[run:i], known, lex.isHanForm))
			run = -1
		}
		if run < 0 {
			b.WriteRune(r)
		}
	}
	if run >= 0 {
		b.WriteString(pr.respell(text[run:], known, lex.isHanForm))
	}
	return b.String()
}
