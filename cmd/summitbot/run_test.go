package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runCLI runs the program in-process with env as its whole environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err = run(context.Background(), args, getenv, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func TestAskJSON(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name, question string
		answered       bool
		want           string // in the answer or the first hit
	}{
		{"English", "When was the first summit?", true, "2023"},
		{"French", "Où s'est tenu le deuxième sommet ?", true, "Astana"},
		{"Russian", "Когда пройдёт следующий саммит?", true, "2027"},
		{"Chinese", "首届中国—中亚峰会在哪里举行？", true, "西安"},
		{"OffTopic", "What's the weather in Paris?", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, nil, "ask", "--json", "--data", data, tt.question)
			if err != nil {
				t.Fatal(err)
			}
			var got jsonAnswer
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if got.Answered != tt.answered {
				t.Fatalf("answered = %v, want %v: %s", got.Answered, tt.answered, out)
			}
			if !tt.answered {
				if got.Hits == nil || len(got.Hits) != 0 || got.Answer != "" {
					t.Errorf("no answer should print \"hits\": [] and no answer: %s", out)
				}
				return
			}
			h := got.Hits[0]
			if h.Title == "" || h.URL == "" || h.Published == "" || h.Source == "" || h.PassageID == "" || h.DocID == "" || h.Lang == "" {
				t.Errorf("incomplete citation: %+v", h)
			}
			if !strings.Contains(got.Answer+h.Text, tt.want) {
				t.Errorf("answer %q / %q lacks %q", got.Answer, h.Text, tt.want)
			}
		})
	}
}

// TestAskQuerySyntax checks that text that would be Bleve query syntax is
// read as words: no error, no wildcard scan.
func TestAskQuerySyntax(t *testing.T) {
	data := t.TempDir()
	for _, q := range []string{`+summit -first field:x* /.*/ ~2`, `"unterminated`, `*`, `text_en:(`, `summit?`, strings.Repeat("summit ", 10000)} {
		out, _, err := runCLI(t, nil, "ask", "--json", "--data", data, q)
		var got jsonAnswer
		if err != nil || json.Unmarshal([]byte(out), &got) != nil {
			t.Errorf("%.40q: %v\n%s", q, err, out)
		}
		if len([]rune(got.Question)) > 300 {
			t.Errorf("question not cut: %d runes", len([]rune(got.Question)))
		}
	}
}

func TestAskText(t *testing.T) {
	out, _, err := runCLI(t, nil, "ask", "--data", t.TempDir(), "When", "was", "the", "first", "summit?")
	if err != nil {
		t.Fatal(err)
	}
	// The bot's layout: the answer sentence opens the output, bold; each
	// source is listed once, and none is SummitBot.
	if !strings.HasPrefix(out, "**The first China–Central Asia Summit was held on 18–19 May 2023") {
		t.Errorf("output does not open with the answer:\n%s", out)
	}
	sources := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if src, ok := strings.CutPrefix(line, "Source: "); ok {
			if sources[src] {
				t.Errorf("source listed twice: %s", src)
			}
			sources[src] = true
			// A fact sheet cites its original publisher with a link, or with
			// the date when no original page is known.
			if pub, _, _ := strings.Cut(src, "·"); strings.Contains(pub, "SummitBot") || !(strings.Contains(src, "http") || yearIn.MatchString(src)) {
				t.Errorf("source line %q: want a publisher other than SummitBot, and a link or a date", line)
			}
		}
	}
	if len(sources) == 0 {
		t.Errorf("no source:\n%s", out)
	}
}

// A refusal suggests the bot's example questions, in the question's
// language, as commands to run.
func TestAskTextRefusalSuggests(t *testing.T) {
	data := t.TempDir()
	for _, tc := range []struct{ question, heading, example string }{
		{"How do I cook plov?", "Try one of these:", `summitbot ask "When was the first summit?"`},
		{"Comment cuisiner le plov ?", "Essayez par exemple :", `summitbot ask "Quand a eu lieu le premier sommet ?"`},
		{"Как приготовить плов?", "Попробуйте, например:", `summitbot ask "Когда прошёл первый саммит?"`},
		// Kyrgyz, read through Kazakh, gets Russian words: with its own
		// letters, and without them, when it may as well be Kazakh.
		{"Биринчи саммит качан өттү?", "Попробуйте, например:", `summitbot ask "Когда прошёл первый саммит?"`},
		{"Кийинки саммит кайсы жылы болот?", "Попробуйте, например:", `summitbot ask "Когда прошёл первый саммит?"`},
	} {
		out, _, err := runCLI(t, nil, "ask", "--data", data, tc.question)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "\n"+tc.heading+"\n") || !strings.Contains(out, "  "+tc.example+"\n") {
			t.Errorf("%q: the refusal does not suggest %q under %q:\n%s", tc.question, tc.example, tc.heading, out)
		}
	}
}

