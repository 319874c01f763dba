package bot_test

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/summitbot/summitbot/bot/telegramtest"
	"github.com/summitbot/summitbot/index"
)

var (
	lin = telegramtest.User{ID: 444, FirstName: "Lin", LanguageCode: "zh-hans"}
	// A user whose Telegram language the bot does not speak.
	hans = telegramtest.User{ID: 555, FirstName: "Hans", LanguageCode: "de"}
)

// shown is a message as Telegram shows it: its text and entities.
type shown struct {
	text string
	ents []telegramtest.Entity
}

func show(t *testing.T, html, parseMode string) shown {
	t.Helper()
	if parseMode == "" {
		return shown{text: html}
	}
	text, ents, err := telegramtest.ParseHTML(html)
	if err != nil {
		t.Fatalf("Telegram would refuse %q: %v", html, err)
	}
	return shown{text, ents}
}

// entityText is the text an entity covers.
func (s shown) entityText(e telegramtest.Entity) string {
	u := utf16.Encode([]rune(s.text))
	return string(utf16.Decode(u[e.Offset : e.Offset+e.Length]))
}

var sentenceEnd = regexp.MustCompile(`[.!?](\s|$)|[。！？]`)

// checkReply checks what every reply must be: no sentence twice, no stop
// word marked, no citation naming SummitBot as the publisher, no more
// than a phone screen.
func checkReply(t *testing.T, s shown) {
	t.Helper()
	seen := map[string]bool{}
	for _, sent := range sentenceEnd.Split(s.text, -1) {
		sent = strings.Trim(strings.TrimSpace(sent), "… ")
		if len([]rune(sent)) < 12 {
			continue
		}
		if seen[sent] {
			t.Errorf("sentence shown twice: %q in\n%s", sent, s.text)
		}
		seen[sent] = true
	}
	for _, e := range s.ents {
		if e.Type == "underline" && index.IsStopword(s.entityText(e)) {
			t.Errorf("stop word %q marked in\n%s", s.entityText(e), s.text)
		}
	}
	for _, line := range strings.Split(s.text, "\n") {
		for _, label := range []string{"Source:", "Source :", "Источник:", "来源："} {
			if pub, ok := strings.CutPrefix(line, label); ok {
				pub, _, _ = strings.Cut(pub, "·")
				if strings.Contains(pub, "SummitBot") {
					t.Errorf("citation names SummitBot as the publisher: %q", line)
				}
			}
		}
	}
	if n := len(utf16.Encode([]rune(s.text))); n > 1000 {
		t.Errorf("reply of %d characters, more than a phone screen:\n%s", n, s.text)
	}
}

