package corpus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzPath is the path ParseDocument is given in the fuzz tests; every error
// must start with it.
const fuzzPath = "docs/fuzz.md"

// addDocumentSeeds adds the real documents (the embedded corpus and the
// operator test folder) and hostile variations of one of them.
func addDocumentSeeds(f *testing.F, add func(data []byte)) {
	f.Helper()
	files, err := filepath.Glob("default/*/*.md")
	if err != nil {
		f.Fatal(err)
	}
	good, _ := filepath.Glob("testdata/good/*.md")
	files = append(files, good...)
	if len(files) == 0 {
		f.Fatal("no documents under default/ to seed the fuzzer with")
	}
	var sample []byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
		if sample == nil {
			sample = data
		}
	}
	for _, s := range hostileDocuments(sample) {
		add([]byte(s))
	}
}

func hostileDocuments(sample []byte) []string {
	s := string(sample)
	head, _, _ := strings.Cut(strings.TrimPrefix(s, "---\n"), "\n---\n")
	head = "---\n" + head + "\n"
	with := func(field, value string) string {
		lines := strings.Split(head, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, field+":") {
				lines[i] = field + ": " + value
			}
		}
		return strings.Join(lines, "\n")
	}
	long := strings.Repeat("word ", 300) // over hardMaxRunes, no sentence end
	return []string{
		goodHeader + "The first summit was held in Xi'an.\n",
		goodHeader + "No final newline.",
		goodHeader + "Ends in a carriage return.\r",
		goodHeader + "Odd\r\r\nline ends\r\r\r\n",
		"---\nid: a\n",                               // front matter never closed
		"---\n",                                      // only the opening line
		"---\n---\n",                                 // empty front matter
		"---\n---",                                   // closed at end of file
		"---\nid: a\n---trailing\nText.\n",           // text after the closing line
		"Just text, no front matter.\n",              // no header at all
		"\ufeff" + s,                                 // byte order mark
		strings.ReplaceAll(s, "\n", "\r\n"),          // CRLF line ends
		s[:len(s)/2],                                 // cut in the middle
		head + "\x00\n---\nText.\n",                  // NUL byte in the header
		head + "---\nText with a \x00 NUL.\n",        // NUL byte in the body
		head + "---\n" + long + "\n",                 // one huge line
		head + "---\n" + strings.Repeat("a", 2500),   // one huge word
		head + "---\n\xff\xfe invalid UTF-8\n",       // not UTF-8
		with("tags", "&a [*a, *a]") + "---\nText.\n", // recursive alias
		with("title", "*nowhere") + "---\nText.\n",   // undefined alias
		with("tags", "{a: b}") + "---\nText.\n",      // wrong type
		with("tags", `["", " "]`) + "---\nText.\n",   // empty tags
		with("id", "[a, b]") + "---\nText.\n",        // id not a string
		with("published", "2023-05-19T23:30:00-05:00") + "---\nText.\n",
		with("published", "0000-01-01") + "---\nText.\n",
		with("url", "javascript:alert(1)") + "---\nText.\n",
		with("title", "|\n  two\n  ---\n  lines") + "---\nText.\n",
		"---\n" + billionLaughs + "id: a\n---\nText.\n",
		"---\nid: &x " + strings.Repeat("a", 30) + "\ntitle: *x\n---\nText.\n",
		"---\n<<: {id: a}\n---\nText.\n",
		"---\n? [a, b]\n: c\n---\nText.\n",
		"---\n- a\n- b\n---\nText.\n",
		"---\n" + strings.Repeat("[", 300) + "\n---\nText.\n", // deep nesting
		goodHeader + "```\ncode only\n",                       // unclosed fence: no text to quote
		goodHeader + "# Heading only\n\nSources: https://example.org\n",
		goodHeader + "---\n---\n",
	}
}

// billionLaughs is the classic alias bomb, in a field the header knows so
// that it reaches the typed decoding.
const billionLaughs = `tags: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
x: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
y: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
z: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
w: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
v: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
`

