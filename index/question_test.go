package index

import (
	"context"
	"maps"
	"slices"
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
		// An asking word before a role asks for a person, before a
		// document for a document; places may stand between.
		{"Which Kazakh foreign minister hosted the third ministers' meeting?", corpus.AnswerPerson},
		{"Quel ministre kazakh a accueilli la réunion de 2022 ?", corpus.AnswerPerson},
		{"Chengdu uchrashuvida Oʻzbekistonni qaysi vazir vakil qildi?", corpus.AnswerPerson},
		{"Quel traité les six pays ont-ils signé à Astana ?", corpus.AnswerDocument},
		{"Какие темы обсуждали министры на пятой встрече?", ""},
	} {
		if got := e.parseQuestion(tc.q).answer; got != tc.want {
			t.Errorf("%q asks for %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestCalendarYears checks that a year named relative to today, or in
// short ("в 23-м"), is read as that year, as if it were written in full:
// "last year" in 2026 (evalNow) is 2025.
func TestCalendarYears(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct {
		q    string
		want []int
	}{
		{"What was China's trade with Central Asia last year?", []int{2025}},
		{"Каким был товарооборот в позапрошлом году?", []int{2024}},
		{"前年中国同中亚国家的贸易额是多少？", []int{2024}},
		{"Combien d'années se sont écoulées depuis 1992 jusqu'à cette année ?", []int{1992}},
		{"короч сколько китай денег обещал в сиане в 23м?", []int{2023}},
		{"какой договор подписали в 25-м году", []int{2025}},
		{"что было на саммите 18-го мая", nil},
	} {
		q := e.parseQuestion(tc.q)
		if got := slices.Sorted(maps.Keys(q.years)); !slices.Equal(got, tc.want) {
			t.Errorf("%q names years %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestOtherRegionsRefused checks that a summit of China with another region
// is refused, in Chinese as the capitalized names of the other languages
// are: the run before the event's name is a partner no passage names,
// while a partner the corpus knows is answered. In the other scripts, the
// name a dash pairs with another beside an event's name is the partner,
// and the best passage must name it; a dash elsewhere is punctuation.
func TestOtherRegionsRefused(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct {
		q        string
		answered bool
	}{
		{"中国—阿拉伯国家峰会在哪里举行？", false},
		{"中国—太平洋岛国外长会在哪开的", false},
		{"中国—中亚峰会在哪里举行？", true},
		{"首届中国—中亚峰会在哪里举行？", true},
		{"Qui présidait le sommet Japon–Asie centrale ?", false},
		{"Quels documents le sommet Chine–États arabes a-t-il adoptés ?", false},
		{"Кто председательствовал на саммите Китай — арабские государства?", false},
		{"Где прошёл саммит Китай — Центральная Азия?", true},
		{"Quand a eu lieu le sommet Chine–Asie centrale de Xi'an ?", true},
		{"Когда подписали соглашение по железной дороге Китай — Кыргызстан — Узбекистан?", true},
	} {
		ans, err := e.Ask(context.Background(), tc.q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Answered != tc.answered {
			t.Errorf("%q answered %v, want %v", tc.q, ans.Answered, tc.answered)
		}
	}
}

// TestNumbersAreNoOrdinals checks that a number in any case is no ordinal,
// though the Russian stemmer gives "шести" (of six) the stem of шестой.
func TestNumbersAreNoOrdinals(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct{ q, ordinal string }{
		{"В каком городе главы МИД шести стран собирались в мае 2021 года?", ""},
		{"Какой город первым получил рейсы во все пять стран Центральной Азии?", "1"},
		{"Где прошла шестая встреча министров иностранных дел?", "6"},
		{"Со всеми пятью странами Центральной Азии", ""},
		// Counts past the events held so far are read, to be refused.
		{"Когда пройдёт седьмая встреча министров иностранных дел?", "7"},
		{"Where will the tenth summit be held?", "10"},
		{"第八次外长会晤在哪里举行？", "8"},
		{"Семь стран", ""},
	} {
		if got := e.parseQuestion(tc.q).ordinal; got != tc.ordinal {
			t.Errorf("%q: ordinal %q, want %q", tc.q, got, tc.ordinal)
		}
	}
}

func TestArticleNumbers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"条约第三条规定了什么", "条约第3条规定了什么"},
		{"第十二条和第二十三款", "第12条和第23款"},
		{"第二十条", "第20条"},
		{"第三届峰会在哪里举行", "第三届峰会在哪里举行"}, // a third summit stays one
		{"第十十条", "第十十条"},             // no numeral
		{"第条", "第条"},
		{"最后一个字是第", "最后一个字是第"},
		{"no Chinese at all", "no Chinese at all"},
	} {
		if got := articleNumbers(tc.in); got != tc.want {
			t.Errorf("articleNumbers(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A question is cut into clauses at its marks, but not at a mark inside a
// name (the dash of "中国—中亚" joins the format's name to what follows)
// nor at the commas of a list.
func TestClausesKeepNames(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct {
		q       string
		clauses int
	}{
		{"中国—中亚合作论坛是何时举办的？", 0},
		{"Когда прошла встреча «Центральная Азия — Китай» в Астане?", 0},
		{"I'm writing a piece on the summits: when was the first one held?", 2},
		// The commas of a list part no clauses.
		{"Qu'ont signé la Chine, le Kirghizistan et l'Ouzbékistan au sujet du chemin de fer ?", 0},
		{"What did China, Kyrgyzstan and Uzbekistan sign on the railway?", 0},
		{"In 2024, how much was trade?", 2},
	} {
		if got := len(e.parseQuestion(tc.q).clauses); got != tc.clauses {
			t.Errorf("%q: %d clauses, want %d", tc.q, got, tc.clauses)
		}
	}
}
