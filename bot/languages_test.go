package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/telegramtest"
)

// Users of the region, by their Telegram language_code.
var (
	asel    = telegramtest.User{ID: 601, FirstName: "Asel", LanguageCode: "kk"}
	dilnoza = telegramtest.User{ID: 602, FirstName: "Dilnoza", LanguageCode: "uz"}
	aibek   = telegramtest.User{ID: 603, FirstName: "Aibek", LanguageCode: "ky"}
	firuz   = telegramtest.User{ID: 604, FirstName: "Firuz", LanguageCode: "tg"}
	merdan  = telegramtest.User{ID: 605, FirstName: "Merdan", LanguageCode: "tk"}
)

// TestCommandsInTheRegionsLanguages: /start and /help speak Kazakh to a
// kk user and Uzbek to a uz user; Kyrgyz, Tajik and Turkmen users get
// Russian. So does a Kyrgyz question, read through Kazakh, whoever asks
// it; one that may be Kyrgyz or Kazakh typed without its letters gets a
// Kazakh user's language, else Russian.
func TestCommandsInTheRegionsLanguages(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	name := h.srv.Bot.Username
	tests := []struct {
		name    string
		user    telegramtest.User
		command string   // or a question
		want    []string // in the reply
		buttons []string // the first button's text and data, for /start
	}{
		{"KazakhStart", asel, "/start", []string{"Сәлеметсіз бе, Asel!", "«Орталық Азия – Қытай» саммиттері", "Мысалы, мыналарды сұрап көріңіз:", "@" + name + " деп теріп"},
			[]string{"Бірінші саммит қашан өтті?", "x:kk:0"}},
		{"KazakhHelp", asel, "/help", []string{"Саммиттер (Сиань 2023, Астана 2025", "/ask <сұрақ> — сұрақ қою", "/sources — жауаптарым алынған құжаттар"}, nil},
		{"UzbekStart", dilnoza, "/start", []string{"Assalomu alaykum, Dilnoza!", "«Markaziy Osiyo – Xitoy» sammitlari", "Masalan, shularni soʻrab koʻring:", "@" + name + " deb yozib"},
			[]string{"Birinchi sammit qachon boʻlib oʻtdi?", "x:uz:0"}},
		{"UzbekHelp", dilnoza, "/help", []string{"Sammitlar (Sian 2023, Astana 2025", "/ask <savol> — savol berish", "/sources — javoblarim olingan hujjatlar"}, nil},
		{"KyrgyzStart", aibek, "/start", []string{"Здравствуйте, Aibek!", "Попробуйте, например:"}, []string{"Когда прошёл первый саммит?", "x:ru:0"}},
		{"KyrgyzHelp", aibek, "/help", []string{"Спрашивайте о саммитах", "/ask <вопрос> — задать вопрос"}, nil},
		{"TajikStart", firuz, "/start", []string{"Здравствуйте, Firuz!"}, []string{"Когда прошёл первый саммит?", "x:ru:0"}},
		{"TurkmenHelp", merdan, "/help", []string{"Спрашивайте о саммитах"}, nil},
		{"KyrgyzQuestion", alice, "Биринчи саммит качан өттү?", []string{"Я не нашёл ответа"}, nil},
		{"KyrgyzWithoutItsLetters", alice, "Кийинки саммит кайсы жылы болот?", []string{"Я не нашёл ответа"}, nil},
		{"KazakhWithoutItsLetters", asel, "Екинши саммит кай жерде отти?", []string{"Дереккөз: "}, nil},
	}
	for i, tt := range tests {
		h.srv.Push(telegramtest.PrivateMessage(tt.user.ID, tt.user, tt.command))
		m := h.srv.WaitCalls(t, "sendMessage", i+1, 5*time.Second)[i]
		t.Run(tt.name, func(t *testing.T) {
			if m.Int("chat_id") != tt.user.ID {
				t.Fatalf("sent to %d, want %d", m.Int("chat_id"), tt.user.ID)
			}
			s := show(t, m.Params["text"], m.Params["parse_mode"])
			checkReply(t, s)
			for _, want := range tt.want {
				if !strings.Contains(s.text, want) {
					t.Errorf("reply lacks %q:\n%s", want, s.text)
				}
			}
			for _, english := range []string{"Hello", "Ask me", "Try one of these"} {
				if strings.Contains(s.text, english) {
					t.Errorf("reply has English %q:\n%s", english, s.text)
				}
			}
			if tt.buttons == nil {
				return
			}
			texts, data := markupTexts(t, m), markup(t, m)
			if len(texts) != 3 || texts[0][0] != tt.buttons[0] || data[0][0] != tt.buttons[1] {
				t.Errorf("example buttons %v %v, want the first %q (%s)", texts, data, tt.buttons[0], tt.buttons[1])
			}
		})
	}
}