func TestReplyLayout(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	tests := []struct {
		name      string
		update    telegramtest.Update
		chat      int64
		wantFirst string // the first paragraph, the answer, holds it
		wantLabel string // the citation line starts with it: the bot's language
	}{
		{"EnglishPrivate", telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"), alice.ID, "2023", "Source: "},
		{"FrenchPrivateStopWords", telegramtest.PrivateMessage(bruno.ID, bruno, "Quand a eu lieu le premier sommet ?"), bruno.ID, "2023", "Source : "},
		{"FrenchChair", telegramtest.PrivateMessage(bruno.ID, bruno, "Qui a présidé la cinquième réunion des ministres ?"), bruno.ID, "Wang Yi", "Source : "},
		{"RussianGroup", telegramtest.GroupMessage(group, "supergroup", olga, "/ask Кто председательствовал на пятой встрече министров?"), group, "Ван И", "Источник: "},
		{"ChinesePrivate", telegramtest.PrivateMessage(lin.ID, lin, "谁主持了第五次外长会晤？"), lin.ID, "王毅", "来源："},
		{"QuestionLanguageOverUsers", telegramtest.PrivateMessage(olga.ID, olga, "When was the first summit?"), olga.ID, "2023", "Source: "},
	}
	for i, tt := range tests {
		h.srv.Push(tt.update)
		m := h.srv.WaitCalls(t, "sendMessage", i+1, 5*time.Second)[i]
		t.Run(tt.name, func(t *testing.T) {
			if m.Int("chat_id") != tt.chat {
				t.Fatalf("sent to %d, want %d", m.Int("chat_id"), tt.chat)
			}
			s := show(t, m.Params["text"], m.Params["parse_mode"])
			checkReply(t, s)
			first, _, _ := strings.Cut(s.text, "\n")
			if !strings.Contains(first, tt.wantFirst) {
				t.Errorf("first line %q lacks %q", first, tt.wantFirst)
			}
			if len(s.ents) == 0 || s.ents[0].Type != "bold" || s.ents[0].Offset > 2 {
				t.Errorf("the reply does not open with the answer in bold: %v\n%s", s.ents, s.text)
			}
			if !strings.Contains(s.text, "\n"+tt.wantLabel) {
				t.Errorf("no citation line starting %q:\n%s", tt.wantLabel, s.text)
			}
		})
	}
}

// inlineResult is what answerInlineQuery sent: its flags and, per result,
// the message it would post.
type inlineResult struct {
	personal bool
	switchPM string
	messages []string
}

func inlineAnswer(t *testing.T, c telegramtest.Call) inlineResult {
	t.Helper()
	var results []struct {
		Title   string `json:"title"`
		Content struct {
			Text      string `json:"message_text"`
			ParseMode string `json:"parse_mode"`
		} `json:"input_message_content"`
	}
	if err := json.Unmarshal([]byte(c.Params["results"]), &results); err != nil {
		t.Fatal(err)
	}
	r := inlineResult{personal: c.Bool("is_personal"), switchPM: c.Params["switch_pm_text"]}
	for _, res := range results {
		checkReply(t, show(t, res.Content.Text, res.Content.ParseMode))
		r.messages = append(r.messages, res.Title+"\n"+res.Content.Text)
	}
	return r
}

func TestInlineResultsThatDifferByUserArePersonal(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	tests := []struct {
		name     string
		query    string
		users    []telegramtest.User
		want     []string // in each user's results (or switch-to-private text), in order
		personal bool     // must be personal even if the results happen to agree
	}{
		{"FeaturedInUsersLanguage", "", []telegramtest.User{alice, bruno, olga, lin, asel, dilnoza}, []string{"Source: ", "Source : ", "Источник: ", "来源：", "Дереккөз: ", "Manba: "}, true},
		{"QuestionInEnglish", "When was the first summit?", []telegramtest.User{alice, olga}, []string{"2023", "2023"}, false},
		{"QuestionInRussian", "Когда прошёл первый саммит?", []telegramtest.User{bruno, olga}, []string{"Источник: ", "Источник: "}, false},
		{"LanguageUnknown", "2027", []telegramtest.User{bruno, olga}, []string{"Source : ", "Источник: "}, true},
		{"NoAnswer", "bitcoin price today", []telegramtest.User{alice, bruno, olga, hans, asel, dilnoza, aibek}, []string{"No answer", "Pas de réponse", "Ответ не найден", "No answer", "Жауап табылмады", "Javob topilmadi", "Ответ не найден"}, true},
		{"QuestionInKazakh", "Бірінші саммит қашан өтті?", []telegramtest.User{alice, dilnoza}, []string{"Дереккөз: ", "Дереккөз: "}, false},
		{"QuestionInUzbek", "Ikkinchi sammit qayerda boʻlib oʻtdi?", []telegramtest.User{asel, olga}, []string{"Manba: ", "Manba: "}, false},
	}
	n := 0
	for _, tt := range tests {
		var got []inlineResult
		for _, u := range tt.users {
			n++
			h.srv.Push(telegramtest.InlineQuery("iq"+u.FirstName+tt.name, u, tt.query, ""))
			got = append(got, inlineAnswer(t, h.srv.WaitCalls(t, "answerInlineQuery", n, 5*time.Second)[n-1]))
		}
		t.Run(tt.name, func(t *testing.T) {
			for i, r := range got {
				if tt.personal && !r.personal {
					t.Errorf("%s's results are not personal", tt.users[i].FirstName)
				}
				if i < len(tt.want) && !strings.Contains(r.switchPM+strings.Join(r.messages, "\n"), tt.want[i]) {
					t.Errorf("%s's results lack %q: %q %q", tt.users[i].FirstName, tt.want[i], r.switchPM, r.messages)
				}
				for j := range i {
					same := reflect.DeepEqual(r.messages, got[j].messages) && r.switchPM == got[j].switchPM
					if !same && (!r.personal || !got[j].personal) {
						t.Errorf("%s and %s get different results, not both personal", tt.users[j].FirstName, tt.users[i].FirstName)
					}
				}
			}
		})
	}
}

func TestRejectedHTMLIsResentAsText(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	h.srv.Fail("sendMessage", telegramtest.Fault{Status: 400,
		Description: `Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 0`})
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	sent := h.srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	if sent[0].Fault == nil {
		t.Fatalf("the first send was not refused: %v", sent[0])
	}
	again := sent[1]
	if again.Params["parse_mode"] != "" || strings.Contains(again.Params["text"], "<") {
		t.Errorf("resent with parse mode %q: %s", again.Params["parse_mode"], again.Params["text"])
	}
	if !strings.Contains(again.Params["text"], "2023") || !strings.Contains(again.Params["text"], "Source: ") || again.Params["reply_markup"] == "" {
		t.Errorf("the plain text lost the answer, the source or the buttons: %v", again)
	}
	checkReply(t, show(t, again.Params["text"], ""))
}

// outcomes records the outcome of each update, in order.
type outcomes chan string

func (o outcomes) UpdateHandled(kind, outcome string, _ time.Duration) { o <- kind + " " + outcome }
func (o outcomes) Asked(bool, time.Duration)                           {}
func (o outcomes) APICall(string, string)                              {}

func TestReplyThatFailsIsCountedAsFailed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault telegramtest.Fault
		sends int
	}{
		{"Refused", telegramtest.Fault{Status: 400, Description: "Bad Request: message thread not found", Times: -1}, 1},
		{"RefusedAsHTMLAndAsText", telegramtest.Fault{Status: 400, Description: "Bad Request: can't parse entities: bad", Times: -1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obs := make(outcomes, 10)
			h := start(t, options{obs: obs})
			h.srv.Fail("sendMessage", tt.fault)
			h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
			select {
			case got := <-obs:
				if got != "message send_failed" {
					t.Errorf("outcome %q, want message send_failed", got)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("no update handled in 10s")
			}
			if n := len(h.srv.Calls("sendMessage")); n != tt.sends {
				t.Errorf("%d sends, want %d", n, tt.sends)
			}
		})
	}
}

