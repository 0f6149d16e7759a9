//go:build unix

package main

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with pid is running. A process
// of another user answers EPERM, which still means it is there.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}

	err := syscall.Kill(pid, 0)

	return err == nil || errors.Is(err, syscall.EPERM)
}
