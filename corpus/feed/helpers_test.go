package feed

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// mustReadFile returns a file under testdata.
func mustReadFile(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// mustServe starts a real HTTP server for h and returns it with a Fetcher
// that uses its client.
func mustServe(tb testing.TB, h http.Handler) (*httptest.Server, *Fetcher) {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv, &Fetcher{Client: srv.Client()}
}

// serveBody answers every request with body and the given content type;
// "" sends none (and stops the server from sniffing one).
func serveBody(contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = []string{contentType}
		w.Write(body)
	})
}
