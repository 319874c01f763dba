//go:build !(linux || darwin || freebsd)

package index

import "errors"

// diskFree is unknown here; the probe write still catches a full disk.
func diskFree(string) (uint64, error) { return 0, errors.ErrUnsupported }
