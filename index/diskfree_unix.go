//go:build linux || darwin || freebsd

package index

import "syscall"

// diskFree is how many bytes the file system holding path has free for
// an unprivileged writer.
func diskFree(path string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
