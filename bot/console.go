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
// links as "text (url)".
func plainText(s string) string {
	s = strings.NewReplacer("<b>", "**", "</b>", "**", "<i>", "_", "</i>", "_").Replace(s)
	s = linkTag.ReplaceAllString(s, "$2 ($1)")
	s = anyTag.ReplaceAllString(s, "")
	return html.UnescapeString(s)
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
