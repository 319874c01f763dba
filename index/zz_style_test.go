package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestStyles(t *testing.T) {
	if os.Getenv("STYLES") == "" {
		t.Skip()
	}
	e := openDefault(t)
	type st struct{ n, hit int }
	m := map[string]*st{}
	for _, f := range []string{"testdata/blind1.jsonl", "testdata/blind2.jsonl", "testdata/blind3.jsonl", "testdata/blind1-kkuz.jsonl", "testdata/blind2-kkuz.jsonl", "testdata/blind3-kkuz.jsonl", "testdata/blind4.jsonl", "testdata/blind4-kkuz.jsonl"} {
		data, _ := os.ReadFile(f)
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(l, "{") {
				continue
			}
			var c struct {
				evalCase
				Style string `json:"style"`
			}
			json.Unmarshal([]byte(l), &c)
			ans, _ := e.Ask(context.Background(), c.Q, AskOptions{})
			ok := false
			if c.Expect == nil {
				ok = !ans.Answered
			} else if ans.Answered && len(ans.Hits) > 0 {
				ok = satisfies(ans.Text+"\n"+ans.Hits[0].Passage.Text, c.Expect)
			}
			k := c.Lang + "/" + c.Style
			if m[k] == nil {
				m[k] = &st{}
			}
			m[k].n++
			if ok {
				m[k].hit++
			}
		}
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Printf("%-22s %3d %.2f\n", k, m[k].n, float64(m[k].hit)/float64(m[k].n))
	}
}
