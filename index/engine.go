package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/summitbot/summitbot/corpus"
)

// formatVersion changes whenever what is indexed changes in a way the
// corpus fingerprint cannot see (fields, features, analyzers), so that an
// index built by an older binary is rebuilt. The analyzers' settings and
// the stop words of stopwords.txt, which the Kazakh and Uzbek analyzers
// drop, are hashed with it (writeIndexing): changing them rebuilds too.
const formatVersion = "summitbot-index-24"

const markerFile = "summitbot-index.json"

// Options configure Open.
type Options struct {
	// Dir is the data directory; the index lives in Dir/index. Empty means
	// an index in memory, for tests and one-off runs.
	Dir string
	// Rebuild forces a new index even when one for this corpus exists.
	Rebuild bool
	Logger  *slog.Logger
	// Now is the clock that "next" and "last" are relative to.
	Now func() time.Time
	// Params are the ranking parameters; nil means DefaultParams.
	Params *Params
}

// Info describes an open index.
type Info struct {
	Fingerprint string    `json:"fingerprint"`
	Built       time.Time `json:"built"`
	Documents   int       `json:"documents"`
	Passages    int       `json:"passages"`
	Path        string    `json:"path,omitempty"` // empty for an index in memory
	Reused      bool      `json:"-"`              // opened as found, not built
}

// Engine answers questions from an index of the corpus. It is safe for
// concurrent use.
type Engine struct {
	idx     bleve.Index
	mapping *mapping.IndexMappingImpl
	stop    *stopwords
	log     *slog.Logger
	now     func() time.Time
	params  Params

	passages *passageCache
	// freeSpace reports the bytes free where the index lives (diskFree;
	// tests pass a full disk).
	freeSpace func(path string) (uint64, error)
	dfs       dfCache              // document frequencies, cleared by every change
	words     wordMemo[[]string]   // analyzed terms
	fuzzy     wordMemo[fuzzyEntry] // typos taken for corpus terms

	write sync.Mutex   // one update of the index at a time
	mu    sync.RWMutex // guards info and docs while the corpus changes
	lex   *lexicon     // set when the engine opens, never changed after
	info  Info
	docs  map[string]corpus.Document

	// loadDocs fills docs on first use when the engine was opened from a
	// Source without reading the corpus.
	loadDocs     func() (*corpus.Collection, error)
	loadDocsOnce sync.Once
}

// Open returns an engine over the collection's index in opts.Dir: the one
// already built for exactly this corpus when there is one (opened in
// milliseconds), else a new one. A corrupt index is rebuilt; an index held
// by another process is left alone and a private copy is built in memory.
func Open(ctx context.Context, c *corpus.Collection, opts Options) (*Engine, error) {
	e, err := newEngine(c, opts)
	if err != nil {
		return nil, err
	}
	fp := fingerprint(c)
	if opts.Dir == "" {
		return e, e.buildInto(ctx, "", c, fp)
	}
	root := filepath.Join(opts.Dir, "index")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("index folder: %w", err)
	}
	path := filepath.Join(root, fp[:16])
	if !opts.Rebuild {
		err := e.openExisting(path, fp)
		switch {
		case err == nil:
			return e, nil
		case errors.Is(err, errLocked):
			e.log.Warn("index is in use by another process; building a private copy in memory", "path", path)
			return e, e.buildInto(ctx, "", c, fp)
		case !errors.Is(err, os.ErrNotExist):
			e.log.Warn("index cannot be opened; rebuilding it", "path", path, "err", err)
		}
	}
	if err := e.buildAt(ctx, root, path, c, fp); err != nil {
		return nil, err
	}
	e.removeStale(root, path)
	return e, nil
}

// newEngine makes an engine without an index; with c nil, also without a
// lexicon or documents, for the caller to set.
func newEngine(c *corpus.Collection, opts Options) (*Engine, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	return newEngineWith(m, c, opts)
}

// sharedStopwords are read only, the same for every engine: loaded once
// per process (a millisecond).
var sharedStopwords = sync.OnceValue(loadStopwords)

