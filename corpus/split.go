package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPassageRunes is the size a passage aims to stay under. A single
// sentence longer than this stays whole, up to hardMaxRunes.
const MaxPassageRunes = 600

// hardMaxRunes cuts run-on text (a feed item without punctuation) at a word
// boundary, since no sentence boundary exists to respect.
const hardMaxRunes = 1200

// sourcesLine matches the line that lists a section's sources, in the four
// languages. Such lines are citations, not text to quote.
var sourcesLine = regexp.MustCompile(`^(?i:sources?|источники?|来源|資料來源)\s*[:：]\s*(.*)$`)

var (
	mdListMark = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
	urlPattern = regexp.MustCompile(`https?://[^\s;,]+`)
)

type section struct {
	heading    string
	paragraphs []string
	sources    []Source
}

// Split cuts a document into passages: sections at Markdown headings,
// paragraphs at blank lines, and passages of whole sentences up to
// MaxPassageRunes. A section's "Sources:" line becomes the passages'
// citation instead of text.
func Split(d Document) []Passage {
	var out []Passage
	for k, s := range sections(d.Body) {
		cite := cite(d, s.sources)
		for _, text := range pack(s.paragraphs) {
			n := len(out) + 1
			out = append(out, Passage{
				ID: d.ID + "#" + strconv.Itoa(n), Ordinal: n, Section: k + 1, Heading: s.heading,
				Text: text, Lang: d.Lang, Citation: cite,
			})
		}
	}
	return out
}

func sections(body string) []section {
	var (
		out   []section
		cur   section
		para  []string
		fence bool
	)
	flushPara := func() {
		if len(para) > 0 {
			cur.paragraphs = append(cur.paragraphs, strings.Join(para, " "))
			para = nil
		}
	}
	flushSection := func() {
		flushPara()
		if len(cur.paragraphs) > 0 {
			out = append(out, cur)
		}
		cur = section{}
	}
	for rest := body; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			fence = !fence
			flushPara()
			continue
		}
		if fence {
			continue // code is not prose to quote
		}
		switch kind, text := classify(trimmed); kind {
		case lineHeading:
			flushSection()
			cur.heading = text
		case lineBlank:
			flushPara()
		case lineSources:
			flushPara()
			cur.sources = append(cur.sources, parseSources(text)...)
		case lineListItem, lineText:
			if kind == lineListItem {
				// Each list item reads as its own sentence.
				flushPara()
			}
			if text != "" {
				para = append(para, text)
			}
		}
	}
	flushSection()
	return out
}

type lineKind int

const (
	lineBlank lineKind = iota
	lineHeading
	lineSources
	lineListItem
	lineText
)

// classify says what a trimmed line outside code is, and returns its text:
// the heading, the list of sources, or the prose, cleaned of Markdown.
func classify(trimmed string) (lineKind, string) {
	switch {
	case strings.HasPrefix(trimmed, "#"):
		return lineHeading, cleanInline(strings.TrimLeft(trimmed, "# "))
	case trimmed == "":
		return lineBlank, ""
	case maySourcesLine(trimmed):
		if m := sourcesLine.FindStringSubmatch(trimmed); m != nil {
			return lineSources, m[1]
		}
	}
	if mayListMark(trimmed) {
		if loc := mdListMark.FindStringIndex(trimmed); loc != nil {
			return lineListItem, cleanInline(trimmed[loc[1]:])
		}
	}
	return lineText, cleanInline(trimmed)
}

// maySourcesLine is a cheap test that rules out most lines before the
// sourcesLine expression runs: its first rune must start one of the words
// (ſ folds to s under (?i)).
func maySourcesLine(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case 's', 'S', 'ſ', 'и', 'И', '来', '資':
		return true
	}
	return false
}

// mayListMark is the same for mdListMark, on a line without leading space.
func mayListMark(s string) bool {
	c := s[0]
	return c == '-' || c == '*' || c == '+' || (c >= '0' && c <= '9')
}

// hasQuotableText reports whether Split would find any passage in body,
// stopping at the first line of prose: the parser's emptiness check, which
// need not split the whole document.
func hasQuotableText(body string) bool {
	fence := false
	for rest := body; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if kind, text := classify(trimmed); (kind == lineText || kind == lineListItem) && text != "" {
			return true
		}
	}
	return false
}

