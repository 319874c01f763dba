package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/feed"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/live"
)

// telegramConfig is what serve needs beyond the common configuration.
type telegramConfig struct {
	Token         string
	APIURL        string
	HTTPTimeout   time.Duration
	PollWait      time.Duration
	FloodLimit    int
	WebhookURL    string
	WebhookListen string
	WebhookSecret string
	Feeds         []string
	FeedInterval  time.Duration
	WatchInterval time.Duration
	MetricsAddr   string
}

// validSecret reports whether s is a secret_token the Bot API accepts:
// 1-256 characters of A-Z, a-z, 0-9, _ and -. It is checked by hand: the
// expression [A-Za-z0-9_-]{1,256}, compiled at start-up, was a millisecond
// and 3,400 allocations of every process, most of which never serve.
func validSecret(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// minFeedInterval is the least time between two fetches of a feed. The
// tests of the feed loop lower it.
var minFeedInterval = time.Minute

// loadTelegramConfig reads the Telegram variables; a bad value is an error
// naming the variable. The token is checked for presence only here, and is
// never part of an error.
func loadTelegramConfig(e *env) (telegramConfig, error) {
	c := telegramConfig{
		Token:         e.get("TELEGRAM_BOT_TOKEN"),
		APIURL:        e.get("TELEGRAM_API_URL"),
		WebhookURL:    e.get("SUMMITBOT_WEBHOOK_URL"),
		WebhookListen: e.get("SUMMITBOT_WEBHOOK_LISTEN"),
		WebhookSecret: e.get("SUMMITBOT_WEBHOOK_SECRET"),
		MetricsAddr:   e.get("SUMMITBOT_METRICS_ADDR"),
	}
	if strings.ContainsFunc(c.Token, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		// The value is not shown: it is the secret.
		return c, &configError{Var: "TELEGRAM_BOT_TOKEN", Problem: "contains a space or a line break; " +
			"a token is one word such as 123456:ABC-DEF… (check the quotes and line ends in .env)"}
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return c, &configError{Var: "SUMMITBOT_METRICS_ADDR", Problem: fmt.Sprintf("%q: want host:port or :port", c.MetricsAddr), Err: err}
		}
	}
	if c.APIURL == "" {
		c.APIURL = bot.DefaultAPIURL
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("TELEGRAM_API_URL=%q: want an http(s) URL such as %s", c.APIURL, bot.DefaultAPIURL)
	}
	var err error
	if c.HTTPTimeout, err = durationVar(e, "SUMMITBOT_HTTP_TIMEOUT", 15*time.Second); err != nil {
		return c, err
	}
	if c.PollWait, err = durationVar(e, "SUMMITBOT_POLL_TIMEOUT", 50*time.Second); err != nil {
		return c, err
	}
	if c.PollWait > 10*time.Minute {
		return c, fmt.Errorf("SUMMITBOT_POLL_TIMEOUT=%s: at most 10m", c.PollWait)
	}
	if c.FloodLimit, err = intVar(e, "SUMMITBOT_FLOOD_LIMIT", 20); err != nil {
		return c, err
	}
	if c.FeedInterval, err = durationVar(e, "SUMMITBOT_FEED_INTERVAL", 15*time.Minute); err != nil {
		return c, err
	}
	if c.FeedInterval < minFeedInterval {
		return c, &configError{Var: "SUMMITBOT_FEED_INTERVAL", Problem: fmt.Sprintf("%s: at least %s, or every feed is fetched in a loop",
			c.FeedInterval, minFeedInterval)}
	}
	if c.WatchInterval, err = durationVar(e, "SUMMITBOT_WATCH_INTERVAL", 2*time.Second); err != nil {
		return c, err
	}
	if c.Feeds, err = feedList("SUMMITBOT_FEEDS", e.get("SUMMITBOT_FEEDS")); err != nil {
		return c, err
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return c, fmt.Errorf("SUMMITBOT_WEBHOOK_URL=%q: want the public https URL Telegram posts to", c.WebhookURL)
		}
		if c.WebhookListen == "" {
			c.WebhookListen = ":8443"
		}
		if _, _, err := net.SplitHostPort(c.WebhookListen); err != nil {
			return c, &configError{Var: "SUMMITBOT_WEBHOOK_LISTEN", Problem: fmt.Sprintf("%q: want host:port or :port, such as :8443", c.WebhookListen), Err: err}
		}
		if !validSecret(c.WebhookSecret) {
			return c, errors.New("SUMMITBOT_WEBHOOK_SECRET: required in webhook mode, 1-256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	return c, nil
}

// feedList reads a comma-separated list of feed URLs.
func feedList(name, v string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		u, err := url.Parse(f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s: %q is not an http(s) feed URL", name, f)
		}
		out = append(out, f)
	}
	return out, nil
}

func durationVar(e *env, key string, def time.Duration) (time.Duration, error) {
	v := e.get(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive duration such as 15s or 2m", key, v)
	}
	return d, nil
}

func intVar(e *env, key string, def int) (int, error) {
	v := e.get(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive whole number", key, v)
	}
	return n, nil
}

const tokenHelp = "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather (https://t.me/BotFather) and put its token in the environment or in .env (see .env.example)"

type serveOptions struct{ feeds string }

var serveCommand = command{
	name: "serve", summary: "run the Telegram bot (long polling, or a webhook when SUMMITBOT_WEBHOOK_URL is set)",
	flags: func(fs *flag.FlagSet) any {
		o := &serveOptions{}
		fs.StringVar(&o.feeds, "feeds", "", "comma-separated RSS or Atom feed `URLs` to take new articles from (env SUMMITBOT_FEEDS)")
		return o
	},
	run: func(ctx context.Context, a *app, opts any, _ []string) error {
		tc, err := loadTelegramConfig(a.env)
		if err != nil {
			return err
		}
		if f := opts.(*serveOptions).feeds; f != "" {
			if tc.Feeds, err = feedList("-feeds", f); err != nil {
				return usageError{err.Error()}
			}
		}
		if tc.Token == "" {
			return errors.New(tokenHelp)
		}
		for _, name := range unknownVariables(a.env) {
			a.log.Warn("not a SummitBot variable; a typo? (see .env.example)", "variable", name)
		}
		// The addresses first: one that cannot be had stops the start at
		// once, before minutes of indexing.
		var opsLn, hookLn net.Listener
		if tc.MetricsAddr != "" {
			if opsLn, err = listen(ctx, "SUMMITBOT_METRICS_ADDR", tc.MetricsAddr); err != nil {
				return err
			}
			defer opsLn.Close()
		}
		if tc.WebhookURL != "" {
			if hookLn, err = listen(ctx, "SUMMITBOT_WEBHOOK_LISTEN", tc.WebhookListen); err != nil {
				return err
			}
			defer hookLn.Close()
		}
		dirs, err := a.corpusDirs()
		if err != nil {
			return err
		}
		watcher, extra, err := corpus.NewWatcher(a.log, tc.WatchInterval, dirs...)
		if err != nil {
			return err
		}
		c, err := a.withEmbedded(extra)
		if err != nil {
			return err
		}
		stamp, err := corpus.Stamp(dirs...)
		if err != nil {
			return err
		}
		engine, err := a.openIndex(ctx, index.Source{Stamp: stamp, Load: func() (*corpus.Collection, error) { return c, nil }}, false)
		if err != nil {
			return err
		}
		defer engine.Close()
		st, err := a.openStore()
		if err != nil {
			return err
		}
		defer st.Close()
		m := newMetrics(engine, st)
		client, err := bot.NewClient(bot.ClientConfig{APIURL: tc.APIURL, Token: tc.Token, Timeout: tc.HTTPTimeout, Logger: a.log, Observer: m})
		if err != nil {
			return err
		}
		me, err := client.Me(ctx)
		var apiErr *bot.APIError
		if errors.As(err, &apiErr) && apiErr.Code == 401 {
			return errors.New("the Bot API refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN")
		}
		if err != nil {
			return fmt.Errorf("reach the Bot API at %s: %w", tc.APIURL, err)
		}
		a.log.Info("connected to Telegram", "bot", me.Username, "api", tc.APIURL)
		b := bot.New(engine, engine, client, st, bot.Config{Me: me, Version: version, Logger: a.log,
			FloodLimit: tc.FloodLimit, Topics: engine, Observer: m})
		lc := &live.Corpus{Index: engine, Watcher: watcher, Inbox: a.documentsDir(), Feeds: tc.Feeds,
			Interval: tc.FeedInterval, Fetcher: &feed.Fetcher{}, State: liveState{st}, Announce: b.Announce, Log: a.log}
		deliverer := &bot.Deliverer{Bot: b, Log: a.log}
		if taken, err := corpus.LoadDirs(a.documentsDir()); err == nil {
			b.AnnounceMissed(ctx, taken.Documents)
		}
		r := &bot.Runner{Bot: b, Client: client, Store: st, Log: a.log, PollWait: tc.PollWait}

		// When the runner stops, for whatever reason, so does the rest.
		var wg sync.WaitGroup
		defer wg.Wait()
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		// The menu is registered beside polling, not before it: every call
		// waits its turn under the Bot API's message limit (about 36 ms),
		// and four menus before the first poll delayed the first answer
		// by 150 ms.
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := bot.RegisterCommands(ctx, client); err != nil && ctx.Err() == nil {
				a.log.Warn("could not register the command menu", "err", err)
			}
		}()
		if opsLn != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := a.serveOps(ctx, opsLn, opsServer(m, engine, client, lc)); err != nil {
					a.log.Error("health and metrics server stopped", "err", err)
				}
			}()
		}
		wg.Add(2)
		go func() { defer wg.Done(); lc.Run(ctx) }()
		go func() {
			defer wg.Done()
			if err := deliverer.Run(ctx); err != nil {
				a.log.Error("deliveries stopped", "err", err)
			}
		}()
		if tc.WebhookURL != "" {
			return r.Webhook(ctx, bot.WebhookConfig{Listener: hookLn, URL: tc.WebhookURL, Secret: tc.WebhookSecret})
		}
		return r.Poll(ctx)
	},
}

