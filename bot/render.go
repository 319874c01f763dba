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

// style is how a run of text is shown: a set of the bits below, so that a
// matched word inside the answer sentence can be both bold and underlined.
type style uint8

const (
	bold style = 1 << iota
	italic
	underline
	link

	plain style = 0
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

// tagOrder is the order tags open in, outermost first; keeping to one
// order keeps them nested whatever the runs' styles.
var tagOrder = []struct {
	bit  style
	name string
}{{link, "a"}, {bold, "b"}, {italic, "i"}, {underline, "u"}}

// render writes the block as Telegram HTML. A tag stays open across runs
// that share it, so "<b>The <u>first</u> summit</b>" is one bold entity
// with an underline inside, not three bold pieces; every tag opened is
// closed at the end of the block.
func (b block) render(w *strings.Builder) {
	type open struct {
		bit  style
		name string
		href string
	}
	var stack []open
	for _, r := range b {
		if r.text == "" {
			continue
		}
		// Keep the open tags the run still wants, in order; close the
		// rest, then open what it lacks.
		var want []open
		for _, t := range tagOrder {
			if r.style&t.bit != 0 {
				want = append(want, open{t.bit, t.name, r.href})
			}
		}
		keep := 0
		for keep < len(stack) && keep < len(want) && stack[keep] == want[keep] {
			keep++
		}
		for i := len(stack) - 1; i >= keep; i-- {
			w.WriteString("</" + stack[i].name + ">")
		}
		stack = stack[:keep]
		for _, t := range want[keep:] {
			if t.bit == link {
				w.WriteString(`<a href="` + escape(t.href) + `">`)
			} else {
				w.WriteString("<" + t.name + ">")
			}
			stack = append(stack, t)
		}
		w.WriteString(escape(r.text))
	}
	for i := len(stack) - 1; i >= 0; i-- {
		w.WriteString("</" + stack[i].name + ">")
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