// cleanInline drops Markdown links' targets (keeping their text), emphasis
// marks and code ticks, and collapses white space. It does by hand what
// mdLink and mdEmphasis describe: as regular expressions they were most of
// the cost of splitting.
func cleanInline(s string) string {
	if !strings.ContainsAny(s, "[*_`") {
		return joinFields(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == '!' || s[i] == '[' {
			if text, end, ok := linkAt(s, i); ok {
				b.WriteString(text)
				i = end
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	s = b.String()
	b.Reset()
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '*' || c == '`':
		case c == '_' && i+1 < len(s) && s[i+1] == '_':
			i++
		default:
			b.WriteByte(c)
		}
	}
	return joinFields(b.String())
}

// linkAt matches mdLink at s[i:]: an optional "!", "[text]", then "(target)".
func linkAt(s string, i int) (text string, end int, ok bool) {
	j := i
	if s[j] == '!' {
		j++
	}
	if j >= len(s) || s[j] != '[' {
		return "", 0, false
	}
	close := strings.IndexByte(s[j+1:], ']')
	if close < 0 {
		return "", 0, false
	}
	close += j + 1
	if close+1 >= len(s) || s[close+1] != '(' {
		return "", 0, false
	}
	paren := strings.IndexByte(s[close+2:], ')')
	if paren < 0 {
		return "", 0, false
	}
	return s[j+1 : close], close + 2 + paren + 1, true
}

// joinFields is strings.Join(strings.Fields(s), " "), without allocating
// when s is already that.
func joinFields(s string) string {
	clean := true
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// pack joins sentences into passages of at most MaxPassageRunes, preferring
// to end a passage at a paragraph's end.
func pack(paragraphs []string) []string {
	var (
		out []string
		cur strings.Builder
		n   int
	)
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
	}
	for _, p := range paragraphs {
		for _, s := range sentences(p) {
			for _, piece := range hardCut(s) {
				m := utf8.RuneCountInString(piece)
				if n > 0 && n+1+m > MaxPassageRunes {
					flush()
				}
				if n > 0 && !joinsWithoutSpace(cur.String(), piece) {
					cur.WriteByte(' ')
					n++
				}
				cur.WriteString(piece)
				n += m
			}
		}
		// A paragraph end is a good place to stop once a passage is half full.
		if n >= MaxPassageRunes/2 {
			flush()
		}
	}
	flush()
	return out
}

// hardCut splits text longer than hardMaxRunes at word boundaries.
func hardCut(s string) []string {
	if utf8.RuneCountInString(s) <= hardMaxRunes {
		return []string{s}
	}
	var out []string
	for utf8.RuneCountInString(s) > hardMaxRunes {
		cut := len(s)
		count := 0
		lastSpace := -1
		for i, r := range s {
			if count == hardMaxRunes {
				cut = i
				break
			}
			if unicode.IsSpace(r) {
				lastSpace = i
			}
			count++
		}
		if lastSpace > 0 {
			cut = lastSpace
		}
		out = append(out, strings.TrimSpace(s[:cut]))
		s = strings.TrimSpace(s[cut:])
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// abbreviations end with a period but rarely end a sentence.
var abbreviations = map[string]bool{
	"mm": true, "mme": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true,
	"no": true, "vs": true, "e.g": true, "i.e": true, "cf": true, "env": true, "gen": true,
	"гг": true, "т.е": true, "т.д": true, "т.п": true, "млрд": true, "млн": true, "тыс": true,
	"им": true, "ул": true, "проф": true, "др": true,
}

// Sentences splits a paragraph into sentences. It knows the full stops of
// Latin, Cyrillic and Chinese text and the abbreviations that look like one.
func Sentences(p string) []string { return sentences(p) }

func sentences(p string) []string {
	var out []string
	runes := []rune(p)
	start := 0
	emit := func(end int) {
		if s := strings.TrimSpace(string(runes[start:end])); s != "" {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch r {
		case '。', '！', '？':
			j := skipClosers(runes, i+1)
			emit(j)
			i = j - 1
		case '.', '!', '?', '…':
			j := skipClosers(runes, i+1)
			if j >= len(runes) {
				continue
			}
			if !unicode.IsSpace(runes[j]) {
				continue
			}
			k := j
			for k < len(runes) && unicode.IsSpace(runes[k]) {
				k++
			}
			if k < len(runes) && !startsSentence(runes[k]) {
				continue
			}
			if r == '.' && isAbbreviation(runes[start:i]) {
				continue
			}
			emit(j)
		}
	}
	emit(len(runes))
	return out
}

func skipClosers(runes []rune, j int) int {
	for j < len(runes) && strings.ContainsRune(`"'»”’)]」』`, runes[j]) {
		j++
	}
	return j
}

func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r) ||
		strings.ContainsRune(`"'«“(—–-[`, r)
}

// isAbbreviation reports whether the word before a period is an abbreviation
// or an initial ("M. Nurtleu", "J. Smith", "2023 г.").
func isAbbreviation(before []rune) bool {
	i := len(before)
	for i > 0 && !unicode.IsSpace(before[i-1]) && before[i-1] != '(' {
		i--
	}
	if i == len(before) {
		return false
	}
	w := strings.ToLower(string(before[i:]))
	if utf8.RuneCountInString(w) == 1 {
		// "M. Nurtleu", "J. Smith", "2023 г." — an initial or a unit, not an end.
		return unicode.IsUpper(before[i]) || w == "г"
	}
	return abbreviations[w]
}

// joinsWithoutSpace reports whether two sentences meet without a space, as
// Chinese ones do.
func joinsWithoutSpace(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.Is(unicode.Han, last) || unicode.Is(unicode.Han, first) || strings.ContainsRune("。！？」』”）", last)
}
