package store

import (
	"reflect"
	"testing"
)

func TestDecodeListFastPathMatchesJSON(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		ok   bool
	}{
		{`[]`, nil, true},
		{`["EPR"]`, []string{"EPR"}, true},
		{`["EPR","LIMS","a,b"]`, []string{"EPR", "LIMS", "a,b"}, true},
		{`["say \"no\""]`, []string{`say "no"`}, true},
		{`["\u003cb\u003e"]`, []string{"<b>"}, true},
		{`["Siân","Łukasz"]`, []string{"Siân", "Łukasz"}, true},
		{`["a",]`, nil, false},
		{`["a" ,"b"]`, []string{"a", "b"}, true}, // whitespace: the JSON fallback
		{`[1]`, nil, false},
		{`not json`, nil, false},
	}

	for _, c := range cases {
		got, err := decodeList(c.in, "test")
		if c.ok && err != nil {
			t.Errorf("decodeList(%s): %v", c.in, err)

			continue
		}

		if !c.ok {
			if err == nil {
				t.Errorf("decodeList(%s) = %q, want an error", c.in, got)
			}

			continue
		}

		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("decodeList(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}
