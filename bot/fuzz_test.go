package bot

import (
	"encoding/json"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/index"
)

// FuzzRender checks that any passage with any marks, followed by another
// paragraph, renders as messages Telegram accepts (UTF-8, balanced tags, at
// most the limit of visible UTF-16 units) that together show all of its text.
func FuzzRender(f *testing.F) {
	for _, s := range []struct {
		text, tail string
		seed       []byte // marks, after the first byte: the mode
	}{
		{"The first summit was held in Xi'an on 18–19 May 2023.", "[1] Source", []byte{0, 4, 9, 30, 4}},
		{"首届中国—中亚峰会于2023年5月在西安举行。", "[1] 来源", []byte{2, 0, 6, 12, 9}},
		{"Первый саммит прошёл в Сиане 🙂 в 2023 г.", "", []byte{20, 0, 12, 50, 8}},
		{`<script>alert("x")</script> & <b>unbalanced <i> &amp; &#x27;`, "&lt; <a href=x>", []byte{6, 0, 8, 3, 200}},
		{"日本🙂é<&> ", " ", []byte{0, 0, 6, 6, 4}},
		{"日本🙂é<&> ", "[1] Source", []byte{1, 0, 6, 255, 20, 1, 0}}, // long: cut at MaxMessageLength
		{"🙂", "x", []byte{1, 0, 40}}, // one word longer than a message
		{"word ", "tail", []byte{3}},
		{"Sentence one. ", "", []byte{5, 16, 8, 200, 8}},
		{"", "", nil},
		{"   ", "\n\n", []byte{0, 0, 3}},
		{"a\x00b\xff\xfec", "\u2028\u2029", []byte{8, 1, 2}},
	} {
		f.Add(s.text, s.tail, s.seed)
	}
	f.Fuzz(func(t *testing.T, s, tail string, seed []byte) {
		// Passages and citations are UTF-8: the corpus refuses other text.
		s, tail = strings.ToValidUTF8(s, "\uFFFD"), strings.ToValidUTF8(tail, "\uFFFD")
		limits := []int{MaxMessageLength}
		if len(seed) > 0 {
			mode := seed[0]
			seed = seed[1:]
			if mode%2 == 1 && s != "" {
				// Long text from a short input, so that the fuzzer's
				// corpus (and its minimizing) stays small.
				s = strings.Repeat(s, longText/len(s)+1)
			}
			if len(s)+len(tail) <= smallLimitInput {
				// A small limit cuts short inputs too. Two units is the
				// least that holds any rune and the paragraph separator.
				limits = append(limits, 2+int(mode/2)%62)
			}
		}
		blocks := []block{marked(s, fuzzMarks(s, seed)), para(text(tail))}
		for _, limit := range limits {
			checkRendered(t, renderMessages(blocks, limit), limit, s+tail)
		}
		// The answer layout: the first mark as the answer sentence, the
		// others as matched words, trimmed to the budget.
		var answer index.Span
		var marks []index.Span
		for i, m := range fuzzMarks(s, seed) {
			sp := index.Span{Start: m[0], End: m[1]}
			if i == 0 && sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(s) {
				answer = sp
				continue
			}
			marks = append(marks, sp)
		}
		msgs := renderMessages([]block{passageBlock(s, answer, contentMarks(s, marks), answerBudget)}, MaxMessageLength)
		for _, m := range msgs {
			if !utf8.ValidString(m) || !balanced(m) {
				t.Fatalf("answer layout of %q (answer %v): %q", s, answer, m)
			}
		}
		if n := utf16Len(visible(strings.Join(msgs, ""))); n > answerBudget {
			t.Fatalf("answer layout shows %d units, budget %d", n, answerBudget)
		}
	})
}

// longText is the length in bytes of the long texts FuzzRender makes: more
// than a message, whatever the runes.
const longText = 3 * MaxMessageLength

// smallLimitInput bounds the inputs also rendered with a small limit:
// cutting costs time in the square of the number of pieces.
const smallLimitInput = 1024

