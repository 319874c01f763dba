package index

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cespare/xxhash/v2"

	"github.com/summitbot/summitbot/corpus"
)

// TestOpenSource checks the fast start: a second open with the same stamp
// reads nothing of the corpus, and answers exactly as an engine built
// from the corpus does.
func TestOpenSource(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	loads := 0
	src := Source{Stamp: "stamp-1", Load: func() (*corpus.Collection, error) { loads++; return c, nil }}
	first, err := OpenSource(context.Background(), src, Options{Dir: dir, Now: evalNow})
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	if loads != 1 {
		t.Fatalf("first open read the corpus %d times, want 1", loads)
	}

	fast, err := OpenSource(context.Background(), src, Options{Dir: dir, Now: evalNow})
	if err != nil {
		t.Fatal(err)
	}
	if loads != 1 || !fast.Info().Reused {
		t.Fatalf("second open with the same stamp: %d reads of the corpus, reused %v; want 1 read, reused", loads, fast.Info().Reused)
	}
	got, want := *fast.lexicon(), *newLexicon(c.Aliases, fast.mapping)
	got.analyzers, want.analyzers = nil, nil
	decodeAll(&got)
	if !reflect.DeepEqual(got, want) {
		t.Error("the saved lexicon differs from one built from the alias sets")
	}
	var questions []string
	for _, f := range []string{"testdata/dev.jsonl", "testdata/extra.jsonl"} {
		for _, ec := range loadEval(t, f) {
			questions = append(questions, ec.Q)
		}
	}
	answers := func(e *Engine) []Answer {
		var out []Answer
		for _, q := range questions {
			a, err := e.Ask(context.Background(), q, AskOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a)
		}
		return out
	}
	fastAnswers := answers(fast)
	if loads != 1 {
		t.Fatalf("answering read the corpus")
	}
	if got := len(fast.Documents()); got != len(c.Documents) || loads != 2 {
		t.Fatalf("Documents() = %d documents after %d reads; want %d after reading once more", got, loads, len(c.Documents))
	}
	fast.Close() // the index is one process's at a time
	// The same index files opened from the corpus, the lexicon built anew.
	slow, err := Open(context.Background(), c, Options{Dir: dir, Now: evalNow})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range answers(slow) {
		if !reflect.DeepEqual(fastAnswers[i], want) {
			t.Fatalf("%q: the fast-started engine answers %+v, the one built from the corpus %+v", questions[i], fastAnswers[i], want)
		}
	}
	slow.Close()

	t.Run("NewStampReadsTheCorpus", func(t *testing.T) {
		src := Source{Stamp: "stamp-2", Load: func() (*corpus.Collection, error) { loads++; return c, nil }}
		before := loads
		e, err := OpenSource(context.Background(), src, Options{Dir: dir, Now: evalNow})
		if err != nil {
			t.Fatal(err)
		}
		e.Close()
		if loads != before+1 || !e.Info().Reused {
			t.Fatalf("reads %d, reused %v; want one read and the same index reused", loads-before, e.Info().Reused)
		}
	})
	t.Run("LoadErrorIsReturned", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := OpenSource(context.Background(), Source{Stamp: "stamp-3", Load: func() (*corpus.Collection, error) { return nil, boom }},
			Options{Dir: dir})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want the load error", err)
		}
	})
}

// FuzzDecodeLexicon checks that a damaged lexicon file is an error, never a
// crash or a huge allocation.
func FuzzDecodeLexicon(f *testing.F) {
	c, err := corpus.Default()
	if err != nil {
		f.Fatal(err)
	}
	m, err := newMapping()
	if err != nil {
		f.Fatal(err)
	}
	good := encodeLexicon(newLexicon(c.Aliases[:20], m))
	body := good[:len(good)-8] // without the checksum, which the fuzzer would seldom get right
	f.Add(body)
	f.Add(body[:len(body)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		if lx, err := decodeLexicon(string(binary.LittleEndian.AppendUint64(data, xxhash.Sum64(data))), m); err == nil {
			decodeAll(lx)
		}
		if _, err := decodeLexicon(string(data), m); err == nil && len(data) > 0 {
			t.Error("a file whose checksum does not match was read")
		}
	})
}

// decodeAll decodes the tries a lexicon leaves encoded until they are used.
func decodeAll(lx *lexicon) {
	for _, t := range lx.terms {
		t.get()
	}
	for i := range lx.sets {
		lx.sets[i].Forms = lx.formsOf(i)
	}
	lx.forms = nil
}

// TestDamagedLexiconIsRebuilt checks that a lexicon file damaged on disk
// is refused, the corpus read instead, and the file written again, so that
// the next process starts fast again.
func TestDamagedLexiconIsRebuilt(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir, loads := t.TempDir(), 0
	src := Source{Stamp: "stamp", Load: func() (*corpus.Collection, error) { loads++; return c, nil }}
	open := func() {
		t.Helper()
		e, err := OpenSource(context.Background(), src, Options{Dir: dir, Now: evalNow})
		if err != nil {
			t.Fatal(err)
		}
		e.Close()
	}
	open()
	files, _ := filepath.Glob(filepath.Join(dir, "index", "*", lexiconFile))
	if len(files) != 1 {
		t.Fatalf("lexicon files %v, want one", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x40 // one bit, in a trie left encoded until used
	if err := os.WriteFile(files[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	open()
	open()
	if loads != 2 {
		t.Fatalf("the corpus was read %d times, want 2: once to build, once for the damaged file", loads)
	}
}

// TestIndexingKeyCoversStopwords: the Kazakh and Uzbek analyzers drop the
// stop words of stopwords.txt, so editing it must change both the stamp
// key and the fingerprint, or an index built with the old list would be
// opened as current.
func TestIndexingKeyCoversStopwords(t *testing.T) {
	c, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	stamp, fp := stampKey("stamp"), fingerprint(c)
	saved := stopwordsFile
	t.Cleanup(func() { stopwordsFile = saved })
	stopwordsFile += "\nkk: жаңа\n"
	if stampKey("stamp") == stamp {
		t.Error("the stamp key ignores stopwords.txt")
	}
	if fingerprint(c) == fp {
		t.Error("the fingerprint ignores stopwords.txt")
	}
}
