package pinyingen

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

var update = flag.Bool("update", false, "rewrite index/pinyin.txt")

const tablePath = "../../pinyin.txt"

// TestTableIsCurrent fails when the alias sets or the stop words changed
// and index/pinyin.txt was not made again.
func TestTableIsCurrent(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	stop, err := os.ReadFile("../../stopwords.txt")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, d := range c.Documents {
		if d.Lang == "zh" {
			texts = append(texts, d.Title, d.Body)
		}
	}
	want := Table(c.Aliases, string(stop), texts)
	if *update {
		if err := os.WriteFile(tablePath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(tablePath)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run go test ./index/internal/pinyingen -update", tablePath)
	}
	for _, line := range []string{"feng hui\t峰会", "xi an\t西安", "xuan bu\t宣布"} {
		if !strings.Contains(want, line+"\n") {
			t.Errorf("table lacks %q", line)
		}
	}
}
