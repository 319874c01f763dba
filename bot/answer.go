package bot

import (
	"fmt"
	"strconv"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// answerBlocks lays out one passage of an answer as numbered n: with the
// short answer first when it is the first passage, a note when the passage
// is in another language than the question, the passage with the matched
// words in bold, and its citation.
func answerBlocks(ans index.Answer, h index.Hit, n int, lang string) []block {
	w := words(lang)
	var blocks []block
	if n == 1 && ans.Text != "" {
		blocks = append(blocks, para(strong(ans.Text)))
	}
	if h.Passage.Lang != ans.Lang {
		blocks = append(blocks, para(emph(fmt.Sprintf(w.FromSource, w.Languages[h.Passage.Lang]))))
	}
	ref := "[" + strconv.Itoa(n) + "]"
	blocks = append(blocks,
		append(marked(h.Passage.Text, spans(h.Marks)), text(" "+ref)),
		para(strong(w.Sources)),
		citation(ref, h.Passage.Citation))
	return blocks
}

// citation is "[1] Title — Source, 2023-05-19", the title linking to the
// source.
func citation(ref string, c corpus.Citation) block {
	return para(text(ref+" "), anchor(c.Title, c.URL),
		text(fmt.Sprintf(" — %s, %s", c.Source, c.Published.Format(corpus.DateLayout))))
}

func spans(marks []index.Span) [][2]int {
	out := make([][2]int, len(marks))
	for i, m := range marks {
		out[i] = [2]int{m.Start, m.End}
	}
	return out
}