func TestSubscribeChannelTellsWhenTelegramCannotBeAsked(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	h.srv.Fail("getChat", telegramtest.Fault{Status: 500, Description: "Internal Server Error", Times: -1})
	h.srv.Push(telegramtest.PrivateMessage(bruno.ID, bruno, "/subscribe @steppenews"))
	m := h.srv.WaitCalls(t, "sendMessage", 1, 15*time.Second)[0]
	if !strings.Contains(m.Params["text"], "Je n'ai pas pu vérifier @steppenews") {
		t.Errorf("reply: %s", m.Params["text"])
	}
}

// TestReadmeReplies makes one reply per kind of chat, as the README shows
// them: `go test -run TestReadmeReplies -v ./bot` prints each as Telegram
// shows it, its buttons in brackets.
func TestReadmeReplies(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	const channel = int64(-1007000000042)
	name := h.srv.Bot.Username
	steps := []struct {
		kind   string
		update telegramtest.Update
		method string
	}{
		{"Private chat (Telegram language fr)", telegramtest.PrivateMessage(bruno.ID, bruno, "Qui a présidé la cinquième réunion des ministres ?"), "sendMessage"},
		{"Group", telegramtest.GroupMessage(group, "supergroup", olga, "/ask@"+name+" Когда прошёл первый саммит?"), "sendMessage"},
		{"Inline (@" + name + " in any chat)", telegramtest.InlineQuery("readme", alice, "Where will the next summit take place?", ""), "answerInlineQuery"},
		{"Channel post", telegramtest.ChannelPost(channel, "steppenews", "/subscribe"), "sendMessage"},
	}
	for _, st := range steps {
		n := len(h.srv.Calls(st.method))
		h.srv.Push(st.update)
		c := h.srv.WaitCalls(t, st.method, n+1, 5*time.Second)[n]
		var s shown
		var head string
		if st.method == "answerInlineQuery" {
			var results []struct {
				Title       string `json:"title"`
				Description string `json:"description"`
				Content     struct {
					Text      string `json:"message_text"`
					ParseMode string `json:"parse_mode"`
				} `json:"input_message_content"`
			}
			if err := json.Unmarshal([]byte(c.Params["results"]), &results); err != nil || len(results) == 0 {
				t.Fatalf("inline results %q: %v", c.Params["results"], err)
			}
			r := results[0]
			head = "result: " + r.Title + "\n        " + r.Description + "\nposts:\n"
			s = show(t, r.Content.Text, r.Content.ParseMode)
		} else {
			s = show(t, c.Params["text"], c.Params["parse_mode"])
		}
		checkReply(t, s)
		var buttons []string
		for _, row := range markupTexts(t, c) {
			buttons = append(buttons, "["+strings.Join(row, "] [")+"]")
		}
		t.Logf("%s:\n%s%s\n%s\n", st.kind, head, s.text, strings.Join(buttons, "\n"))
	}
}

