package export

import (
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestSealRowMarksBrokenChain(t *testing.T) {
	broken := Result{Entries: 9, Seal: incident.Seal{Ref: "X", Entries: 4, Head: strings.Repeat("a", 64)},
		ChainErr: &incident.ChainError{Ref: "X", Seq: 5, Reason: "stored hash differs"}}

	row := sealRow(5, 2, 4, broken)
	if row[0] != "seal" || !strings.HasPrefix(row[2], "NOT SEALED: The hash chain did NOT verify: entry 5") || row[4] != "" {
		t.Errorf("seal row of a broken chain = %q", row)
	}

	sealed := Result{Entries: 4, Seal: incident.Seal{Ref: "X", Entries: 4, Head: strings.Repeat("b", 64)}}

	row = sealRow(5, 2, 4, sealed)
	if !strings.HasPrefix(row[2], "SEAL: X seal: 4 entries, head bbbb bbbb bbbb bbbb") || row[4] != sealed.Seal.Head {
		t.Errorf("seal row of a sealed chain = %q", row)
	}
}

func TestHTMLTextLinksAndBreaks(t *testing.T) {
	cases := map[string]string{
		"see https://www.ncsc.gov.uk/guidance).": `see <a href="https://www.ncsc.gov.uk/guidance" rel="noopener noreferrer">https://www.ncsc.gov.uk/guidance</a>).`,
		"(https://example.org/a_(b))":            `(<a href="https://example.org/a_(b)" rel="noopener noreferrer">https://example.org/a_(b)</a>)`,
		"javascript:alert(1) ftp://x.org":        `javascript:alert(1) ftp://x.org`,
		"line one\nline <two>":                   `line one<br>line &lt;two&gt;`,
	}

	for in, want := range cases {
		if got := text(in); got != want {
			t.Errorf("text(%q) =\n%s\nwant\n%s", in, got, want)
		}
	}
}

func TestParseSealForms(t *testing.T) {
	head := "ead6e97c4d68db87"
	cases := map[string]int64{
		"NBH-2026-014 seal: 152 entries, head ead6 e97c 4d68 db87": 152,
		"152 ead6 e97c 4d68 db87":                                  152,
		"1520 ead6 e97c 4d68 db87":                                 1520,
		"1520 ead6e97c4d68db87":                                    1520,
		"head      ead6 e97c 4d68 db87":                            0,
		"ead6e97c4d68db87":                                         0,
	}

	for in, want := range cases {
		count, got, err := parseSeal(in)
		if err != nil || count != want || got != head {
			t.Errorf("parseSeal(%q) = %d, %q, %v; want %d, %q", in, count, got, err, want, head)
		}
	}
}
