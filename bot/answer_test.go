package bot

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// hit builds a hit whose marks are the given words, wherever they stand.
func hit(text, lang string, c corpus.Citation, marked ...string) index.Hit {
	h := index.Hit{Passage: corpus.Passage{ID: "d#1", Text: text, Lang: lang, Citation: c}}
	for _, w := range marked {
		for from := 0; ; {
			i := strings.Index(text[from:], w)
			if i < 0 {
				break
			}
			h.Marks = append(h.Marks, index.Span{Start: from + i, End: from + i + len(w)})
			from += i + len(w)
		}
	}
	return h
}

func answerFor(q, lang string, h index.Hit, sentence string) index.Answer {
	a := index.Answer{Question: q, Lang: lang, Answered: true, Text: sentence, Hits: []index.Hit{h}, Total: 1}
	if i := strings.Index(h.Passage.Text, sentence); i >= 0 {
		a.Span = index.Span{Start: i, End: i + len(sentence)}
	}
	return a
}

var underlined = regexp.MustCompile(`<u>(.*?)</u>`)

func TestAnswerLayout(t *testing.T) {
	compiled := corpus.Citation{Title: "Fifth foreign ministers' meeting", Source: "People's Daily",
		URL: "http://en.people.cn/n3/2024/1129/c90000-20248310.html", Published: time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC), Compiled: true}
	linkOnly := corpus.Citation{Title: "Fiche", Source: "Fiche SummitBot", URL: "https://www.fmprc.gov.cn/x.html",
		Published: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), Compiled: true}
	article := corpus.Citation{Title: "Chengdu", Source: "La Gazette (Paris)", Published: time.Date(2024, 12, 3, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name, lang, passage, sentence string
		cite                          corpus.Citation
		marks                         []string
		wantFirst                     string // the visible text opens with this
		wantCite                      string // the citation line, as shown
	}{
		{"EnglishAnswerMidPassage", "en",
			"The fifth meeting took place in Chengdu on 1 December 2024. The meeting was chaired by China's Wang Yi.",
			"The meeting was chaired by China's Wang Yi.", compiled, []string{"fifth", "meeting", "chaired"},
			"… The meeting was chaired by China's Wang Yi.",
			"Source: People's Daily, 29 November 2024 · fact sheet compiled by SummitBot"},
		{"FrenchStopWordsUnmarked", "fr",
			"La cinquième réunion a eu lieu à Chengdu. Elle a été présidée par Wang Yi.",
			"La cinquième réunion a eu lieu à Chengdu.", linkOnly, []string{"cinquième", "réunion", "à", "a", "lieu"},
			"La cinquième réunion a eu lieu à Chengdu.",
			"Source : fmprc.gov.cn · fiche compilée par SummitBot"},
		{"RussianDate", "ru",
			"Первый саммит прошёл 18–19 мая 2023 года в Сиане.",
			"Первый саммит прошёл 18–19 мая 2023 года в Сиане.", compiled, []string{"Первый", "саммит", "в"},
			"Первый саммит прошёл",
			"Источник: People's Daily, 29 ноября 2024 · справка составлена SummitBot"},
		{"ChineseArticle", "zh",
			"首届中国—中亚峰会于2023年5月在西安举行。会议由习近平主持。",
			"首届中国—中亚峰会于2023年5月在西安举行。", article, []string{"首届", "峰会", "的"},
			"首届中国—中亚峰会",
			"来源：La Gazette (Paris), 2024年12月3日"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hit(tt.passage, tt.lang, tt.cite, tt.marks...)
			ans := answerFor("q", tt.lang, h, tt.sentence)
			msgs := renderMessages(answerBlocks(ans, h, 0, 1, tt.lang), MaxMessageLength)
			if len(msgs) != 1 {
				t.Fatalf("%d messages", len(msgs))
			}
			got := visible(msgs[0])
			if !strings.HasPrefix(got, tt.wantFirst) {
				t.Errorf("reply opens with %q, want %q", got, tt.wantFirst)
			}
			if n := strings.Count(got, tt.sentence); n != 1 {
				t.Errorf("the answer sentence appears %d times:\n%s", n, got)
			}
			if !strings.Contains(msgs[0], "<b>") {
				t.Errorf("answer not bold: %s", msgs[0])
			}
			for _, m := range underlined.FindAllStringSubmatch(msgs[0], -1) {
				if index.IsStopword(visible(m[1])) {
					t.Errorf("stop word %q marked: %s", m[1], msgs[0])
				}
			}
			lines := strings.Split(got, "\n")
			if last := lines[len(lines)-1]; last != tt.wantCite {
				t.Errorf("citation = %q, want %q", last, tt.wantCite)
			}
			if strings.Contains(msgs[0], "SummitBot</a>") || strings.Contains(got, "Source: SummitBot") {
				t.Errorf("SummitBot cited as the publisher: %s", got)
			}
		})
	}
}

