package bot

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// Console is a Messenger for a terminal: it prints what the bot would
// send to Telegram as plain text, its buttons as numbered choices, and
// feeds what the user types back to the bot as private messages or button
// presses. It lets a person try the bot without Telegram.
type Console struct {
	out io.Writer

	mu      sync.Mutex
	buttons []Button // the last message's buttons, numbered from 1
	nextMsg int
}

// NewConsole returns a console that prints to out.
func NewConsole(out io.Writer) *Console { return &Console{out: out} }

var (
	linkTag = regexp.MustCompile(`<a href="([^"]*)">(.*?)</a>`)
	anyTag  = regexp.MustCompile(`</?[a-z]+[^>]*>`)
)

// plainText turns Telegram HTML into terminal text: bold as **text**,
// italics as _text_, links as "text (url)"; underlined words (the matched
// ones) show as they are.
func plainText(s string) string {
	s = strings.NewReplacer("<b>", "**", "</b>", "**", "<i>", "_", "</i>", "_").Replace(s)
	s = linkTag.ReplaceAllString(s, "$2 ($1)")
	s = anyTag.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

// ansiText turns Telegram HTML into text for a terminal that shows styles:
// bold, italic and underline as ANSI escapes, links as "text (url)".
func ansiText(s string) string {
	s = strings.NewReplacer("<b>", "\x1b[1m", "</b>", "\x1b[22m", "<i>", "\x1b[3m", "</i>", "\x1b[23m",
		"<u>", "\x1b[4m", "</u>", "\x1b[24m").Replace(s)
	s = linkTag.ReplaceAllString(s, "$2 ($1)")
	s = anyTag.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

// Suggestions are the bot's example questions, and the words it puts above
// them, in the language AnswerText speaks for ans: what to try after a
// refusal.
func Suggestions(ans index.Answer) (heading string, questions [3]string) {
	w := words(consoleLanguage(ans))
	return w.TryAsking, w.Examples
}

// consoleLanguage is the language of the bot's words for ans on a
// terminal, where there is no user's language to fall back on.
func consoleLanguage(ans index.Answer) string {
	return uiLanguage(questionLanguage(ans.Question, ans), "")
}

// AnswerText lays an answer out for a terminal as the bot lays it out in a
// chat: the first passage opening with the answer sentence, its source;
// then the other passages, each with its source unless an earlier passage
// already listed it. ansi styles the text with escapes, else bold is
// **text**. The bot's words are in the question's language.
func AnswerText(ans index.Answer, ansi bool) string {
	lang := consoleLanguage(ans)
	w := words(lang)
	toText := plainText
	if ansi {
		toText = ansiText
	}
	var blocks []block
	switch {
	case ans.Answered && len(ans.Hits) > 0:
		listed := map[string]bool{}
		for i, h := range ans.Hits {
			bs := answerBlocks(ans, h, i, 1, lang)
			if i > 0 {
				head := h.Passage.Heading
				if head == "" {
					head = h.Passage.Citation.Title
				}
				blocks = append(blocks, para(emph(fmt.Sprintf("[%d] %s", i+1, head))))
			}
			key := citationKey(h.Passage.Citation)
			if listed[key] {
				bs = bs[:len(bs)-1] // the citation, already shown
			}
			listed[key] = true
			blocks = append(blocks, bs...)
		}
	case ans.Closest && len(ans.Hits) > 0:
		blocks = closestBlocks(ans, lang)
	default:
		blocks = []block{para(text(w.NoAnswer)), para(text(w.KnowsAbout))}
	}
	return toText(strings.Join(renderMessages(blocks, 1<<30), paragraphSep))
}

// citationKey tells citations apart the way a reader does: by publisher
// and page.
func citationKey(c corpus.Citation) string {
	pub, _ := publisher(c)
	return pub + "\x00" + c.URL
}

// Send prints a message.
func (c *Console) Send(_ context.Context, m OutMessage) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextMsg++
	fmt.Fprintf(c.out, "\n%s\n", plainText(m.HTML))
	c.buttons = nil
	for _, row := range m.Buttons {
		for _, b := range row {
			c.buttons = append(c.buttons, b)
			fmt.Fprintf(c.out, "  [%d] %s\n", len(c.buttons), b.Text)
		}
	}
	return c.nextMsg, nil
}

// Edit prints the message again: a terminal cannot change what it
// printed, so the edit shows as a new message below.
func (c *Console) Edit(ctx context.Context, _ int, m OutMessage) error {
	_, err := c.Send(ctx, m)
	return err
}

// AnswerCallback prints a button's toast.
func (c *Console) AnswerCallback(_ context.Context, _, text string) error {
	if text != "" {
		fmt.Fprintf(c.out, "(%s)\n", text)
	}
	return nil
}

// AnswerInline prints inline results; the console has no inline mode, but
// the bot may call it.
func (c *Console) AnswerInline(_ context.Context, a InlineAnswer) error {
	for i, r := range a.Results {
		fmt.Fprintf(c.out, "  (%d) %s — %s\n", i+1, r.Title, r.Description)
	}
	return nil
}

// Run reads lines from in until it ends or ctx is done: a number presses
// that button of the last message, anything else is a message to the bot
// in a private chat. lang is the user's Telegram language.
func (c *Console) Run(ctx context.Context, in io.Reader, b *Bot, lang string) error {
	const chatID = 1
	user := &tgbotapi.User{ID: chatID, FirstName: "you", LanguageCode: lang}
	chat := &tgbotapi.Chat{ID: chatID, Type: "private"}
	lines := bufio.NewScanner(in)
	lines.Buffer(make([]byte, 64*1024), 1<<20)
	fmt.Fprintln(c.out, "SummitBot in the terminal. Ask a question, /help for the commands; a number presses a button; Ctrl-D quits.")
	id := 0
	for {
		fmt.Fprint(c.out, "\n> ")
		if !lines.Scan() || ctx.Err() != nil {
			fmt.Fprintln(c.out)
			return lines.Err()
		}
		line := strings.TrimSpace(lines.Text())
		if line == "" {
			continue
		}
		id++
		u := tgbotapi.Update{UpdateID: id}
		if n, err := strconv.Atoi(line); err == nil {
			c.mu.Lock()
			ok := n >= 1 && n <= len(c.buttons)
			var btn Button
			if ok {
				btn = c.buttons[n-1]
			}
			msgID := c.nextMsg
			c.mu.Unlock()
			if ok && btn.Data != "" {
				u.CallbackQuery = &tgbotapi.CallbackQuery{ID: strconv.Itoa(id), From: user, Data: btn.Data,
					Message: &tgbotapi.Message{MessageID: msgID, Chat: chat}}
				b.Handle(ctx, u)
				continue
			}
		}
		msg := &tgbotapi.Message{MessageID: id, From: user, Chat: chat, Text: line}
		if strings.HasPrefix(line, "/") {
			word := strings.Fields(line)[0]
			msg.Entities = []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(word)))}}
		}
		u.Message = msg
		b.Handle(ctx, u)
	}
}
