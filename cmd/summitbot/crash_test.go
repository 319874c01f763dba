package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/bot/telegramtest"
)

// runAsMain makes the test binary act as summitbot itself, so that the
// tests which need a separate process (to kill it) run the code under test,
// race detector included, without building the program a second time.
const runAsMain = "SUMMITBOT_TEST_RUN_AS_MAIN"

func TestMain(m *testing.M) {
	// The tests of feeds fetch them every few hundred milliseconds.
	minFeedInterval = 100 * time.Millisecond
	// Questions about "the next summit" are asked on a day of the tests'
	// own, whatever the year (in-process and as a process alike).
	clock = func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	if os.Getenv(runAsMain) == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if benchBinariesBuilt.Load() { // the benchmarks built binaries
		if dir, err := binaries(); err == nil {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// summitbot runs the program, as this test binary, with only the environment
// given: the developer's own SUMMITBOT_ variables must not leak in.
func summitbot(t *testing.T, env map[string]string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = []string{"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"), runAsMain + "=1"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// process is summitbot running as its own process.
type process struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
}

func startProcess(t *testing.T, env map[string]string, args ...string) *process {
	t.Helper()
	cmd := summitbot(t, env, args...)
	p := &process{cmd: cmd, stderr: &syncBuffer{}}
	cmd.Stderr, cmd.Stdout = p.stderr, &bytes.Buffer{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return p
}

// kill is kill -9: no chance to finish anything.
func (p *process) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
}

// TestCrashDuringFanOut kills the bot with SIGKILL in the middle of
// delivering an article to many subscribers, restarts it, and checks that
// every subscriber ends up with the article exactly once.
func TestCrashDuringFanOut(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the bot as a process for several seconds")
	}
	const subscribers = 120
	data := t.TempDir()
	st, err := store.Open(filepath.Join(data, "state.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for i := range subscribers {
		st.Subscribe(store.Subscription{ChatID: int64(20000 + i), ChatType: "private", Lang: "en", Created: time.Now()})
	}
	st.Close()

	srv := telegramtest.NewServer(t, "")
	feeds := newFeedServer(t)
	env := map[string]string{
		"TELEGRAM_API_URL": srv.URL, "TELEGRAM_BOT_TOKEN": srv.Token, "SUMMITBOT_DATA_DIR": data,
		"SUMMITBOT_POLL_TIMEOUT": "1s", "SUMMITBOT_FEEDS": feeds.URL + "/rss", "SUMMITBOT_FEED_INTERVAL": "300ms",
		"SUMMITBOT_WATCH_INTERVAL": "200ms", "SUMMITBOT_LOG_LEVEL": "debug",
	}
	const title = "Ministers prepare the third China–Central Asia Summit"
	delivered := func() map[int64]int {
		got := map[int64]int{}
		for _, c := range srv.Calls("sendMessage") {
			if strings.Contains(c.Params["text"], title) && (c.Fault == nil || c.Fault.Status == 0) {
				got[c.Int("chat_id")]++
			}
		}
		return got
	}
	p := startProcess(t, env, "serve")
	srv.WaitCalls(t, "getUpdates", 1, 20*time.Second)
	feeds.add("crash-1", title, "The foreign ministers of the China–Central Asia format met in Tashkent to prepare the third China–Central Asia Summit.")
	deadline := time.Now().Add(20 * time.Second)
	for len(delivered()) < subscribers/4 {
		if time.Now().After(deadline) {
			t.Fatalf("fan-out did not start; logs:\n%s", p.stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.kill(t)
	atKill := len(delivered())
	if atKill >= subscribers {
		t.Fatalf("the fan-out was over (%d) before the kill; the test needs more subscribers", atKill)
	}

	p = startProcess(t, env, "serve")
	deadline = time.Now().Add(30 * time.Second)
	for len(delivered()) < subscribers {
		if time.Now().After(deadline) {
			t.Fatalf("after the restart %d of %d subscribers have the article; logs:\n%s", len(delivered()), subscribers, p.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Drain, then count: once the bot has stopped, nothing more can come.
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
	for chat, n := range delivered() {
		if n != 1 {
			t.Errorf("chat %d got the article %d times", chat, n)
		}
	}
	t.Logf("killed after %d of %d deliveries; after the restart every subscriber had it once", atKill, subscribers)
}

// TestCrashDuringIndexing kills an index build and checks that the next
// run still answers.
func TestCrashDuringIndexing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program as a process")
	}
	data, docs := t.TempDir(), t.TempDir()
	for i := range 150 {
		body := strings.Repeat(fmt.Sprintf("Note %d about trade, roads and the China–Central Asia summits in Astana and Xi'an. ", i), 30)
		os.WriteFile(filepath.Join(docs, fmt.Sprintf("n%d.md", i)), []byte(fmt.Sprintf(
			"---\nid: note-%d\ntitle: Note %d\nkind: article\nlang: en\nsource: S\nurl: https://e.org/%d\npublished: 2025-01-01\n---\n%s\n", i, i, i, body)), 0o644)
	}
	env := map[string]string{"SUMMITBOT_DATA_DIR": data, "SUMMITBOT_CORPUS_DIR": docs}
	for _, wait := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, 800 * time.Millisecond} {
		p := startProcess(t, env, "index", "--rebuild")
		time.Sleep(wait)
		p.kill(t)
	}
	out, err := summitbot(t, env, "ask", "--json", "When was the first summit?").CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"answered": true`) {
		t.Fatalf("after killed builds: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(filepath.Join(data, "index"))
	if len(entries) > 2 {
		t.Errorf("%d entries left in the index folder", len(entries))
	}
}
