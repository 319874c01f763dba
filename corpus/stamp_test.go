package corpus

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file's stamp changes when the file is written again, and there is none
// for what is not a regular file: the embedded files' stamp is the
// executable's, and falls back to hashing them without one.
func TestFileStamp(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "summitbot")
	write := func(body string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(exe, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(exe, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	built := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	write("first build", built)
	first, ok := fileStamp(exe)
	if !ok {
		t.Fatal("no stamp for a regular file")
	}
	for _, tc := range []struct {
		name  string
		body  string
		mtime time.Time
		same  bool
	}{
		{"unchanged", "first build", built, true},
		{"rebuilt, same size", "other build", built.Add(time.Second), false},
		{"rebuilt, same time", "a longer build", built, false},
	} {
		write(tc.body, tc.mtime)
		got, ok := fileStamp(exe)
		if !ok || (got == first) != tc.same {
			t.Errorf("%s: stamp %q (ok %v) against %q, want same=%v", tc.name, got, ok, first, tc.same)
		}
	}
	for _, p := range []string{dir, filepath.Join(dir, "missing")} {
		if s, ok := fileStamp(p); ok {
			t.Errorf("fileStamp(%s) = %q, want none", p, s)
		}
	}
}

// The corpus stamp is the same until a folder file changes.
func TestStampSeesFolderChanges(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "a.md")
	if err := os.WriteFile(doc, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := Stamp(dir)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Stamp(dir); again != before {
		t.Fatal("the stamp changed with nothing changed")
	}
	if err := os.WriteFile(doc, []byte("second version"), 0o644); err != nil {
		t.Fatal(err)
	}
	if after, _ := Stamp(dir); after == before {
		t.Error("the stamp did not change when a folder file was written")
	}
}
