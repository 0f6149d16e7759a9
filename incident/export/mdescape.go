package export

import (
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// mdSpecial lists the ASCII characters that always get a backslash in
// Markdown text: the escape itself, emphasis and strikethrough (* _ ~),
// code spans (`), links and images ([ ]), raw HTML and autolinks (< >),
// table cells (|) and headings (#). CommonMark renders a backslash before
// any ASCII punctuation as that character alone, so the text reads exactly
// as stored.
const mdSpecial = "\\`*_~[]<>|#"

// mdText sanitises stored text and escapes it as one line of Markdown inline
// text, safe in a table cell or after a list marker. Newlines become <br>,
// which GitHub-flavoured Markdown renders as a line break, even in a table
// cell.
//
// NOTE: bare URLs such as https://example.org stay as they are, and a
// renderer with GitHub's autolink extension makes them clickable.
func mdText(s string) string {
	s = incident.Sanitize(s)

	var b strings.Builder
	b.Grow(len(s) + len(s)/8)

	lineStart := true

	for i := 0; i < len(s); i++ {
		c := s[i]

		switch {
		case c == '\n':
			b.WriteString("<br>")
			lineStart = true

			continue
		case strings.IndexByte(mdSpecial, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '&' && entityFollows(s[i+1:]):
			b.WriteString(`\&`)
		case lineStart && (c == '-' || c == '+' || c == '=' || c == '>'):
			b.WriteByte('\\')
			b.WriteByte(c)
		case lineStart && c >= '0' && c <= '9':
			i = writeListNumber(&b, s, i)
		default:
			b.WriteByte(c)
		}

		// Block markers count after leading spaces too ("  - item").
		lineStart = lineStart && c == ' '
	}

	return b.String()
}

// writeListNumber writes the run of digits starting at s[i] and, when a
// "." or ")" follows it (an ordered list marker at the start of a line),
// that character escaped. It returns the index of the last byte written.
func writeListNumber(b *strings.Builder, s string, i int) int {
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}

	b.WriteString(s[i:j])

	if j < len(s) && (s[j] == '.' || s[j] == ')') {
		b.WriteByte('\\')
		b.WriteByte(s[j])

		return j
	}

	return j - 1
}

// entityFollows reports whether s, the text after an "&", starts like an
// HTML entity or character reference ("amp;", "#39;", "#x27;"), which a
// renderer would otherwise decode.
func entityFollows(s string) bool {
	for i := 0; i < len(s) && i < 32; i++ {
		c := s[i]

		switch {
		case c == ';':
			return i > 0
		case c == '#' && i == 0:
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return false
		}
	}

	return false
}
