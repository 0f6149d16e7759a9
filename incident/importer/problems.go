package importer

import (
	"fmt"
	"strings"
)

// MaxProblems is how many problems one file's error lists before it only
// counts the rest, so that a file in the wrong format gives a readable
// error instead of one line per row.
const MaxProblems = 20

// Problem is one thing wrong in a file.
type Problem struct {
	Line   int    // line number in the file, from 1; 0 when it concerns the whole file
	Column string // column name; empty when it concerns the whole row
	Msg    string
}

func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Msg
	case p.Column == "":
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}

	return fmt.Sprintf("line %d, column %s: %s", p.Line, p.Column, p.Msg)
}

// ProblemsError lists what is wrong in a file. Nothing from the file has
// been written when it is returned.
type ProblemsError struct {
	File     string
	Problems []Problem // at most MaxProblems
	More     int       // problems found beyond those listed
}

func (e *ProblemsError) Error() string {
	total := len(e.Problems) + e.More

	var b strings.Builder
	if total == 1 {
		fmt.Fprintf(&b, "%s has a problem, so nothing was imported: %s", e.File, e.Problems[0])

		return b.String()
	}

	fmt.Fprintf(&b, "%s has %d problems, so nothing was imported:", e.File, total)

	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}

	if e.More > 0 {
		fmt.Fprintf(&b, "\n  and %d more", e.More)
	}

	return b.String()
}

// problemList gathers the problems of one file.
type problemList struct {
	err ProblemsError
}

func newProblemList(file string) *problemList {
	return &problemList{err: ProblemsError{File: file}}
}

func (l *problemList) add(line int, column, format string, args ...any) {
	if len(l.err.Problems) >= MaxProblems {
		l.err.More++

		return
	}

	l.err.Problems = append(l.err.Problems, Problem{Line: line, Column: column, Msg: fmt.Sprintf(format, args...)})
}

func (l *problemList) count() int {
	return len(l.err.Problems) + l.err.More
}

func (l *problemList) empty() bool {
	return len(l.err.Problems) == 0
}

// result returns the gathered problems as a *ProblemsError, or nil when
// there are none.
func (l *problemList) result() error {
	if l.empty() {
		return nil
	}

	return &l.err
}
