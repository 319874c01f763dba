package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/index"
)

const (
	inlinePage      = 10   // results per page
	inlineCacheTime = 300  // seconds Telegram may reuse an answer to the same query
	featuredCache   = 3600 // the featured facts change with the corpus only
	maxInlineOffset = 200
)

// onInline answers "@bot question" typed in any chat: up to inlinePage
// passages a page, each sending the answer the way a chat gets it; an
// empty query offers featured facts.
//
// Telegram caches the results of a query for everyone who types it,
// unless they are marked personal. Results in the question's language
// depend on the query alone and are shared; results whose words come from
// the user's language_code (an empty query, a question whose language
// cannot be told, the "no answer" button) are personal, so that one
// user's language is never shown to another.
func (b *Bot) onInline(ctx context.Context, q *tgbotapi.InlineQuery) (string, error) {
	userLang := uiLanguage("", q.From.LanguageCode)
	if strings.TrimSpace(q.Query) == "" {
		return outInline, failed(b.featured(ctx, q.ID, userLang))
	}
	offset, err := strconv.Atoi(q.Offset)
	if err != nil || offset < 0 || offset > maxInlineOffset {
		offset = 0
	}
	ans, err := b.ask(ctx, q.Query, index.AskOptions{Offset: offset, Limit: inlinePage})
	if err != nil && err != index.ErrEmptyQuestion {
		return outError, fmt.Errorf("answer: %w", err)
	}
	if !ans.Answered || len(ans.Hits) == 0 {
		return outNoAnswer, failed(b.out.AnswerInline(ctx, InlineAnswer{QueryID: q.ID, CacheTime: inlineCacheTime, IsPersonal: true,
			SwitchPMText: words(userLang).InlineNone, SwitchPMParameter: "help"}))
	}
	qlang := questionLanguage(q.Query, ans)
	lang := uiLanguage(qlang, q.From.LanguageCode)
	a := InlineAnswer{QueryID: q.ID, CacheTime: inlineCacheTime, IsPersonal: lang != qlang}
	for i, h := range ans.Hits {
		a.Results = append(a.Results, inlineArticle(ans, h, offset+i, lang))
	}
	if next := offset + len(ans.Hits); next < ans.Total {
		a.NextOffset = strconv.Itoa(next)
	}
	return outInline, failed(b.out.AnswerInline(ctx, a))
}

// featured offers the answers to a few fixed questions in lang, the
// user's language: which summits were held, when the next one is. The
// results are personal, since another user may speak another language.
func (b *Bot) featured(ctx context.Context, queryID, lang string) error {
	a := InlineAnswer{QueryID: queryID, CacheTime: featuredCache, IsPersonal: true}
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
		a.Results = append(a.Results, inlineArticle(ans, ans.Hits[0], 0, lang))
	}
	return b.out.AnswerInline(ctx, a)
}

// inlineArticle turns passage page (0-based) of an answer into an inline
// result: the answer sentence (or the passage's heading) as the title,
// the start of the passage as the description, and the message a chat
// would get as what it sends.
func inlineArticle(ans index.Answer, h index.Hit, page int, lang string) InlineArticle {
	p := h.Passage
	title := p.Heading
	if title == "" {
		title = p.Citation.Title
	} else {
		title = p.Citation.Title + " — " + title
	}
	desc := p.Text
	if page == 0 && ans.Text != "" {
		title, desc = ans.Text, title
	}
	msgs := renderMessages(answerBlocks(ans, h, page, 1, lang), MaxMessageLength)
	return InlineArticle{ID: inlineID(p.ID, page+1), Title: snippet(title, 100), Description: snippet(desc, 150), HTML: msgs[0]}
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
