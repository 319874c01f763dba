package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultAPIURL is the public Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// ClientConfig configures a Client.
type ClientConfig struct {
	APIURL  string        // the Bot API base URL; requests go to {APIURL}/bot{token}/{method}
	Token   string        // the bot's token; it never appears in errors or logs
	Timeout time.Duration // for one request, long polls excepted (default 15s)
	Limits  Limits        // zero: DefaultLimits
	Logger  *slog.Logger
	// MaxAttempts bounds the tries of a request that fails with a 5xx, a
	// timeout or a 429 (default 5).
	MaxAttempts int
	Observer    Observer
}

// Client calls the Bot API. It waits its turn under Telegram's limits,
// retries what can be retried (429 after retry_after, 5xx and timeouts with
// backoff, a bounded number of times) and turns failures into typed errors.
// It is safe for concurrent use.
type Client struct {
	api         tgbotapi.BotAPI // a template, copied for each request with a client bound to its context
	http        *http.Client
	token       string
	timeout     time.Duration
	maxAttempts int
	limit       *limiter
	log         *slog.Logger
	sleep       func(ctx context.Context, d time.Duration) error
	obs         Observer
	contact     atomic.Int64 // unix nanoseconds of the last answer from the Bot API
	endpoint    string       // the API endpoint format: token, then method
}

// NewClient returns a client for the Bot API at cfg.APIURL. It makes no
// request.
func NewClient(cfg ClientConfig) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("no bot token")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	u, err := url.Parse(cfg.APIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("API URL %q is not an http(s) address", cfg.APIURL)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	c := &Client{obs: cfg.Observer,
		http:  &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()},
		token: cfg.Token, timeout: cfg.Timeout, maxAttempts: cfg.MaxAttempts,
		limit: newLimiter(cfg.Limits), log: cfg.Logger, sleep: sleepCtx,
	}
	c.api.Token = cfg.Token
	c.api.Buffer = 0
	// The endpoint is a format with the token and the method; a literal %
	// in the base URL must not be read as a verb.
	c.endpoint = strings.ReplaceAll(strings.TrimRight(cfg.APIURL, "/"), "%", "%%") + "/bot%s/%s"
	c.api.SetAPIEndpoint(c.endpoint)
	return c, nil
}

// Errors of the Bot API that callers act on.
type (
	// ForbiddenError is a 403: the bot was blocked, kicked, or may not
	// write to the chat. The chat should be treated as gone.
	ForbiddenError struct{ Description string }
	// MigratedError is a group that became a supergroup; send to To now.
	MigratedError struct{ To int64 }
	// APIError is any other refusal from the Bot API.
	APIError struct {
		Code        int
		Description string
	}
	// ServerError is a 5xx from the Bot API server.
	ServerError struct{ Status int }
)

func (e *ForbiddenError) Error() string { return "forbidden: " + e.Description }
func (e *MigratedError) Error() string  { return fmt.Sprintf("chat migrated to %d", e.To) }
func (e *APIError) Error() string       { return fmt.Sprintf("bot API error %d: %s", e.Code, e.Description) }
func (e *ServerError) Error() string    { return fmt.Sprintf("bot API server error %d", e.Status) }

// errTimeout is a request that took too long.
var errTimeout = errors.New("bot API request timed out")

// doer runs one request under a context and strips the token from errors.
type doer struct {
	ctx   context.Context
	hc    *http.Client
	token string
	wrote *atomic.Bool // set once the whole request has been written
}

func (d doer) Do(req *http.Request) (*http.Response, error) {
	ctx := d.ctx
	if d.wrote != nil {
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			WroteRequest: func(info httptrace.WroteRequestInfo) {
				if info.Err == nil {
					d.wrote.Store(true)
				}
			},
		})
	}
	resp, err := d.hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, cleanError(err, d.token)
	}
	if resp.StatusCode >= 500 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		return nil, &ServerError{Status: resp.StatusCode}
	}
	return resp, nil
}

// cleanError keeps what callers test for (cancellation, timeouts) and
// drops the rest of a transport error's text, which holds the URL and so
// the token.
func cleanError(err error, token string) error {
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return errTimeout
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return errTimeout
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	if token != "" {
		msg = strings.ReplaceAll(msg, token, "<token>")
	}
	return &transportError{msg}
}

type transportError struct{ msg string }

func (e *transportError) Error() string { return "bot API unreachable: " + e.msg }

// call runs one Bot API method for chat (0 when the call is not a message
// to a chat), within the limits and with retries.
func (c *Client) call(ctx context.Context, chat int64, method string, timeout time.Duration,
	do func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	return c.callWith(ctx, chat, method, timeout, nil, do)
}

