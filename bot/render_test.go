package bot

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var tagPattern = regexp.MustCompile(`</?[a-z]+[^>]*>`)

// visible is the text Telegram shows for HTML: tags removed, entities decoded.
func visible(h string) string { return html.UnescapeString(tagPattern.ReplaceAllString(h, "")) }

// balanced reports whether every tag opened in h is closed, in order, and
// no entity is cut.
func balanced(h string) bool {
	var stack []string
	for _, tag := range tagPattern.FindAllString(h, -1) {
		name := strings.Trim(strings.Fields(strings.Trim(tag, "<>/"))[0], "/")
		if strings.HasPrefix(tag, "</") {
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return false
			}
			stack = stack[:len(stack)-1]
		} else {
			stack = append(stack, name)
		}
	}
	text := tagPattern.ReplaceAllString(h, "")
	for i := strings.IndexByte(text, '&'); i >= 0; i = strings.IndexByte(text, '&') {
		end := strings.IndexByte(text[i:], ';')
		if end < 0 || end > 8 {
			return false
		}
		text = text[i+end+1:]
	}
	return len(stack) == 0 && !strings.ContainsAny(text, "<>")
}

func TestRenderEscapes(t *testing.T) {
	hostile := `<script>alert("x")</script> & <b>unbalanced <i> &amp; &#x27;`
	msgs := renderMessages([]block{para(strong(hostile), text(" "+hostile), anchor(hostile, `https://e.org/?a=1&b="2"`))}, MaxMessageLength)
	if len(msgs) != 1 {
		t.Fatalf("got %d messages", len(msgs))
	}
	h := msgs[0]
	if strings.Contains(h, "<script>") || strings.Contains(h, "<i>") {
		t.Errorf("user text became markup: %s", h)
	}
	if !balanced(h) {
		t.Errorf("unbalanced: %s", h)
	}
	if got, want := visible(h), hostile+" "+hostile+hostile; got != want {
		t.Errorf("visible text = %q, want %q", got, want)
	}
	if !strings.Contains(h, `href="https://e.org/?a=1&amp;b=&quot;2&quot;"`) {
		t.Errorf("link not escaped: %s", h)
	}
}

func TestRenderSplits(t *testing.T) {
	word := "日本🙂é<&> " // runes of 1, 2 and 3 UTF-8 bytes, and a surrogate pair in UTF-16
	long := strings.Repeat(word, 2000)
	marks := [][2]int{}
	for i := 0; i < len(long); i += len(word) * 7 {
		marks = append(marks, [2]int{i, i + len("日本")})
	}
	blocks := []block{para(strong("Title")), marked(long, marks), para(text("[1] "), anchor("Source", "https://e.org"))}
	msgs := renderMessages(blocks, MaxMessageLength)
	if len(msgs) < 3 {
		t.Fatalf("got %d messages, want the long passage cut", len(msgs))
	}
	var all strings.Builder
	for i, m := range msgs {
		v := visible(m)
		if n := utf16Len(v); n > MaxMessageLength {
			t.Errorf("message %d: %d UTF-16 units, limit %d", i, n, MaxMessageLength)
		}
		if !balanced(m) {
			t.Errorf("message %d: unbalanced HTML", i)
		}
		if !utf8.ValidString(m) {
			t.Errorf("message %d: cut inside a rune", i)
		}
		all.WriteString(v)
	}
	got := strings.Join(strings.Fields(all.String()), "")
	want := strings.Join(strings.Fields("Title"+long+"[1] Source"), "")
	if got != want {
		t.Error("text lost or changed across the cut")
	}
}

func TestRenderCutsOneHugeWord(t *testing.T) {
	huge := strings.Repeat("🙂", 5000) // 10000 UTF-16 units, no space
	msgs := renderMessages([]block{para(text(huge))}, MaxMessageLength)
	total := 0
	for _, m := range msgs {
		n := utf16Len(visible(m))
		if n > MaxMessageLength {
			t.Errorf("message of %d units", n)
		}
		total += n
	}
	if total != 10000 {
		t.Errorf("total %d units, want 10000", total)
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short text", 20, "short text"},
		{"The first summit was held in Xi'an in May 2023.", 20, "The first summit was…"},
		{"Один два три четыре пять", 10, "Один два…"},
	}
	for _, tt := range tests {
		if got := snippet(tt.in, tt.n); got != tt.want {
			t.Errorf("snippet(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