func newEngineWith(m *mapping.IndexMappingImpl, c *corpus.Collection, opts Options) (*Engine, error) {
	e := &Engine{mapping: m, stop: sharedStopwords(), log: opts.Logger, now: opts.Now,
		docs: map[string]corpus.Document{}, passages: newPassageCache(passageCacheSize), freeSpace: diskFree}
	if e.log == nil {
		e.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if e.now == nil {
		e.now = time.Now
	}
	e.params = DefaultParams()
	if opts.Params != nil {
		e.params = *opts.Params
	}
	if c != nil {
		e.lex = newLexicon(c.Aliases, m)
		for _, d := range c.Documents {
			e.docs[d.ID] = d
		}
	}
	return e, nil
}

// Source is a corpus that start-up can recognise without reading it.
type Source struct {
	// Stamp changes whenever the corpus's files may have changed
	// (corpus.Stamp).
	Stamp string
	// Load reads the corpus. OpenSource calls it only when the stamp is
	// not the one the index was last opened with, and the engine calls it
	// later when it is asked for the documents.
	Load func() (*corpus.Collection, error)
}

// currentFile, in the index folder, remembers which index the last stamp
// opened: {"stamp": …, "fingerprint": …}.
const currentFile = "current.json"

type current struct {
	Stamp       string `json:"stamp"`
	Fingerprint string `json:"fingerprint"`
}

// OpenSource is Open for a corpus that need not be read: when src.Stamp is
// the stamp the index in opts.Dir was last opened with, the index and the
// lexicon saved beside it are opened as they are, in a few milliseconds
// however large the corpus; the documents are read only if asked for.
// Otherwise it reads the corpus and calls Open, which hashes it and reuses
// or builds the index, and remembers the stamp for next time.
func OpenSource(ctx context.Context, src Source, opts Options) (*Engine, error) {
	stamp := stampKey(src.Stamp)
	if opts.Dir != "" && !opts.Rebuild && src.Stamp != "" {
		e, err := openCurrent(src, stamp, opts)
		if err == nil {
			return e, nil
		}
		if opts.Logger != nil && !errors.Is(err, os.ErrNotExist) {
			opts.Logger.Debug("the index's saved state does not match; reading the corpus", "err", err)
		}
	}
	c, err := src.Load()
	if err != nil {
		return nil, err
	}
	e, err := Open(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	if e.info.Path != "" && src.Stamp != "" {
		if err := e.remember(stamp); err != nil {
			e.log.Warn("cannot save the index's state for a faster start next time", "err", err)
		}
	}
	return e, nil
}

// stampKey ties a corpus stamp to the way this binary indexes.
func stampKey(stamp string) string {
	h := sha256.New()
	writeIndexing(h)
	h.Write([]byte(stamp))
	return hex.EncodeToString(h.Sum(nil))
}

// openCurrent opens the index that stamp last opened, with its lexicon.
func openCurrent(src Source, stamp string, opts Options) (*Engine, error) {
	root := filepath.Join(opts.Dir, "index")
	data, err := os.ReadFile(filepath.Join(root, currentFile))
	if err != nil {
		return nil, err
	}
	var cur current
	if err := json.Unmarshal(data, &cur); err != nil || cur.Stamp != stamp || len(cur.Fingerprint) < 16 {
		return nil, fmt.Errorf("%s: %w", currentFile, os.ErrNotExist)
	}
	path := filepath.Join(root, cur.Fingerprint[:16])
	idx, info, err := openMarked(path, cur.Fingerprint)
	if err != nil {
		return nil, err
	}
	// The index's own mapping: building a second one costs a millisecond.
	m, ok := idx.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		idx.Close()
		return nil, fmt.Errorf("index %s: unexpected mapping %T", path, idx.Mapping())
	}
	e, err := newEngineWith(m, nil, opts)
	if err == nil {
		e.lex, err = readLexicon(path, m)
	}
	if err != nil {
		idx.Close()
		return nil, err
	}
	e.idx, e.info = idx, info
	e.loadDocs = src.Load
	return e, nil
}

// remember saves the lexicon beside the open index, unless a sound one is
// there already, and records that stamp opens this index. A damaged file
// is written again: left, it would send every later process to the corpus.
func (e *Engine) remember(stamp string) error {
	path := e.info.Path
	if !lexiconSound(path) {
		if err := writeLexicon(path, e.lexicon()); err != nil {
			return err
		}
	}
	data, err := json.Marshal(current{Stamp: stamp, Fingerprint: e.info.Fingerprint})
	if err != nil {
		return err
	}
	root := filepath.Dir(path)
	tmp, err := os.CreateTemp(root, currentFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(root, currentFile))
}

// documents reads the corpus's documents the first time they are needed,
// for an engine opened without reading them.
func (e *Engine) documents() {
	e.loadDocsOnce.Do(func() {
		if e.loadDocs == nil {
			return
		}
		c, err := e.loadDocs()
		if err != nil {
			e.log.Warn("cannot read the corpus; the list of documents is empty", "err", err)
			return
		}
		e.mu.Lock()
		for _, d := range c.Documents {
			if _, ok := e.docs[d.ID]; !ok {
				e.docs[d.ID] = d
			}
		}
		e.mu.Unlock()
	})
}

// fingerprint identifies an index's content: the corpus files and the way
// they are indexed.
func fingerprint(c *corpus.Collection) string {
	h := sha256.New()
	writeIndexing(h)
	h.Write([]byte(c.Fingerprint()))
	return hex.EncodeToString(h.Sum(nil))
}

// writeIndexing writes what decides how a corpus is indexed: the format
// version, the analyzers' settings and the stop word lists.
func writeIndexing(w io.Writer) {
	cfg, _ := json.Marshal(analyzerConfigs)
	fmt.Fprintf(w, "%s\x00%s\x00%s\x00", formatVersion, cfg, stopwordsFile)
}

var errLocked = errors.New("index locked by another process")

func (e *Engine) openExisting(path, fp string) error {
	idx, info, err := openMarked(path, fp)
	if err != nil {
		return err
	}
	e.idx, e.info = idx, info
	return nil
}

// openMarked opens the index at path if its marker says it holds the
// corpus with fingerprint fp.
func openMarked(path, fp string) (bleve.Index, Info, error) {
	data, err := os.ReadFile(filepath.Join(path, markerFile))
	if err != nil {
		return nil, Info{}, err // os.ErrNotExist: never built, or the build did not finish
	}
	var info Info
	if err := json.Unmarshal(data, &info); err != nil || info.Fingerprint != fp {
		return nil, Info{}, fmt.Errorf("marker %s does not describe this corpus", markerFile)
	}
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "1s"})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, Info{}, errLocked
		}
		return nil, Info{}, err
	}
	info.Path, info.Reused = path, true
	return idx, info, nil
}