// TestAnswersInTheRegionsLanguages: a question in Kazakh or Uzbek gets
// the bot's words (citation label, date, "fact sheet compiled by
// SummitBot", the More button) in its language, whatever the user's
// Telegram language; "More ›" pages on in it.
func TestAnswersInTheRegionsLanguages(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	tests := []struct {
		name     string
		user     telegramtest.User
		question string
		want     []string // in the answer, besides the citation label
		label    string   // the citation line starts with it, on every page
		more     string   // the More button
		back     string   // the Back button on the next page
	}{
		{"KazakhFromEnglishUser", alice, "Бірінші саммит қашан өтті?", []string{"2023", "жылғы", "SummitBot құрастырған анықтама"}, "Дереккөз: ", "Тағы ›", "‹ Артқа"},
		{"KazakhFromKazakhUser", asel, "Екінші саммит қайда өтті?", []string{"Астана"}, "Дереккөз: ", "Тағы ›", "‹ Артқа"},
		{"UzbekFromEnglishUser", alice, "Ikkinchi sammit qayerda boʻlib oʻtdi?", []string{"Astana", "-yil", "SummitBot tuzgan maʼlumotnoma"}, "Manba: ", "Yana ›", "‹ Orqaga"},
		{"UzbekFromRussianUser", olga, "Birinchi sammit qachon boʻlib oʻtdi?", []string{"2023"}, "Manba: ", "Yana ›", "‹ Orqaga"},
		// No letter of its own, but every word Uzbek: as the engine reads it.
		{"UzbekWithoutItsLettersFromEnglishUser", alice, "Sian sammitiga kim raislik qildi?", []string{"Si Szinpin"}, "Manba: ", "Yana ›", "‹ Orqaga"},
		{"KazakhFromKyrgyzUser", aibek, "Бірінші саммит қашан өтті?", []string{"2023"}, "Дереккөз: ", "Тағы ›", "‹ Артқа"},
	}
	sends, edits := 0, 0
	for _, tt := range tests {
		h.srv.Push(telegramtest.PrivateMessage(tt.user.ID, tt.user, tt.question))
		sends++
		m := h.srv.WaitCalls(t, "sendMessage", sends, 5*time.Second)[sends-1]
		kb, texts := markup(t, m), markupTexts(t, m)
		var edit telegramtest.Call
		if len(kb) == 1 && len(kb[0]) == 3 {
			h.srv.Push(telegramtest.CallbackQuery("more"+tt.name, tt.user, tt.user.ID, 1, kb[0][2]))
			edits++
			edit = h.srv.WaitCalls(t, "editMessageText", edits, 5*time.Second)[edits-1]
		}
		t.Run(tt.name, func(t *testing.T) {
			s := show(t, m.Params["text"], m.Params["parse_mode"])
			checkReply(t, s)
			for _, want := range append(tt.want, "\n"+tt.label) {
				if !strings.Contains(s.text, want) {
					t.Errorf("answer lacks %q:\n%s", want, s.text)
				}
			}
			for _, english := range []string{"Source:", "fact sheet compiled", " May ", " June "} {
				if strings.Contains(s.text, english) {
					t.Errorf("answer has English %q:\n%s", english, s.text)
				}
			}
			if len(texts) != 1 || len(texts[0]) != 3 || texts[0][2] != tt.more {
				t.Fatalf("buttons %v, want 👍 👎 %s", texts, tt.more)
			}
			page := show(t, edit.Params["text"], edit.Params["parse_mode"])
			if !strings.Contains(page.text, "\n"+tt.label) || !strings.Contains(page.text, "2/") {
				t.Errorf("page 2 lacks %q or its number:\n%s", tt.label, page.text)
			}
			if back := markupTexts(t, edit); len(back) != 1 || !slices.Contains(back[0], tt.back) {
				t.Errorf("page 2 buttons %v, want %s", back, tt.back)
			}
		})
	}
}

