package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/telegramtest"
	"github.com/summitbot/summitbot/corpus/corpustest"
)

// benchBinariesBuilt says binaries ran, for TestMain to remove them.
var benchBinariesBuilt atomic.Bool

// binaries builds summitbot and the plain Bleve yardstick once per process.
var binaries = sync.OnceValues(func() (string, error) {
	benchBinariesBuilt.Store(true)
	dir, err := os.MkdirTemp("", "summitbot-bench-bin-")
	if err != nil {
		return "", err
	}
	for _, pkg := range []string{".", "./internal/plainbleve"} {
		// The release build's settings (.ci/run, the Dockerfile): its
		// compiled packages are then already in the build cache.
		build := exec.Command("go", "build", "-trimpath", "-o", dir+"/", pkg)
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return dir, nil
})

// processQuestions are asked in turn.
var processQuestions = []string{"When was the first summit?", "Où se tiendra le prochain sommet ?", "Кто председательствовал на втором саммите?"}

// BenchmarkWholeProcessAsk runs "summitbot ask" against a warm index, and
// plain Bleve's ask (default mapping, one match query) over the same
// passages, one after the other in each iteration: process start, index
// open, answer, exit. It reports both medians and their ratio. "default" is
// the embedded corpus; "16k" adds a --corpus folder of 16,000 passages
// (640 with -short, so that CI stays quick).
func BenchmarkWholeProcessAsk(b *testing.B) {
	bins, err := binaries()
	if err != nil {
		b.Fatalf("build: %v", err)
	}
	extra := 16000
	if testing.Short() {
		extra = 640
	}
	for _, size := range []struct {
		name     string
		passages int
	}{{"default", 0}, {"16k", extra}} {
		b.Run(size.name, func(b *testing.B) {
			dir := b.TempDir()
			data := filepath.Join(dir, "data")
			env := append(os.Environ(), "SUMMITBOT_DATA_DIR="+data, "SUMMITBOT_LOG_LEVEL=warn", "SUMMITBOT_CORPUS_DIR=")
			plainArgs := []string{"index", filepath.Join(dir, "plain")}
			if size.passages > 0 {
				folder := filepath.Join(dir, "corpus")
				if err := corpustest.WriteDir(folder, size.passages); err != nil {
					b.Fatal(err)
				}
				env = append(env, "SUMMITBOT_CORPUS_DIR="+folder)
				plainArgs = append(plainArgs, folder)
			}
			for _, cmd := range []*exec.Cmd{exec.Command(bins+"/summitbot", "index"), exec.Command(bins+"/plainbleve", plainArgs...)} {
				cmd.Env = env
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%s: %v\n%s", cmd, err, out)
				}
			}
			var ours, plain []time.Duration
			for i := 0; b.Loop(); i++ {
				q := processQuestions[i%len(processQuestions)]
				ours = append(ours, runTimed(b, env, bins+"/summitbot", "ask", "--json", q))
				plain = append(plain, runTimed(b, env, bins+"/plainbleve", "ask", filepath.Join(dir, "plain"), q))
			}
			reportRatio(b, ours, plain)
		})
	}
}

func runTimed(b *testing.B, env []string, bin string, args ...string) time.Duration {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	return time.Since(start)
}

// reportRatio reports both medians in milliseconds and ours over plain.
func reportRatio(b *testing.B, ours, plain []time.Duration) {
	med := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	o, p := med(ours), med(plain)
	b.ReportMetric(o, "ms-p50")
	b.ReportMetric(p, "bleve-ms-p50")
	b.ReportMetric(o/p, "ratio")
}

// BenchmarkServeFirstAnswer starts "summitbot serve" on a warm index with a
// question already waiting at the Bot API stand-in, and measures the time
// from the process's start to the answer's sendMessage.
func BenchmarkServeFirstAnswer(b *testing.B) {
	bins, err := binaries()
	if err != nil {
		b.Fatalf("build: %v", err)
	}
	data := filepath.Join(b.TempDir(), "data")
	env := append(os.Environ(), "SUMMITBOT_DATA_DIR="+data, "SUMMITBOT_LOG_LEVEL=warn", "SUMMITBOT_CORPUS_DIR=",
		"SUMMITBOT_POLL_TIMEOUT=1s")
	index := exec.Command(bins+"/summitbot", "index")
	index.Env = env
	if out, err := index.CombinedOutput(); err != nil {
		b.Fatalf("index: %v\n%s", err, out)
	}
	user := telegramtest.User{ID: 42, FirstName: "Ann", LanguageCode: "en"}
	var lat []time.Duration
	for b.Loop() {
		// A new Bot API stand-in numbers its updates from 1 again: the
		// offset saved in the state file would skip them.
		os.Remove(filepath.Join(data, stateFile))
		srv := telegramtest.NewServer(b, "")
		srv.Push(telegramtest.PrivateMessage(user.ID, user, "When was the first summit?"))
		cmd := exec.Command(bins+"/summitbot", "serve")
		cmd.Env = append(env, "TELEGRAM_API_URL="+srv.URL, "TELEGRAM_BOT_TOKEN="+srv.Token)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		srv.WaitCalls(b, "sendMessage", 1, 10*time.Second)
		lat = append(lat, time.Since(start))
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-p50")
}