// FuzzParseDocument checks that any file either reads as a document that
// keeps every rule of the corpus and survives Format unchanged, or is
// refused with a *FieldError that names the file.
func FuzzParseDocument(f *testing.F) {
	addDocumentSeeds(f, func(data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDocument(fuzzPath, data)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is not a *FieldError", err, err)
			}
			if _, ok := err.(*FieldError); !ok {
				t.Fatalf("error %T wraps a *FieldError instead of being one", err)
			}
			if fe.Path != fuzzPath || !strings.HasPrefix(err.Error(), fuzzPath) {
				t.Fatalf("error %q does not start with the path %q", err, fuzzPath)
			}
			if fe.Line < 0 || fe.Err == nil {
				t.Fatalf("error %q: line %d, cause %v", err, fe.Line, fe.Err)
			}
			if d.ID != "" || d.Body != "" {
				t.Fatalf("a refused file still gave a document: %+v", d)
			}
			return
		}
		ps := checkDocument(t, d)

		out, err := Format(d)
		if err != nil {
			t.Fatalf("Format of a document just read: %v", err)
		}
		back, err := ParseDocument(fuzzPath, out)
		if err != nil {
			t.Fatalf("Format's output does not read back: %v\n%s", err, out)
		}
		if back.ID != d.ID || back.Title != d.Title || back.Kind != d.Kind || back.Lang != d.Lang ||
			back.Source != d.Source || back.URL != d.URL || !slices.Equal(back.Tags, d.Tags) {
			t.Fatalf("round trip changed the header:\n got %+v\nwant %+v\n%s", back, d, out)
		}
		// Dates are kept as days: a time of day in the file is dropped.
		if got, want := back.Published.Format(DateLayout), d.Published.Format(DateLayout); got != want {
			t.Fatalf("round trip changed the date: got %s, want %s\n%s", got, want, out)
		}
		// Format ends the file with a newline, so the body may gain one. A
		// CRLF left in the body ("\r\r\n" reads as "\r\n"), or made by that
		// newline after a final "\r", reads back as "\n": white space either
		// way, the passages stay the same.
		want := d.Body
		if want != "" && !strings.HasSuffix(want, "\n") {
			want += "\n"
		}
		want = strings.ReplaceAll(want, "\r\n", "\n")
		if back.Body != want {
			t.Fatalf("round trip changed the body:\n got %q\nwant %q", back.Body, want)
		}
		// Split is costly; with the same body and header the passages are
		// the same, so they are compared only when the body changed.
		if back.Body != d.Body {
			if got, want := passageTexts(Split(back)), passageTexts(ps); !slices.Equal(got, want) {
				t.Fatalf("round trip changed the passages:\n got %q\nwant %q", got, want)
			}
		}
		again, err := Format(back)
		if err != nil || !bytes.Equal(again, bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n"))) {
			t.Fatalf("Format is not stable after one round trip (%v):\n%s\n---- then ----\n%s", err, out, again)
		}
	})
}

func passageTexts(ps []Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Heading + "\n" + p.Text + "\n" + p.Citation.String()
	}
	return out
}

// checkDocument asserts the rules ParseDocument promises for every document
// it accepts, and returns its passages.
func checkDocument(t *testing.T, d Document) []Passage {
	t.Helper()
	if d.Origin != fuzzPath {
		t.Errorf("origin %q, want %q", d.Origin, fuzzPath)
	}
	if len(d.ID) > MaxIDLength || !idPattern.MatchString(d.ID) {
		t.Errorf("accepted id %q", d.ID)
	}
	if !KnownLanguage(d.Lang) {
		t.Errorf("accepted language %q", d.Lang)
	}
	if d.Kind != Article && d.Kind != FactSheet {
		t.Errorf("accepted kind %q", d.Kind)
	}
	for name, v := range map[string]string{"title": d.Title, "source": d.Source, "url": d.URL} {
		if v == "" || strings.TrimSpace(v) != v {
			t.Errorf("accepted %s %q", name, v)
		}
	}
	if checkURL(d.URL) != nil {
		t.Errorf("accepted url %q", d.URL)
	}
	for _, tag := range d.Tags {
		if strings.TrimSpace(tag) == "" {
			t.Errorf("accepted an empty tag in %q", d.Tags)
		}
	}
	ps := Split(d)
	if len(ps) == 0 {
		t.Fatalf("accepted a document with no passages: body %q", d.Body)
	}
	checkPassages(t, d, ps)
	return ps
}

