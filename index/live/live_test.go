package live

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/feed"
	"github.com/summitbot/summitbot/index"
)

// memState is State in memory.
type memState struct {
	mu    sync.Mutex
	feeds map[string]FeedState
	seen  map[string]string
}

func newMemState() *memState {
	return &memState{feeds: map[string]FeedState{}, seen: map[string]string{}}
}

func (m *memState) FeedState(url string) (FeedState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.feeds[url], nil
}

func (m *memState) SaveFeedState(url string, s FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feeds[url] = s
	return nil
}

func (m *memState) Seen(key string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.seen[key]
	return ok, nil
}

func (m *memState) MarkSeen(key, doc string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seen[key] = doc
	return nil
}

// rss serves a feed of n items, the relevant ones about a named corridor.
func rss(n int, relevant func(i int) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", fmt.Sprintf(`"%d"`, n))
		if r.Header.Get("If-None-Match") == fmt.Sprintf(`"%d"`, n) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Wire</title><language>en</language>`)
		for i := range n {
			title, body := fmt.Sprintf("Corridor %d agreed", i),
				fmt.Sprintf("Ministers of the China–Central Asia format agreed on corridor number k%dq at a meeting in Almaty, preparing the third China–Central Asia Summit.", i)
			if !relevant(i) {
				title, body = fmt.Sprintf("Recipe %d", i), "Mix flour and water, then bake the bread for forty minutes."
			}
			fmt.Fprintf(w, `<item><guid>item-%d</guid><title>%s</title><link>https://wire.example/%d</link><description>%s</description></item>`, i, title, i, body)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
}

func newCorpus(t testing.TB, feedURL string) (*Corpus, *index.Engine, *[]corpus.Document) {
	t.Helper()
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := index.Open(context.Background(), c, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	inbox := t.TempDir()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	w, _, err := corpus.NewWatcher(log, time.Hour, inbox)
	if err != nil {
		t.Fatal(err)
	}
	var announced []corpus.Document
	var mu sync.Mutex
	lc := &Corpus{Index: e, Watcher: w, Inbox: inbox, Feeds: []string{feedURL}, Fetcher: &feed.Fetcher{},
		State: newMemState(), Log: log, Announce: func(_ context.Context, docs []corpus.Document) {
			mu.Lock()
			announced = append(announced, docs...)
			mu.Unlock()
		}}
	return lc, e, &announced
}

func TestFetchFeed(t *testing.T) {
	srv := httptest.NewServer(rss(6, func(i int) bool { return i%2 == 0 }))
	defer srv.Close()
	lc, e, announced := newCorpus(t, srv.URL)
	ctx := context.Background()
	if err := lc.FetchFeed(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	if len(*announced) != 3 {
		t.Fatalf("announced %d documents, want the 3 relevant ones", len(*announced))
	}
	ans, err := e.Ask(ctx, "What did ministers agree on corridor k4q?", index.AskOptions{})
	if err != nil || !ans.Answered || !strings.Contains(ans.Hits[0].Passage.Text, "k4q") {
		t.Errorf("a new item does not answer: %v %+v", err, ans)
	}
	// Fetched again: not modified, nothing new.
	if err := lc.FetchFeed(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	if len(*announced) != 3 {
		t.Errorf("announced again: %d", len(*announced))
	}
	st := lc.State.(*memState)
	if len(st.seen) != 6 || st.seen["item-1"] != "" || st.feeds[srv.URL].Validators.ETag == "" {
		t.Errorf("state: %d seen, item-1 → %q, validators %+v", len(st.seen), st.seen["item-1"], st.feeds[srv.URL])
	}
}

// BenchmarkFeedIngest takes in a feed of 1,000 items about the summits and
// measures the time from the fetch to the last item being searchable.
func BenchmarkFeedIngest(b *testing.B) {
	srv := httptest.NewServer(rss(1000, func(int) bool { return true }))
	defer srv.Close()
	for b.Loop() {
		b.StopTimer()
		lc, e, _ := newCorpus(b, srv.URL)
		b.StartTimer()
		start := time.Now()
		if err := lc.FetchFeed(context.Background(), srv.URL); err != nil {
			b.Fatal(err)
		}
		ans, err := e.Ask(context.Background(), "What about corridor k999q?", index.AskOptions{})
		if err != nil || !ans.Answered {
			b.Fatalf("the last item is not searchable: %v", err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-to-searchable")
	}
}
