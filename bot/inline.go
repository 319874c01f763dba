package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

const (
	inlinePage      = 10   // results per page
	inlineCacheTime = 300  // seconds Telegram may reuse an answer to the same query
	featuredCache   = 3600 // the featured facts change with the corpus only
	maxInlineOffset = 200
)

// onInline answers "@bot question" typed in any chat: up to inlinePage
// passages a page, each sending the passage with its citation; an empty
// query offers featured facts.
func (b *Bot) onInline(ctx context.Context, q *tgbotapi.InlineQuery) (string, error) {
	lang := uiLanguage(corpus.DetectLanguage(q.Query), q.From.LanguageCode)
	w := words(lang)
	if strings.TrimSpace(q.Query) == "" {
		return outInline, b.featured(ctx, q.ID, lang)
	}
	offset, err := strconv.Atoi(q.Offset)
	if err != nil || offset < 0 || offset > maxInlineOffset {
		offset = 0
	}
	ans, err := b.ask(ctx, q.Query, index.AskOptions{Offset: offset, Limit: inlinePage})
	if err != nil && err != index.ErrEmptyQuestion {
		return outError, fmt.Errorf("answer: %w", err)
	}
	if !ans.Answered {
		return outNoAnswer, b.out.AnswerInline(ctx, InlineAnswer{QueryID: q.ID, CacheTime: inlineCacheTime,
			SwitchPMText: w.InlineNone, SwitchPMParameter: "help"})
	}
	a := InlineAnswer{QueryID: q.ID, CacheTime: inlineCacheTime}
	for i, h := range ans.Hits {
		a.Results = append(a.Results, inlineArticle(ans, h, offset+i+1, lang))
	}
	if next := offset + len(ans.Hits); next < ans.Total {
		a.NextOffset = strconv.Itoa(next)
	}
	return outInline, b.out.AnswerInline(ctx, a)
}

// featured offers the answers to a few fixed questions: which summits were
// held, when the next one is.
func (b *Bot) featured(ctx context.Context, queryID, lang string) error {
	a := InlineAnswer{QueryID: queryID, CacheTime: featuredCache}
	seen := map[string]bool{}
	for _, fq := range words(lang).Featured {
		ans, err := b.answers.Ask(ctx, fq, index.AskOptions{Limit: 1})
		if err != nil {
			return fmt.Errorf("featured %q: %w", fq, err)
		}
		if !ans.Answered || len(ans.Hits) == 0 || seen[ans.Hits[0].Passage.ID] {
			continue
		}
		seen[ans.Hits[0].Passage.ID] = true
		a.Results = append(a.Results, inlineArticle(ans, ans.Hits[0], len(a.Results)+1, lang))
	}
	return b.out.AnswerInline(ctx, a)
}

// inlineArticle turns a passage into an inline result: its heading as the
// title, the start of the text as the description, and the question, the
// passage and its citation as the message it sends.
func inlineArticle(ans index.Answer, h index.Hit, n int, lang string) InlineArticle {
	p := h.Passage
	title := p.Heading
	if title == "" {
		title = p.Citation.Title
	} else {
		title = p.Citation.Title + " — " + title
	}
	blocks := []block{para(strong(ans.Question))}
	blocks = append(blocks, answerBlocks(index.Answer{Lang: ans.Lang}, h, 1, lang)...)
	msgs := renderMessages(blocks, MaxMessageLength)
	return InlineArticle{ID: inlineID(p.ID, n), Title: snippet(title, 100), Description: snippet(p.Text, 150), HTML: msgs[0]}
}

// inlineID is a result id of at most 64 bytes, unique within an answer.
func inlineID(passage string, n int) string {
	id := strconv.Itoa(n) + ":" + passage
	if len(id) <= 64 {
		return id
	}
	sum := sha256.Sum256([]byte(passage))
	return strconv.Itoa(n) + ":" + hex.EncodeToString(sum[:16])
}