// markupTexts reads a sent message's inline keyboard as rows of button
// texts.
func markupTexts(t *testing.T, c telegramtest.Call) [][]string {
	t.Helper()
	return keyboard(t, c, func(b keyboardButton) string { return b.Text })
}

func TestMoreSendsANewMessageWhenTheOldOneCannotBeEdited(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	h.srv.Push(telegramtest.PrivateMessage(olga.ID, olga, "Когда прошёл первый саммит?"))
	m := h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)[0]
	more := markup(t, m)[0][2]
	// The message was deleted: Telegram refuses the edit.
	h.srv.Fail("editMessageText", telegramtest.Fault{Status: 400, Description: "Bad Request: message to edit not found"})
	h.srv.Push(telegramtest.CallbackQuery("gone", olga, olga.ID, 1, more))
	sent := h.srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)[1]
	if edits := h.srv.Calls("editMessageText"); len(edits) != 1 || edits[0].Fault == nil {
		t.Errorf("edits: %v", edits)
	}
	if sent.Int("reply_to_message_id") != 1 || !strings.Contains(sent.Params["text"], "2/") {
		t.Errorf("fallback reply to %d: %s", sent.Int("reply_to_message_id"), sent.Params["text"])
	}
	checkReply(t, show(t, sent.Params["text"], sent.Params["parse_mode"]))
}

func TestRejectedHTMLEditIsRedoneAsText(t *testing.T) {
	t.Parallel()
	h := start(t, options{})
	h.srv.Push(telegramtest.PrivateMessage(alice.ID, alice, "When was the first summit?"))
	m := h.srv.WaitCalls(t, "sendMessage", 1, 5*time.Second)[0]
	h.srv.Fail("editMessageText", telegramtest.Fault{Status: 400, Description: "Bad Request: can't parse entities: bad"})
	h.srv.Push(telegramtest.CallbackQuery("more", alice, alice.ID, 1, markup(t, m)[0][2]))
	edits := h.srv.WaitCalls(t, "editMessageText", 2, 5*time.Second)
	if edits[1].Params["parse_mode"] != "" || strings.Contains(edits[1].Params["text"], "<") || !strings.Contains(edits[1].Params["text"], "Source: ") {
		t.Errorf("redone with parse mode %q: %s", edits[1].Params["parse_mode"], edits[1].Params["text"])
	}
	if n := len(h.srv.Calls("sendMessage")); n != 1 {
		t.Errorf("%d messages sent, want the answer only", n)
	}
}
