package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefault(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]int{}
	for _, d := range c.Documents {
		langs[d.Lang]++
	}
	for _, l := range Languages {
		if langs[l] == 0 {
			t.Errorf("no %s document in the embedded corpus", l)
		}
	}
	if len(c.Aliases) == 0 {
		t.Error("no alias sets in the embedded corpus")
	}
	if len(c.Skipped) > 0 {
		t.Errorf("embedded corpus has files that are not documents: %v", c.Skipped)
	}
	// A fact sheet's citation is its section's first source, whose date and
	// link are optional; default_test.go checks citations in detail.
	for _, p := range c.Passages() {
		if p.Citation.Title == "" || p.Citation.Source == "" || (p.Citation.URL == "" && p.Citation.Published.IsZero()) {
			t.Errorf("%s has an incomplete citation: %+v", p.ID, p.Citation)
		}
	}
}

func TestLoadDir(t *testing.T) {
	c, err := LoadDir("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 1 || c.Documents[0].ID != "extra-doc" {
		t.Fatalf("documents = %+v", c.Documents)
	}
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Merge(def, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Documents) != len(def.Documents)+1 {
		t.Errorf("merged %d documents, want %d", len(m.Documents), len(def.Documents)+1)
	}
	if m.Fingerprint() == def.Fingerprint() {
		t.Error("merging a document did not change the fingerprint")
	}
}

func TestLoadReportsEveryBadFile(t *testing.T) {
	doc := func(id, lang string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: T\nkind: article\nlang: " + lang +
			"\nsource: S\nurl: https://example.org\npublished: 2024-01-02\n---\nText.\n")}
	}
	fsys := fstest.MapFS{
		"a.md":         doc("same", "en"),
		"b/b.md":       doc("same", "fr"),
		"c.md":         doc("c", "xx"),
		"notes.txt":    {Data: []byte("not a document")},
		".DS_Store":    {Data: []byte{0}},
		"aliases.yaml": {Data: []byte("version: 1\nsets:\n  - id: x\n    kind: nonsense\n    en: [x]\n")},
	}
	_, err := LoadFS(fsys, "/srv/docs")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		filepath.Join("/srv/docs", "b/b.md") + `: field "id": duplicate id "same"`,
		filepath.Join("/srv/docs", "c.md") + `:5: field "lang": unknown language "xx"`,
		filepath.Join("/srv/docs", "aliases.yaml") + `:3: field "kind"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Error("errors are not *FieldError")
	}
}

func TestLoadSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "readme.txt"), []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(goodHeader+"Text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 1 || !strings.HasSuffix(c.Skipped[0], "readme.txt") {
		t.Errorf("skipped = %v, want readme.txt", c.Skipped)
	}
	if _, err := LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing folder gave no error")
	}
}

// TestAliasAnswers checks who may carry an answer type: a question set
// (a type or a set), a topic set (a type only: what a question about it
// asks for), no other.
func TestAliasAnswers(t *testing.T) {
	for _, tc := range []struct {
		name, set string
		ok        bool
	}{
		{"question type", "kind: question\n    answer: date", true},
		{"topic type", "kind: topic\n    answer: number", true},
		{"topic set id", "kind: topic\n    answer: x", false},
		{"topic unknown type", "kind: topic\n    answer: colour", false},
		{"place", "kind: place\n    answer: number", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAliases("a.yaml", []byte("version: 1\nsets:\n  - id: x\n    "+tc.set+"\n    en: [x]\n"))
			var fe *FieldError
			if tc.ok != (err == nil) || (err != nil && (!errors.As(err, &fe) || fe.Field != "answer")) {
				t.Errorf("err = %v, want ok=%v or an error on field answer", err, tc.ok)
			}
		})
	}
}
