package telegramtest

import (
	"fmt"
	"testing"
	"unicode/utf16"
)

func TestTextEntities(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Entity
	}{
		{"LeadingCommand", "/start", []Entity{{Type: "bot_command", Offset: 0, Length: 6}}},
		{"CommandWithArgs", "/ask Where is the secretariat?", []Entity{{Type: "bot_command", Offset: 0, Length: 4}}},
		{"CommandAddressedToBot", "/ask@summit_test_bot когда саммит?", []Entity{{Type: "bot_command", Offset: 0, Length: 20}}},
		{"MentionAfterEmojiAndCyrillic", "🏔 Привет @summit_test_bot", []Entity{{Type: "mention", Offset: 10, Length: 16}}},
		{"MentionAfterFlagEmoji", "🇰🇿🇨🇳 @summit_test_bot?", []Entity{{Type: "mention", Offset: 9, Length: 16}}},
		{"CommandAfterEmoji", "👋 /help", []Entity{{Type: "bot_command", Offset: 3, Length: 5}}},
		{"CommandAndMention", "/ask @summit_test_bot", []Entity{{Type: "bot_command", Offset: 0, Length: 4}, {Type: "mention", Offset: 5, Length: 16}}},
		{"NoMentionInsideEmail", "mail me at a.b@example.org", nil},
		{"NoCommandInsidePath", "see docs/ask for it", nil},
		{"ShortMentionIsNoMention", "@ab hi", nil},
		{"NoEntities", "Когда следующий саммит?", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TextEntities(tt.text)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("TextEntities(%q) = %v, want %v", tt.text, got, tt.want)
			}
			// Cross-check with the standard library's UTF-16 encoding.
			units := utf16.Encode([]rune(tt.text))
			for _, e := range got {
				part := string(utf16.Decode(units[e.Offset : e.Offset+e.Length]))
				if part[0] != '/' && part[0] != '@' {
					t.Errorf("entity %v covers %q, want a command or mention", e, part)
				}
			}
		})
	}
}

func TestUTF16Len(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"Привет", 6},
		{"🏔", 2},
		{"🇰🇿", 4},
		{"汉字", 2},
	}
	for _, tt := range tests {
		if got := UTF16Len(tt.s); got != tt.want {
			t.Errorf("UTF16Len(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		text string
		ents []Entity
		err  string
	}{
		{"Plain", "Астана 2025", "Астана 2025", nil, ""},
		{"BoldAfterEmoji", "🏔 <b>Саммит</b>", "🏔 Саммит", []Entity{{Type: "bold", Offset: 3, Length: 6}}, ""},
		{"NestedAndSorted", "<b>a <i>b</i></b>", "a b", []Entity{{Type: "bold", Offset: 0, Length: 3}, {Type: "italic", Offset: 2, Length: 1}}, ""},
		{"LinkWithEscapedHref", `<a href="https://x.org/?q=1&amp;p=2">[1]</a>`, "[1]", []Entity{{Type: "text_link", Offset: 0, Length: 3, URL: "https://x.org/?q=1&p=2"}}, ""},
		{"Entities", "1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;ok&quot; &#128512; &#x41;", `1 < 2 && 3 > 2 "ok" 😀 A`, nil, ""},
		{"BareAmpersandKept", "R&D & more", "R&D & more", nil, ""},
		{"PreWithLanguage", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", []Entity{{Type: "pre", Offset: 0, Length: 6, Language: "go"}}, ""},
		{"Spoiler", `<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>`, "st", []Entity{{Type: "spoiler", Offset: 0, Length: 1}, {Type: "spoiler", Offset: 1, Length: 1}}, ""},
		{"ExpandableQuote", "<blockquote expandable>q</blockquote>", "q", []Entity{{Type: "expandable_blockquote", Offset: 0, Length: 1}}, ""},
		{"UpperCaseTags", "<B>x</B>", "x", []Entity{{Type: "bold", Offset: 0, Length: 1}}, ""},
		{"ErrUnsupportedTag", "a<br/>b", "", nil, `Unsupported start tag "br" at byte offset 1`},
		{"ErrLessThanSign", "1 < 2", "", nil, `Unsupported start tag "" at byte offset 2`},
		{"ErrUnclosed", "<b>x", "", nil, `Can't find end tag corresponding to start tag "b"`},
		{"ErrUnexpectedEnd", "x</b>", "", nil, "Unexpected end tag at byte offset 1"},
		{"ErrCrossed", "<b><i>x</b></i>", "", nil, `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"ErrSpanWithoutClass", "<span>x</span>", "", nil, `Tag "span" must have class "tg-spoiler" at byte offset 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, ents, err := ParseHTML(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("ParseHTML(%q) error = %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || text != tt.text || fmt.Sprint(ents) != fmt.Sprint(tt.ents) {
				t.Errorf("ParseHTML(%q) = %q, %v, %v; want %q, %v", tt.in, text, ents, err, tt.text, tt.ents)
			}
		})
	}
}
