package incident

import (
	"strings"
	"unicode/utf8"
)

// Sanitize removes terminal escape sequences, C0 and C1 control characters
// and bidirectional overrides from text typed by one person and shown to
// others, so that no entry can move a cursor, retitle a window or reorder
// what a reader sees. Newlines survive; a tab becomes a space; invalid
// UTF-8 becomes U+FFFD.
func Sanitize(s string) string {
	if isPlain(s) {
		return s
	}

	var b strings.Builder
	b.Grow(len(s))

	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])

		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r == 0x9b: // C1 control sequence introducer
			i = skipCSI(s, i+size)
		case r == 0x90 || r == 0x9d || r == 0x9e || r == 0x9f || r == 0x98: // C1 DCS, OSC, PM, APC, SOS
			i = skipString(s, i+size)
		case r == '\n':
			b.WriteByte('\n')
			i += size
		case r == '\t':
			b.WriteByte(' ')
			i += size
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r):
			i += size
		default:
			b.WriteRune(r)
			i += size
		}
	}

	return b.String()
}

// SanitizeLine is Sanitize for one-line displays: newlines become " / ".
func SanitizeLine(s string) string {
	out := Sanitize(s)
	if !strings.ContainsAny(out, "\r\n") {
		return out
	}

	return strings.ReplaceAll(strings.ReplaceAll(out, "\r", ""), "\n", " / ")
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}

	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index just past the escape sequence whose ESC
// byte ended at i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}

	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}

	// Two-character sequences, and ESC followed by intermediate bytes.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}

	if i < len(s) {
		i++
	}

	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++

		if c >= 0x40 && c <= 0x7e {
			break
		}

		if c < 0x20 || c > 0x7e {
			break
		}
	}

	return i
}

// skipString skips an OSC, DCS, SOS, PM or APC string up to BEL, ST (ESC \)
// or the C1 string terminator.
func skipString(s string, i int) int {
	for i < len(s) {
		if s[i] == 0x07 {
			return i + 1
		}

		if s[i] == 0x1b {
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}

			return i + 1
		}

		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x9c {
			return i + size
		}

		i += size
	}

	return i
}
