package tui

// listCursor is the selected row and the first row drawn of a list whose
// rows are one line each.
type listCursor struct {
	cursor int
	offset int
}

// moveTo selects row i of n, clamped to the list, and scrolls so that it
// is among the height rows drawn.
func (c *listCursor) moveTo(i, n, height int) {
	c.cursor = i
	c.ensureVisible(n, height)
}

// ensureVisible clamps the cursor to n rows and moves the offset so that
// the cursor's row is drawn and no blank space is left below the last row.
func (c *listCursor) ensureVisible(n, height int) {
	if n == 0 {
		c.cursor, c.offset = 0, 0

		return
	}

	c.cursor = max(0, min(c.cursor, n-1))

	if height <= 0 {
		return // too small to draw, so the next resize scrolls
	}

	if c.cursor < c.offset {
		c.offset = c.cursor
	}

	if c.cursor >= c.offset+height {
		c.offset = c.cursor - height + 1
	}

	c.offset = max(0, min(c.offset, n-height))
}

// pane is text laid out once for a width and scrolled a screen at a time,
// such as a system's or a task's detail.
type pane struct {
	lines  []string
	height int
	top    int
}

func (p *pane) setLines(lines []string, height int) {
	p.lines, p.height = lines, height
	p.scroll(0)
}

func (p *pane) scroll(by int) {
	p.top = max(0, min(p.top+by, len(p.lines)-p.height))
}

// visible returns the lines on screen.
func (p *pane) visible() []string {
	end := min(len(p.lines), p.top+p.height)

	return p.lines[p.top:end]
}