// fuzzMarks reads byte ranges of s from seed, two bytes a mark: where it
// starts (after the previous one, mostly) and how long it is. Marks come from
// the index's term locations, which never cut a rune, so they are moved to
// rune starts; out of order, overlapping or empty ones are kept, as marked
// must skip them.
func fuzzMarks(s string, seed []byte) [][2]int {
	var out [][2]int
	pos := 0
	for i := 0; i+1 < len(seed); i += 2 {
		start := pos + int(seed[i]) - 16
		end := start + int(seed[i+1])%64 - 4
		out = append(out, [2]int{runeStart(s, start), runeStart(s, end)})
		pos = max(start, 0)
	}
	return out
}

// runeStart moves i back to the start of a rune of s, when it is inside s.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func checkRendered(t *testing.T, msgs []string, limit int, input string) {
	t.Helper()
	var all strings.Builder
	for i, m := range msgs {
		if m == "" {
			t.Fatalf("limit %d: message %d is empty", limit, i)
		}
		if !utf8.ValidString(m) {
			t.Fatalf("limit %d: message %d is not UTF-8: %q", limit, i, m)
		}
		if !balanced(m) {
			t.Fatalf("limit %d: message %d has unbalanced HTML: %q", limit, i, m)
		}
		v := visible(m)
		if n := utf16Len(v); n > limit {
			t.Fatalf("limit %d: message %d shows %d UTF-16 units: %q", limit, i, n, m)
		}
		all.WriteString(v)
	}
	if got, want := withoutSpace(all.String()), withoutSpace(input); got != want {
		t.Fatalf("limit %d: text lost or changed across %d messages:\n got %q\nwant %q", limit, len(msgs), got, want)
	}
}

func withoutSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// botUsername is the bot's own name in the fuzz tests, as getMe gives it.
const botUsername = "Summit_Bot"

