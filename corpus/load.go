package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Collection is a validated set of documents and the alias sets that go with
// them.
type Collection struct {
	Documents []Document
	Aliases   []AliasSet

	// Skipped lists files that were neither documents nor an alias file, so
	// that the caller can say so: nothing is left out silently.
	Skipped []string

	fingerprint string
}

// LoadFS reads every *.md document and the aliases.yaml file under fsys.
// origin prefixes the paths shown in errors and listings ("embedded", or the
// folder's path). All bad files are reported together, each by name.
func LoadFS(fsys fs.FS, origin string) (*Collection, error) {
	c := &Collection{}
	h := sha256.New()
	var errs []error
	label := func(p string) string {
		if origin == "embedded" {
			return "embedded:" + p
		}
		return filepath.Join(origin, filepath.FromSlash(p))
	}
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", label(p), err))
			return nil
		}
		name := e.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil // editor and OS droppings (.DS_Store, .swp)
		}
		if e.IsDir() {
			return nil
		}
		if !e.Type().IsRegular() {
			c.Skipped = append(c.Skipped, label(p))
			return nil
		}
		switch {
		case strings.EqualFold(path.Ext(name), ".md"):
		case name == AliasFileName:
		default:
			c.Skipped = append(c.Skipped, label(p))
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", label(p), err))
			return nil
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		if name == AliasFileName {
			sets, err := ParseAliases(label(p), data)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			c.Aliases = append(c.Aliases, sets...)
			return nil
		}
		d, err := ParseDocument(label(p), data)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		c.Documents = append(c.Documents, d)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if err := checkDuplicateIDs(c.Documents); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.fingerprint = hex.EncodeToString(h.Sum(nil))
	return c, nil
}

// LoadDir reads the documents in an operator's folder.
func LoadDir(dir string) (*Collection, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus folder %s: not a directory", dir)
	}
	return LoadFS(os.DirFS(dir), dir)
}

// LoadDirs reads several folders as one collection; a folder that does not
// exist is an empty one.
func LoadDirs(dirs ...string) (*Collection, error) {
	out := &Collection{}
	for _, dir := range dirs {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		c, err := LoadDir(dir)
		if err != nil {
			return nil, err
		}
		if out, err = Merge(out, c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Merge returns a collection holding the documents and aliases of both. A
// document id used in both is an error naming both files; alias sets with
// the same id are combined.
func Merge(a, b *Collection) (*Collection, error) {
	docs := append(slices.Clone(a.Documents), b.Documents...)
	if err := checkDuplicateIDs(docs); err != nil {
		return nil, err
	}
	aliases, err := mergeAliases(a.Aliases, b.Aliases)
	if err != nil {
		return nil, err
	}
	if err := checkBroader(aliases); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(a.fingerprint + "+" + b.fingerprint))
	return &Collection{
		Documents:   docs,
		Aliases:     aliases,
		Skipped:     append(slices.Clone(a.Skipped), b.Skipped...),
		fingerprint: hex.EncodeToString(sum[:]),
	}, nil
}

// Fingerprint is a hash of every file the collection was read from. It
// changes whenever a document or the aliases change.
func (c *Collection) Fingerprint() string { return c.fingerprint }

// Passages splits every document, in a stable order.
func (c *Collection) Passages() []Passage {
	var out []Passage
	for _, d := range c.Documents {
		out = append(out, Split(d)...)
	}
	return out
}

// Document returns the document with that id.
func (c *Collection) Document(id string) (Document, bool) {
	for _, d := range c.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

func checkDuplicateIDs(docs []Document) error {
	first := map[string]string{}
	var errs []error
	sorted := slices.Clone(docs)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Origin < sorted[j].Origin })
	for _, d := range sorted {
		if prev, ok := first[d.ID]; ok {
			errs = append(errs, &FieldError{Path: d.Origin, Field: "id",
				Err: fmt.Errorf("duplicate id %q, also used by %s", d.ID, prev)})
			continue
		}
		first[d.ID] = d.Origin
	}
	return errors.Join(errs...)
}

// NewCollection makes a collection of documents built in code (generated
// benchmarks, feed items); fingerprint identifies their content.
func NewCollection(docs []Document, aliases []AliasSet, fingerprint string) *Collection {
	sum := sha256.Sum256([]byte(fingerprint))
	return &Collection{Documents: docs, Aliases: aliases, fingerprint: hex.EncodeToString(sum[:])}
}