// liveState keeps the live corpus's memory of feeds in the state file.
type liveState struct{ st *store.Store }

func (s liveState) FeedState(url string) (live.FeedState, error) {
	f, err := s.st.Feed(url)
	return live.FeedState{Validators: feed.Validators{ETag: f.ETag, LastModified: f.LastModified}, Checked: f.Checked}, err
}

func (s liveState) SaveFeedState(url string, f live.FeedState) error {
	return s.st.SaveFeed(url, store.FeedState{ETag: f.Validators.ETag, LastModified: f.Validators.LastModified, Checked: f.Checked})
}

func (s liveState) Seen(key string) (bool, error)  { return s.st.Seen(key) }
func (s liveState) MarkSeen(key, doc string) error { return s.st.MarkSeen(key, doc) }

// stateFile is the bot's state in the data directory.
const stateFile = "state.db"

func (a *app) openStore() (*store.Store, error) {
	if err := os.MkdirAll(a.cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return store.Open(filepath.Join(a.cfg.DataDir, stateFile), time.Second)
}

type chatOptions struct{ lang string }

var chatCommand = command{
	name: "chat", summary: "talk to the bot in the terminal, through the same handler as Telegram",
	flags: func(fs *flag.FlagSet) any {
		o := &chatOptions{}
		fs.StringVar(&o.lang, "lang", "", "the language your Telegram would report (en, fr, ru, zh)")
		return o
	},
	run: func(ctx context.Context, a *app, opts any, _ []string) error {
		// The conversation shares the terminal with the log: only warnings
		// and errors go there, unless debug logging was asked for.
		if a.cfg.LogLevel > slog.LevelDebug && a.cfg.LogLevel < slog.LevelWarn {
			cfg := a.cfg
			cfg.LogLevel = slog.LevelWarn
			a.log = newLogger(a.stderr, cfg)
		}
		engine, err := a.openEngine(ctx, false)
		if err != nil {
			return err
		}
		defer engine.Close()
		// A session of its own, so that it runs beside a serving bot.
		dir, err := os.MkdirTemp("", "summitbot-chat-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		st, err := store.Open(filepath.Join(dir, stateFile), time.Second)
		if err != nil {
			return err
		}
		defer st.Close()
		console := bot.NewConsole(a.stdout)
		b := bot.New(engine, engine, console, st, bot.Config{Me: bot.User{ID: 1 << 40, Username: "summitbot", Name: "SummitBot"},
			Version: version, Logger: a.log})
		return console.Run(ctx, a.stdin, b, opts.(*chatOptions).lang)
	},
}

// listen takes the address an operator configured in the variable name;
// the error names both, and the cause (a port in use, a bad host).
func listen(ctx context.Context, name, addr string) (net.Listener, error) {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s=%q: cannot listen: %w", name, addr, err)
	}
	return ln, nil
}
