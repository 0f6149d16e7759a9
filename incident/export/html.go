package export

import (
	"bufio"
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// htmlWriter writes the review pack and keeps the first write error.
type htmlWriter struct {
	w    *bufio.Writer
	opts *Options
	err  error
}

func (h *htmlWriter) raw(s string) {
	if h.err == nil {
		_, h.err = h.w.WriteString(s)
	}
}

func (h *htmlWriter) printf(format string, args ...any) {
	if h.err == nil {
		_, h.err = fmt.Fprintf(h.w, format, args...)
	}
}

// text returns user text safe to place in HTML: control characters and
// escape sequences removed, markup escaped, and only http and https
// addresses made into links.
func text(s string) string {
	s = incident.Sanitize(s)
	if !strings.Contains(s, "http") {
		return lineBreaks(html.EscapeString(s))
	}

	var b strings.Builder

	last := 0
	for _, m := range webLink.FindAllStringIndex(s, -1) {
		end := m[0] + len(trimLinkEnd(s[m[0]:m[1]]))
		b.WriteString(html.EscapeString(s[last:m[0]]))

		url := html.EscapeString(s[m[0]:end])
		b.WriteString(`<a href="` + url + `" rel="noopener noreferrer">` + url + `</a>`)
		last = end
	}

	b.WriteString(html.EscapeString(s[last:]))

	return lineBreaks(b.String())
}

// lineBreaks shows the line breaks of escaped text.
func lineBreaks(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}

	return strings.ReplaceAll(s, "\n", "<br>")
}

// trimLinkEnd drops the punctuation that ends the sentence around an
// address rather than the address: a full stop, comma and the like, and a
// closing bracket that has no opening one inside the address.
func trimLinkEnd(url string) string {
	for url != "" {
		last := url[len(url)-1]

		switch {
		case strings.IndexByte(".,;:!?'*", last) >= 0:
			url = url[:len(url)-1]
		case last == ')' && strings.Count(url, "(") < strings.Count(url, ")"):
			url = url[:len(url)-1]
		default:
			return url
		}
	}

	return url
}

// webLink matches a plain http or https address: no quotes, angle
// brackets, spaces or backslashes, which could break out of the link.
var webLink = regexp.MustCompile(`\bhttps?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+`)

func (h *htmlWriter) local(t time.Time) string {
	return t.In(h.opts.Zone).Format(mdTimeLayout)
}

func (h *htmlWriter) localAndUTC(t time.Time) string {
	return h.local(t) + " (" + t.UTC().Format("15:04:05 UTC") + ")"
}

func (h *htmlWriter) person(id string) string {
	return text(staffLabel(h.opts.Staff, id))
}

// htmlStyle is the page's only styling, inline so the file needs nothing
// else, with print rules for A4.
const htmlStyle = `
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #888; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; } tr { page-break-inside: avoid; }
.exercise { border: 3px solid #000; padding: 4pt; text-align: center; font-weight: bold; letter-spacing: 2pt; }
.seal { border: 2px solid #333; padding: 6pt; margin: 8pt 0; }
.broken { border-color: #b00; color: #b00; }
.late { font-weight: bold; } del { color: #666; } .muted { color: #555; }
.met { color: #060; } .missed { color: #b00; font-weight: bold; } .open { color: #850; }
svg text { font-family: Arial, sans-serif; font-size: 8pt; }
@media print { h2 { page-break-after: avoid; } .chart { page-break-inside: avoid; } }
`
