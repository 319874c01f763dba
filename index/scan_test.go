package index

import (
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// The build's hand-written scanners find what the regular expressions
// they replaced found; go test -fuzz checks any text.

var yearRegexp = regexp.MustCompile(`\b((?:19[5-9]|20[0-9])[0-9])\b`)

func FuzzYears(f *testing.F) {
	for _, s := range []string{"2023", "x2023", "2023年", "in 2023, 1949 and 2100, 2023 again", "_2023", "20233", "2023-yil", "1950", "２０２３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []int
		for _, m := range yearRegexp.FindAllStringSubmatch(s, -1) {
			if y, _ := strconv.Atoi(m[1]); !slices.Contains(want, y) {
				want = append(want, y)
			}
		}
		if got := years(s); !slices.Equal(got, want) {
			t.Fatalf("years(%q) = %v, want %v", s, got, want)
		}
	})
}

var nameRegexp = regexp.MustCompile(`\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){1,2}`)

func FuzzNames(f *testing.F) {
	for _, s := range []string{"Feng Zhanwen met He Lifeng", "ABc Def", "McDonald Trump", "Сунь Вэйдун и Murat Nurtleu Abc Def",
		"A B", "Ab\u00a0Cd", "Ab\tCd Ef Gh", "O’Neil De-Gaulle", "\xffAb Cd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := nameRegexp.FindAllStringIndex(s, -1)
		var got [][]int
		eachName(s, func(start, end int) bool {
			got = append(got, []int{start, end})
			return true
		})
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("eachName(%q) = %v, want %v", s, got, want)
		}
	})
}

// FuzzGates: an analyzer whose CJK and stemming filters are gated gives
// the terms the same analyzer gives without the gates.
func FuzzGates(f *testing.F) {
	m, err := newMapping()
	if err != nil {
		f.Fatal(err)
	}
	inner := map[string]string{}
	for _, g := range gates {
		inner[g.name] = g.inner
	}
	type pair struct{ gated, plain analysis.Analyzer }
	analyzers := map[string]pair{}
	for lang, name := range analyzerFor {
		cfg := analyzerConfigs[name]
		var filters []string
		for _, fl := range cfg["token_filters"].([]string) {
			if in, ok := inner[fl]; ok {
				fl = in
			}
			filters = append(filters, fl)
		}
		plainName := "ungated_" + lang
		if err := m.AddCustomAnalyzer(plainName, map[string]interface{}{"type": cfg["type"], "tokenizer": cfg["tokenizer"], "token_filters": filters}); err != nil {
			f.Fatal(err)
		}
		analyzers[lang] = pair{m.AnalyzerNamed(name), m.AnalyzerNamed(plainName)}
	}
	for _, s := range []string{"The leaders' summits, held in Xi'an", "Первый саммит прошёл в Сиане в 2023 году", "首届中国—中亚峰会在西安举行",
		"ＡＢＣ ｶﾞ full width", "Бірінші саммит Сиань қаласында өтті", "Birinchi sammit Sian shahrida oʻtdi", "l'Asie centrale et la Chine 峰会 саммит"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for lang, a := range analyzers {
			got, want := a.gated.Analyze([]byte(s)), a.plain.Analyze([]byte(s))
			if len(got) != len(want) {
				t.Fatalf("%s %q: %d terms, want %d", lang, s, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if string(g.Term) != string(w.Term) || g.Position != w.Position || g.Start != w.Start || g.End != w.End {
					t.Fatalf("%s %q: term %d is %q@%d[%d:%d], want %q@%d[%d:%d]", lang, s, i, g.Term, g.Position, g.Start, g.End, w.Term, w.Position, w.Start, w.End)
				}
			}
		}
	})
}
