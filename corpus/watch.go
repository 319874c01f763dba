package corpus

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Change is what changed in watched folders.
type Change struct {
	Added   []Document // new ids
	Changed []Document // same ids, new content
	Removed []string   // ids no longer there
}

// Empty reports whether nothing changed.
func (c Change) Empty() bool { return len(c.Added)+len(c.Changed)+len(c.Removed) == 0 }

// Watcher notices documents added, changed or removed in folders, by
// looking at their files' names, sizes and times every Interval. Polling
// works on every file system and container volume, where change
// notifications often do not.
type Watcher struct {
	Dirs     []string
	Interval time.Duration // default 2s
	Log      *slog.Logger

	mu    sync.Mutex          // Poll is called from the loop and by writers of the folders
	stamp string              // the files as last seen
	bad   string              // the stamp of a state that failed to load, reported once
	docs  map[string]Document // the documents as last read without errors
}

// NewWatcher watches dirs, starting from what they hold now (read and
// validated here, and returned), so that only later changes are reported.
func NewWatcher(log *slog.Logger, interval time.Duration, dirs ...string) (*Watcher, *Collection, error) {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	w := &Watcher{Dirs: dirs, Interval: interval, Log: log}
	stamp, err := w.fileStamp()
	if err != nil {
		return nil, nil, err
	}
	c, err := LoadDirs(dirs...)
	if err != nil {
		return nil, nil, err
	}
	w.stamp, w.docs = stamp, byID(c.Documents)
	return w, c, nil
}

// Run polls until ctx ends, calling apply with each change. A change whose
// files do not all read as valid documents is reported, by file and field,
// and applies nothing until the files are fixed.
func (w *Watcher) Run(ctx context.Context, apply func(Change)) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if c, ok := w.Poll(); ok && !c.Empty() {
			apply(c)
		}
	}
}

// Poll looks at the folders once and returns what changed since the last
// good look; ok is false when nothing is to be applied.
func (w *Watcher) Poll() (Change, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	stamp, err := w.fileStamp()
	if err != nil {
		w.report(stamp, "cannot list the corpus folders", err)
		return Change{}, false
	}
	if stamp == w.stamp || stamp == w.bad {
		return Change{}, false
	}
	coll, err := LoadDirs(w.Dirs...)
	if err != nil {
		w.report(stamp, "the corpus folder has a bad file; nothing changed until it is fixed", err)
		return Change{}, false
	}
	w.bad = ""
	now := byID(coll.Documents)
	var c Change
	for id, d := range now {
		old, ok := w.docs[id]
		switch {
		case !ok:
			c.Added = append(c.Added, d)
		case contentHash(old) != contentHash(d):
			c.Changed = append(c.Changed, d)
		}
	}
	for id := range w.docs {
		if _, ok := now[id]; !ok {
			c.Removed = append(c.Removed, id)
		}
	}
	sortDocs(c.Added)
	sortDocs(c.Changed)
	sort.Strings(c.Removed)
	w.stamp, w.docs = stamp, now
	return c, true
}

func (w *Watcher) report(stamp, msg string, err error) {
	if stamp != "" && stamp == w.bad {
		return
	}
	w.bad = stamp
	if w.Log != nil {
		w.Log.Warn(msg, "err", err)
	}
}

// fileStamp summarizes the folders' files: names, sizes and times.
func (w *Watcher) fileStamp() (string, error) { return dirStamp(w.Dirs) }

// dirStamp lists every file of the folders with its size and modification
// time. The folders are walked first and the files stat'ed after, on every
// core: at 16,000 passages the stat calls were most of a start-up's cost.
func dirStamp(dirs []string) (string, error) {
	var paths []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return "", err
		}
	}
	infos := make([]fs.FileInfo, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(paths)/64+1)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				infos[i], errs[i] = os.Lstat(paths[i])
			}
		})
	}
	wg.Wait()
	var b []byte
	for i, p := range paths {
		if errs[i] != nil {
			if os.IsNotExist(errs[i]) {
				continue // removed since the walk: as if it had not been listed
			}
			return "", errs[i]
		}
		b = append(b, p...)
		b = append(b, 0)
		b = strconv.AppendInt(b, infos[i].Size(), 10)
		b = append(b, 0)
		b = strconv.AppendInt(b, infos[i].ModTime().UnixNano(), 10)
		b = append(b, '\n')
	}
	return string(b), nil
}

func byID(docs []Document) map[string]Document {
	m := make(map[string]Document, len(docs))
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

func contentHash(d Document) [32]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%v\x00%s",
		d.Title, d.Kind, d.Lang, d.Source, d.URL, d.Published, strings.Join(d.Tags, ","), len(d.Body), d.Body))
}

func sortDocs(ds []Document) {
	slices.SortFunc(ds, func(a, b Document) int { return strings.Compare(a.ID, b.ID) })
}
