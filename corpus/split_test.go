package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"Plain", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"Initial", "M. Nurtleu spoke. Then Wang Yi.", []string{"M. Nurtleu spoke.", "Then Wang Yi."}},
		{"Decimal", "A grant of 1.5 billion yuan. Next.", []string{"A grant of 1.5 billion yuan.", "Next."}},
		{"QuoteAfterStop", `Under the concept "Stability." The topics were`, []string{`Under the concept "Stability."`, "The topics were"}},
		{"LowercaseAfterStop", "It is e.g. a test of it.", []string{"It is e.g. a test of it."}},
		{"RussianYear", "Саммит прошёл в 2023 г. в Сиане. Затем второй.", []string{"Саммит прошёл в 2023 г. в Сиане.", "Затем второй."}},
		{"Chinese", "首届峰会在西安举行。第二届峰会在阿斯塔纳举行！", []string{"首届峰会在西安举行。", "第二届峰会在阿斯塔纳举行！"}},
		{"TrailingNoStop", "No stop at the end", []string{"No stop at the end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	long := strings.Repeat("The leaders of the six countries met and talked about trade and roads. ", 30)
	d := Document{ID: "d", Lang: "en", Title: "T", URL: "https://example.org/doc", Body: "# T\n\nIntro text.\n\n## Part **two**\n\n" +
		long + "\n\nSources: https://example.org/one; https://example.org/two\n\n## Empty\n\nSources: https://x.org\n"}
	ps := Split(d)
	if len(ps) < 3 {
		t.Fatalf("got %d passages, want the intro and the long part cut in several", len(ps))
	}
	if ps[0].Text != "Intro text." || ps[0].Heading != "T" || ps[0].Citation.URL != "https://example.org/doc" {
		t.Errorf("first passage = %+v", ps[0])
	}
	for i, p := range ps[1:] {
		if n := utf8.RuneCountInString(p.Text); n > MaxPassageRunes {
			t.Errorf("passage %d has %d runes", i+1, n)
		}
		if !strings.HasSuffix(p.Text, ".") || !strings.HasPrefix(p.Text, "The leaders") {
			t.Errorf("passage %d cuts a sentence: %q", i+1, p.Text)
		}
		if p.Heading != "Part two" || p.Citation.URL != "https://example.org/one" {
			t.Errorf("passage %d: heading %q, url %q", i+1, p.Heading, p.Citation.URL)
		}
		if strings.Contains(p.Text, "Sources") {
			t.Errorf("passage %d quotes the sources line", i+1)
		}
	}
	for i, p := range ps {
		if p.ID != "d#"+string(rune('1'+i)) || p.Ordinal != i+1 {
			t.Errorf("passage %d id %q ordinal %d", i, p.ID, p.Ordinal)
		}
	}
}

func TestSplitRunOnText(t *testing.T) {
	d := Document{ID: "d", Lang: "en", Body: strings.Repeat("word ", 2000)}
	for _, p := range Split(d) {
		if n := utf8.RuneCountInString(p.Text); n > hardMaxRunes {
			t.Fatalf("passage of %d runes, want at most %d", n, hardMaxRunes)
		}
	}
}
