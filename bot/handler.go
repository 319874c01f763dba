package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// Outcomes of handling an update, as logged.
const (
	outAnswered = "answered"
	outNoAnswer = "no_answer"
	outCommand  = "command"
	outCallback = "callback"
	outInline   = "inline"
	outIgnored  = "ignored"
	outFlood    = "flood"
	outMember   = "membership"
	outError    = "error"
)

// Handle handles one update and logs one line about it: its type, the chat
// type, the outcome and the time taken — never the text, which is the
// users' business. It never panics on a malformed update.
func (b *Bot) Handle(ctx context.Context, u tgbotapi.Update) {
	start := b.now()
	kind := updateKind(u)
	outcome, chatType, err := b.route(ctx, u)
	var sf *sendFailure
	if errors.As(err, &sf) {
		outcome = outSendFailed // whatever the reply was, the user did not get it
	}
	level, attrs := slog.LevelInfo, []any{"update", u.UpdateID, "type", kind, "chat_type", chatType,
		"outcome", outcome, "latency_ms", b.now().Sub(start).Milliseconds()}
	if err != nil {
		level, attrs = slog.LevelError, append(attrs, "err", err)
	} else if outcome == outIgnored {
		level = slog.LevelDebug
	}
	b.log.Log(ctx, level, "update handled", attrs...)
	b.obs.UpdateHandled(kind, outcome, b.now().Sub(start))
}

// ask answers a question for a user, and tells the observer.
func (b *Bot) ask(ctx context.Context, q string, opts index.AskOptions) (index.Answer, error) {
	start := b.now()
	ans, err := b.answers.Ask(ctx, q, opts)
	if err == nil {
		b.obs.Asked(ans.Answered, b.now().Sub(start))
	}
	return ans, err
}

func (b *Bot) route(ctx context.Context, u tgbotapi.Update) (outcome, chatType string, err error) {
	defer func() {
		if r := recover(); r != nil {
			outcome, err = outError, fmt.Errorf("panic handling update %d: %v", u.UpdateID, r)
		}
	}()
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		outcome, err = b.onMessage(ctx, u.Message)
		return outcome, u.Message.Chat.Type, err
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		outcome, err = b.onCallback(ctx, u.CallbackQuery)
		return outcome, callbackChatType(u.CallbackQuery), err
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		outcome, err = b.onInline(ctx, u.InlineQuery)
		return outcome, "inline", err
	case u.MyChatMember != nil:
		return b.onMembership(u.MyChatMember), u.MyChatMember.Chat.Type, nil
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		outcome, err = b.onChannelPost(ctx, u.ChannelPost)
		return outcome, "channel", err
	}
	// Edits, stickers in channels, updates of types the bot never asked for.
	return outIgnored, "", nil
}

func callbackChatType(q *tgbotapi.CallbackQuery) string {
	if q.Message != nil && q.Message.Chat != nil {
		return q.Message.Chat.Type
	}
	return "inline"
}

func (b *Bot) onMessage(ctx context.Context, m *tgbotapi.Message) (string, error) {
	if m.MigrateToChatID != 0 {
		old, to := m.Chat.ID, m.MigrateToChatID
		if err := b.store.MoveChat(old, to); err != nil {
			return outError, err
		}
		b.log.Info("group became a supergroup", "chat", old, "to", to)
		return outMember, nil
	}
	// A message from a chat that had refused the bot means it is back: it
	// unblocked the bot, or added it again.
	b.reactivate(m.Chat.ID)
	switch m.Chat.Type {
	case "private":
		return b.onPrivate(ctx, m)
	case "group", "supergroup":
		return b.onGroup(ctx, m)
	}
	return outIgnored, nil
}

func userLang(u *tgbotapi.User) string {
	if u == nil {
		return ""
	}
	return u.LanguageCode
}

func (b *Bot) onPrivate(ctx context.Context, m *tgbotapi.Message) (string, error) {
	if strings.TrimSpace(m.Text) == "" {
		_, err := b.sendReply(ctx, OutMessage{ChatID: m.Chat.ID, HTML: escape(words(uiLanguage("", userLang(m.From))).NotText)})
		return outIgnored, err
	}
	if c, ok := parseCommand(m.Text, m.Entities); ok {
		return b.onCommand(ctx, m, c)
	}
	return b.question(ctx, m, m.Text, 0)
}

