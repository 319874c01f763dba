package index

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed pinyin.txt
var pinyinFile string

// sharedPinyin is read from pinyin.txt the first time a question may be
// pinyin: most processes answer one question, in another script.
var sharedPinyin = sync.OnceValue(func() *pinyinReader { return newPinyinReader(pinyinFile) })

// pinyinReader reads a question typed in toneless pinyin back into the
// Chinese forms the lexicon knows, from the table in pinyin.txt.
type pinyinReader struct {
	forms    map[string]string // syllables run together ("fenghui") → characters
	words    map[string]bool   // the characters of every form
	longest  int               // most syllables in one form
	readings map[rune]string   // a character's syllable
}

func newPinyinReader(table string) *pinyinReader {
	n := strings.Count(table, "\n")
	pr := &pinyinReader{forms: map[string]string{}, words: map[string]bool{}, readings: make(map[rune]string, n)}
	for rest := table; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		syl, han, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		if r, size := utf8.DecodeRuneInString(syl); size == len(syl) && unicode.Is(unicode.Han, r) {
			pr.readings[r] = han // "字<TAB>zi": a character's reading
			continue
		}
		parts := strings.Count(syl, " ") + 1
		key := strings.ReplaceAll(syl, " ", "")
		if _, dup := pr.forms[key]; !dup {
			pr.forms[key] = han
		}
		pr.words[han] = true
		pr.longest = max(pr.longest, parts)
	}
	return pr
}

// respell rewrites a run of Chinese characters typed with a pinyin input
// method's wrong homophones ("西按" for 西安, "秘书出" for 秘书处) as the
// forms with the same syllables: at each point the longest span of two
// characters or more that sounds like a form isForm accepts, where the
// characters it changes are no word as typed. They are one when known
// says a text holds them in a pair with a neighbour, when the span starts
// or ends inside a word of the table ("会一" in "峰会一共"), or when they
// follow a whole form ("是" after 西安 in "西安是第一个").
func (pr *pinyinReader) respell(run string, known func(pair string) bool, isForm func(string) bool) string {
	chars := []rune(run)
	syl := make([]string, len(chars))
	inWord := make([]bool, len(chars))
	edge := make([]bool, len(chars)) // chars[k-1:k+1] is a word
	for k, r := range chars {
		syl[k] = pr.readings[r]
		if k > 0 && known(string(chars[k-1:k+1])) {
			inWord[k-1], inWord[k] = true, true
		}
		edge[k] = k > 0 && (pr.words[string(chars[k-1:k+1])] || isForm(string(chars[k-1:k+1])))
	}
	fits := func(i, j int, form []rune) bool {
		if edge[i] || j < len(chars) && edge[j] {
			return false
		}
		for k := i + 2; k < j; k++ {
			if isForm(string(chars[i:k])) {
				return false
			}
		}
		for k, r := range form {
			if r != chars[i+k] && inWord[i+k] {
				return false
			}
		}
		return true
	}
	var b strings.Builder
	for i := 0; i < len(chars); {
		j := min(len(chars), i+pr.longest)
		for ; j >= i+2; j-- {
			if slices.Contains(syl[i:j], "") {
				continue
			}
			form, ok := pr.forms[strings.Join(syl[i:j], "")]
			if fr := []rune(form); ok && len(fr) == j-i && form != string(chars[i:j]) && fits(i, j, fr) && isForm(form) {
				b.WriteString(form)
				break
			}
		}
		if j < i+2 {
			b.WriteRune(chars[i])
			j = i + 1
		}
		i = j
	}
	return b.String()
}

// read rewrites words, written one syllable or one word at a time ("di er
// jie", "dierjie"), taking at each point the longest run of words that
// spells a known form. It returns the text and how many words it read;
// words it cannot read stay as they are.
func (pr *pinyinReader) read(words []string) (string, int) {
	var b strings.Builder
	n := 0
	for i := 0; i < len(words); {
		j := min(len(words), i+pr.longest)
		for ; j > i; j-- {
			if han, ok := pr.forms[strings.Join(words[i:j], "")]; ok {
				b.WriteString(han)
				n += j - i
				break
			}
		}
		if j == i {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[i])
			b.WriteByte(' ')
			j = i + 1
		}
		i = j
	}
	return strings.TrimSpace(b.String()), n
}
