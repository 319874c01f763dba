package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/summitbot/summitbot/bot/store"
)

// Chats looks chats and their members up; *Client is one.
type Chats interface {
	Chat(ctx context.Context, ref string) (ChatInfo, error)
	MemberStatus(ctx context.Context, chat, user int64) (string, error)
	Administrators(ctx context.Context, chat int64) ([]int64, error)
}

const (
	maxTopics      = 10
	maxTopicRunes  = 64
	adminCacheTime = 5 * time.Minute
)

// digestWords ask for a daily digest, in any of the bot's languages.
var digestWords = map[string]bool{"digest": true, "résumé": true, "resume": true, "дайджест": true, "摘要": true}

// subRequest is a parsed /subscribe or /unsubscribe.
type subRequest struct {
	channel string // "@name" when the command is about a channel
	topic   string
	digest  bool
}

func parseSubRequest(args string) subRequest {
	var r subRequest
	f := strings.Fields(args)
	if len(f) > 0 && strings.HasPrefix(f[0], "@") && len(f[0]) > 1 {
		r.channel, f = f[0], f[1:]
	}
	if len(f) == 1 && digestWords[strings.ToLower(f[0])] {
		return subRequest{channel: r.channel, digest: true}
	}
	r.topic = strings.Join(f, " ")
	if utf8.RuneCountInString(r.topic) > maxTopicRunes {
		r.topic = string([]rune(r.topic)[:maxTopicRunes])
	}
	return r
}

// adminCache remembers a group's administrators for a few minutes, so that
// a run of commands costs one question to Telegram.
type adminCache struct {
	mu    sync.Mutex
	chats map[int64]adminEntry
}

type adminEntry struct {
	ids     []int64
	expires time.Time
}

func (b *Bot) isAdmin(ctx context.Context, chat int64, m *tgbotapi.Message) (bool, error) {
	if m.SenderChat != nil && m.SenderChat.ID == chat {
		return true, nil // an anonymous administrator posts as the group
	}
	if m.From == nil || b.chats == nil {
		return false, nil
	}
	b.admins.mu.Lock()
	e, ok := b.admins.chats[chat]
	b.admins.mu.Unlock()
	if !ok || b.now().After(e.expires) {
		ids, err := b.chats.Administrators(ctx, chat)
		if err != nil {
			return false, err
		}
		e = adminEntry{ids: ids, expires: b.now().Add(adminCacheTime)}
		b.admins.mu.Lock()
		if b.admins.chats == nil {
			b.admins.chats = map[int64]adminEntry{}
		}
		b.admins.chats[chat] = e
		b.admins.mu.Unlock()
	}
	for _, id := range e.ids {
		if id == m.From.ID {
			return true, nil
		}
	}
	return false, nil
}

// onSubscription handles /subscribe, /unsubscribe and /subscriptions in a
// private chat or a group.
func (b *Bot) onSubscription(ctx context.Context, m *tgbotapi.Message, c command, lang string, replyTo int) (string, error) {
	w := words(lang)
	say := func(text string) (string, error) {
		_, err := b.sendReply(ctx, OutMessage{ChatID: m.Chat.ID, HTML: escape(text), ReplyTo: replyTo})
		return outCommand, err
	}
	req := parseSubRequest(c.args)
	if req.channel != "" {
		if m.Chat.Type != "private" {
			return say(w.Help) // channels are managed from a private chat
		}
		return b.channelSubscription(ctx, m, c.name, req, lang)
	}
	if c.name != "subscriptions" && m.Chat.Type != "private" {
		ok, err := b.isAdmin(ctx, m.Chat.ID, m)
		if err != nil {
			return outError, fmt.Errorf("group administrators: %w", err)
		}
		if !ok {
			return say(w.AdminsOnly)
		}
	}
	by := int64(0)
	if m.From != nil {
		by = m.From.ID
	}
	text, err := b.applySubscription(m.Chat.ID, m.Chat.Type, m.Chat.Title, by, c.name, req, lang)
	if err != nil {
		return outError, err
	}
	return say(text)
}

// applySubscription changes a chat's subscription and says what it is now.
func (b *Bot) applySubscription(chat int64, chatType, title string, by int64, cmd string, req subRequest, lang string) (string, error) {
	w := words(lang)
	switch cmd {
	case "subscribe":
		sub := store.Subscription{ChatID: chat, ChatType: chatType, Title: title, Lang: lang, By: by, Digest: req.digest, Created: b.now().UTC()}
		if req.topic != "" {
			sub.Topics = []string{req.topic}
		}
		if old, ok, _ := b.store.Subscription(chat); ok && len(old.Topics) >= maxTopics && req.topic != "" {
			return b.status(chat, lang)
		}
		sub, err := b.store.Subscribe(sub)
		if err != nil {
			return "", fmt.Errorf("subscribe: %w", err)
		}
		b.log.Info("chat subscribed", "chat", chat, "chat_type", chatType, "topics", len(sub.Topics), "digest", sub.Digest)
		switch {
		case req.digest:
			return w.SubscribedDigest, nil
		case len(sub.Topics) > 0:
			return fmt.Sprintf(w.SubscribedTopics, strings.Join(sub.Topics, ", ")), nil
		}
		return w.SubscribedAll, nil
	case "unsubscribe":
		var topics []string
		if req.topic != "" {
			topics = []string{req.topic}
		}
		removed, err := b.store.Unsubscribe(chat, topics...)
		if err != nil {
			return "", fmt.Errorf("unsubscribe: %w", err)
		}
		switch {
		case !removed:
			return w.NotSubscribed, nil
		case req.topic != "":
			return fmt.Sprintf(w.UnsubscribedTopic, req.topic), nil
		}
		b.log.Info("chat unsubscribed", "chat", chat, "chat_type", chatType)
		return w.Unsubscribed, nil
	}
	return b.status(chat, lang)
}