// FuzzDecodeUpdate checks that any body the Bot API (or someone posing as
// it) sends decodes to an update, or to an error that keeps its update_id,
// and that reading the decoded update never panics and keeps to the
// entities' bounds.
func FuzzDecodeUpdate(f *testing.F) {
	for _, s := range []string{
		// A private message with a command.
		`{"update_id":10,"message":{"message_id":1,"date":1700000000,"from":{"id":7,"is_bot":false,"first_name":"A","language_code":"fr"},"chat":{"id":7,"type":"private","first_name":"A"},"text":"/ask Où a eu lieu le sommet ?","entities":[{"type":"bot_command","offset":0,"length":4}]}}`,
		`{"update_id":11,"message":{"message_id":2,"chat":{"id":-100,"type":"supergroup","title":"G"},"text":"/ask@Summit_Bot when?","entities":[{"type":"bot_command","offset":0,"length":15}]}}`,
		// A group message with a mention after an emoji (UTF-16 offsets).
		`{"update_id":12,"message":{"message_id":3,"from":{"id":8,"is_bot":false,"first_name":"B"},"chat":{"id":-5,"type":"group","title":"G"},"text":"Привет 🙂 @summit_bot когда саммит?","entities":[{"type":"mention","offset":10,"length":11}]}}`,
		// A reply to the bot.
		`{"update_id":13,"message":{"message_id":4,"chat":{"id":-5,"type":"group"},"text":"and the second?","reply_to_message":{"message_id":3,"from":{"id":99,"is_bot":true,"first_name":"SummitBot","username":"Summit_Bot"},"chat":{"id":-5,"type":"group"},"text":"..."}}}`,
		// A callback query, with and without its message.
		`{"update_id":14,"callback_query":{"id":"42","from":{"id":7,"is_bot":false,"first_name":"A"},"message":{"message_id":5,"chat":{"id":7,"type":"private"},"text":"answer"},"chat_instance":"1","data":"m:1a:2"}}`,
		`{"update_id":15,"callback_query":{"id":"43","from":{"id":7,"is_bot":false,"first_name":"A"},"inline_message_id":"AAA","chat_instance":"1","data":"v:1a:u"}}`,
		// An inline query, a chosen result.
		`{"update_id":16,"inline_query":{"id":"44","from":{"id":7,"is_bot":false,"first_name":"A"},"query":"первый саммит","offset":""}}`,
		`{"update_id":17,"chosen_inline_result":{"result_id":"r1","from":{"id":7,"is_bot":false,"first_name":"A"},"query":"q"}}`,
		// A channel post, an edit.
		`{"update_id":18,"channel_post":{"message_id":6,"sender_chat":{"id":-200,"type":"channel","title":"C"},"chat":{"id":-200,"type":"channel","title":"C"},"text":"/subscribe","entities":[{"type":"bot_command","offset":0,"length":10}]}}`,
		`{"update_id":19,"edited_message":{"message_id":1,"chat":{"id":7,"type":"private"},"text":"edited"}}`,
		// The bot added to a group, a group migrated to a supergroup.
		`{"update_id":20,"my_chat_member":{"chat":{"id":-5,"type":"group","title":"G"},"from":{"id":7,"is_bot":false,"first_name":"A"},"date":1700000000,"old_chat_member":{"user":{"id":99,"is_bot":true,"first_name":"SummitBot"},"status":"left"},"new_chat_member":{"user":{"id":99,"is_bot":true,"first_name":"SummitBot"},"status":"member"}}}`,
		`{"update_id":21,"message":{"message_id":7,"chat":{"id":-5,"type":"group"},"migrate_to_chat_id":-1001}}`,
		// Broken ones: entities past the text, negative or huge numbers,
		// wrong types, no chat, unknown update types, not JSON.
		`{"update_id":30,"message":{"message_id":1,"chat":{"id":-5,"type":"group"},"text":"@summit_bot","entities":[{"type":"mention","offset":5,"length":40},{"type":"mention","offset":-3,"length":11}]}}`,
		`{"update_id":31,"message":{"message_id":1,"chat":{"id":7,"type":"private"},"text":"/a","entities":[{"type":"bot_command","offset":0,"length":-2}]}}`,
		`{"update_id":32,"message":{"message_id":1,"chat":{"id":7,"type":"private"},"text":"/ask","entities":[{"type":"bot_command","offset":0,"length":"4"}]}}`,
		`{"update_id":33,"message":{"message_id":1,"chat":{"id":-5,"type":"group"},"text":"@summit_bot x","entities":[{"type":"mention","offset":-9223372036854775808,"length":9223372036854775807}]}}`,
		`{"update_id":34,"message":{"message_id":1,"text":"no chat","entities":null}}`,
		`{"update_id":35,"message":{"chat":"not an object"}}`,
		`{"update_id":36,"message":null,"callback_query":{"id":"1"}}`,
		`{"update_id":37,"business_message":{"x":1}}`,
		`{"update_id":"38"}`,
		`{"update_id":1e3}`,
		`[1,2,3]`, `null`, `{}`, ``, `{"update_id":39,`,
		`{"update_id":40,"message":{"chat":{"id":7,"type":"private"},"text":"a\ud83d","entities":[{"type":"bot_command","offset":0,"length":2}]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		// A panic fails this input alone, not the whole package's tests.
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic on update %s: %v\n%s", raw, r, debug.Stack())
			}
		}()
		u, err := decodeUpdate(raw)
		if err != nil {
			if !reflect.DeepEqual(u, tgbotapi.Update{UpdateID: u.UpdateID}) {
				t.Fatalf("a body that is not an update gave more than its id: %+v", u)
			}
			if prefix := "update " + strconv.Itoa(u.UpdateID) + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("error %q does not start with %q", err, prefix)
			}
			return
		}
		if !json.Valid(raw) {
			t.Fatalf("decoded a body that is not JSON: %q", raw)
		}
		checkKind(t, u)
		checkChatKey(t, u)
		for _, m := range []*tgbotapi.Message{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost} {
			if m != nil {
				checkCommand(t, m.Text, m.Entities)
				checkMention(t, m.Text, m.Entities)
			}
		}
		if q := u.CallbackQuery; q != nil && q.Message != nil {
			checkCommand(t, q.Message.Text, q.Message.Entities)
			checkMention(t, q.Message.Text, q.Message.Entities)
		}
	})
}

// checkKind asserts that updateKind names the first field the update has.
func checkKind(t *testing.T, u tgbotapi.Update) {
	t.Helper()
	fields := []struct {
		kind string
		set  bool
	}{
		{"message", u.Message != nil}, {"edited_message", u.EditedMessage != nil},
		{"channel_post", u.ChannelPost != nil}, {"edited_channel_post", u.EditedChannelPost != nil},
		{"inline_query", u.InlineQuery != nil}, {"chosen_inline_result", u.ChosenInlineResult != nil},
		{"callback_query", u.CallbackQuery != nil}, {"my_chat_member", u.MyChatMember != nil},
		{"chat_member", u.ChatMember != nil},
	}
	want := "other"
	for _, f := range fields {
		if f.set {
			want = f.kind
			break
		}
	}
	if got := updateKind(u); got != want {
		t.Fatalf("updateKind = %q, want %q", got, want)
	}
}

// checkChatKey asserts that updates of one chat share its key.
func checkChatKey(t *testing.T, u tgbotapi.Update) {
	t.Helper()
	got := chatKey(u)
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		if got != u.Message.Chat.ID {
			t.Fatalf("chatKey = %d, want the message's chat %d", got, u.Message.Chat.ID)
		}
	case u.Message == nil && u.ChannelPost == nil && u.CallbackQuery == nil && u.InlineQuery == nil && u.MyChatMember == nil:
		if got != 0 {
			t.Fatalf("chatKey = %d for an update with no chat", got)
		}
	}
}

// checkCommand asserts what parseCommand promises of a command it reads.
func checkCommand(t *testing.T, text string, entities []tgbotapi.MessageEntity) {
	t.Helper()
	c, ok := parseCommand(text, entities)
	if !ok {
		return
	}
	if entities[0].Type != "bot_command" || entities[0].Offset != 0 || !strings.HasPrefix(text, "/") {
		t.Fatalf("parseCommand(%q, %+v) read a command that is not at the start", text, entities)
	}
	if c.name == "" || strings.Contains(c.name, "@") || strings.ToLower(c.name) != c.name {
		t.Fatalf("parseCommand(%q): name %q", text, c.name)
	}
	if strings.TrimSpace(c.args) != c.args || !utf8.ValidString(c.args) || !utf8.ValidString(c.name+c.at) {
		t.Fatalf("parseCommand(%q): args %q, at %q", text, c.args, c.at)
	}
	if isASCII(text) {
		// One UTF-16 unit a byte: the command is exactly the entity's bytes.
		n := entities[0].Length
		word := strings.ToLower(text[1:n])
		name, at, _ := strings.Cut(word, "@")
		if c.name != name || c.at != at || c.args != strings.TrimSpace(text[n:]) {
			t.Fatalf("parseCommand(%q, length %d) = %+v", text, n, c)
		}
	}
}

// checkMention asserts that mentions finds only a mention entity of the bot
// inside the text, and takes out just that.
func checkMention(t *testing.T, text string, entities []tgbotapi.MessageEntity) {
	t.Helper()
	rest, ok := mentions(text, entities, botUsername)
	if !ok {
		if rest != text {
			t.Fatalf("mentions(%q) found no mention but changed the text to %q", text, rest)
		}
		return
	}
	if rest != strings.Join(strings.Fields(rest), " ") || !utf8.ValidString(rest) {
		t.Fatalf("mentions(%q) = %q: spaces not collapsed or not UTF-8", text, rest)
	}
	mention := len("@" + botUsername)
	if utf16Len(rest) > utf16Len(text)-mention+1 {
		t.Fatalf("mentions(%q) = %q: the mention is not taken out", text, rest)
	}
	if isASCII(text) {
		for _, e := range entities {
			if e.Type == "mention" && e.Offset >= 0 && e.Offset <= len(text)-mention &&
				strings.EqualFold(text[e.Offset:e.Offset+mention], "@"+botUsername) && e.Length == mention {
				want := strings.Join(strings.Fields(text[:e.Offset]+" "+text[e.Offset+mention:]), " ")
				if rest != want {
					t.Fatalf("mentions(%q) = %q, want %q", text, rest, want)
				}
				return
			}
		}
		t.Fatalf("mentions(%q, %+v) found a mention no entity marks", text, entities)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
