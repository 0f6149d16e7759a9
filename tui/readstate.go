package tui

// readState tracks one kind of background read, such as the people
// picture: the generation of the latest request, so that a reply it has
// overtaken is dropped, and whether a change arrived during the read that
// is running, so that another must follow it.
type readState struct {
	gen  int
	busy bool
	more bool
}

// begin returns the generation of a new read and true, or false while a
// read is running, in which case it notes that another must follow.
func (r *readState) begin() (int, bool) {
	if r.busy {
		r.more = true

		return 0, false
	}

	r.busy = true
	r.gen++

	return r.gen, true
}

// end takes the reply of read generation. It reports whether the reply is
// the latest, to be used, and whether a change during the read calls for
// another.
func (r *readState) end(generation int) (latest, again bool) {
	if generation != r.gen {
		return false, false
	}

	r.busy = false
	again, r.more = r.more, false

	return true, again
}
