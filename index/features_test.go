package index

import (
	"slices"
	"testing"
)

// TestTopicPlaces checks where a passage's places come from: its heading
// and title name them, or name the format, whose region is Central Asia;
// a city's kind ("city") is no place of the passage.
func TestTopicPlaces(t *testing.T) {
	lx := openDefault(t).lexicon()
	for _, tc := range []struct {
		title, heading string
		want           []string
	}{
		{"China–Central Asia trade figures", "Trade in 2025", []string{"central-asia"}},
		{"Trade figures", "China's share of Central Asian trade", []string{"central-asia"}},
		{"The first summit", "Xi'an, May 2023", []string{"xian"}},
		{"Trade figures", "Trade in 2025", nil},
	} {
		f := lx.annotate(tc.title, tc.heading, "", "Some text.", "en", nil)
		if !slices.Equal(f.Topic.Places, tc.want) {
			t.Errorf("%q / %q: places %v, want %v", tc.title, tc.heading, f.Topic.Places, tc.want)
		}
	}
}

func TestNamesAskedYearAside(t *testing.T) {
	asked := map[int]bool{2022: true}
	for _, tc := range []struct {
		sentence string
		want     bool
	}{
		{"In 2023 trade reached US$89.4 bn, 27 % more than in 2022.", true},
		{"2023年中国—中亚贸易额为894亿美元，比2022年增长27%。", true},
		{"In 2022 trade reached US$70.2 bn.", false},               // the asked year's own figure
		{"In 2022 trade reached US$70.2 bn, up from 2021.", false}, // starts with it
		{"In 2023 trade reached US$89.4 bn.", false},               // does not name it: other rules judge that
		{"Trade reached US$70.2 bn.", false},
	} {
		if got := namesAskedYearAside(tc.sentence, asked); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.sentence, got, tc.want)
		}
	}
}

// TestPersonOf checks which places a sentence names next to a person: a
// leader list, a title before a name, a name at some distance with
// nothing named between; not a country a quoted minister stands far
// from, nor one beside the capitalized words of a quoted title, nor one
// that qualifies an organization.
func TestPersonOf(t *testing.T) {
	lx := openDefault(t).lexicon()
	for _, tc := range []struct {
		lang, text string
		want       []string
	}{
		{"en", "The summit brought together Xi Jinping (China), Sadyr Japarov (Kyrgyzstan) and Emomali Rahmon (Tajikistan).",
			[]string{"kyrgyzstan", "tajikistan"}}, // "China" is a name, not one of the alias sets
		{"en", "At the summit, Kyrgyzstan was represented by President Sadyr Japarov.", []string{"kyrgyzstan"}},
		{"en", "During the summit China announced a community with a shared future with Kyrgyzstan and another with Tajikistan, according to foreign minister Qin Gang.",
			nil},
		{"uz", "Si Szinpin nutq soʻzladi, nutqning nomi: «Championing the Spirit for High-Quality Cooperation» (oʻzbekchada taxminan: «Hamkorlik yoʻlida»).",
			nil},
		{"ru", "На саммите Узбекистан представлял президент Шавкат Мирзиёев.", []string{"uzbekistan"}},
		// The country qualifies the ministry, not the person after it.
		{"en", "According to Turkmenistan's foreign ministry, Xi also promised 1,200 scholarships.", nil},
		{"fr", "Selon le ministère des Affaires étrangères du Turkménistan, Xi a aussi promis 1200 bourses.", nil},
		{"kk", "Саммитке Садыр Жапаров (Қырғызстан) қатысты.", []string{"kyrgyzstan"}},
	} {
		if got := lx.personOf(tc.text, lx.find(tc.text, tc.lang, false)); !slices.Equal(got, tc.want) {
			t.Errorf("%s %q: %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
}
