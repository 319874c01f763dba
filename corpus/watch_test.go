package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeDoc(t *testing.T, dir, name, id, body string) {
	t.Helper()
	data := "---\nid: " + id + "\ntitle: T\nkind: article\nlang: en\nsource: S\nurl: https://e.org\npublished: 2024-01-02\n---\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatcher(t *testing.T) {
	a, b := t.TempDir(), filepath.Join(t.TempDir(), "later") // b does not exist yet
	writeDoc(t, a, "one.md", "one", "First text.")
	w, c0, err := NewWatcher(nil, time.Millisecond, a, b)
	if err != nil || len(c0.Documents) != 1 {
		t.Fatalf("start: %v, %+v", err, c0)
	}
	if c, _ := w.Poll(); !c.Empty() {
		t.Errorf("change without a change: %+v", c)
	}
	// Times of files written in the same instant may be equal: bump them.
	touch := func(p string) {
		later := time.Now().Add(time.Duration(len(p)) * time.Second)
		os.Chtimes(p, later, later)
	}
	writeDoc(t, a, "two.md", "two", "Second text.")
	writeDoc(t, a, "one.md", "one", "First text, revised.")
	touch(filepath.Join(a, "one.md"))
	os.MkdirAll(b, 0o755)
	writeDoc(t, b, "three.md", "three", "Third text.")
	c, ok := w.Poll()
	if !ok || len(c.Added) != 2 || len(c.Changed) != 1 || c.Changed[0].ID != "one" || len(c.Removed) != 0 {
		t.Fatalf("change = %+v", c)
	}
	// A bad file changes nothing, and is reported once.
	os.WriteFile(filepath.Join(a, "bad.md"), []byte("---\nid: bad\n---\nx\n"), 0o644)
	os.Remove(filepath.Join(a, "two.md"))
	if c, ok := w.Poll(); ok || !c.Empty() {
		t.Errorf("a bad file applied a change: %+v", c)
	}
	os.Remove(filepath.Join(a, "bad.md"))
	c, ok = w.Poll()
	if !ok || len(c.Removed) != 1 || c.Removed[0] != "two" || len(c.Added) != 0 {
		t.Errorf("after the fix: %+v", c)
	}
	// The same id in two folders is a conflict.
	writeDoc(t, b, "dup.md", "one", "Copy.")
	if _, ok := w.Poll(); ok {
		t.Error("a duplicate id across folders was applied")
	}
	if !strings.Contains(w.bad, "dup.md") {
		t.Error("the bad state was not remembered")
	}
}