// onGroup answers what is meant for the bot in a group: /ask (with or
// without @botname), a mention, a reply to one of its messages. Everything
// else is the group's own conversation.
func (b *Bot) onGroup(ctx context.Context, m *tgbotapi.Message) (string, error) {
	if strings.TrimSpace(m.Text) == "" {
		return outIgnored, nil
	}
	if c, ok := parseCommand(m.Text, m.Entities); ok {
		if c.at != "" && !strings.EqualFold(c.at, b.me.Username) {
			return outIgnored, nil // for another bot
		}
		if _, known := words("en").Commands[c.name]; !known && c.at == "" {
			return outIgnored, nil // a command of another bot, unaddressed
		}
		return b.onCommand(ctx, m, c)
	}
	if text, ok := mentions(m.Text, m.Entities, b.me.Username); ok {
		return b.question(ctx, m, text, m.MessageID)
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == b.me.ID {
		return b.question(ctx, m, m.Text, m.MessageID)
	}
	return outIgnored, nil
}

func (b *Bot) onCommand(ctx context.Context, m *tgbotapi.Message, c command) (string, error) {
	lang := uiLanguage(corpus.DetectLanguage(c.args), userLang(m.From))
	replyTo := 0
	if m.Chat.Type != "private" {
		replyTo = m.MessageID
	}
	say := func(buttons [][]Button, paragraphs ...string) (string, error) {
		var blocks []block
		for _, p := range paragraphs {
			blocks = append(blocks, para(text(p)))
		}
		return outCommand, b.sendBlocks(ctx, OutMessage{ChatID: m.Chat.ID, ReplyTo: replyTo, NoPreview: true}, blocks, buttons)
	}
	w := words(lang)
	switch c.name {
	case "ask":
		if c.args == "" {
			return say(nil, w.AskEmpty)
		}
		return b.question(ctx, m, c.args, replyTo)
	case "start":
		w = words(uiLanguage("", userLang(m.From)))
		name := "👋"
		if m.From != nil && m.From.FirstName != "" {
			name = m.From.FirstName
		}
		return say(exampleButtons(uiLanguage("", userLang(m.From))),
			fmt.Sprintf(w.Greeting, name), fmt.Sprintf(w.Help, b.me.Username), w.TryAsking)
	case "sources":
		return outCommand, b.sendSources(ctx, m.Chat.ID, replyTo, lang)
	case "subscribe", "unsubscribe", "subscriptions":
		// Topic words are too few to tell a language by: the user's it is.
		return b.onSubscription(ctx, m, c, uiLanguage("", userLang(m.From)), replyTo)
	case "about":
		info := b.library.Info()
		return say(nil, fmt.Sprintf(w.About, b.version, info.Documents, info.Passages, info.Built.Format("2006-01-02 15:04 MST")))
	}
	return say(nil, fmt.Sprintf(w.Help, b.me.Username)) // /help, and commands the bot does not know
}

// exampleButtons are the example questions of a language, one per row.
func exampleButtons(lang string) [][]Button {
	var rows [][]Button
	for i, q := range words(lang).Examples {
		rows = append(rows, []Button{{Text: q, Data: fmt.Sprintf("x:%s:%d", lang, i)}})
	}
	return rows
}

func (b *Bot) sendSources(ctx context.Context, chat int64, replyTo int, lang string) error {
	docs := b.library.Documents()
	blocks := []block{para(strong(fmt.Sprintf(words(lang).SourcesList, len(docs))))}
	// One block per language, a line per document: compact, and cut
	// between languages when the list outgrows a message.
	for i, d := range docs {
		if i == 0 || d.Lang != docs[i-1].Lang {
			blocks = append(blocks, block{})
		} else {
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], text("\n"))
		}
		// A fact sheet is SummitBot's own compilation: it says so rather
		// than name SummitBot as a publisher; its passages cite their sources.
		about := d.Source + ", " + formatDate(d.Published, lang)
		if d.Kind == corpus.FactSheet {
			about = words(lang).Compiled
		}
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], text("• "), anchor(d.Title, d.URL),
			text(fmt.Sprintf(" — %s (%s)", about, d.Lang)))
	}
	return b.sendBlocks(ctx, OutMessage{ChatID: chat, ReplyTo: replyTo, NoPreview: true}, blocks, nil)
}