// status says what a chat is subscribed to.
func (b *Bot) status(chat int64, lang string) (string, error) {
	w := words(lang)
	sub, ok, err := b.store.Subscription(chat)
	if err != nil {
		return "", err
	}
	if !ok {
		return w.NotSubscribed, nil
	}
	return fmt.Sprintf(w.Status, describe(sub, lang)), nil
}

func describe(sub store.Subscription, lang string) string {
	w := words(lang)
	what := w.StatusAll
	if len(sub.Topics) > 0 {
		what = fmt.Sprintf(w.StatusTopics, strings.Join(sub.Topics, ", "))
	}
	if sub.Digest {
		what += w.StatusDigest
	}
	return what
}

// channelSubscription subscribes a channel from a private chat, after
// checking with Telegram that the channel exists, that the bot is one of
// its administrators and that the user is one too.
func (b *Bot) channelSubscription(ctx context.Context, m *tgbotapi.Message, cmd string, req subRequest, lang string) (string, error) {
	w := words(lang)
	say := func(text string) (string, error) {
		_, err := b.sendReply(ctx, OutMessage{ChatID: m.Chat.ID, HTML: escape(text)})
		return outCommand, err
	}
	if b.chats == nil || m.From == nil {
		return say(fmt.Sprintf(w.ChannelNotFound, req.channel))
	}
	ch, err := b.chats.Chat(ctx, req.channel)
	var apiErr *APIError
	var forbidden *ForbiddenError
	if errors.As(err, &apiErr) || errors.As(err, &forbidden) {
		return say(fmt.Sprintf(w.ChannelNotFound, req.channel))
	}
	if err != nil {
		// Telegram could not be asked (a timeout, a 5xx): the user hears
		// so, and the operator gets the error.
		_, serr := say(fmt.Sprintf(w.ChannelCheck, req.channel))
		return outError, errors.Join(fmt.Errorf("look up %s: %w", req.channel, err), serr)
	}
	if ch.Type != "channel" {
		return say(fmt.Sprintf(w.ChannelNotChannel, req.channel))
	}
	botStatus, err := b.chats.MemberStatus(ctx, ch.ID, b.me.ID)
	if err != nil && !errors.As(err, &apiErr) && !errors.As(err, &forbidden) {
		_, serr := say(fmt.Sprintf(w.ChannelCheck, req.channel))
		return outError, errors.Join(fmt.Errorf("bot status in %s: %w", req.channel, err), serr)
	}
	if botStatus != "administrator" && botStatus != "creator" {
		return say(fmt.Sprintf(w.BotNotAdmin, req.channel))
	}
	userStatus, err := b.chats.MemberStatus(ctx, ch.ID, m.From.ID)
	if err != nil && !errors.As(err, &apiErr) && !errors.As(err, &forbidden) {
		_, serr := say(fmt.Sprintf(w.ChannelCheck, req.channel))
		return outError, errors.Join(fmt.Errorf("user status in %s: %w", req.channel, err), serr)
	}
	if userStatus != "administrator" && userStatus != "creator" {
		return say(fmt.Sprintf(w.UserNotAdmin, req.channel))
	}
	if err := b.store.UpdateChat(ch.ID, func(c *store.Chat) {
		c.Type, c.Title, c.Username, c.Inactive, c.Reason = "channel", ch.Title, ch.Username, false, ""
	}); err != nil {
		return outError, err
	}
	text, err := b.applySubscription(ch.ID, "channel", ch.Title, m.From.ID, cmd, req, lang)
	if err != nil {
		return outError, err
	}
	if cmd == "subscribe" {
		sub, _, _ := b.store.Subscription(ch.ID)
		text = fmt.Sprintf(w.ChannelSubscribed, req.channel, describe(sub, lang))
	} else if cmd == "unsubscribe" && text == w.Unsubscribed {
		text = fmt.Sprintf(w.ChannelDropped, req.channel)
	}
	return say(text)
}

// onChannelPost handles commands posted in a channel where the bot is an
// administrator: only the channel's administrators can post there, so
// /subscribe needs no other check.
func (b *Bot) onChannelPost(ctx context.Context, m *tgbotapi.Message) (string, error) {
	c, ok := parseCommand(m.Text, m.Entities)
	if !ok || (c.at != "" && !strings.EqualFold(c.at, b.me.Username)) {
		return outIgnored, nil
	}
	switch c.name {
	case "subscribe", "unsubscribe", "subscriptions":
	default:
		return outIgnored, nil
	}
	lang := "en"
	if old, ok, _ := b.store.Subscription(m.Chat.ID); ok && old.Lang != "" {
		lang = old.Lang
	}
	b.store.UpdateChat(m.Chat.ID, func(ch *store.Chat) {
		ch.Type, ch.Title, ch.Username, ch.Inactive = "channel", m.Chat.Title, m.Chat.UserName, false
	})
	text, err := b.applySubscription(m.Chat.ID, "channel", m.Chat.Title, 0, c.name, parseSubRequest(c.args), lang)
	if err != nil {
		return outError, err
	}
	_, err = b.sendReply(ctx, OutMessage{ChatID: m.Chat.ID, HTML: escape(text)})
	return outCommand, err
}
