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