func TestAnswerTrimmedToBudget(t *testing.T) {
	sentence := "The first summit was held in Xi'an in May 2023."
	long := strings.Repeat("Before the summit, many meetings prepared it. ", 20) + sentence + " " +
		strings.Repeat("After the summit, the secretariat was set up in Xi'an. ", 30)
	h := hit(long, "en", corpus.Citation{Source: "Xinhua", URL: "https://x.org"}, "summit")
	ans := answerFor("q", "en", h, sentence)
	html := renderMessages(answerBlocks(ans, h, 0, 1, "en"), MaxMessageLength)[0]
	got := visible(html)
	if n := utf16Len(got); n > answerBudget {
		t.Errorf("%d visible units, budget %d", n, answerBudget)
	}
	if !strings.HasPrefix(got, "… "+sentence) || !strings.Contains(got, "…\n\nSource: ") {
		t.Errorf("not trimmed around the answer with …:\n%s", got)
	}
	if !balanced(html) {
		t.Errorf("unbalanced: %s", html)
	}
}

func TestAnswerSentenceNotInPassage(t *testing.T) {
	h := hit("Xi'an hosted it.", "en", corpus.Citation{Source: "Xinhua"})
	ans := index.Answer{Lang: "en", Answered: true, Text: "The first summit was held in Xi'an.", Hits: []index.Hit{h}, Total: 2}
	got := visible(renderMessages(answerBlocks(ans, h, 0, 2, "en"), MaxMessageLength)[0])
	want := "The first summit was held in Xi'an.\n\nXi'an hosted it.\n\nSource: Xinhua"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A later page is a supporting passage: no answer sentence, a page number.
	got = visible(renderMessages(answerBlocks(ans, h, 1, 2, "en"), MaxMessageLength)[0])
	if want := "Xi'an hosted it.\n\nSource: Xinhua\n\n2/2"; got != want {
		t.Errorf("page 2:\n%s\nwant\n%s", got, want)
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		lang string
		day  int
		want string
	}{
		{"en", 19, "19 May 2023"},
		{"fr", 19, "19 mai 2023"},
		{"fr", 1, "1er mai 2023"},
		{"ru", 19, "19 мая 2023"},
		{"zh", 19, "2023年5月19日"},
		{"kk", 19, "2023 жылғы 19 мамыр"},
		{"uz", 19, "2023-yil 19-may"},
		{"xx", 19, "19 May 2023"},
	}
	for _, tt := range tests {
		if got := formatDate(time.Date(2023, 5, tt.day, 0, 0, 0, 0, time.UTC), tt.lang); got != tt.want {
			t.Errorf("formatDate(%s, %d) = %q, want %q", tt.lang, tt.day, got, tt.want)
		}
	}
	if got := formatDate(time.Time{}, "en"); got != "" {
		t.Errorf("zero date = %q", got)
	}
}

func TestRenderNestsStyles(t *testing.T) {
	b := block{{text: "The ", style: bold}, {text: "first", style: bold | underline}, {text: " summit", style: bold},
		{text: " in "}, {text: "Xi'an", style: underline}, {text: "src", style: link | bold, href: "https://e.org/?a&b"}}
	var w strings.Builder
	b.render(&w)
	want := `<b>The <u>first</u> summit</b> in <u>Xi'an</u><a href="https://e.org/?a&amp;b"><b>src</b></a>`
	if got := w.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestPlainVersion(t *testing.T) {
	got := plainVersion(`<b>Xi'an &amp; Astana</b> <u>2023</u>` + "\n\n" + `Source: <a href="https://e.org/?a&amp;b">Xinhua</a>`)
	if want := "Xi'an & Astana 2023\n\nSource: Xinhua (https://e.org/?a&b)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestClosestIsNotShownAsTheAnswer(t *testing.T) {
	h := hit("The secretariat opened in Xi'an in 2024.", "en", corpus.Citation{Source: "Xinhua"}, "secretariat")
	ans := index.Answer{Lang: "en", Closest: true, Hits: []index.Hit{h}}
	html := renderMessages(closestBlocks(ans, "en"), MaxMessageLength)[0]
	want := "I couldn't find an answer to that in my sources.\n\nThe closest I have:\n\nThe secretariat opened in Xi'an in 2024.\n\nSource: Xinhua"
	if got := visible(html); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(html, "<b>") {
		t.Errorf("the closest passage is in bold, like an answer: %s", html)
	}
}
