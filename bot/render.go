package bot

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessageLength is Telegram's limit on a message's text after entity
// parsing, in UTF-16 code units.
const MaxMessageLength = 4096

// style is how a run of text is shown.
type style int

const (
	plain style = iota
	bold
	italic
	link
)

// run is text in one style. Runs are escaped only when rendered, so text can
// be cut anywhere between runes without breaking a tag or an entity.
type run struct {
	text  string
	style style
	href  string
}

// htmlEscaper escapes what Telegram's HTML parser needs escaped, and no
// more, so that apostrophes stay readable in the raw text.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// block is a paragraph of runs.
type block []run

func text(s string) run         { return run{text: s} }
func strong(s string) run       { return run{text: s, style: bold} }
func emph(s string) run         { return run{text: s, style: italic} }
func anchor(s, href string) run { return run{text: s, style: link, href: href} }
func para(runs ...run) block    { return block(runs) }
func (b block) visibleLength() int {
	n := 0
	for _, r := range b {
		n += utf16Len(r.text)
	}
	return n
}
func utf16Len(s string) int  { return len(utf16.Encode([]rune(s))) }
func escape(s string) string { return htmlEscaper.Replace(s) }
func (r run) render(w *strings.Builder) {
	t := escape(r.text)
	switch r.style {
	case bold:
		w.WriteString("<b>" + t + "</b>")
	case italic:
		w.WriteString("<i>" + t + "</i>")
	case link:
		w.WriteString(`<a href="` + escape(r.href) + `">` + t + "</a>")
	default:
		w.WriteString(t)
	}
}

func (b block) render(w *strings.Builder) {
	for _, r := range b {
		if r.text != "" {
			r.render(w)
		}
	}
}

// marked turns text with marked spans (byte ranges) into runs, the marks in
// bold.
func marked(s string, marks [][2]int) block {
	var out block
	last := 0
	for _, m := range marks {
		if m[0] < last || m[1] > len(s) || m[0] >= m[1] {
			continue
		}
		if m[0] > last {
			out = append(out, text(s[last:m[0]]))
		}
		out = append(out, strong(s[m[0]:m[1]]))
		last = m[1]
	}
	if last < len(s) {
		out = append(out, text(s[last:]))
	}
	return out
}

// paragraphSep joins blocks in a message.
const paragraphSep = "\n\n"

// renderMessages lays blocks out as HTML messages of at most limit visible
// UTF-16 units each. Blocks stay whole when they fit; a block longer than
// a message is cut between words, and every piece is rendered on its own,
// so each message's tags are balanced.
func renderMessages(blocks []block, limit int) []string {
	var (
		out  []string
		cur  strings.Builder
		size int
	)
	sep := utf16Len(paragraphSep)
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
			size = 0
		}
	}
	for _, b := range blocks {
		for _, piece := range cutBlock(b, limit) {
			n := piece.visibleLength()
			if size > 0 && size+sep+n > limit {
				flush()
			}
			if size > 0 {
				cur.WriteString(paragraphSep)
				size += sep
			}
			piece.render(&cur)
			size += n
		}
	}
	flush()
	return out
}

// cutBlock splits a block into pieces of at most limit visible UTF-16 units,
// preferring to cut after a space.
func cutBlock(b block, limit int) []block {
	if b.visibleLength() <= limit {
		return []block{b}
	}
	var (
		out  []block
		cur  block
		size int
	)
	for _, r := range b {
		rest := r.text
		for rest != "" {
			room := limit - size
			if utf16Len(rest) <= room {
				cur = append(cur, run{text: rest, style: r.style, href: r.href})
				size += utf16Len(rest)
				break
			}
			cut := cutPoint(rest, room)
			if cut == 0 {
				if size == 0 {
					cut = hardCut(rest, room) // one word longer than a message
				} else {
					out = append(out, cur)
					cur, size = nil, 0
					continue
				}
			}
			cur = append(cur, run{text: rest[:cut], style: r.style, href: r.href})
			out = append(out, cur)
			cur, size = nil, 0
			rest = strings.TrimLeftFunc(rest[cut:], unicode.IsSpace)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// cutPoint returns the byte offset of the last space in s that leaves at
// most room UTF-16 units before it, or 0.
func cutPoint(s string, room int) int {
	units, best := 0, 0
	for i, r := range s {
		if units > room {
			break
		}
		if unicode.IsSpace(r) && i > 0 {
			best = i
		}
		units += utf16.RuneLen(r)
	}
	return best
}

// hardCut returns the byte offset after as many whole runes as fit in room
// UTF-16 units (at least one rune, so that progress is made).
func hardCut(s string, room int) int {
	units := 0
	for i, r := range s {
		n := utf16.RuneLen(r)
		if units+n > room && i > 0 {
			return i
		}
		units += n
	}
	return len(s)
}

// snippet shortens text to about n runes at a word boundary, with an
// ellipsis.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n])
	if !unicode.IsSpace(r[n]) {
		if i := strings.LastIndexByte(cut, ' '); i > n/2 {
			cut = cut[:i] // do not end inside a word
		}
	}
	return strings.TrimRight(cut, " ,;:.—-") + "…"
}
