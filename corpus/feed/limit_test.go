package feed

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hugeSize is the size of the generated responses: far over the limit.
const hugeSize = 50 << 20

// serveHuge streams hugeSize bytes made of head followed by repeats of
// unit, generated as it goes. With declareLength the response says how
// long it is; without, it is chunked and the client must count.
func serveHuge(contentType, head, unit string, declareLength bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		if declareLength {
			w.Header().Set("Content-Length", strconv.Itoa(hugeSize))
		}
		// One chunk, reused, so that the server adds nothing to the heap.
		units := []byte(strings.Repeat(unit, 64<<10/len(unit)))
		w.Write([]byte(head))
		for sent := len(head); sent < hugeSize; {
			n := min(len(units), hugeSize-sent)
			if _, err := w.Write(units[:n]); err != nil {
				return // the client gave up, as it should
			}
			sent += n
		}
	})
}

// countingTransport counts the body bytes the client is handed.
type countingTransport struct {
	base http.RoundTripper
	read atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, n: &c.read}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// peakHeap samples the heap while fn runs and returns the largest growth
// over the heap before it.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var (
		peak uint64
		wg   sync.WaitGroup
		done = make(chan struct{})
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}

func TestFetchTooLarge(t *testing.T) {
	const rssHead = `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>`
	const rssItem = `<item><title>Summit news</title><link>https://x.example/a</link><description>The summit was held in Xi'an.</description></item>`
	const htmlHead = `<!DOCTYPE html><html lang="en"><head><title>Huge</title></head><body><article>`
	const htmlPara = `<p>The first China–Central Asia Summit was held in Xi'an in May 2023, and the second in Astana.</p>`
	for _, tt := range []struct {
		name          string
		handler       http.Handler
		maxBytes      int64
		page          bool
		wantLimitText string
	}{
		{name: "FeedChunked", handler: serveHuge("application/rss+xml", rssHead, rssItem, false), wantLimitText: "10 MiB"},
		{name: "FeedDeclaredLength", handler: serveHuge("application/rss+xml", rssHead, rssItem, true), wantLimitText: "10 MiB"},
		{name: "FeedSmallLimit", handler: serveHuge("application/rss+xml", rssHead, rssItem, false), maxBytes: 1 << 20, wantLimitText: "1 MiB"},
		{name: "PageChunked", handler: serveHuge("text/html; charset=utf-8", htmlHead, htmlPara, false), page: true, wantLimitText: "10 MiB"},
		{name: "PageDeclaredLength", handler: serveHuge("text/html; charset=utf-8", htmlHead, htmlPara, true), page: true, wantLimitText: "10 MiB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, tt.handler)
			counter := &countingTransport{base: srv.Client().Transport}
			f.Client = &http.Client{Transport: counter}
			f.MaxBytes = tt.maxBytes
			var err error
			grew := peakHeap(func() {
				if tt.page {
					_, err = f.FetchPage(context.Background(), srv.URL+"/huge")
				} else {
					_, err = f.Fetch(context.Background(), srv.URL+"/huge", Validators{})
				}
			})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error %v, want one wrapping ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), tt.wantLimitText) {
				t.Errorf("error %q does not name the limit %q", err, tt.wantLimitText)
			}
			if limit := f.maxBytes(); counter.read.Load() > limit+1 {
				t.Errorf("read %d bytes, want at most the limit+1, %d", counter.read.Load(), limit+1)
			}
			// The whole body would be 50 MB; what is held stays near the
			// limit, with room for the collector's slack.
			if grew > uint64(f.maxBytes()+8<<20) {
				t.Errorf("heap grew by %d MB while reading a %d MB response", grew>>20, hugeSize>>20)
			}
			t.Logf("read %d bytes, heap peak growth %.1f MB", counter.read.Load(), float64(grew)/(1<<20))
		})
	}
}

func TestFetchDeadline(t *testing.T) {
	// slow answers only when the client has gone; release ends it at
	// cleanup in case the client never goes.
	slow := func(partial string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if partial != "" {
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(partial))
				w.(http.Flusher).Flush()
			}
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		})
	}
	for _, tt := range []struct {
		name    string
		handler http.Handler
		page    bool
	}{
		{name: "FeedSlowHeaders", handler: slow("")},
		{name: "FeedSlowBody", handler: slow(`<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title><item><title>`)},
		{name: "PageSlowHeaders", handler: slow(""), page: true},
		{name: "PageSlowBody", handler: slow(`<!DOCTYPE html><html><body><p>Slow`), page: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, tt.handler)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			var err error
			if tt.page {
				_, err = f.FetchPage(ctx, srv.URL+"/slow")
			} else {
				_, err = f.Fetch(ctx, srv.URL+"/slow", Validators{})
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v, want one wrapping context.DeadlineExceeded", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v after a 100ms deadline", d)
			}
		})
	}
}
