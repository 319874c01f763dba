package corpus

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The expressions cleanInline replaced; it must do exactly what they did.
var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*|` + "`" + `)`)
)

func cleanInlineRegexp(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdEmphasis.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

// randomMarkdown draws short texts from the characters that matter to
// links, emphasis, lists, headings, fences and sources lines.
func randomMarkdown(rng *rand.Rand, n int) string {
	pieces := []string{"[", "]", "(", ")", "!", "*", "**", "_", "__", "`", "```", " ", "  ", "\t", "\n", "\n\n",
		"a", "Wang", "首届", "é", "#", "- ", "1. ", "2) ", "+ ", "Sources: ", "Источники: ", "来源：", "ſources:",
		"https://x.org/a", ";", ",", "2023-05-19", ".", "Xi'an. ", "\u00a0", "\xff"}
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestCleanInlineMatchesRegexps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		s := randomMarkdown(rng, rng.IntN(12))
		if got, want := cleanInline(s), cleanInlineRegexp(s); got != want {
			t.Fatalf("cleanInline(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestHasQuotableTextMatchesSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		body := randomMarkdown(rng, rng.IntN(16))
		if got, want := hasQuotableText(body), len(Split(Document{ID: "d", Body: body})) > 0; got != want {
			t.Fatalf("hasQuotableText(%q) = %v, Split found passages: %v", body, got, want)
		}
	}
}
