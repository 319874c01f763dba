package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// htmlTags maps the tags of Telegram's HTML parse mode to entity types.
var htmlTags = map[string]string{
	"b": "bold", "strong": "bold",
	"i": "italic", "em": "italic",
	"u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"span": "spoiler", "tg-spoiler": "spoiler",
	"a":          "text_link",
	"code":       "code",
	"pre":        "pre",
	"blockquote": "blockquote",
	"tg-emoji":   "custom_emoji",
}

// ParseHTML reads text in Telegram's HTML parse mode as Telegram does: it
// returns the plain text and its entities (offsets in UTF-16 code units),
// or the error Telegram gives after "Bad Request: can't parse entities: ",
// such as `Unsupported start tag "br" at byte offset 5`. Only the tags the
// Bot API documents are allowed, and they must nest; the named entities
// &lt; &gt; &amp; &quot; and numeric ones are decoded, and any other & is
// kept as it is.
func ParseHTML(s string) (string, []Entity, error) {
	type open struct {
		tag   string
		ent   Entity
		start int // UTF-16 offset in the output
	}
	var (
		out   strings.Builder
		units int
		stack []open
		ents  []Entity
	)
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if strings.HasPrefix(s[i:], "</") {
				if end < 0 {
					return "", nil, htmlErrorf("Unclosed end tag at byte offset %d", i)
				}
				name := strings.ToLower(strings.TrimSpace(s[i+2 : i+end]))
				if len(stack) == 0 {
					return "", nil, htmlErrorf("Unexpected end tag at byte offset %d", i)
				}
				top := stack[len(stack)-1]
				if name != top.tag {
					return "", nil, htmlErrorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top.tag, name)
				}
				stack = stack[:len(stack)-1]
				if top.ent.Type != "" && units > top.start {
					top.ent.Offset, top.ent.Length = top.start, units-top.start
					ents = append(ents, top.ent)
				}
				i += end + 1
				continue
			}
			j := i + 1
			for j < len(s) && (isNameChar(rune(s[j])) || s[j] == '-') {
				j++
			}
			name := strings.ToLower(s[i+1 : j])
			typ, ok := htmlTags[name]
			if !ok {
				return "", nil, htmlErrorf("Unsupported start tag \"%s\" at byte offset %d", name, i)
			}
			if end < 0 {
				return "", nil, htmlErrorf("Unclosed start tag at byte offset %d", i)
			}
			attrs, err := parseAttrs(s[j:i+end], i)
			if err != nil {
				return "", nil, err
			}
			ent := Entity{Type: typ}
			switch name {
			case "span":
				if attrs["class"] != "tg-spoiler" {
					return "", nil, htmlErrorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
				}
			case "a":
				ent.URL = attrs["href"]
				if ent.URL == "" {
					ent.Type = "" // a link to nowhere is plain text
				}
			case "code":
				if lang, ok := strings.CutPrefix(attrs["class"], "language-"); ok && len(stack) > 0 && stack[len(stack)-1].tag == "pre" {
					stack[len(stack)-1].ent.Language = lang
					ent.Type = ""
				}
			case "blockquote":
				if _, ok := attrs["expandable"]; ok {
					ent.Type = "expandable_blockquote"
				}
			case "tg-emoji":
				ent.CustomEmojiID = attrs["emoji-id"]
				if ent.CustomEmojiID == "" {
					return "", nil, htmlErrorf("Custom emoji entity must contain a tg://emoji URL at byte offset %d", i)
				}
			}
			stack = append(stack, open{tag: name, ent: ent, start: units})
			i += end + 1
		case '&':
			r, n := htmlEntity(s[i:])
			out.WriteRune(r)
			units += utf16Units(r)
			i += n
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			out.WriteString(s[i : i+n])
			units += utf16Units(r)
			i += n
		}
	}
	if len(stack) > 0 {
		return "", nil, htmlErrorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].tag)
	}
	sortEntities(ents)
	return out.String(), ents, nil
}

// parseAttrs reads a start tag's attributes: name="value", name='value',
// name=value or a bare name. at is the tag's byte offset, for errors.
func parseAttrs(s string, at int) (map[string]string, error) {
	attrs := map[string]string{}
	s = strings.TrimSuffix(s, "/")
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return attrs, nil
		}
		n := strings.IndexAny(s, "= \t\r\n")
		if n < 0 {
			attrs[strings.ToLower(s)] = ""
			return attrs, nil
		}
		name := strings.ToLower(s[:n])
		s = strings.TrimLeft(s[n:], " \t\r\n")
		if !strings.HasPrefix(s, "=") {
			attrs[name] = ""
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\r\n")
		var value string
		switch {
		case s == "":
			return nil, htmlErrorf("Expected value of an attribute at byte offset %d", at)
		case s[0] == '"' || s[0] == '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return nil, htmlErrorf("Unclosed attribute value at byte offset %d", at)
			}
			value, s = s[1:1+end], s[end+2:]
		default:
			end := strings.IndexAny(s, " \t\r\n")
			if end < 0 {
				end = len(s)
			}
			value, s = s[:end], s[end:]
		}
		attrs[name] = unescapeHTML(value)
	}
}

// htmlEntity decodes the entity at the start of s, returning the rune and
// the bytes it took; an & that starts no known entity stands for itself.
func htmlEntity(s string) (rune, int) {
	end := strings.IndexByte(s, ';')
	if end < 0 || end > 10 {
		return '&', 1
	}
	name := s[1:end]
	switch name {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "quot":
		return '"', end + 1
	}
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		if n, err := strconv.ParseUint(num, base, 32); err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), end + 1
		}
	}
	return '&', 1
}

func unescapeHTML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			r, n := htmlEntity(s[i:])
			b.WriteRune(r)
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// htmlError is a parse error in Telegram's own words, capital letter
// included.
type htmlError string

func (e htmlError) Error() string { return string(e) }

func htmlErrorf(format string, args ...any) error { return htmlError(fmt.Sprintf(format, args...)) }
