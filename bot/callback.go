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

// more sends the next passage of an earlier answer.
func (b *Bot) more(ctx context.Context, q *tgbotapi.CallbackQuery, key, arg, lang string) (string, error) {
	n, err := strconv.Atoi(arg)
	a, found, serr := b.store.Answer(key)
	if err != nil || n < 1 || n > 100 || serr != nil || !found || q.Message == nil || q.Message.Chat == nil {
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
	var buttons [][]Button
	if n+1 < ans.Total {
		buttons = [][]Button{{{Text: w.More, Data: fmt.Sprintf("m:%s:%d", key, n+1)}}}
	}
	blocks := answerBlocks(ans, ans.Hits[0], n+1, a.Lang)
	return outCallback, b.sendBlocks(ctx, OutMessage{ChatID: q.Message.Chat.ID, ReplyTo: q.Message.MessageID, NoPreview: true}, blocks, buttons)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
