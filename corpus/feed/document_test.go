package feed

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

var now = time.Date(2025, 6, 20, 12, 0, 0, 0, time.UTC)

func validItem() Item {
	return Item{
		Key: "wire-2023-0519-001", Title: "Leaders sign the Xi'an Declaration",
		Link: "https://wire.example.com/news/xian-declaration", Lang: "en", Source: "Central Asia Wire",
		Published: time.Date(2023, 5, 19, 1, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Text:      "The first China–Central Asia Summit closed in Xi'an.\n\nThe leaders signed a declaration.",
	}
}

var feedID = regexp.MustCompile(`^feed-[0-9a-f]{16}$`)

func TestItemDocument(t *testing.T) {
	for _, tt := range []struct {
		name     string
		edit     func(*Item)
		wantLang string
		wantDate string
	}{
		{name: "OK", wantLang: "en", wantDate: "2023-05-19"}, // the publisher's date, not UTC's 18th
		{name: "NoDateIsNow", edit: func(it *Item) { it.Published = time.Time{} }, wantLang: "en", wantDate: "2025-06-20"},
		{name: "UnknownLangDetectedFrench", edit: func(it *Item) {
			it.Lang, it.Title = "", "Le sommet de Xi'an"
			it.Text = "Les chefs d'État ont signé la déclaration de Xi'an lors du premier sommet Chine–Asie centrale."
		}, wantLang: "fr", wantDate: "2023-05-19"},
		{name: "UnknownLangDetectedRussian", edit: func(it *Item) {
			it.Lang, it.Title, it.Text = "", "Саммит в Астане", "Главы государств подписали Астанинскую декларацию."
		}, wantLang: "ru", wantDate: "2023-05-19"},
		{name: "UnknownLangDetectedChinese", edit: func(it *Item) {
			it.Lang, it.Title, it.Text = "", "首届中国—中亚峰会", "六国元首签署了《西安宣言》。"
		}, wantLang: "zh", wantDate: "2023-05-19"},
		{name: "NoLettersFallsBackToEnglish", edit: func(it *Item) {
			it.Lang, it.Title, it.Text = "", "2023", "19.05.2023 — 2025"
		}, wantLang: "en", wantDate: "2023-05-19"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			it := validItem()
			if tt.edit != nil {
				tt.edit(&it)
			}
			d, err := it.Document(now)
			if err != nil {
				t.Fatal(err)
			}
			if !feedID.MatchString(d.ID) || len(d.ID) > corpus.MaxIDLength {
				t.Errorf("ID = %q, want feed- and 16 hex digits", d.ID)
			}
			for _, c := range []struct{ field, got, want string }{
				{"Kind", string(d.Kind), string(corpus.Article)}, {"Lang", d.Lang, tt.wantLang},
				{"Published", d.Published.Format(corpus.DateLayout), tt.wantDate},
				{"Title", d.Title, it.Title}, {"URL", d.URL, it.Link}, {"Source", d.Source, it.Source},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			// What Document returns reads back the same from its file.
			data, err := corpus.Format(d)
			if err != nil {
				t.Fatal(err)
			}
			back, err := corpus.ParseDocument("item.md", data)
			if err != nil {
				t.Fatalf("formatted document does not read back: %v", err)
			}
			if back.ID != d.ID || back.Body != d.Body {
				t.Errorf("read back %q %q, want %q %q", back.ID, back.Body, d.ID, d.Body)
			}
			if len(corpus.Split(d)) == 0 {
				t.Error("document has no passages")
			}
		})
	}
}

func TestDocumentIDs(t *testing.T) {
	id := func(key string) string {
		t.Helper()
		it := validItem()
		it.Key = key
		d, err := it.Document(now)
		if err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	a := id("wire-2023-0519-001")
	if again := id("wire-2023-0519-001"); again != a {
		t.Errorf("same key gave %q then %q", a, again)
	}
	// Pinned: ids are stored with documents and must not change between versions.
	if want := "feed-e60821d5f1e7983e"; a != want {
		t.Errorf("id = %q, want %q", a, want)
	}
	seen := map[string]string{}
	for _, key := range []string{"wire-2023-0519-001", "wire-2023-0519-002", "https://x.example/a", "https://x.example/a/", "", "Ключ", "键"} {
		got := id(key)
		if prev, dup := seen[got]; dup {
			t.Errorf("keys %q and %q both gave %q", prev, key, got)
		}
		seen[got] = key
	}
	p := Page{Title: "T", Text: "Some text.", Lang: "en", Source: "S", URL: "https://wire.example.com/news/xian-declaration"}
	d, err := p.Document(now)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^page-[0-9a-f]{16}$`).MatchString(d.ID) {
		t.Errorf("page id = %q, want page- and 16 hex digits", d.ID)
	}
}

func TestItemDocumentInvalid(t *testing.T) {
	for _, tt := range []struct {
		name      string
		edit      func(*Item)
		wantField string
	}{
		{"ErrTitleMissing", func(it *Item) { it.Title = "" }, "title"},
		{"ErrURLMissing", func(it *Item) { it.Link = "" }, "url"},
		{"ErrBodyEmpty", func(it *Item) { it.Text = "" }, ""},
		{"ErrLangUnknown", func(it *Item) { it.Lang = "de" }, "lang"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			it := validItem()
			tt.edit(&it)
			_, err := it.Document(now)
			var fe *corpus.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *corpus.FieldError", err)
			}
			if fe.Field != tt.wantField {
				t.Errorf("field %q, want %q (%v)", fe.Field, tt.wantField, err)
			}
		})
	}
}

func TestPageDocument(t *testing.T) {
	p := Page{
		Title: "Le deuxième sommet Chine–Asie centrale à Astana", Source: "Le Journal d'Asie",
		URL:  "https://journal.example.fr/2025/06/sommet",
		Text: "Le deuxième sommet s'est tenu à Astana les 16 et 17 juin 2025.\n\nLes dirigeants ont signé la Déclaration d'Astana.",
	}
	d, err := p.Document(now)
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "fr" || d.Published.Format(corpus.DateLayout) != "2025-06-20" || d.URL != p.URL || d.Kind != corpus.Article {
		t.Errorf("got lang %q, date %s, url %q, kind %q", d.Lang, d.Published.Format(corpus.DateLayout), d.URL, d.Kind)
	}
	again, _ := p.Document(now.Add(time.Hour))
	if again.ID != d.ID {
		t.Errorf("same URL gave %q then %q", d.ID, again.ID)
	}
}
