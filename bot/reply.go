package bot

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
)

// outSendFailed is the outcome of an update whose reply Telegram never
// got, after the plain-text retry: logged at error and counted as such,
// never as answered.
const outSendFailed = "send_failed"

// Editor replaces the text and buttons of a message the bot sent; *Client
// and *Console are ones. A Messenger that is not an Editor gets new
// messages instead of edits.
type Editor interface {
	Edit(ctx context.Context, messageID int, m OutMessage) error
}

// sendFailure wraps the error of a reply that was not delivered, so that
// Handle counts the update as outSendFailed whatever handler sent it.
type sendFailure struct{ err error }

func (e *sendFailure) Error() string { return "send reply: " + e.err.Error() }
func (e *sendFailure) Unwrap() error { return e.err }

// failed wraps err, if any, as a reply that was not delivered.
func failed(err error) error {
	if err == nil {
		return nil
	}
	return &sendFailure{err}
}

// entityError reports whether Telegram refused a message's markup (400
// "Bad Request: can't parse entities: …"). The Bot API tells this case
// only by its description.
func entityError(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Code == 400 && strings.Contains(apiErr.Description, "can't parse entities")
}

// sendReply sends a reply. If Telegram cannot parse its HTML, it is sent
// once more as plain text (the same words, links written out, no
// entities), so the user gets the answer rather than nothing. An error
// it returns is a sendFailure.
func (b *Bot) sendReply(ctx context.Context, m OutMessage) (int, error) {
	id, err := b.send(ctx, m)
	if entityError(err) {
		b.log.Warn("telegram could not parse a reply; sending it as plain text", "chat", m.ChatID, "err", err)
		m.HTML, m.Plain = plainVersion(m.HTML), true
		id, err = b.send(ctx, m)
	}
	return id, failed(err)
}

// editReply replaces message id with m when the Messenger can edit, and
// sends m as a new message replying to id when it cannot or the edit
// fails (a message too old or deleted). An error is a sendFailure.
func (b *Bot) editReply(ctx context.Context, id int, m OutMessage) error {
	ed, ok := b.out.(Editor)
	if !ok {
		m.ReplyTo = id
		_, err := b.sendReply(ctx, m)
		return err
	}
	err := ed.Edit(ctx, id, m)
	if entityError(err) {
		b.log.Warn("telegram could not parse an edit; sending it as plain text", "chat", m.ChatID, "err", err)
		p := m
		p.HTML, p.Plain = plainVersion(m.HTML), true
		err = ed.Edit(ctx, id, p)
	}
	if err == nil {
		return nil
	}
	b.log.Warn("edit failed; sending a new message", "chat", m.ChatID, "message", id, "err", err)
	m.ReplyTo = id
	_, err = b.sendReply(ctx, m)
	return err
}

// plainVersion is what a message in Telegram HTML shows, as plain text:
// tags dropped, a link written "text (url)", entities decoded.
func plainVersion(h string) string {
	h = linkTag.ReplaceAllString(h, "$2 ($1)")
	return html.UnescapeString(anyTag.ReplaceAllString(h, ""))
}

// pageButtons are the buttons under page (0-based) of total passages of
// answer id: the votes, "‹ Back" after the first page, "More ›" before
// the last. Callback data: v:<id>:u|d, m:<id>:<page>.
func pageButtons(id string, page, total int, w *texts) [][]Button {
	row := []Button{{Text: "👍", Data: "v:" + id + ":u"}, {Text: "👎", Data: "v:" + id + ":d"}}
	if page > 0 {
		row = append(row, Button{Text: w.Back, Data: fmt.Sprintf("m:%s:%d", id, page-1)})
	}
	if page+1 < total {
		row = append(row, Button{Text: w.More, Data: fmt.Sprintf("m:%s:%d", id, page+1)})
	}
	return [][]Button{row}
}
