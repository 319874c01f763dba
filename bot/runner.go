package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/summitbot/summitbot/bot/store"
)

// Runner feeds updates from Telegram to a Bot, by long polling or through a
// webhook. Every update is written to the state file's inbox before it is
// handled and removed after, so that a restart neither loses nor repeats
// one.
type Runner struct {
	Bot    *Bot
	Client *Client
	Store  *store.Store
	Log    *slog.Logger
	// Grace is how long replies in flight may take to finish after the
	// runner is told to stop (default 4s: Telegram and process managers
	// give about 5).
	Grace time.Duration
	// Workers bounds the updates handled at once (default 32); MaxQueue
	// bounds the updates waiting in one chat (default 100).
	Workers, MaxQueue int
	// PollWait is the long-poll timeout (default 50s).
	PollWait time.Duration
}

func (r *Runner) defaults() {
	if r.Log == nil {
		r.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if r.Grace == 0 {
		r.Grace = 4 * time.Second
	}
	if r.Workers == 0 {
		r.Workers = 32
	}
	if r.MaxQueue == 0 {
		r.MaxQueue = 100
	}
	if r.PollWait == 0 {
		r.PollWait = 50 * time.Second
	}
	// The Bot API counts the long-poll timeout in whole seconds; less than
	// one would be a busy loop.
	r.PollWait = max(r.PollWait, time.Second)
}

// intake is what polling and the webhook share: the dispatcher, and the
// work context that outlives the intake by the grace period.
type intake struct {
	r          *Runner
	d          *dispatcher
	cancelWork context.CancelFunc
}

func (r *Runner) start(ctx context.Context) *intake {
	r.defaults()
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	in := &intake{r: r, d: newDispatcher(work, r.Workers, r.MaxQueue), cancelWork: cancel}
	pending, err := r.Store.Inbox()
	if err != nil {
		r.Log.Error("read the inbox of unhandled updates", "err", err)
	}
	if len(pending) > 0 {
		r.Log.Info("handling updates received before the last stop", "count", len(pending))
	}
	for _, p := range pending {
		n, err := r.Store.Replies(p.ID)
		if err != nil {
			r.Log.Error("read the replies begun before the last stop", "update", p.ID, "err", err)
		}
		in.enqueue(p, n)
	}
	return in
}

// enqueue hands a received update to the dispatcher; sent is how many
// messages of its replies may have gone out before the last stop.
func (in *intake) enqueue(p store.Pending, sent int) {
	r := in.r
	u, err := decodeUpdate(p.Raw)
	if err != nil {
		r.Log.Warn("skipping an update that cannot be read", "update", p.ID, "err", err)
		in.done(p.ID)
		return
	}
	ok := in.d.dispatch(chatKey(u), job{
		run: func(ctx context.Context) {
			r.Bot.Handle(withReplies(ctx, &replyLog{store: r.Store, update: p.ID, already: sent}), u)
		},
		done: func() { in.done(p.ID) },
	})
	if !ok {
		r.Log.Warn("too many updates waiting in one chat; dropping one", "update", p.ID, "chat", chatKey(u))
		in.done(p.ID)
	}
}

func (in *intake) done(id int) {
	if err := in.r.Store.Done(id); err != nil {
		in.r.Log.Error("remove a handled update from the inbox", "update", id, "err", err)
	}
}

// stop waits for the work in flight, for at most the grace period.
func (in *intake) stop() {
	finished := make(chan struct{})
	go func() { in.d.wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(in.r.Grace):
		in.r.Log.Warn("stopping with work in flight; it resumes at the next start")
		in.cancelWork()
		<-finished
	}
	in.cancelWork()
}

// Poll long-polls Telegram for updates until ctx ends, then lets the replies
// in flight finish.
func (r *Runner) Poll(ctx context.Context) error {
	in := r.start(ctx)
	defer in.stop()
	if err := r.Client.DeleteWebhook(ctx); err != nil && ctx.Err() == nil {
		r.Log.Warn("could not remove a webhook; polling may fail while one is set", "err", err)
	}
	offset, err := r.Store.Offset()
	if err != nil {
		return fmt.Errorf("read update offset: %w", err)
	}
	r.Log.Info("polling for updates", "offset", offset)
	failures := 0
	for ctx.Err() == nil {
		raws, err := r.Client.GetUpdates(ctx, offset, r.PollWait, AllowedUpdates)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			wait := min(backoff(failures), 30*time.Second)
			r.Log.Warn("getUpdates failed", "err", err, "retry_in", wait.Round(time.Millisecond))
			sleepCtx(ctx, wait)
			continue
		}
		failures = 0
		batch, next := receive(raws, offset)
		if len(batch) == 0 && next == offset {
			continue
		}
		if err := r.Store.Receive(batch, next); err != nil {
			// Not recorded, so not confirmed either: Telegram sends them again.
			r.Log.Error("record received updates", "err", err)
			sleepCtx(ctx, time.Second)
			continue
		}
		offset = next
		for _, p := range batch {
			in.enqueue(p, 0)
		}
	}
	r.Log.Info("stopped polling")
	return nil
}

