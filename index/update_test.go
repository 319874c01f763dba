package index

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

func article(id, lang, title, body string) corpus.Document {
	return corpus.Document{ID: id, Title: title, Kind: corpus.Article, Lang: lang, Source: "Test Wire",
		URL: "https://example.org/" + id, Published: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Body: body}
}

func TestPutAndRemove(t *testing.T) {
	e := openDefault(t)
	ctx := context.Background()
	before := e.Info()
	d := article("wire-1", "en", "China–Central Asia transport ministers meet",
		"The China–Central Asia transport ministers met in Urumqi on 20 November 2026 and agreed on a new freight corridor named Zarafshan Express.")
	fresh, err := e.Put(ctx, d)
	if err != nil || len(fresh) != 1 {
		t.Fatalf("Put: %v, %d fresh", err, len(fresh))
	}
	ans, _ := e.Ask(ctx, "What is the Zarafshan Express?", AskOptions{})
	if !ans.Answered || ans.Hits[0].Passage.Citation.DocID != "wire-1" {
		t.Fatalf("the new document does not answer: %+v", ans)
	}
	if got := e.Info(); got.Documents != before.Documents+1 || got.Passages != before.Passages+1 {
		t.Errorf("info %+v after adding one document of one passage to %+v", got, before)
	}
	// A new version replaces the old passages.
	d.Body = "The China–Central Asia transport ministers met in Urumqi and named the corridor Kyzylkum Line instead."
	if fresh, err := e.Put(ctx, d); err != nil || len(fresh) != 0 {
		t.Fatalf("replace: %v, %d fresh", err, len(fresh))
	}
	if ans, _ := e.Ask(ctx, "What is the Zarafshan Express?", AskOptions{}); ans.Answered {
		t.Errorf("the old version still answers: %s", ans.Text)
	}
	if ans, _ := e.Ask(ctx, "What is the Kyzylkum Line?", AskOptions{}); !ans.Answered {
		t.Error("the new version does not answer")
	}
	if err := e.Remove(ctx, "wire-1"); err != nil {
		t.Fatal(err)
	}
	if ans, _ := e.Ask(ctx, "What is the Kyzylkum Line?", AskOptions{}); ans.Answered {
		t.Error("a removed document still answers")
	}
	if got := e.Info(); got != before {
		t.Errorf("info %+v, want %+v again", got, before)
	}
}

// TestQuestionsDuringUpdates asks while documents are added and replaced:
// every answer comes from a whole corpus, old or new.
func TestQuestionsDuringUpdates(t *testing.T) {
	e := openDefault(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				ans, err := e.Ask(ctx, "When was the first summit?", AskOptions{})
				if err != nil || !ans.Answered || !strings.Contains(ans.Text+ans.Hits[0].Passage.Text, "2023") {
					t.Errorf("answer during updates: %v %+v", err, ans)
					return
				}
			}
		}()
	}
	for i := range 20 {
		d := article("wire-loop", "en", "Note", strings.Repeat("A note about trade and roads in Central Asia. ", 1+i%5))
		if _, err := e.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

func TestRelevance(t *testing.T) {
	e := openDefault(t)
	tests := []struct {
		name, lang, title, body string
		want                    bool
	}{
		{"SummitNews", "en", "Leaders gather in Astana", "The second China–Central Asia Summit opened in Astana; Xi Jinping and Kassym-Jomart Tokayev signed a treaty.", true},
		{"MinistersFrench", "fr", "Réunion à Almaty", "Les ministres des Affaires étrangères du format Chine–Asie centrale se sont réunis à Almaty.", true},
		{"Russian", "ru", "Саммит в Астане", "Второй саммит «Центральная Азия — Китай» прошёл в Астане; лидеры подписали декларацию.", true},
		{"Chinese", "zh", "中国—中亚峰会", "第二届中国—中亚峰会在阿斯塔纳举行，习近平出席并签署宣言。", true},
		{"Football", "en", "Kazakhstan beat Latvia", "Kazakhstan's football team won 2-0 in Astana on Tuesday.", false},
		{"G20", "en", "G20 summit opens", "The G20 summit opened in Johannesburg with leaders from around the world; Central Asia was not represented.", false},
		{"Weather", "ru", "Погода", "В Алматы ожидается снег.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, why := e.Relevance(article("x", tt.lang, tt.title, tt.body))
			if ok != tt.want || why == "" {
				t.Errorf("Relevance = %v (%s), want %v", ok, why, tt.want)
			}
		})
	}
}

func TestMatches(t *testing.T) {
	e := openDefault(t)
	ru := article("r", "ru", "Грузовики", "В Чэнду отправили 5000-й грузовик по трансграничному маршруту; транспорт и логистика обсуждались на встрече министров.")
	tests := []struct {
		topic string
		want  bool
	}{
		{"transport", true},         // an alias in English of a Russian word
		{"Chengdu", true},           // a place in another script
		{"грузовик", true},          // a word of the document's language
		{"Astana", false},           // not in the document
		{"transport Astana", false}, // every word must match
		{"", false},
	}
	for _, tt := range tests {
		if got := e.Matches(ru, tt.topic); got != tt.want {
			t.Errorf("Matches(%q) = %v, want %v", tt.topic, got, tt.want)
		}
	}
}
