package index

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
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
