package incident_test

import (
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestSanitize(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "VPN cut at 06:31", "VPN cut at 06:31"},
		{"accents kept", "Siân and Łukasz", "Siân and Łukasz"},
		{"colour CSI", "\x1b[31mred\x1b[0m text", "red text"},
		{"cursor move", "a\x1b[2;5Hb", "ab"},
		{"window title OSC with BEL", "x\x1b]0;pwned\x07y", "xy"},
		{"OSC 8 hyperlink with ST", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"C1 CSI", "a\u009b31mb", "ab"},
		{"C0 controls", "a\x00b\x07c\x08d", "abcd"},
		{"carriage return", "over\rwrite", "overwrite"},
		{"tab to space", "a\tb", "a b"},
		{"newline kept", "line1\nline2", "line1\nline2"},
		{"bidi override", "abc\u202edcba", "abcdcba"},
		{"DEL", "a\x7fb", "ab"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"DCS string", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"lone ESC at end", "abc\x1b", "abc"},
	}

	for _, c := range cases {
		if got := incident.Sanitize(c.in); got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestSanitizeLine(t *testing.T) {
	if got := incident.SanitizeLine("one\r\ntwo\nthree"); got != "one / two / three" {
		t.Errorf("SanitizeLine = %q", got)
	}
}
