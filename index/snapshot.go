package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"unsafe"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/cespare/xxhash/v2"

	"github.com/summitbot/summitbot/corpus"
)

// lexiconFile is kept beside an index: the alias sets and the lexicon built
// from them, which cost tens of milliseconds to parse and analyze and a
// fraction of one to decode. The index's fingerprint covers both, so the
// file is as current as the index it sits in.
const lexiconFile = "summitbot-lexicon.bin"

// The file is a flat list of unsigned varints and length-prefixed strings
// (gob took 5 ms to decode it; this takes a fraction of one): a version,
// the alias sets, each language's term trie (length-prefixed, decoded when
// first used), the raw and phrase tries, the Han forms and the one-word
// forms, then an xxHash of all that. Decoded strings share one buffer.
const lexiconVersion = 7

type encoder struct{ b []byte }

func (w *encoder) uint(n int) { w.b = binary.AppendUvarint(w.b, uint64(n)) }

func (w *encoder) str(s string) {
	w.uint(len(s))
	w.b = append(w.b, s...)
}

func (w *encoder) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

func (w *encoder) ints(ns []int) {
	w.uint(len(ns))
	for _, n := range ns {
		w.uint(n)
	}
}

func (w *encoder) strs(ss []string) {
	w.uint(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *encoder) trie(t termTrie) {
	w.uint(len(t))
	for _, k := range slices.Sorted(maps.Keys(t)) {
		w.str(k)
		w.uint(len(t[k]))
		for _, f := range t[k] {
			w.strs(f.terms)
			w.uint(f.set)
		}
	}
}

type decoder struct {
	s   string
	err error
	// arena backs the slices strs returns: a lexicon holds some ten
	// thousand short lists, and one allocation apiece was most of the
	// cost of reading it. It grows by chunk strings (4096 when 0).
	arena []string
	chunk int
	forms []termForm // backs the tries' form lists, as arena does the strings
}

func (r *decoder) ints() []int {
	n := r.count()
	if n == 0 || r.err != nil {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = r.uint()
	}
	return out
}

var errLexiconFile = errors.New("truncated or corrupt")

func (r *decoder) uint() int {
	if r.err != nil {
		return 0
	}
	// binary.Uvarint over the string, without copying it to bytes; a
	// number up to 1<<31 takes at most five.
	var n uint64
	for k := 0; k < min(len(r.s), binary.MaxVarintLen32); k++ {
		b := r.s[k]
		n |= uint64(b&0x7f) << (7 * k)
		if b < 0x80 {
			if n > 1<<31 {
				break
			}
			r.s = r.s[k+1:]
			return int(n)
		}
	}
	r.err = errLexiconFile
	return 0
}

// count reads a number of things to follow, each at least a byte long.
func (r *decoder) count() int {
	n := r.uint()
	if n > len(r.s) {
		r.err = errLexiconFile
		return 0
	}
	return n
}

func (r *decoder) str() string {
	n := r.uint()
	if r.err != nil || n > len(r.s) {
		r.err = errLexiconFile
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *decoder) strs() []string {
	n := r.count()
	if n == 0 || r.err != nil {
		return nil
	}
	if len(r.arena) < n {
		chunk := r.chunk
		if chunk == 0 {
			chunk = 4096
		}
		r.arena = make([]string, max(n, chunk))
	}
	out := r.arena[:n:n]
	r.arena = r.arena[n:]
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *decoder) trie() termTrie {
	n := r.count()
	t := make(termTrie, n)
	for range n {
		if r.err != nil {
			break
		}
		k := r.str()
		fs := r.termForms(r.count())
		for i := range fs {
			fs[i] = termForm{terms: r.strs(), set: r.uint()}
		}
		t[k] = fs
	}
	return t
}

// formsByLang reads a set's forms by language.
func (r *decoder) formsByLang() map[string][]string {
	n := r.count()
	out := make(map[string][]string, n)
	for range n {
		if r.err != nil {
			break
		}
		l := r.str()
		out[l] = r.strs()
	}
	return out
}

// termForms returns n forms cut from the decoder's form arena.
func (r *decoder) termForms(n int) []termForm {
	if len(r.forms) < n {
		r.forms = make([]termForm, max(n, 1024))
	}
	out := r.forms[:n:n]
	r.forms = r.forms[n:]
	return out
}

// encodeLexicon writes everything newLexicon computes from the alias sets.
func encodeLexicon(lx *lexicon) []byte {
	w := &encoder{}
	w.uint(lexiconVersion)
	w.uint(len(lx.sets))
	for _, s := range lx.sets {
		w.str(s.ID)
		w.str(string(s.Kind))
		w.str(s.Value)
		w.str(s.Answer)
		w.strs(s.Broader)
		w.str(s.Implies)
		w.str(s.Origin)
		// Length-prefixed, so that decoding can leave it for later.
		f := &encoder{}
		f.uint(len(s.Forms))
		for _, l := range slices.Sorted(maps.Keys(s.Forms)) {
			f.str(l)
			f.strs(s.Forms[l])
		}
		w.str(string(f.b))
	}
	for _, l := range corpus.Languages {
		// Length-prefixed, so that decoding can leave it for later.
		t := &encoder{}
		t.trie(lx.terms[l].get())
		w.str(string(t.b))
	}
	for _, l := range corpus.Languages {
		w.trie(lx.raw[l])
		w.trie(lx.phrases[l])
	}
	w.uint(len(lx.formWords.words))
	for i, k := range lx.formWords.words {
		w.str(k)
		w.uint(int(lx.formWords.langs[i]))
	}
	w.uint(len(lx.han))
	for _, r := range slices.Sorted(maps.Keys(lx.han)) {
		w.uint(int(r))
		w.uint(len(lx.han[r]))
		for _, f := range lx.han[r] {
			w.str(f.text)
			w.uint(f.set)
		}
	}
	w.uint(len(lx.words))
	for _, r := range slices.Sorted(maps.Keys(lx.words)) {
		w.uint(int(r))
		w.uint(len(lx.words[r]))
		for _, f := range lx.words[r] {
			w.str(f.word)
			w.uint(f.set)
			w.str(f.lang)
		}
	}
	return binary.LittleEndian.AppendUint64(w.b, xxhash.Sum64(w.b))
}

// decodeLexicon checks the file's checksum, which covers the tries it
// leaves encoded until they are needed, and decodes the rest.
func decodeLexicon(data string, m *mapping.IndexMappingImpl) (*lexicon, error) {
	body, ok := checkedBody(data)
	if !ok {
		return nil, errLexiconFile
	}
	r := &decoder{s: body}
	if v := r.uint(); v != lexiconVersion {
		return nil, fmt.Errorf("lexicon file version %d, want %d", v, lexiconVersion)
	}
	n := r.count()
	lx := &lexicon{sets: make([]corpus.AliasSet, n), forms: make([]lazyForms, n), analyzers: lazyAnalyzers(m), terms: map[string]*lazyTrie{},
		raw: map[string]termTrie{}, phrases: map[string]termTrie{}, broader: map[string][]string{}, ids: make(map[string]int, n),
		formRaw: &wordMemo[[]string]{}}
	for i := range lx.sets {
		s := &lx.sets[i]
		s.ID, s.Kind, s.Value, s.Answer = r.str(), corpus.AliasKind(r.str()), r.str(), r.str()
		s.Broader, s.Implies, s.Origin = r.strs(), r.str(), r.str()
		lx.forms[i].data = r.str()
		lx.ids[s.ID] = i
		if len(s.Broader) > 0 {
			lx.broader[s.ID] = s.Broader
		}
	}
	for _, l := range corpus.Languages {
		lx.terms[l] = &lazyTrie{data: r.str()}
	}
	for _, l := range corpus.Languages {
		lx.raw[l], lx.phrases[l] = r.trie(), r.trie()
	}
	n = r.count()
	lx.formWords = wordLangs{words: make([]string, 0, n), langs: make([]uint8, 0, n)}
	for range n {
		if r.err != nil {
			break
		}
		lx.formWords.words = append(lx.formWords.words, r.str())
		lx.formWords.langs = append(lx.formWords.langs, uint8(r.uint()))
	}
	if !slices.IsSorted(lx.formWords.words) {
		return nil, errLexiconFile
	}
	n = r.count()
	lx.han = make(map[rune][]hanForm, n)
	for range n {
		if r.err != nil {
			break
		}
		k := rune(r.uint())
		fs := make([]hanForm, r.count())
		for i := range fs {
			fs[i] = hanForm{text: r.str(), set: r.uint()}
		}
		lx.han[k] = fs
	}
	n = r.count()
	lx.words = make(map[rune][]wordForm, n)
	for range n {
		if r.err != nil {
			break
		}
		k := rune(r.uint())
		fs := make([]wordForm, r.count())
		for i := range fs {
			fs[i] = wordForm{word: r.str(), set: r.uint(), lang: r.str()}
		}
		lx.words[k] = fs
	}
	if r.err != nil || r.s != "" {
		return nil, errLexiconFile
	}
	lx.closeBroader()
	return lx, nil
}

// writeLexicon saves the lexicon in dir, atomically.
func writeLexicon(dir string, lx *lexicon) error {
	tmp, err := os.CreateTemp(dir, lexiconFile+".*")
	if err != nil {
		return fmt.Errorf("write lexicon: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(encodeLexicon(lx)); err != nil {
		tmp.Close()
		return fmt.Errorf("write lexicon: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write lexicon: %w", err)
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, lexiconFile))
}

// checkedBody returns a lexicon file's content without the checksum that
// ends it, and whether the checksum matches.
func checkedBody(data string) (string, bool) {
	n := len(data) - 8
	if n < 0 || xxhash.Sum64String(data[:n]) != binary.LittleEndian.Uint64([]byte(data[n:])) {
		return "", false
	}
	return data[:n], true
}

// lexiconSound reports whether dir holds a lexicon file of this version
// whose checksum matches.
func lexiconSound(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, lexiconFile))
	if err != nil {
		return false
	}
	body, ok := checkedBody(string(data))
	r := &decoder{s: body}
	return ok && r.uint() == lexiconVersion
}

// readLexicon loads the lexicon saved in dir; os.ErrNotExist when there is none.
func readLexicon(dir string, m *mapping.IndexMappingImpl) (*lexicon, error) {
	data, err := os.ReadFile(filepath.Join(dir, lexiconFile))
	if err != nil {
		return nil, err
	}
	// The decoded lexicon's strings point into the file's bytes, which
	// nothing writes to again: no copy of them is needed.
	lx, err := decodeLexicon(unsafe.String(unsafe.SliceData(data), len(data)), m)
	if err != nil {
		return nil, fmt.Errorf("read lexicon %s: %w", dir, err)
	}
	return lx, nil
}
