package feed

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockElements start and end a paragraph.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// skippedElements hold no text a reader sees. Only elements with an end
// tag belong here: a void element would never close the skip.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Title: true,
	atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true, atom.Select: true, atom.Button: true, atom.Textarea: true, atom.Noembed: true,
	atom.Noframes: true, atom.Plaintext: true,
}

// hasTag tells markup from plain text, which may hold a '<' of its own.
var hasTag = regexp.MustCompile(`<[a-zA-Z!/]`)

// htmlText reduces HTML to plain text: paragraphs separated by blank lines,
// line breaks kept, script and style dropped, entities decoded, whitespace
// tidied. A string without tags is taken as plain text, whose own line
// breaks are kept.
//
// It reads tokens rather than building a tree, so unbalanced or deeply
// nested markup costs nothing and cannot fail.
func htmlText(s string) string {
	if !hasTag.MatchString(s) {
		return tidy(html.UnescapeString(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // depth inside skipped elements
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF, or input the tokenizer gives up on: either way the
			// text so far is all there is.
			return tidy(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Map(flatSpace, string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skippedElements[a]:
				if tt == html.StartTagToken {
					skip++
				}
			case skip > 0:
			case a == atom.Br:
				b.WriteString("\n")
			case a == atom.Td || a == atom.Th:
				b.WriteString(" ")
			case blockElements[a]:
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skippedElements[a]:
				if skip > 0 {
					skip--
				}
			case skip > 0:
			case a == atom.Td || a == atom.Th:
				b.WriteString(" ")
			case blockElements[a]:
				b.WriteString("\n\n")
			}
		}
	}
}

// flatSpace turns the whitespace of HTML source, line breaks included,
// into plain spaces: in HTML only elements break lines.
func flatSpace(r rune) rune {
	if unicode.IsSpace(r) || unicode.IsControl(r) {
		return ' '
	}
	return r
}

// tidy collapses spaces within lines, drops empty lines at the edges of
// paragraphs, and separates paragraphs by exactly one blank line. Invalid
// UTF-8 and control characters go, since documents must be clean text.
func tidy(s string) string {
	s = invisible.Replace(strings.ToValidUTF8(s, "\uFFFD"))
	var (
		paras []string
		lines []string
	)
	flush := func() {
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
			lines = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.FieldsFunc(line, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsControl(r)
		}), " ")
		if line == "" {
			flush()
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// invisible characters carry nothing a reader sees, and would split or
// glue words in search.
var invisible = strings.NewReplacer("\uFEFF", "", "\u200B", "", "\u00AD", "")

// oneLine is htmlText for a title or a name: one line of text.
func oneLine(s string) string {
	return strings.Join(strings.Fields(htmlText(s)), " ")
}