// callWith is call, telling hook when a request is about to leave (true)
// and when Telegram refused it (false).
func (c *Client) callWith(ctx context.Context, chat int64, method string, timeout time.Duration, hook func(bool),
	do func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	for attempt := 1; ; attempt++ {
		if err := c.limit.wait(ctx, chat); err != nil {
			return nil, err
		}
		if hook != nil {
			hook(true)
		}
		rctx, cancel := context.WithTimeout(ctx, timeout)
		api := c.api
		var wrote atomic.Bool
		api.Client = doer{ctx: rctx, hc: c.http, token: c.token, wrote: &wrote}
		resp, err := do(&api)
		cancel()
		if err == nil {
			c.contact.Store(time.Now().UnixNano())
			c.obs.APICall(method, "ok")
			return resp, nil
		}
		if hook != nil && !wrote.Load() {
			hook(false) // it never left: Telegram cannot have it
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var te *tgbotapi.Error
		if errors.As(err, &te) {
			c.contact.Store(time.Now().UnixNano()) // an answer, if a refusal
			if hook != nil && wrote.Load() {
				hook(false) // Telegram answered: the message was not sent
			}
		}
		var wait time.Duration
		switch {
		case errors.As(err, &te) && te.Code == http.StatusTooManyRequests:
			wait = time.Duration(max(te.RetryAfter, 1)) * time.Second
			c.obs.APICall(method, "rate_limited")
			c.log.Warn("bot API rate limit", "method", method, "chat", chat, "retry_after", te.RetryAfter, "attempt", attempt)
		case errors.As(err, &te) && te.MigrateToChatID != 0:
			c.obs.APICall(method, "error")
			return nil, &MigratedError{To: te.MigrateToChatID}
		case errors.As(err, &te) && te.Code == http.StatusForbidden:
			c.obs.APICall(method, "error")
			return nil, &ForbiddenError{Description: te.Message}
		case errors.As(err, &te):
			c.obs.APICall(method, "error")
			return nil, &APIError{Code: te.Code, Description: strings.ReplaceAll(te.Message, c.token, "<token>")}
		case transient(err):
			wait = backoff(attempt)
			c.log.Warn("bot API request failed; retrying", "method", method, "chat", chat, "err", err, "attempt", attempt)
		default:
			c.obs.APICall(method, "error")
			return nil, cleanError(err, c.token)
		}
		if attempt >= c.maxAttempts {
			c.obs.APICall(method, "error")
			return nil, fmt.Errorf("%s: giving up after %d attempts: %w", method, attempt, cleanError(err, c.token))
		}
		c.obs.APICall(method, "retry")
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// transient reports whether a failure may pass: a 5xx, a timeout, a
// connection problem, or a reply that is not the Bot API's JSON.
func transient(err error) bool {
	var se *ServerError
	var te *transportError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &se) || errors.Is(err, errTimeout) || errors.As(err, &te) ||
		errors.As(err, &syn) || errors.As(err, &typ) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// backoff waits longer after each failure: about 0.5s, 1s, 2s, 4s, with
// jitter so that many senders do not retry in step.
func backoff(attempt int) time.Duration {
	d := 250 * time.Millisecond << min(attempt, 6)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)))
}

// LastContact is when the Bot API last answered, or the zero time.
func (c *Client) LastContact() time.Time {
	if n := c.contact.Load(); n > 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// User is the bot's own account.
type User struct {
	ID       int64
	Username string
	Name     string
}

// Me asks the Bot API who the bot is; it checks the token too.
func (c *Client) Me(ctx context.Context) (User, error) {
	resp, err := c.call(ctx, 0, "getMe", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest("getMe", nil)
	})
	if err != nil {
		return User{}, err
	}
	var u tgbotapi.User
	if err := json.Unmarshal(resp.Result, &u); err != nil {
		return User{}, fmt.Errorf("getMe: %w", err)
	}
	return User{ID: u.ID, Username: u.UserName, Name: u.FirstName}, nil
}

// Button is an inline keyboard button: Data for a callback, or URL.
type Button struct {
	Text, Data, URL string
}

// OutMessage is a message to send, in Telegram HTML.
type OutMessage struct {
	ChatID    int64
	HTML      string
	Buttons   [][]Button
	ReplyTo   int  // message id to reply to, 0 for none
	NoPreview bool // no link preview
	// Plain sends HTML's text as it is, without a parse mode: no entities.
	// Used to resend a message Telegram could not parse.
	Plain bool

	// attempt, when set, is told right before each request that carries
	// the message (true) and after each that Telegram refused (false):
	// the outbox records when a send may have reached Telegram.
	attempt func(sending bool)
}

func keyboard(rows [][]Button) *tgbotapi.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.URL != "" {
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		kb = append(kb, r)
	}
	m := tgbotapi.NewInlineKeyboardMarkup(kb...)
	return &m
}