// buildAt builds the index in a temporary folder beside path and renames it
// into place, so that a crash mid-build never leaves a half index at path.
func (e *Engine) buildAt(ctx context.Context, root, path string, c *corpus.Collection, fp string) error {
	tmp, err := os.MkdirTemp(root, fmt.Sprintf(".build-%d-", os.Getpid()))
	if err != nil {
		return fmt.Errorf("index folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	work := filepath.Join(tmp, "index")
	if err := e.buildInto(ctx, work, c, fp); err != nil {
		return err
	}
	if err := e.writeMarker(work); err != nil {
		return err
	}
	if err := e.idx.Close(); err != nil {
		return fmt.Errorf("close new index: %w", err)
	}
	os.RemoveAll(path) // a corrupt or unfinished index for the same corpus
	if err := os.Rename(work, path); err != nil {
		return fmt.Errorf("install index: %w", err)
	}
	if err := e.openExisting(path, fp); err != nil {
		return fmt.Errorf("open new index: %w", err)
	}
	e.info.Reused = false
	return nil
}

func (e *Engine) writeMarker(dir string) error {
	data, err := json.MarshalIndent(e.info, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, markerFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write index marker: %w", err)
	}
	return os.Rename(tmp, filepath.Join(dir, markerFile))
}

// removeStale deletes indexes of earlier corpora that no process holds.
func (e *Engine) removeStale(root, keep string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, ent := range entries {
		p := filepath.Join(root, ent.Name())
		if p == keep || !ent.IsDir() {
			continue
		}
		if strings.HasPrefix(ent.Name(), ".build-") {
			if builderAlive(ent.Name()) {
				continue // another process is building right now
			}
		} else if idx, err := bleve.OpenUsing(p, map[string]interface{}{"bolt_timeout": "50ms"}); err == nil {
			idx.Close()
		} else if strings.Contains(err.Error(), "timeout") {
			continue // in use
		}
		if err := os.RemoveAll(p); err == nil {
			e.log.Info("removed an old index", "path", p)
		}
	}
}

// builderAlive reports whether the process that made a build folder
// (".build-<pid>-…") still runs; a folder it cannot read is assumed live.
func builderAlive(name string) bool {
	var pid int
	if _, err := fmt.Sscanf(name, ".build-%d-", &pid); err != nil || pid <= 0 {
		return true
	}
	if pid == os.Getpid() {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

// buildInto creates a new index at path ("" for memory) and fills it.
func (e *Engine) buildInto(ctx context.Context, path string, c *corpus.Collection, fp string) error {
	start := time.Now()
	idx, err := bleve.NewUsing(path, e.mapping, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	e.idx = idx
	n, err := e.indexCollection(ctx, c)
	if err != nil {
		idx.Close()
		return err
	}
	e.info = Info{Fingerprint: fp, Built: time.Now().UTC().Truncate(time.Second), Documents: len(c.Documents), Passages: n, Path: path}
	e.log.Info("index built", "documents", len(c.Documents), "passages", n, "took", time.Since(start).Round(time.Millisecond), "path", path)
	return nil
}

// passageCacheSize bounds the passages kept decoded in memory, about 7 KB
// each with their terms' positions (measured on the default corpus): some
// 55 MB at most.
const passageCacheSize = 8000

// batchSize bounds memory while indexing; Bleve's memory grows with
// batches. It is large enough for the default corpus to be one batch, so
// one segment: scorch merges a build's segments in the background of every
// process that opens the index until some process lives long enough to
// finish, and a one-question process redid that merge every time, a
// quarter of its CPU.
const batchSize = 2000

// correct returns the alias set that word is a typo of, if the word is
// unknown to the index and close to exactly one set's form.
func (e *Engine) correct(word, lang string) (int, bool) {
	lex := e.lexicon()
	set, ok := lex.correct(word, lang)
	if !ok || e.known(word) {
		return 0, false
	}
	return set, true
}

// known reports whether any passage holds word, in any language.
func (e *Engine) known(word string) bool {
	for _, l := range corpus.Languages {
		if e.knownIn(word, l) {
			return true
		}
	}
	return false
}

// knownIn reports whether any passage in language lang holds word.
func (e *Engine) knownIn(word, lang string) bool { return e.wordDF(word, lang) > 0 }

// wordDF is how many passages in language lang hold word (the most of its
// analyzed terms, if it has several).
func (e *Engine) wordDF(word, lang string) uint64 {
	return e.countDF(textField(lang), e.terms(lang, word))
}

// langCount is how many passages are in language lang.
func (e *Engine) langCount(lang string) uint64 { return e.countDF(typeField, []string{lang}) }

// countDF is the most passages that hold one of the terms in field,
// counted once per index state: a question's words are looked up in every
// language, and the same words come back.
func (e *Engine) countDF(field string, terms []string) uint64 {
	var most uint64
	var missing []string
	for _, t := range terms {
		if n, ok := e.dfs.get(field, t); ok {
			most = max(most, n)
			continue
		}
		missing = append(missing, t)
	}
	if len(missing) == 0 {
		return most
	}
	gen := e.dfs.generation()
	ai, err := e.idx.Advanced()
	if err != nil {
		return max(most, 1) // unknown: not to be taken for a word nobody wrote
	}
	r, err := ai.Reader()
	if err != nil {
		return max(most, 1)
	}
	defer r.Close()
	for _, t := range missing {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
		if err != nil {
			continue
		}
		n := tfr.Count()
		tfr.Close()
		e.dfs.put(gen, field, t, n)
		most = max(most, n)
	}
	return most
}

// lexicon returns the engine's lexicon. It is made or read when the
// engine opens and never changes (documents added later bring no alias
// sets), so a question reads it without a lock: it is asked for at every
// word.
func (e *Engine) lexicon() *lexicon { return e.lex }

// Documents lists the documents of the corpus, sorted by language and id.
func (e *Engine) Documents() []corpus.Document {
	e.documents()
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]corpus.Document, 0, len(e.docs))
	for _, d := range e.docs {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Lang != out[j].Lang {
			return out[i].Lang < out[j].Lang
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Info describes the open index.
func (e *Engine) Info() Info {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.info
}

// Close releases the index.
func (e *Engine) Close() error {
	if e.idx == nil {
		return nil
	}
	return e.idx.Close()
}
