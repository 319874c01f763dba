package index

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

// TestAsksFor checks what a question is read to ask for: its question
// word's type, else that of the measured thing it names (a figure for
// trade), else nothing.
func TestAsksFor(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct{ q, want string }{
		{"Каким был товарооборот Китая со странами Центральной Азии в 2025 году?", corpus.AnswerNumber},
		{"China Central Asia trade 2025", corpus.AnswerNumber},
		{"Quel a été le commerce entre la Chine et l'Asie centrale en 2023 ?", corpus.AnswerNumber},
		{"When did trade pass 100 billion dollars?", corpus.AnswerDate},
		{"Where is the trade facilitation platform based?", corpus.AnswerPlace},
		{"What is the Xi'an Declaration?", ""},
	} {
		if got := e.parseQuestion(tc.q).answer; got != tc.want {
			t.Errorf("%q asks for %q, want %q", tc.q, got, tc.want)
		}
	}
}