// question answers a user's question in the chat of m.
func (b *Bot) question(ctx context.Context, m *tgbotapi.Message, q string, replyTo int) (string, error) {
	user := m.Chat.ID
	if m.From != nil {
		user = m.From.ID
	}
	lang := uiLanguage(corpus.DetectLanguage(q), userLang(m.From))
	switch b.flood.check(user) {
	case drop:
		return outFlood, nil
	case notify:
		_, err := b.sendReply(ctx, OutMessage{ChatID: m.Chat.ID, HTML: escape(words(lang).Flood), ReplyTo: replyTo})
		return outFlood, err
	}
	return b.reply(ctx, m.Chat.ID, replyTo, q, userLang(m.From))
}

// reply sends the answer to q, or says there is none: the first passage
// with the answer sentence marked in it, and buttons to vote and to page
// through the other passages. The bot's words are in the question's
// language as the engine read it, else in the user's (userCode).
func (b *Bot) reply(ctx context.Context, chat int64, replyTo int, q, userCode string) (string, error) {
	w := words(uiLanguage(corpus.DetectLanguage(q), userCode))
	ans, err := b.ask(ctx, q, index.AskOptions{Limit: 1})
	if errors.Is(err, index.ErrEmptyQuestion) {
		_, err := b.sendReply(ctx, OutMessage{ChatID: chat, HTML: escape(w.AskEmpty), ReplyTo: replyTo})
		return outCommand, err
	}
	if err != nil {
		b.sendReply(ctx, OutMessage{ChatID: chat, HTML: escape(w.Failure), ReplyTo: replyTo})
		return outError, fmt.Errorf("answer: %w", err)
	}
	lang := uiLanguage(questionLanguage(q, ans), userCode)
	w = words(lang)
	if !ans.Answered || len(ans.Hits) == 0 {
		blocks := []block{para(text(w.NoAnswer)), para(text(w.KnowsAbout))}
		if ans.Closest && len(ans.Hits) > 0 {
			blocks = closestBlocks(ans, lang)
		}
		blocks = append(blocks, para(text(w.TryAsking)))
		return outNoAnswer, b.sendBlocks(ctx, OutMessage{ChatID: chat, ReplyTo: replyTo, NoPreview: true}, blocks, exampleButtons(lang))
	}
	id, err := b.store.SaveAnswer(store.Answer{Question: ans.Question, Lang: lang, ChatID: chat, Created: b.now().UTC()})
	if err != nil {
		return outError, fmt.Errorf("save answer: %w", err)
	}
	blocks := answerBlocks(ans, ans.Hits[0], 0, ans.Total, lang)
	return outAnswered, b.sendBlocks(ctx, OutMessage{ChatID: chat, ReplyTo: replyTo, NoPreview: true}, blocks, pageButtons(id, 0, ans.Total, w))
}

// sendBlocks sends blocks in as few messages as fit Telegram's limit; the
// buttons go under the last one, and only the first replies to replyTo.
func (b *Bot) sendBlocks(ctx context.Context, m OutMessage, blocks []block, buttons [][]Button) error {
	msgs := renderMessages(blocks, MaxMessageLength)
	for i, html := range msgs {
		out := m
		out.HTML = html
		if i > 0 {
			out.ReplyTo = 0
		}
		if i == len(msgs)-1 {
			out.Buttons = buttons
		}
		if _, err := b.sendReply(ctx, out); err != nil {
			return err
		}
	}
	return nil
}

// onMembership follows the bot's own membership: removed from a chat or
// blocked by a user, it stops writing there.
func (b *Bot) onMembership(cm *tgbotapi.ChatMemberUpdated) string {
	chat, status := cm.Chat, cm.NewChatMember.Status
	switch status {
	case "kicked", "left":
		b.deactivate(chat.ID, "bot status: "+status)
		if err := b.store.DropChat(chat.ID); err != nil {
			b.log.Error("drop the subscriptions of a chat the bot left", "chat", chat.ID, "err", err)
		}
	case "member", "administrator", "creator", "restricted":
		err := b.store.UpdateChat(chat.ID, func(c *store.Chat) {
			c.Type, c.Title, c.Username, c.Inactive, c.Reason = chat.Type, chat.Title, chat.UserName, false, ""
		})
		if err != nil {
			b.log.Error("record chat", "chat", chat.ID, "err", err)
		}
	}
	return outMember
}
