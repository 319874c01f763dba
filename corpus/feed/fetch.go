package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// DefaultUserAgent is sent when a Fetcher has no UserAgent.
const DefaultUserAgent = "SummitBot/1 (+https://github.com/summitbot/summitbot)"

// DefaultMaxBytes is the largest body read when a Fetcher has no MaxBytes.
const DefaultMaxBytes = 10 << 20

// ErrTooLarge is wrapped by the error for a body larger than the size
// limit; the error's text names the limit.
var ErrTooLarge = errors.New("body is larger than the size limit")

// StatusError reports a response whose status is not 2xx (nor a 304 for a
// conditional feed request), so that a caller can tell a feed that is gone
// (404, 410) from one that failed for now (429, 5xx).
type StatusError struct {
	URL        string
	StatusCode int
	Status     string // as sent: "404 Not Found"
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch %s: status %s", e.URL, e.Status)
}

// Fetcher fetches feeds and pages over HTTP. The zero value is ready to
// use; a Fetcher is safe for concurrent use when its Client is.
type Fetcher struct {
	Client    *http.Client // nil: a client with a 30s timeout
	UserAgent string       // "": DefaultUserAgent
	// MaxBytes is the largest body read; 0: DefaultMaxBytes. A larger body
	// is an error wrapping ErrTooLarge, returned after reading at most
	// MaxBytes+1 bytes.
	MaxBytes int64
}

// defaultClient is shared so that its connections are reused.
var defaultClient = &http.Client{Timeout: 30 * time.Second}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return defaultClient
}

func (f *Fetcher) maxBytes() int64 { return maxOrDefault(f.MaxBytes) }

func maxOrDefault(n int64) int64 {
	if n <= 0 {
		return DefaultMaxBytes
	}
	return n
}

// get sends a GET request and returns the response when its status is 2xx
// or 304. The caller closes the body.
func (f *Fetcher) get(ctx context.Context, rawURL string, header http.Header) (*http.Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %q: not an http(s) address", rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	resp, err := f.client().Do(req)
	if err != nil {
		// *url.Error already names the method and the address.
		return nil, err
	}
	if resp.StatusCode == http.StatusNotModified || resp.StatusCode/100 == 2 {
		if limit := f.maxBytes(); resp.ContentLength > limit {
			resp.Body.Close()
			return nil, tooLarge("fetch "+rawURL, limit)
		}
		return resp, nil
	}
	// Drain a little so the connection can be reused, but not a hostile amount.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
	return nil, &StatusError{URL: rawURL, StatusCode: resp.StatusCode, Status: resp.Status}
}

func tooLarge(op string, limit int64) error {
	return fmt.Errorf("%s: %w (%s)", op, ErrTooLarge, sizeString(limit))
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// chunkSize is the unit of reading a body: holding a body as chunks, not
// one growing slice, keeps the heap near the body's size, with no copies.
const chunkSize = 32 << 10

// readBounded reads all of r into memory and returns a reader over it. A
// body longer than limit is an error wrapping ErrTooLarge, found after
// reading at most limit+1 bytes. Reading it whole before parsing means a
// body over the limit is never parsed, and the error names its cause
// rather than a parser's view of a cut-off document. op starts errors.
func readBounded(r io.Reader, limit int64, op string) (io.Reader, error) {
	var (
		chunks []io.Reader
		total  int64
	)
	for {
		buf := make([]byte, min(chunkSize, limit+1-total))
		n, err := io.ReadFull(r, buf)
		total += int64(n)
		if n > 0 {
			chunks = append(chunks, bytes.NewReader(buf[:n]))
		}
		if total > limit {
			return nil, tooLarge(op, limit)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return io.MultiReader(chunks...), nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
	}
}

// ctxErr prefers the context's error, when it has ended, to err: a
// cancelled read fails in ways that hide why.
func ctxErr(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%s: %w", op, ctx.Err())
	}
	return err
}
