package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sync"
)

// Stamp is a cheap identity of the corpus that Default merged with
// LoadDirs(dirs...) returns: the embedded files' content hash, computed
// once per process from memory, and every folder file's path, size and
// modification time, read without opening a file. It changes whenever a
// file is added, removed or written; an edit that keeps a file's size and
// time to the nanosecond goes unseen, as it does for the Watcher.
//
// Start-up compares it with the stamp an index was last opened with, and
// reads and hashes the corpus only when they differ.
func Stamp(dirs ...string) (string, error) {
	folders, err := dirStamp(dirs)
	if err != nil {
		return "", fmt.Errorf("corpus folders: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "embedded\x00%s\x00%q\x00", embeddedHash(), dirs)
	h.Write([]byte(folders))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// embeddedHash hashes the embedded files' names and contents: a fraction
// of a millisecond, once per process.
var embeddedHash = sync.OnceValue(func() string {
	h := sha256.New()
	fs.WalkDir(defaultFiles, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		data, err := defaultFiles.ReadFile(p)
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
})
