//go:build !unix

package main

// processAlive cannot tell on this system, so every console counts as
// open until it closes itself.
func processAlive(int) bool { return true }
