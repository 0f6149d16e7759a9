// Command sitroom is a terminal console for running a hospital's incident
// command room through a cyber attack, on one SQLite file with no network.
package main

import (
	"errors"
	"fmt"
	"os"

	_ "time/tzdata" // Europe/London must resolve on hosts without a zone database
)

func main() {
	err := newRootCommand().Execute()
	if err == nil {
		return
	}

	var exit *exitError
	if errors.As(err, &exit) {
		if exit.msg != "" {
			fmt.Fprintln(os.Stderr, "sitroom:", exit.msg)
		}

		os.Exit(exit.code)
	}

	fmt.Fprintln(os.Stderr, "sitroom:", err)
	os.Exit(2)
}

// exitError carries a specific exit status, such as 1 from verify when the
// chain is broken.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }
