package index

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed pinyin.txt
var pinyinFile string

// sharedPinyin is read from pinyin.txt the first time a question may be
// pinyin: most processes answer one question, in another script.
var sharedPinyin = sync.OnceValue(func() *pinyinReader { return newPinyinReader(pinyinFile) })

// pinyinReader reads a question typed in toneless pinyin back into the
// Chinese forms the lexicon knows, from the table in pinyin.txt.
type pinyinReader struct {
	forms   map[string]string // syllables run together ("fenghui") → characters
	longest int               // most syllables in one form
}

func newPinyinReader(table string) *pinyinReader {
	pr := &pinyinReader{forms: map[string]string{}}
	for _, line := range strings.Split(table, "\n") {
		syl, han, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Fields(syl)
		key := strings.Join(parts, "")
		if _, dup := pr.forms[key]; !dup {
			pr.forms[key] = han
		}
		pr.longest = max(pr.longest, len(parts))
	}
	return pr
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