// Send sends a message and returns its id.
func (c *Client) Send(ctx context.Context, m OutMessage) (int, error) {
	msg := tgbotapi.NewMessage(m.ChatID, m.HTML)
	if !m.Plain {
		msg.ParseMode = tgbotapi.ModeHTML
	}
	msg.DisableWebPagePreview = m.NoPreview
	msg.ReplyToMessageID = m.ReplyTo
	msg.AllowSendingWithoutReply = true
	if kb := keyboard(m.Buttons); kb != nil {
		msg.ReplyMarkup = kb
	}
	resp, err := c.callWith(ctx, m.ChatID, "sendMessage", c.timeout, m.attempt, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(msg)
	})
	if err != nil {
		return 0, err
	}
	var sent struct {
		MessageID int `json:"message_id"`
	}
	if err := json.Unmarshal(resp.Result, &sent); err != nil {
		return 0, fmt.Errorf("sendMessage: %w", err)
	}
	return sent.MessageID, nil
}

// AnswerCallback answers a button press; text, if any, shows as a toast.
func (c *Client) AnswerCallback(ctx context.Context, id, text string) error {
	cb := tgbotapi.NewCallback(id, text)
	_, err := c.call(ctx, 0, "answerCallbackQuery", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cb)
	})
	return err
}

// InlineArticle is one inline query result that sends a message.
type InlineArticle struct {
	ID, Title, Description, HTML string
}

// InlineAnswer answers an inline query.
type InlineAnswer struct {
	QueryID    string
	Results    []InlineArticle
	NextOffset string
	CacheTime  int
	// IsPersonal asks Telegram to cache the results for this user only:
	// set when they depend on who asks (the user's language).
	IsPersonal bool
	// SwitchPM shows a button above the results that opens a private chat
	// with the bot, starting it with SwitchPMParameter.
	SwitchPMText, SwitchPMParameter string
}

// AnswerInline answers an inline query.
func (c *Client) AnswerInline(ctx context.Context, a InlineAnswer) error {
	results := make([]any, 0, len(a.Results))
	for _, r := range a.Results {
		art := tgbotapi.NewInlineQueryResultArticleHTML(r.ID, r.Title, r.HTML)
		art.Description = r.Description
		if mc, ok := art.InputMessageContent.(tgbotapi.InputTextMessageContent); ok {
			mc.DisableWebPagePreview = true
			art.InputMessageContent = mc
		}
		results = append(results, art)
	}
	cfg := tgbotapi.InlineConfig{InlineQueryID: a.QueryID, Results: results, NextOffset: a.NextOffset,
		CacheTime: a.CacheTime, IsPersonal: a.IsPersonal, SwitchPMText: a.SwitchPMText, SwitchPMParameter: a.SwitchPMParameter}
	_, err := c.call(ctx, 0, "answerInlineQuery", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	return err
}

// Command is a bot command for Telegram's menu.
type Command struct{ Name, Description string }

// SetCommands registers the command menu for users whose interface is in
// lang ("" for everyone else).
func (c *Client) SetCommands(ctx context.Context, lang string, cmds []Command) error {
	var bc []tgbotapi.BotCommand
	for _, cmd := range cmds {
		bc = append(bc, tgbotapi.BotCommand{Command: cmd.Name, Description: cmd.Description})
	}
	cfg := tgbotapi.NewSetMyCommands(bc...)
	cfg.LanguageCode = lang
	_, err := c.call(ctx, 0, "setMyCommands", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	return err
}

// GetUpdates long-polls for updates from offset, waiting up to wait. It
// returns each update's raw JSON, so that one the library cannot decode is
// skipped alone.
func (c *Client) GetUpdates(ctx context.Context, offset int, wait time.Duration, allowed []string) ([]json.RawMessage, error) {
	params := tgbotapi.Params{}
	params.AddNonZero("offset", offset)
	params.AddNonZero("timeout", int(wait.Seconds()))
	params.AddNonZero("limit", 100)
	if err := params.AddInterface("allowed_updates", allowed); err != nil {
		return nil, err
	}
	resp, err := c.call(ctx, 0, "getUpdates", wait+c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return c.rawRequest(api.Client, "getUpdates", params)
	})
	if err != nil {
		return nil, err
	}
	// Split without decoding: one update encoding/json cannot read (nested
	// too deeply, say) must not hide the others.
	raw, err := splitArray(resp.Result)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: result is not a list: %w", err)
	}
	return raw, nil
}

// SetWebhook registers the bot's webhook with its secret token and the
// update types it handles.
func (c *Client) SetWebhook(ctx context.Context, hookURL, secret string, allowed []string) error {
	params := tgbotapi.Params{"url": hookURL, "secret_token": secret, "max_connections": "40"}
	if err := params.AddInterface("allowed_updates", allowed); err != nil {
		return err
	}
	_, err := c.call(ctx, 0, "setWebhook", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest("setWebhook", params)
	})
	return err
}

