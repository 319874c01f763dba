package bot

import (
	"reflect"
	"regexp"
	"slices"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

func TestParseCommand(t *testing.T) {
	cmd := func(n int) []tgbotapi.MessageEntity {
		return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: n}}
	}
	tests := []struct {
		name     string
		text     string
		entities []tgbotapi.MessageEntity
		want     command
		ok       bool
	}{
		{"Plain", "/ask When?", cmd(4), command{name: "ask", args: "When?"}, true},
		{"AddressedToBot", "/ask@Summit_Bot Où ?", cmd(15), command{name: "ask", at: "summit_bot", args: "Où ?"}, true},
		{"NoArgs", "/start", cmd(6), command{name: "start"}, true},
		{"NotAtStart", "hi /ask", []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 3, Length: 4}}, command{}, false},
		{"NoEntity", "/ask x", nil, command{}, false},
		{"LengthPastText", "/a", cmd(100), command{}, false},
		{"NegativeLength", "/ask", cmd(-3), command{}, false},
		{"CyrillicArgs", "/ask Когда саммит?", cmd(4), command{name: "ask", args: "Когда саммит?"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseCommand(tt.text, tt.entities)
			if ok != tt.ok || got != tt.want {
				t.Errorf("parseCommand(%q) = %+v, %v; want %+v, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestMentions(t *testing.T) {
	// "Привет 🙂 " is 9 UTF-16 units: 6 letters, a space, a surrogate pair, a space... offsets count them.
	text := "Привет 🙂 @summit_bot когда саммит?"
	ents := []tgbotapi.MessageEntity{{Type: "mention", Offset: 10, Length: 11}}
	got, ok := mentions(text, ents, "Summit_Bot")
	if !ok || got != "Привет 🙂 когда саммит?" {
		t.Errorf("mentions = %q, %v", got, ok)
	}
	if _, ok := mentions(text, ents, "other_bot"); ok {
		t.Error("a mention of another bot counted")
	}
	if _, ok := mentions(text, []tgbotapi.MessageEntity{{Type: "mention", Offset: 30, Length: 40}}, "summit_bot"); ok {
		t.Error("an entity past the text counted")
	}
}

func TestDecodeUpdate(t *testing.T) {
	u, err := decodeUpdate([]byte(`{"update_id": 5, "message": {"message_id": 1, "chat": {"id": 2, "type": "private"}, "text": "hi"}}`))
	if err != nil || u.UpdateID != 5 || u.Message.Text != "hi" || chatKey(u) != 2 || updateKind(u) != "message" {
		t.Errorf("got %+v, %v", u, err)
	}
	u, err = decodeUpdate([]byte(`{"update_id": 6, "message": {"chat": "not an object"}}`))
	if err == nil || u.UpdateID != 6 {
		t.Errorf("malformed update: id %d, err %v; want id 6 and an error", u.UpdateID, err)
	}
	u, err = decodeUpdate([]byte(`{"update_id": 7, "business_message": {"x": 1}}`))
	if err != nil || updateKind(u) != "other" {
		t.Errorf("unknown update type: %s, %v", updateKind(u), err)
	}
}

func TestParseCallback(t *testing.T) {
	for _, tt := range []struct {
		data           string
		kind, key, arg string
		ok             bool
	}{
		{"v:1a:u", "v", "1a", "u", true},
		{"m:zz:3", "m", "zz", "3", true},
		{"garbage", "", "", "", false},
		{"v::u", "", "", "", false},
		{"a:b:c:d", "", "", "", false},
	} {
		kind, key, arg, ok := parseCallback(tt.data)
		if kind != tt.kind || key != tt.key || arg != tt.arg || ok != tt.ok {
			t.Errorf("parseCallback(%q) = %q %q %q %v", tt.data, kind, key, arg, ok)
		}
	}
}

func TestUILanguage(t *testing.T) {
	for _, tt := range []struct{ q, code, want string }{
		{"fr", "en", "fr"}, {"", "ru-RU", "ru"}, {"", "zh-hans", "zh"}, {"", "de", "en"}, {"", "", "en"}, {"xx", "fr", "fr"},
		// Kazakh and Uzbek, by the question or by the user's language_code.
		{"kk", "en", "kk"}, {"uz", "ru", "uz"}, {"", "kk", "kk"}, {"", "uz", "uz"}, {"", "uz-Latn", "uz"}, {"", "KK", "kk"},
		// The region's other languages read Russian.
		{"", "ky", "ru"}, {"", "tg", "ru"}, {"", "tk", "ru"}, {"", "ky-KG", "ru"}, {"ky", "en", "ru"}, {"kk", "ky", "kk"},
		// A question that may be Kyrgyz or Kazakh typed without its
		// letters: a Kazakh or Uzbek user's language, else Russian.
		{index.Unlettered, "", "ru"}, {index.Unlettered, "kk", "kk"}, {index.Unlettered, "uz-Latn", "uz"}, {index.Unlettered, "ky", "ru"},
		{index.Unlettered, "en", "ru"},
	} {
		if got := uiLanguage(tt.q, tt.code); got != tt.want {
			t.Errorf("uiLanguage(%q, %q) = %q, want %q", tt.q, tt.code, got, tt.want)
		}
	}
}

func TestInlineIDLength(t *testing.T) {
	long := ""
	for range 40 {
		long += "ab"
	}
	for _, id := range []string{inlineID("summit-1-en#3", 7), inlineID(long+"#12", 12)} {
		if len(id) > 64 || id == "" {
			t.Errorf("inline id %q has %d bytes", id, len(id))
		}
	}
	if inlineID(long+"#1", 1) == inlineID(long+"#2", 1) {
		t.Error("different passages share an id")
	}
}

// TestCatalogComplete checks every text of every language: none is
// missing, each has the placeholders of the English one in the same
// order, every language of the corpus has a name, every command a
// description Telegram accepts, and Uzbek writes oʻ and gʻ with ʻ.
func TestCatalogComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[sd]`)
	en := reflect.ValueOf(*catalog["en"])
	for _, lang := range botLanguages {
		if catalog[lang] == nil {
			t.Errorf("%s: not in the catalog", lang)
		}
	}
	for lang, w := range catalog {
		if !slices.Contains(botLanguages, lang) {
			t.Errorf("%s: in the catalog, not in botLanguages", lang)
		}
		v := reflect.ValueOf(*w)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			var got, want []string
			switch f := v.Field(i); f.Kind() {
			case reflect.String:
				got, want = []string{f.String()}, []string{en.Field(i).String()}
			case reflect.Array:
				for j := range f.Len() {
					got, want = append(got, f.Index(j).String()), append(want, en.Field(i).Index(j).String())
				}
			default:
				continue
			}
			for j, s := range got {
				if s == "" && want[j] != "" {
					t.Errorf("%s: %s is missing", lang, name)
				}
				if g, w := verbs.FindAllString(s, -1), verbs.FindAllString(want[j], -1); !slices.Equal(g, w) {
					t.Errorf("%s: %s has placeholders %v, English %v", lang, name, g, w)
				}
				if lang == "uz" && uzbekApostrophe.MatchString(s) {
					t.Errorf("uz: %s writes oʻ or gʻ without ʻ (U+02BB): %q", name, s)
				}
			}
		}
		for _, name := range commandOrder {
			if d := w.Commands[name]; d == "" || len([]rune(d)) > 256 {
				t.Errorf("%s: command %s description %q", lang, name, d)
			}
			if lang == "uz" && uzbekApostrophe.MatchString(w.Commands[name]) {
				t.Errorf("uz: command %s writes oʻ or gʻ without ʻ (U+02BB): %q", name, w.Commands[name])
			}
		}
		if len(w.Commands) != len(commandOrder) {
			t.Errorf("%s: %d command descriptions, %d commands", lang, len(w.Commands), len(commandOrder))
		}
		for _, l := range corpus.Languages {
			if w.Languages[l] == "" {
				t.Errorf("%s: no name for language %s", lang, l)
			}
		}
		for i, ex := range w.Examples {
			if data := "x:" + lang + ":" + string(rune('0'+i)); len(data) > 64 || ex == "" {
				t.Errorf("%s: example %d", lang, i)
			}
		}
		if _, ok := months[lang]; !ok && lang != "zh" { // Chinese writes months as numbers
			t.Errorf("%s: no month names", lang)
		}
	}
}

// uzbekApostrophe is oʻ or gʻ typed with another sign than ʻ.
var uzbekApostrophe = regexp.MustCompile("[oOgG]['‘’`ʼ]")
