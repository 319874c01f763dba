package corpus

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed default
var defaultFiles embed.FS

// Default returns the corpus embedded in the binary: the fact sheets in four
// languages, the seed article and the alias sets.
func Default() (*Collection, error) {
	sub, err := fs.Sub(defaultFiles, "default")
	if err != nil {
		return nil, fmt.Errorf("embedded corpus: %w", err)
	}
	c, err := LoadFS(sub, "embedded")
	if err != nil {
		return nil, err
	}
	if err := checkBroader(c.Aliases); err != nil {
		return nil, err
	}
	return c, nil
}
