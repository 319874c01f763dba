// Package bot puts SummitBot in Telegram: updates in (long polling or a
// webhook), replies out in private chats, groups and inline mode, buttons,
// feedback, per-chat ordering, Telegram's rate limits and retries, and a
// terminal stand-in for trying it without Telegram.
package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// Answerer answers questions; *index.Engine is one.
type Answerer interface {
	Ask(ctx context.Context, question string, opts index.AskOptions) (index.Answer, error)
}

// Library describes what the answers come from, for /sources, /about and
// digests.
type Library interface {
	Documents() []corpus.Document
	Document(id string) (corpus.Document, bool)
	Info() index.Info
}

// Messenger sends what the bot says. *Client sends it to Telegram; the
// terminal session prints it.
type Messenger interface {
	Send(ctx context.Context, m OutMessage) (int, error)
	AnswerCallback(ctx context.Context, id, text string) error
	AnswerInline(ctx context.Context, a InlineAnswer) error
}

// Config configures a Bot.
type Config struct {
	Me      User // the bot's own account (Client.Me)
	Version string
	Logger  *slog.Logger
	// FloodLimit is how many questions a user may ask per FloodWindow
	// before the bot stops answering them for a while (default 20 a minute).
	FloodLimit  int
	FloodWindow time.Duration
	Now         func() time.Time
	// Chats looks chats up for subscriptions; when nil, Messenger is used
	// if it is one.
	Chats Chats
	// Topics matches articles to subscribers' words; when nil, every
	// article matches.
	Topics Topics
	// Observer is told of updates and answers, for metrics.
	Observer Observer
}

// Bot handles Telegram updates. It is safe for concurrent use; the
// dispatcher keeps the updates of one chat in order.
type Bot struct {
	out     Messenger
	answers Answerer
	library Library
	store   *store.Store
	me      User
	version string
	log     *slog.Logger
	flood   *floodGuard
	now     func() time.Time
	chats   Chats
	topics  Topics
	admins  adminCache
	obs     Observer
	wake    chan struct{} // tells the deliverer that the outbox has work
}

// Topics decides whether a document is about a subscriber's words;
// *index.Engine is one.
type Topics interface {
	Matches(d corpus.Document, topic string) bool
}

// New returns a bot that answers with answers, tells about library, sends
// with out and keeps its state in st.
func New(answers Answerer, library Library, out Messenger, st *store.Store, cfg Config) *Bot {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.FloodLimit == 0 {
		cfg.FloodLimit = 20
	}
	if cfg.FloodWindow == 0 {
		cfg.FloodWindow = time.Minute
	}
	if cfg.Chats == nil {
		cfg.Chats, _ = out.(Chats)
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	return &Bot{
		out: out, answers: answers, library: library, store: st, me: cfg.Me, version: cfg.Version,
		log: cfg.Logger, flood: newFloodGuard(cfg.FloodLimit, cfg.FloodWindow, cfg.Now), now: cfg.Now,
		chats: cfg.Chats, topics: cfg.Topics, wake: make(chan struct{}, 1), obs: cfg.Observer,
	}
}

// AllowedUpdates are the update types the bot asks Telegram for.
var AllowedUpdates = []string{"message", "channel_post", "inline_query", "callback_query", "my_chat_member"}

// RegisterCommands sets the command menu in every language the bot speaks,
// and for the languages whose readers it answers in another (Kyrgyz, Tajik
// and Turkmen: Russian) the menu in that one. The command names are the
// same everywhere; only the descriptions are translated.
func RegisterCommands(ctx context.Context, c *Client) error {
	codes := append([]string{}, botLanguages...)
	codes = append(codes, slices.Sorted(maps.Keys(readInstead))...)
	for _, code := range codes {
		lang := uiLanguage("", code)
		var cmds []Command
		for _, name := range commandOrder {
			cmds = append(cmds, Command{Name: name, Description: words(lang).Commands[name]})
		}
		languageCode := code
		if code == "en" {
			languageCode = "" // English is the default for every other language
		}
		if err := c.SetCommands(ctx, languageCode, cmds); err != nil {
			return fmt.Errorf("set commands (%s): %w", code, err)
		}
	}
	return nil
}

// send delivers a message, following a group's move to a supergroup and
// marking a chat that blocked or removed the bot as inactive.
func (b *Bot) send(ctx context.Context, m OutMessage) (int, error) {
	if to, err := b.store.Resolve(m.ChatID); err == nil {
		m.ChatID = to
	}
	if rl := repliesOf(ctx); rl != nil {
		if rl.skip() {
			b.log.Info("reply sent before the last stop; not sending it again", "update", rl.update, "chat", m.ChatID)
			return 0, nil
		}
		rl.track(&m, func(err error) { b.log.Error("record a reply about to be sent", "update", rl.update, "err", err) })
		defer func() { rl.next++ }()
	}
	id, err := b.out.Send(ctx, m)
	var mig *MigratedError
	if errors.As(err, &mig) {
		old := m.ChatID
		if err := b.store.MoveChat(old, mig.To); err != nil {
			b.log.Error("record chat migration", "chat", old, "to", mig.To, "err", err)
		}
		b.log.Info("group became a supergroup", "chat", old, "to", mig.To)
		m.ChatID = mig.To
		id, err = b.out.Send(ctx, m)
	}
	var fb *ForbiddenError
	if errors.As(err, &fb) {
		b.deactivate(m.ChatID, fb.Description)
		if err := b.store.DropChat(m.ChatID); err != nil {
			b.log.Error("drop the subscriptions of a chat that refused the bot", "chat", m.ChatID, "err", err)
		}
	}
	return id, err
}

// deactivate records that the bot can no longer write to a chat.
func (b *Bot) deactivate(chat int64, reason string) {
	if err := b.store.UpdateChat(chat, func(c *store.Chat) { c.Inactive, c.Reason = true, reason }); err != nil {
		b.log.Error("mark chat inactive", "chat", chat, "err", err)
		return
	}
	b.log.Info("chat inactive", "chat", chat, "reason", reason)
}

// reactivate records that a chat marked inactive writes to the bot again.
func (b *Bot) reactivate(chat int64) {
	c, ok, err := b.store.Chat(chat)
	if err != nil || !ok || !c.Inactive {
		return
	}
	if err := b.store.UpdateChat(chat, func(c *store.Chat) { c.Inactive, c.Reason = false, "" }); err != nil {
		b.log.Error("mark chat active", "chat", chat, "err", err)
		return
	}
	b.log.Info("chat active again", "chat", chat)
}