// DeleteWebhook removes the webhook, so that long polling works.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	_, err := c.call(ctx, 0, "deleteWebhook", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest("deleteWebhook", tgbotapi.Params{"drop_pending_updates": "false"})
	})
	return err
}

// ChatInfo is what the bot learns of a chat from the Bot API.
type ChatInfo struct {
	ID       int64
	Type     string // private, group, supergroup, channel
	Title    string
	Username string
}

// Chat looks a chat up by id or by "@username" (public groups and channels).
func (c *Client) Chat(ctx context.Context, ref string) (ChatInfo, error) {
	cfg := tgbotapi.ChatInfoConfig{ChatConfig: chatRef(ref)}
	resp, err := c.call(ctx, 0, "getChat", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	if err != nil {
		return ChatInfo{}, err
	}
	var ch tgbotapi.Chat
	if err := json.Unmarshal(resp.Result, &ch); err != nil {
		return ChatInfo{}, fmt.Errorf("getChat: %w", err)
	}
	return ChatInfo{ID: ch.ID, Type: ch.Type, Title: ch.Title, Username: ch.UserName}, nil
}

// MemberStatus returns a user's status in a chat: creator, administrator,
// member, restricted, left or kicked.
func (c *Client) MemberStatus(ctx context.Context, chat, user int64) (string, error) {
	cfg := tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chat, UserID: user}}
	resp, err := c.call(ctx, 0, "getChatMember", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	if err != nil {
		return "", err
	}
	var m tgbotapi.ChatMember
	if err := json.Unmarshal(resp.Result, &m); err != nil {
		return "", fmt.Errorf("getChatMember: %w", err)
	}
	return m.Status, nil
}

// Administrators lists the user ids of a chat's administrators.
func (c *Client) Administrators(ctx context.Context, chat int64) ([]int64, error) {
	cfg := tgbotapi.ChatAdministratorsConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: chat}}
	resp, err := c.call(ctx, 0, "getChatAdministrators", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	if err != nil {
		return nil, err
	}
	var ms []tgbotapi.ChatMember
	if err := json.Unmarshal(resp.Result, &ms); err != nil {
		return nil, fmt.Errorf("getChatAdministrators: %w", err)
	}
	ids := make([]int64, 0, len(ms))
	for _, m := range ms {
		if m.User != nil {
			ids = append(ids, m.User.ID)
		}
	}
	return ids, nil
}

func chatRef(ref string) tgbotapi.ChatConfig {
	if strings.HasPrefix(ref, "@") {
		return tgbotapi.ChatConfig{SuperGroupUsername: ref}
	}
	id, _ := strconv.ParseInt(ref, 10, 64)
	return tgbotapi.ChatConfig{ChatID: id}
}

// maxUpdatesBytes bounds a getUpdates answer: 100 updates of a few KB.
const maxUpdatesBytes = 64 << 20

// rawRequest is the library's MakeRequest, except that a successful
// answer's result is taken without decoding it: the library decodes the
// whole answer, so one update nested too deeply for encoding/json would
// fail the batch, again at every poll.
func (c *Client) rawRequest(hc tgbotapi.HTTPClient, method string, params tgbotapi.Params) (*tgbotapi.APIResponse, error) {
	values := url.Values{}
	for k, v := range params {
		values.Set(k, v)
	}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf(c.endpoint, c.token, method), strings.NewReader(values.Encode()))
	if err != nil {
		return nil, cleanError(err, c.token)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUpdatesBytes))
	if err != nil {
		return nil, cleanError(err, c.token)
	}
	if ok, _ := topField(body, "ok"); string(ok) == "true" {
		result, _ := topField(body, "result")
		return &tgbotapi.APIResponse{Ok: true, Result: result}, nil
	}
	var r tgbotapi.APIResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	var p tgbotapi.ResponseParameters
	if r.Parameters != nil {
		p = *r.Parameters
	}
	return &r, &tgbotapi.Error{Code: r.ErrorCode, Message: r.Description, ResponseParameters: p}
}

// Edit replaces the text and buttons of message id, which the bot sent to
// m.ChatID, with m's. Telegram refuses an edit that changes nothing with
// a 400 "message is not modified"; Edit reports that as success.
func (c *Client) Edit(ctx context.Context, id int, m OutMessage) error {
	e := tgbotapi.NewEditMessageText(m.ChatID, id, m.HTML)
	if !m.Plain {
		e.ParseMode = tgbotapi.ModeHTML
	}
	e.DisableWebPagePreview = m.NoPreview
	e.ReplyMarkup = keyboard(m.Buttons)
	_, err := c.call(ctx, m.ChatID, "editMessageText", c.timeout, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(e)
	})
	var apiErr *APIError
	if errors.As(err, &apiErr) && strings.Contains(apiErr.Description, "message is not modified") {
		return nil
	}
	return err
}
