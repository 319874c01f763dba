package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// Stamp is a cheap identity of the corpus that Default merged with
// LoadDirs(dirs...) returns: the executable's path, size and modification
// time, which change whenever the embedded files can, and every folder
// file's path, size and modification time, read without opening a file.
// It changes whenever a file is added, removed or written; an edit that
// keeps a file's size and time to the nanosecond goes unseen, as it does
// for the Watcher.
//
// Start-up compares it with the stamp an index was last opened with, and
// reads and hashes the corpus only when they differ.
func Stamp(dirs ...string) (string, error) {
	folders, err := dirStamp(dirs)
	if err != nil {
		return "", fmt.Errorf("corpus folders: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "embedded\x00%s\x00%q\x00", embeddedStamp(), dirs)
	h.Write([]byte(folders))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// embeddedStamp identifies the embedded files without reading them: they
// are part of the executable, so a change to any of them is a new
// executable, with another size or modification time. Hashing them was
// 0.3 ms in a warm process and twice that in a starting one, most of it
// faulting the executable's pages in, and it grew with the corpus. The
// hash is the fallback when the executable cannot be found.
var embeddedStamp = sync.OnceValue(func() string {
	if exe, err := os.Executable(); err == nil {
		if s, ok := fileStamp(exe); ok {
			return s
		}
	}
	return embeddedHash()
})

// fileStamp is a file's path, size and modification time.
func fileStamp(path string) (string, bool) {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	return fmt.Sprintf("file\x00%s\x00%d\x00%d", path, info.Size(), info.ModTime().UnixNano()), true
}

// embeddedHash hashes the embedded files' names and contents, once per
// process. Each file is streamed through one buffer
// (ReadFile would copy every file into a fresh slice), and the hash is
// xxHash, not SHA-256: it only has to tell a changed corpus from the one
// indexed, and no one forges an embedded file. The walk went from 1.0 to
// 0.3 ms.
var embeddedHash = sync.OnceValue(hashEmbedded)

func hashEmbedded() string {
	h := xxhash.New()
	buf := make([]byte, 64<<10)
	fs.WalkDir(defaultFiles, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return nil
		}
		f, err := defaultFiles.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00%d\x00", p, info.Size())
		io.CopyBuffer(h, f, buf)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}