// checkPassages asserts what Split promises of each passage.
func checkPassages(t *testing.T, d Document, ps []Passage) {
	t.Helper()
	for i, p := range ps {
		if p.Text == "" || strings.TrimSpace(p.Text) != p.Text {
			t.Fatalf("passage %d: text %q is empty or not trimmed", i+1, p.Text)
		}
		if !utf8.ValidString(p.Text) {
			t.Fatalf("passage %d: not UTF-8: %q", i+1, p.Text)
		}
		// A heading is the body's own text, UTF-8 when the body is (files
		// always are: ParseDocument refuses others).
		if utf8.ValidString(d.Body) && !utf8.ValidString(p.Heading) {
			t.Fatalf("passage %d: heading %q is not UTF-8", i+1, p.Heading)
		}
		if n := utf8.RuneCountInString(p.Text); n > hardMaxRunes {
			t.Fatalf("passage %d: %d runes, want at most %d", i+1, n, hardMaxRunes)
		}
		if p.Ordinal != i+1 || p.ID != d.ID+"#"+strconv.Itoa(i+1) || p.Lang != d.Lang {
			t.Fatalf("passage %d: id %q, ordinal %d, lang %q", i+1, p.ID, p.Ordinal, p.Lang)
		}
	}
}

// FuzzSplit checks that Split and Sentences lose no text: the passages hold
// every non-space rune of the body's text lines, in order, and nothing else.
func FuzzSplit(f *testing.F) {
	addDocumentSeeds(f, func(data []byte) {
		_, body, _ := strings.Cut(string(data), "\n---\n")
		f.Add(body)
	})
	for _, s := range []string{
		"", "\n\n\n", "One. Two! Three?", "M. Nurtleu spoke. Then Wang Yi.",
		"首届峰会在西安举行。第二届峰会在阿斯塔纳举行！",
		"Саммит прошёл в 2023 г. в Сиане. Затем второй.",
		"# Heading\n\nText under it.\n\nSources: https://a.org; https://b.org\n",
		"- item one\n- item two\n1. first\n2) second\n",
		"**bold** __under__ *it* `code` [link](https://e.org) ![img](x.png)",
		"```\nfenced code\n```\nafter the fence\n```\nunclosed",
		"Source: not a url at all\nИсточник：https://e.org\n来源: x\n資料來源：y",
		strings.Repeat("word ", 300),
		strings.Repeat("字", 1300),
		strings.Repeat("a", 1300) + " " + strings.Repeat("b", 1300),
		strings.Repeat("Sentence. ", 130),
		"line\r\nwith CRLF\r\n\r\nand a lone \r here",
		"NUL \x00 byte. Invalid \xff\xfe bytes.",
		"\ufeffBOM at the start.",
		"Ends with a stop… «Quoted.» Next (one.) [two.] 'three.'",
		"\u2028line separator\u2029paragraph separator\u0085next line",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := Document{ID: "fuzz", Lang: "en", Title: "T", URL: "https://example.org/doc", Body: body}
		ps := Split(d)
		checkPassages(t, d, ps)
		var got strings.Builder
		for _, p := range ps {
			got.WriteString(nonSpace(p.Text))
			for i, s := range Sentences(p.Text) {
				checkSentence(t, p.Text, i, s)
			}
		}
		if want := keptText(body); got.String() != want {
			t.Fatalf("passages lost or changed text:\n got %q\nwant %q", got.String(), want)
		}

		var sents strings.Builder
		ss := Sentences(body)
		for i, s := range ss {
			checkSentence(t, body, i, s)
			sents.WriteString(nonSpace(s))
		}
		if got, want := sents.String(), nonSpace(body); got != want {
			t.Fatalf("Sentences lost or changed text:\n got %q\nwant %q", got, want)
		}
	})
}

func checkSentence(t *testing.T, p string, i int, s string) {
	t.Helper()
	if s == "" || strings.TrimSpace(s) != s || !utf8.ValidString(s) {
		t.Fatalf("sentence %d of %q: %q is empty, untrimmed or not UTF-8", i, p, s)
	}
}

// keptText is the text Split is meant to quote from a body, as non-space
// runes: every line outside code fences that is not a heading or a sources
// line, without its list mark and inline Markdown.
func keptText(body string) string {
	var b strings.Builder
	fence := false
	for _, line := range strings.Split(body, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			fence = !fence
		case fence, strings.HasPrefix(trimmed, "#"), sourcesLine.MatchString(trimmed):
		default:
			// Decoded line by line, as Split does: bytes of a broken rune on
			// two lines never join.
			b.WriteString(nonSpace(cleanInline(mdListMark.ReplaceAllString(trimmed, ""))))
		}
	}
	return b.String()
}

// nonSpace is s without white space, invalid bytes read as U+FFFD.
func nonSpace(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