// TestCommandMenuInTheRegionsLanguages: the menu is set for kk and uz with
// the same Latin command names and translated descriptions, and for ky,
// tg and tk in Russian.
func TestCommandMenuInTheRegionsLanguages(t *testing.T) {
	t.Parallel()
	srv := telegramtest.NewServer(t, "")
	client, err := bot.NewClient(bot.ClientConfig{APIURL: srv.URL, Token: srv.Token, Timeout: time.Second, Limits: fast})
	if err != nil {
		t.Fatal(err)
	}
	if err := bot.RegisterCommands(context.Background(), client); err != nil {
		t.Fatal(err)
	}
	type command struct{ Command, Description string }
	menus := map[string][]command{} // by language_code
	for _, c := range srv.Calls("setMyCommands") {
		if c.Fault != nil {
			t.Fatalf("setMyCommands: %v", c)
		}
		code := c.Params["language_code"] // none for the default menu
		if _, dup := menus[code]; dup {
			t.Errorf("menu for %q set twice", code)
		}
		var cmds []command
		if err := c.JSON("commands", &cmds); err != nil {
			t.Fatal(err)
		}
		menus[code] = cmds
	}
	names := func(cmds []command) []string {
		var out []string
		for _, c := range cmds {
			out = append(out, c.Command)
		}
		return out
	}
	english := menus[""]
	if len(english) == 0 || english[0].Description != "Start and see example questions" {
		t.Fatalf("default (English) menu: %v", english)
	}
	tests := []struct {
		code  string
		start string // the description of /start
		help  string
	}{
		{"kk", "Бастау: мысал сұрақтар", "Көмек: қалай сұрау керек"},
		{"uz", "Boshlash: savol namunalari", "Yordam: qanday soʻrash kerak"},
		{"ru", "Начать и посмотреть примеры", "Как задавать вопросы"},
		{"ky", "Начать и посмотреть примеры", "Как задавать вопросы"},
		{"tg", "Начать и посмотреть примеры", "Как задавать вопросы"},
		{"tk", "Начать и посмотреть примеры", "Как задавать вопросы"},
		{"fr", "Démarrer et voir des exemples", "Comment poser une question"},
		{"zh", "开始并查看示例问题", "如何提问"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			menu, ok := menus[tt.code]
			if !ok {
				t.Fatalf("no menu for language_code %s; menus for %v", tt.code, keys(menus))
			}
			if !slices.Equal(names(menu), names(english)) {
				t.Errorf("commands %v, want the English names %v", names(menu), names(english))
			}
			got := map[string]string{}
			for _, c := range menu {
				got[c.Command] = c.Description
			}
			if got["start"] != tt.start || got["help"] != tt.help {
				t.Errorf("start %q, help %q; want %q, %q", got["start"], got["help"], tt.start, tt.help)
			}
			for i, c := range menu {
				if c.Description == english[i].Description {
					t.Errorf("/%s is described in English: %q", c.Command, c.Description)
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
