package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/corpus"
)

// Announce queues the delivery of new documents to every subscriber they
// concern, in one transaction per document: after a crash, each
// subscriber gets each document exactly once. Digest subscribers get the
// document in their next digest.
func (b *Bot) Announce(ctx context.Context, docs []corpus.Document) {
	subs, err := b.store.Subscriptions()
	if err != nil {
		b.log.Error("read subscriptions", "err", err)
		return
	}
	for _, d := range docs {
		var out []store.Delivery
		var digest []int64
		for _, s := range subs {
			if !b.wants(s, d) {
				continue
			}
			if s.Digest {
				digest = append(digest, s.ChatID)
				continue
			}
			html := renderMessages(articleBlocks(d, s.Lang), MaxMessageLength)[0]
			out = append(out, store.Delivery{ChatID: s.ChatID, Key: d.ID, HTML: html})
		}
		n, err := b.store.Announce(d.ID, out, digest, b.now())
		if err != nil {
			b.log.Error("queue deliveries", "doc", d.ID, "err", err)
			continue
		}
		b.log.Info("article announced", "doc", d.ID, "deliveries", n, "digests", len(digest))
	}
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// AnnounceMissed announces the documents among docs that were never
// announced: taken in just before a crash, or added with "summitbot
// ingest" while the bot was not running.
func (b *Bot) AnnounceMissed(ctx context.Context, docs []corpus.Document) {
	var missed []corpus.Document
	for _, d := range docs {
		if ok, err := b.store.Announced(d.ID); err == nil && !ok {
			missed = append(missed, d)
		}
	}
	if len(missed) > 0 {
		b.log.Info("announcing documents taken in while the bot was not running", "count", len(missed))
		b.Announce(ctx, missed)
	}
}

// wants reports whether a subscription asks for a document.
func (b *Bot) wants(s store.Subscription, d corpus.Document) bool {
	if c, ok, _ := b.store.Chat(s.ChatID); ok && c.Inactive {
		return false
	}
	if len(s.Topics) == 0 || b.topics == nil {
		return true
	}
	for _, t := range s.Topics {
		if b.topics.Matches(d, t) {
			return true
		}
	}
	return false
}

// leadRunes bounds the lead of an article in a delivery: one or two
// sentences.
const leadRunes = 320

// articleBlocks is a delivery: the title linked to the article, its first
// sentences, the source and date.
func articleBlocks(d corpus.Document, lang string) []block {
	w := words(lang)
	lead := ""
	if ps := corpus.Split(d); len(ps) > 0 {
		for _, s := range corpus.Sentences(ps[0].Text) {
			if lead != "" && len([]rune(lead+s)) > leadRunes {
				break
			}
			lead = strings.TrimSpace(lead + " " + s)
		}
	}
	return []block{
		para(text("📰 "+w.NewArticle+": "), strong(d.Title)),
		para(text(snippet(lead, leadRunes))),
		para(text(fmt.Sprintf("%s, %s · ", d.Source, d.Published.Format(corpus.DateLayout))), anchor(w.Read, d.URL)),
	}
}

// digestBlocks lists documents in one message.
func digestBlocks(docs []corpus.Document, lang string) []block {
	w := words(lang)
	list := block{}
	for i, d := range docs {
		if i > 0 {
			list = append(list, text("\n"))
		}
		list = append(list, text("• "), anchor(d.Title, d.URL), text(fmt.Sprintf(" — %s, %s", d.Source, d.Published.Format(corpus.DateLayout))))
	}
	return []block{para(strong(fmt.Sprintf(w.DigestTitle, len(docs)))), list}
}

// Deliverer sends the outbox: one message at a time to each chat, several
// chats at once, within Telegram's limits (the client's), retrying what
// failed with a growing delay and dropping the subscription of a chat that
// refuses the bot. It also turns waiting digests into messages.
type Deliverer struct {
	Bot *Bot
	Log *slog.Logger
	// Workers is how many chats are sent to at once (default 16).
	Workers int
	// Idle is how often the outbox is looked at when nothing wakes the
	// deliverer (default 1s); Digest is the time between a subscriber's
	// digests (default 24h).
	Idle, Digest time.Duration
	// MaxAttempts bounds the tries of one delivery (default 8).
	MaxAttempts int
	// Grace is how long sends in flight may take after ctx ends (default 4s).
	Grace time.Duration
}

// Run delivers until ctx ends. Deliveries whose send began before the
// last stop are settled first as sent: Telegram most likely has them, and
// a subscriber must not get a message twice.
func (d *Deliverer) Run(ctx context.Context) error {
	b := d.Bot
	if d.Log == nil {
		d.Log = b.log
	}
	if d.Workers <= 0 {
		d.Workers = 16
	}
	if d.Idle <= 0 {
		d.Idle = time.Second
	}
	if d.Digest <= 0 {
		d.Digest = 24 * time.Hour
	}
	if d.MaxAttempts <= 0 {
		d.MaxAttempts = 8
	}
	if d.Grace <= 0 {
		d.Grace = 4 * time.Second
	}
	settled, err := b.store.Recover()
	if err != nil {
		return fmt.Errorf("settle deliveries: %w", err)
	}
	for _, s := range settled {
		d.Log.Warn("a delivery was being sent when the bot stopped; counted as sent", "chat", s.ChatID, "key", s.Key)
	}
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	go func() {
		<-ctx.Done()
		time.Sleep(d.Grace)
		cancel()
	}()
	lastDigest := time.Time{}
	for ctx.Err() == nil {
		if now := b.now(); now.Sub(lastDigest) >= time.Minute {
			d.digests(now)
			lastDigest = now
		}
		if n := d.round(ctx, work); n > 0 {
			continue // more may be due at once
		}
		select {
		case <-ctx.Done():
		case <-b.wake:
		case <-time.After(d.Idle):
		}
	}
	return nil
}

// round sends the deliveries due now, each chat's in order, and returns
// how many it tried.
func (d *Deliverer) round(ctx, work context.Context) int {
	b := d.Bot
	due, _, err := b.store.Pending(b.now(), 4096)
	if err != nil {
		d.Log.Error("read the outbox", "err", err)
		return 0
	}
	byChat := map[int64][]store.Delivery{}
	var order []int64
	for _, x := range due {
		if _, ok := byChat[x.ChatID]; !ok {
			order = append(order, x.ChatID)
		}
		byChat[x.ChatID] = append(byChat[x.ChatID], x)
	}
	chats := make(chan int64)
	var wg sync.WaitGroup
	for range min(d.Workers, len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chat := range chats {
				for _, x := range byChat[chat] {
					if ctx.Err() != nil || !d.deliver(work, x) {
						break
					}
				}
			}
		}()
	}
	for _, chat := range order {
		select {
		case chats <- chat:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(chats)
	wg.Wait()
	return len(due)
}

// deliver sends one delivery and records the outcome; it returns false
// when the chat's other deliveries should wait.
func (d *Deliverer) deliver(ctx context.Context, x store.Delivery) bool {
	b := d.Bot
	var gone bool
	m := OutMessage{ChatID: x.ChatID, HTML: x.HTML, attempt: func(sending bool) {
		// Marked right before the request leaves, after the wait for a turn:
		// a crash while waiting must not count the message as sent.
		var err error
		if sending {
			err = b.store.Begin(x, b.now())
		} else {
			err = b.store.NotSending(x)
		}
		if errors.Is(err, store.ErrGone) {
			gone = true
		} else if err != nil {
			d.Log.Error("mark a delivery", "chat", x.ChatID, "key", x.Key, "sending", sending, "err", err)
		}
	}}
	_, err := b.send(ctx, m)
	if gone {
		return true // its chat was dropped meanwhile
	}
	var fb *ForbiddenError
	switch {
	case err == nil:
		if err := b.store.Delivered(x, b.now()); err != nil {
			d.Log.Error("record a delivery", "chat", x.ChatID, "key", x.Key, "err", err)
		}
		return true
	case errors.As(err, &fb):
		// send dropped the chat's subscription and outbox.
		return false
	case x.Attempts+1 >= d.MaxAttempts:
		d.Log.Error("giving up a delivery", "chat", x.ChatID, "key", x.Key, "attempts", x.Attempts+1, "err", err)
		b.store.Abandon(x)
		return true
	default:
		wait := backoff(x.Attempts+3) * 4
		d.Log.Warn("delivery failed; will retry", "chat", x.ChatID, "key", x.Key, "retry_in", wait.Round(time.Second), "err", err)
		if err := b.store.Retry(x, b.now().Add(wait)); err != nil {
			d.Log.Error("requeue a delivery", "chat", x.ChatID, "err", err)
		}
		return false
	}
}

// digests turns the digests that have waited long enough into messages.
func (d *Deliverer) digests(now time.Time) {
	b := d.Bot
	day := now.UTC().Format(corpus.DateLayout)
	n, err := b.store.DueDigests(now, d.Digest, func(chat int64, ids []string) (store.Delivery, bool) {
		sub, ok, _ := b.store.Subscription(chat)
		lang := "en"
		if ok {
			lang = sub.Lang
		}
		var docs []corpus.Document
		for _, id := range ids {
			if doc, ok := b.library.Document(id); ok {
				docs = append(docs, doc)
			}
		}
		if len(docs) == 0 {
			return store.Delivery{}, false
		}
		msgs := renderMessages(digestBlocks(docs, lang), MaxMessageLength)
		return store.Delivery{ChatID: chat, Key: "digest:" + day, HTML: msgs[0]}, true
	})
	if err != nil {
		d.Log.Error("prepare digests", "err", err)
	} else if n > 0 {
		d.Log.Info("digests queued", "count", n)
	}
}
