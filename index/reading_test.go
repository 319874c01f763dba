package index

import (
	"context"
	"strings"
	"testing"
)

// TestReadingAsTyped checks the families of questions typed as people type
// on phones: transliterated Russian, pinyin, Uzbek in either script or
// without its apostrophes, Kazakh in Latin letters, misspellings. Each must
// be read in its language and answered with the fact.
func TestReadingAsTyped(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct {
		name, q, lang, fact string
	}{
		{"RussianInLatin", "gde proshel vtoroi sammit", "ru", "Астан"},
		{"Pinyin", "di yi jie fenghui shenme shihou", "zh", "2023"},
		{"PinyinWithTones", "dì yī jiè fēnghuì shénme shíhou", "zh", "2023"},
		{"RussianTypos", "когда прошол первый самит", "ru", "2023"},
		{"EnglishTypos", "wheree was the secnd summit", "en", "Astana"},
		{"UzbekLatin", "Ikkinchi sammit qayerda boʻlib oʻtdi?", "uz", "Astana"},
		{"UzbekWithoutApostrophes", "Sian sammitiga kim raislik qildi?", "uz", "Si Szinpin"},
		{"UzbekCyrillic", "Иккинчи саммит қаерда бўлиб ўтди?", "uz", "Astana"},
		{"KazakhCyrillic", "Бірінші саммит қашан өтті?", "kk", "2023"},
		{"KazakhOnARussianKeyboard", "Екинши саммит кай жерде отти?", "kk", "Астана"},
		{"KazakhLatin2021", "Ekınşı sammit qai jerde öttı?", "kk", "Астана"},
		{"KazakhLatinUnmarked", "ekinshi sammit qai jerde otti", "kk", "Астана"},
		{"KazakhLatinTSH", "hatshylyq qai qalada ornalasqan", "kk", "Сиан"},
		{"KazakhLatinWithoutKazakhLetters", "ekinshi Ortalyk Aziya Kytai sammiti kai kalada otti", "kk", "Астана"},
		{"FrenchWithoutAccents", "ou s est tenu le deuxieme sommet", "fr", "Astana"},
		{"ChineseHomophones", "西按峰会签署了什么宣言", "zh", "西安宣言"},
		{"ChineseHomophonesInAName", "秘书出在哪个城市", "zh", "西安"},
		{"UzbekCyrillicWithoutItsOwnLetters", "Сиань саммитида қандай декларация қабул қилинди?", "uz", "Sian deklaratsiyasi"},
		{"KazakhMinistersNotMinisterial", "Бесінші министрлер кездесуі қашан болды?", "kk", "2024"},
		{"DefinitionByStandFor", "What does the China–Central Asia Spirit stand for?", "en", "Spirit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans, err := e.Ask(context.Background(), tc.q, AskOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Lang != tc.lang || !ans.Answered {
				t.Fatalf("read in %q, answered %v; want %q, answered", ans.Lang, ans.Answered, tc.lang)
			}
			if text := ans.Text + " " + ans.Hits[0].Passage.Text; !strings.Contains(text, tc.fact) {
				t.Errorf("answer %q (%s) lacks %q", ans.Text, ans.Hits[0].Passage.ID, tc.fact)
			}
		})
	}
}

// TestRespellLeavesWordsAlone: a homophone is corrected only where the
// characters it replaces are no word as typed; correct Chinese, and the
// characters of words at the edge of a form, are left as they are.
func TestRespellLeavesWordsAlone(t *testing.T) {
	e := openDefault(t)
	for _, tc := range []struct{ typed, want string }{
		{"西按峰会签了多少合作协议", "西安峰会签了多少合作协议"},
		{"阿斯塔那峰会是谁主持的", "阿斯塔纳峰会是谁主持的"},
		{"首届中国—中亚峰会是什么时候举行的？", "首届中国—中亚峰会是什么时候举行的？"},
		{"西安是第一个通航中亚五国的城市", "西安是第一个通航中亚五国的城市"},
		{"哪座中国城市率先实现了通往中亚五国航线全覆盖？", "哪座中国城市率先实现了通往中亚五国航线全覆盖？"},
	} {
		if got := e.respellChinese(tc.typed); got != tc.want {
			t.Errorf("respellChinese(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
}

// TestFold checks Fold on each script's letters, and that the fast
// check agrees with the fold table on every rune it covers.
func TestFold(t *testing.T) {
	for r := range rune(len(foldsLow)) {
		if _, ok := folds[r]; ok != foldsLow[r] {
			t.Errorf("foldsLow[%q] = %v, folds has it: %v", r, foldsLow[r], ok)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"summit", "summit"}, {"o`zbekiston", "o'zbekiston"}, {"où", "ou"}, {"sommet à Xi’an", "sommet a Xi'an"},
		{"ёлка", "елка"}, {"қай", "кай"}, {"", ""}, {"Œuvre", "OEuvre"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A word of one letter typed over and over is no word of any language:
// French stemming folds "aaaa" to "a", which French passages hold, and such
// a question was read, and refused, in French.
func TestRepeatedLetterIsNoFrench(t *testing.T) {
	e := openDefault(t)
	for _, q := range []string{strings.Repeat("a", 300), "zzzzzzzzzz", "aaaaaa eeeeee"} {
		ans, err := e.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Lang != "en" || ans.Answered {
			t.Errorf("%.20q: read in %q, answered %v; want English, refused", q, ans.Lang, ans.Answered)
		}
	}
}