// receive keeps the updates at or past offset and returns the next offset.
func receive(raws []json.RawMessage, offset int) ([]store.Pending, int) {
	var batch []store.Pending
	next := offset
	for _, raw := range raws {
		// The id is read without decoding the update, so that one that
		// cannot be decoded is still recorded, confirmed and skipped.
		id, ok := updateID(raw)
		if !ok || id < offset {
			continue
		}
		batch = append(batch, store.Pending{ID: id, Raw: raw})
		next = max(next, id+1)
	}
	return batch, next
}

// WebhookConfig configures webhook mode.
type WebhookConfig struct {
	Listen string // address to listen on, e.g. ":8443"
	// Listener, if set, is used instead of listening on Listen: the caller
	// took the address early, to fail at once when it cannot be had.
	Listener net.Listener
	URL      string // the public HTTPS URL Telegram posts to
	Secret   string // the secret token Telegram sends back in a header
}

// Webhook serves Telegram's webhook until ctx ends: it registers the URL
// with its secret, answers each request at once and handles the update
// after, then lets the replies in flight finish.
func (r *Runner) Webhook(ctx context.Context, cfg WebhookConfig) error {
	ln := cfg.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", cfg.Listen); err != nil {
			return fmt.Errorf("webhook listen on %s: %w", cfg.Listen, err)
		}
	}
	in := r.start(ctx)
	defer in.stop()
	srv := &http.Server{Handler: r.webhookHandler(in, cfg.Secret), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	if err := r.Client.SetWebhook(ctx, cfg.URL, cfg.Secret, AllowedUpdates); err != nil {
		srv.Close()
		return fmt.Errorf("register webhook: %w", err)
	}
	r.Log.Info("serving webhook", "listen", ln.Addr().String())
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return fmt.Errorf("webhook server: %w", err)
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	r.Log.Info("stopped serving webhook")
	return nil
}

// maxUpdateBytes bounds a webhook request body; real updates are a few KB.
const maxUpdateBytes = 1 << 20

// webhookHandler checks Telegram's secret header on every request, records
// the update and answers 200 before handling it.
func (r *Runner) webhookHandler(in *intake, secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		got := req.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		switch {
		case got == "":
			http.Error(w, "missing secret token", http.StatusUnauthorized)
			return
		case subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1:
			http.Error(w, "wrong secret token", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxUpdateBytes))
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		batch, _ := receive([]json.RawMessage{body}, 0)
		if len(batch) == 0 {
			// Not an update: acknowledge, or Telegram would retry it forever.
			r.Log.Debug("webhook body is not an update")
			w.WriteHeader(http.StatusOK)
			return
		}
		fresh, err := r.Store.ReceiveOnce(batch[0])
		if err != nil {
			r.Log.Error("record webhook update", "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable) // Telegram retries
			return
		}
		w.WriteHeader(http.StatusOK)
		if !fresh {
			// Telegram posts an update again when it missed our answer.
			r.Log.Info("webhook update received twice; handled once", "update", batch[0].ID)
			return
		}
		in.enqueue(batch[0], 0)
	})
}
