package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/index"
)

// Callback data, all well under Telegram's 64 bytes:
//
//	v:<answer>:u|d   a vote on an answer
//	m:<answer>:<n>   "More": the answer's passage n (0-based)
//	x:<lang>:<i>     an example question
func parseCallback(data string) (kind, key, arg string, ok bool) {
	parts := strings.Split(data, ":")
	if len(parts) != 3 || parts[1] == "" || len(data) > 64 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// onCallback answers a button press at once (Telegram shows a spinner
// until it is answered), then does what the button asks.
func (b *Bot) onCallback(ctx context.Context, q *tgbotapi.CallbackQuery) (string, error) {
	lang := uiLanguage("", q.From.LanguageCode)
	kind, key, arg, ok := parseCallback(q.Data)
	if !ok {
		return outIgnored, b.out.AnswerCallback(ctx, q.ID, "")
	}
	switch kind {
	case "v":
		vote := store.Up
		if arg == "d" {
			vote = store.Down
		}
		a, found, err := b.store.Answer(key)
		if err != nil || !found {
			return outCallback, firstErr(err, b.out.AnswerCallback(ctx, q.ID, words(lang).Expired))
		}
		if err := b.store.SaveFeedback(key, q.From.ID, vote); err != nil {
			b.out.AnswerCallback(ctx, q.ID, "")
			return outError, fmt.Errorf("save feedback: %w", err)
		}
		return outCallback, b.out.AnswerCallback(ctx, q.ID, words(a.Lang).Thanks)
	case "m":
		return b.more(ctx, q, key, arg, lang)
	case "x":
		i, err := strconv.Atoi(arg)
		ex := words(key).Examples
		if err != nil || i < 0 || i >= len(ex) || q.Message == nil || q.Message.Chat == nil {
			return outIgnored, b.out.AnswerCallback(ctx, q.ID, "")
		}
		if err := b.out.AnswerCallback(ctx, q.ID, ""); err != nil {
			return outError, err
		}
		return b.question(ctx, &tgbotapi.Message{Chat: q.Message.Chat, From: q.From}, ex[i], 0)
	}
	return outIgnored, b.out.AnswerCallback(ctx, q.ID, "")
}

// more shows passage n (0-based) of an earlier answer in place of the one
// the pressed message shows: "More ›" goes on, "‹ Back" goes back.
//
// Paging edits the message instead of sending a new one, as well-liked
// Telegram bots page with inline keyboards (@BotFather's menus, the
// "‹ 1/5 ›" keyboards of search bots) and as the Bot API suggests
// ("Updating messages": change a message instead of sending a new one,
// most useful with inline keyboards, and to reduce clutter). The chat
// keeps one answer per question, a group is not flooded by one reader's
// paging (and stays under its 20 messages a minute), and "‹ Back" brings
// the answer itself back. When the message cannot be edited (too old,
// deleted), the passage comes as a new message replying to it; the
// terminal prints each page below the last.
func (b *Bot) more(ctx context.Context, q *tgbotapi.CallbackQuery, key, arg, lang string) (string, error) {
	n, err := strconv.Atoi(arg)
	a, found, serr := b.store.Answer(key)
	if err != nil || n < 0 || n > 100 || serr != nil || !found || q.Message == nil || q.Message.Chat == nil {
		return outCallback, firstErr(serr, b.out.AnswerCallback(ctx, q.ID, words(lang).Expired))
	}
	w := words(a.Lang)
	ans, err := b.answers.Ask(ctx, a.Question, index.AskOptions{Offset: n, Limit: 1})
	if err != nil {
		b.out.AnswerCallback(ctx, q.ID, w.Failure)
		return outError, fmt.Errorf("answer: %w", err)
	}
	if !ans.Answered || len(ans.Hits) == 0 {
		return outCallback, b.out.AnswerCallback(ctx, q.ID, w.NoMore)
	}
	if err := b.out.AnswerCallback(ctx, q.ID, ""); err != nil {
		return outError, err
	}
	blocks := answerBlocks(ans, ans.Hits[0], n, ans.Total, a.Lang)
	out := OutMessage{ChatID: q.Message.Chat.ID, NoPreview: true, Buttons: pageButtons(key, n, ans.Total, w)}
	msgs := renderMessages(blocks, MaxMessageLength)
	if len(msgs) != 1 {
		// Longer than a message (a passage is never that long): send it.
		out.ReplyTo = q.Message.MessageID
		return outCallback, b.sendBlocks(ctx, out, blocks, out.Buttons)
	}
	out.HTML = msgs[0]
	return outCallback, b.editReply(ctx, q.Message.MessageID, out)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
