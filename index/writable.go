package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/summitbot/summitbot/corpus"
)

// ErrUnwritable is returned by Put and Remove when the index folder cannot
// take an update: deleted, read-only or full. The update is refused before
// it reaches Bleve, whose index a half-written update would break, so the
// index in use is unchanged and keeps answering.
var ErrUnwritable = errors.New("the index folder cannot take an update")

// probeBytes is what the probe writes: enough to fail on a full disk that
// still has a few blocks free.
const probeBytes = 64 << 10

// checkWritable makes sure the index folder can take an update of docs:
// it exists, a file can be written and synced there, and the disk has room
// for the new segment with a margin.
func (e *Engine) checkWritable(docs []corpus.Document) error {
	dir := e.Info().Path
	if dir == "" {
		return nil // in memory
	}
	fail := func(err error) error { return fmt.Errorf("%w: %s: %v", ErrUnwritable, dir, err) }
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
		return fail(err)
	}
	need := uint64(1 << 20)
	for _, d := range docs {
		need += 8 * uint64(len(d.Body)+len(d.Title)) // the segment, its merge, and room
	}
	free, err := e.freeSpace(dir)
	if err == nil && free < need {
		return fail(fmt.Errorf("%d bytes free, an update needs about %d", free, need))
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, probeBytes))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err)
	}
	return nil
}