var yearIn = regexp.MustCompile(`\b(19|20)[0-9]{2}\b`)

func TestAskErrors(t *testing.T) {
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "broken.md"), []byte("---\nid: x\ntitle: T\nkind: article\nlang: de\nsource: S\nurl: https://e.org\npublished: 2024-01-01\n---\nText.\n"), 0o644)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		name  string
		env   map[string]string
		args  []string
		usage bool
		want  string
	}{
		{"EmptyQuestion", nil, []string{"ask", "--data", t.TempDir(), "   "}, true, "empty"},
		{"NoQuestion", nil, []string{"ask"}, true, "missing question"},
		{"BadCorpus", nil, []string{"ask", "--data", t.TempDir(), "--corpus", bad, "q"}, false, `broken.md:5: field "lang": unknown language "de"`},
		{"MissingCorpus", nil, []string{"ask", "--data", t.TempDir(), "--corpus", filepath.Join(bad, "nope"), "q"}, false, "corpus folder"},
		{"DataDirIsAFile", nil, []string{"ask", "--data", file, "q"}, false, "a-file"},
		{"UnknownCommand", nil, []string{"frobnicate"}, true, "unknown command"},
		{"BadFlag", nil, []string{"ask", "--nope", "q"}, true, "nope"},
		{"BadLogLevel", map[string]string{"SUMMITBOT_LOG_LEVEL": "loud"}, []string{"version"}, false, "SUMMITBOT_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCLI(t, tt.env, tt.args...)
			if err == nil {
				t.Fatal("no error")
			}
			var u usageError
			if errors.As(err, &u) != tt.usage {
				t.Errorf("usage error = %v, want %v (%v)", !tt.usage, tt.usage, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestIndexIsReused(t *testing.T) {
	data := t.TempDir()
	out, _, err := runCLI(t, nil, "index", "--data", data)
	if err != nil || !strings.Contains(out, "index built") {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "index", "--data", data)
	if err != nil || !strings.Contains(out, "index opened") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	// A new document in the corpus folder makes a new index.
	docs := t.TempDir()
	os.WriteFile(filepath.Join(docs, "n.md"), []byte("---\nid: note\ntitle: A note\nkind: article\nlang: en\nsource: S\nurl: https://e.org\npublished: 2025-01-01\n---\nThe Astana summit was busy.\n"), 0o644)
	out, _, err = runCLI(t, nil, "index", "--data", data, "--corpus", docs)
	if err != nil || !strings.Contains(out, "index built") {
		t.Fatalf("after a corpus change: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(filepath.Join(data, "index"))
	indexes := 0
	for _, e := range entries {
		if e.IsDir() {
			indexes++
		}
	}
	if indexes != 1 {
		t.Errorf("%d indexes left in the data folder, want only the current one", indexes)
	}
}

func TestCorpusListing(t *testing.T) {
	out, _, err := runCLI(t, nil, "corpus", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ ID, Lang string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) < 20 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
}

func TestEnvironmentAndDotenv(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, "custom.env")
	os.WriteFile(envFile, []byte("SUMMITBOT_DATA_DIR="+filepath.Join(dir, "from-file")+"\nSUMMITBOT_LOG_LEVEL=debug\n"), 0o644)
	e, err := loadEnv(func(k string) string {
		return map[string]string{"SUMMITBOT_ENV_FILE": envFile, "SUMMITBOT_LOG_LEVEL": "warn"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(e, globalFlags{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir != filepath.Join(dir, "from-file") || cfg.LogLevel.String() != "WARN" {
		t.Errorf("data %q level %s: want the file's data dir and the environment's level", cfg.DataDir, cfg.LogLevel)
	}
	if _, err := loadEnv(func(k string) string {
		return map[string]string{"SUMMITBOT_ENV_FILE": filepath.Join(dir, "missing")}[k]
	}); err == nil {
		t.Error("a missing SUMMITBOT_ENV_FILE gave no error")
	}
}
