package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FieldError reports a document that cannot be used, naming the file, the
// line (when known) and the front-matter field at fault.
type FieldError struct {
	Path  string
	Line  int    // 0 when the problem has no single line
	Field string // "" when the problem is not one field (no header, empty body)
	Err   error
}

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *FieldError) Unwrap() error { return e.Err }

// MaxIDLength bounds document ids so that a passage id fits, with room to
// spare, in Telegram's 64-byte callback data and inline result ids.
const MaxIDLength = 40

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// header is the front matter as written. Fields stay strings so that every
// problem can be reported in the project's words with the field's line.
type header struct {
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Kind      string   `yaml:"kind"`
	Lang      string   `yaml:"lang"`
	Source    string   `yaml:"source"`
	URL       string   `yaml:"url"`
	Published string   `yaml:"published"`
	Tags      []string `yaml:"tags,omitempty"`
}

var knownFields = map[string]bool{"id": true, "title": true, "kind": true, "lang": true,
	"source": true, "url": true, "published": true, "tags": true}

// ParseDocument reads one Markdown document with its front matter. path is
// used in errors only. Every problem comes back as a *FieldError.
func ParseDocument(path string, data []byte) (Document, error) {
	fail := func(line int, field, format string, args ...any) (Document, error) {
		return Document{}, &FieldError{Path: path, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
	}
	if !utf8.Valid(data) {
		return fail(0, "", "not UTF-8 text")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		return fail(1, "", "no front matter: the file must start with a line \"---\"")
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return fail(1, "", "front matter is not closed by a line \"---\"")
	}
	raw := text[4 : 4+end]
	rest := text[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		if strings.TrimSpace(rest[:i]) != "" {
			return fail(strings.Count(text[:4+end], "\n")+2, "", "text after the closing \"---\"")
		}
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	bodyLine := strings.Count(text[:len(text)-len(rest)], "\n") + 1

	var root yaml.Node
	if err := yaml.Unmarshal([]byte(raw), &root); err != nil {
		return fail(0, "", "front matter: %v", err)
	}
	lines := map[string]int{}
	if len(root.Content) == 1 {
		m := root.Content[0]
		if m.Kind != yaml.MappingNode {
			return fail(2, "", "front matter must be a mapping of fields")
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			// +1: the header starts on the line after the opening "---".
			if !knownFields[k.Value] {
				return fail(k.Line+1, k.Value, "unknown field (known: id, title, kind, lang, source, url, published, tags)")
			}
			if _, dup := lines[k.Value]; dup {
				return fail(k.Line+1, k.Value, "field given twice")
			}
			lines[k.Value] = k.Line + 1
		}
	}
	var h header
	if err := root.Decode(&h); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			return fail(0, "", "front matter: %s", te.Errors[0])
		}
		return fail(0, "", "front matter: %v", err)
	}
	line := func(field string) int {
		if l, ok := lines[field]; ok {
			return l
		}
		return 1
	}

	d := Document{
		ID: strings.TrimSpace(h.ID), Title: strings.TrimSpace(h.Title), Kind: Kind(strings.TrimSpace(h.Kind)),
		Lang: strings.TrimSpace(h.Lang), Source: strings.TrimSpace(h.Source), URL: strings.TrimSpace(h.URL),
		Tags: h.Tags, Body: rest, Origin: path,
	}
	switch {
	case d.ID == "":
		return fail(line("id"), "id", "missing")
	case len(d.ID) > MaxIDLength:
		return fail(line("id"), "id", "%q is longer than %d bytes", d.ID, MaxIDLength)
	case !idPattern.MatchString(d.ID):
		return fail(line("id"), "id", "%q: use lowercase letters, digits, '.', '_' and '-'", d.ID)
	case d.Title == "":
		return fail(line("title"), "title", "missing")
	case d.Kind != Article && d.Kind != FactSheet:
		return fail(line("kind"), "kind", "%q: want %q or %q", d.Kind, Article, FactSheet)
	case d.Lang == "":
		return fail(line("lang"), "lang", "missing (one of %s)", strings.Join(Languages, ", "))
	case !KnownLanguage(d.Lang):
		return fail(line("lang"), "lang", "unknown language %q (known: %s)", d.Lang, strings.Join(Languages, ", "))
	case d.Source == "":
		return fail(line("source"), "source", "missing: name the publisher")
	}
	if err := checkURL(d.URL); err != nil {
		return fail(line("url"), "url", "%v", err)
	}
	p := strings.TrimSpace(h.Published)
	if p == "" {
		return fail(line("published"), "published", "missing (YYYY-MM-DD)")
	}
	t, err := parseDate(p)
	if err != nil {
		return fail(line("published"), "published", "cannot read %q as a date (want YYYY-MM-DD)", p)
	}
	d.Published = t
	for _, tag := range d.Tags {
		if strings.TrimSpace(tag) == "" {
			return fail(line("tags"), "tags", "empty tag")
		}
	}
	if !hasQuotableText(d.Body) {
		return fail(bodyLine, "", "empty body: the document has no text to quote")
	}
	return d, nil
}

func checkURL(s string) error {
	if s == "" {
		return errors.New("missing: give the address the document can be read at")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) address", s)
	}
	return nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{DateLayout, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}
