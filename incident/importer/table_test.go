package importer

import (
	"fmt"
	"strings"
	"testing"
)

var testColumns = columns{required: []string{"id", "name"}, optional: []string{"rto_hours"}}

func TestReadTableBOMAndCRLF(t *testing.T) {
	data := []byte("\xef\xbb\xbfid,name\r\nA1,Alpha\r\n,\r\nB2,\"Beta, two\"\r\n")
	problems := newProblemList("f.csv")

	rows := readTable(data, testColumns, problems)

	if err := problems.result(); err != nil {
		t.Fatalf("problems: %v", err)
	}

	if len(rows) != 2 {
		t.Fatalf("rows = %d, want 2 (the blank row skipped)", len(rows))
	}

	if got := rows[0].value("id"); got != "A1" {
		t.Errorf("first id = %q, want A1 (byte order mark removed)", got)
	}

	if got := rows[1].value("name"); got != "Beta, two" {
		t.Errorf("second name = %q, want %q", got, "Beta, two")
	}

	if rows[1].line != 4 {
		t.Errorf("second row line = %d, want 4", rows[1].line)
	}

	if got := rows[0].value("rto_hours"); got != "" {
		t.Errorf("absent optional column = %q, want empty", got)
	}
}

func TestReadTableHeaderNormalised(t *testing.T) {
	problems := newProblemList("f.csv")

	rows := readTable(csvText(" ID ,Name,RTO hours", "A1,Alpha,4"), testColumns, problems)

	if err := problems.result(); err != nil {
		t.Fatalf("problems: %v", err)
	}

	if got := rows[0].value("rto_hours"); got != "4" {
		t.Errorf("rto_hours = %q, want 4", got)
	}
}

func TestReadTableLineNumbersAfterMultilineValue(t *testing.T) {
	problems := newProblemList("f.csv")

	rows := readTable(csvText("id,name", `A1,"first line`, `second line"`, "B2,Beta"), testColumns, problems)

	if err := problems.result(); err != nil {
		t.Fatalf("problems: %v", err)
	}

	if rows[0].value("name") != "first line\nsecond line" {
		t.Errorf("multi-line value = %q", rows[0].value("name"))
	}

	if rows[1].line != 4 {
		t.Errorf("row after a two-line value starts on line %d, want 4", rows[1].line)
	}
}

func TestReadTableFileProblems(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		line int
		text string
	}{
		{"utf16", []byte("\xff\xfei\x00d\x00"), 0, "UTF-16"},
		{"latin1", []byte("id,name\nA1,Alpha\nB2,Caf\xe9\n"), 3, "not valid UTF-8"},
		{"empty", []byte(" \n"), 0, "empty"},
		{"semicolons", csvText("id;name", "A1;Alpha"), 1, "separated by semicolons"},
		{"tabs", csvText("id\tname", "A1\tAlpha"), 1, "separated by tabs"},
		{"header only", csvText("id,name"), 0, "no data rows"},
		{"unknown column", csvText("id,name,colour", "A1,Alpha,red"), 1, `unknown column "colour"`},
		{"twice", csvText("id,name,ID", "A1,Alpha,A2"), 1, "column id appears twice"},
		{"missing", csvText("id,rto_hours", "A1,4"), 1, "missing column name"},
		{"unnamed", csvText("id,name,", "A1,Alpha,"), 1, "column 3 has no name"},
		{"field count", csvText("id,name", "A1,Alpha", "B2,Beta,extra"), 3, "has 3 fields but the header row has 2"},
		{"bare quote", csvText("id,name", "A1,Alpha", `B2,Be"ta`), 3, "double the quote"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems := newProblemList("f.csv")
			readTable(c.data, testColumns, problems)

			wantProblem(t, problems.result(), c.line, "", c.text)
		})
	}
}

func TestProblemsCap(t *testing.T) {
	lines := []string{"id,name"}
	for i := range MaxProblems + 5 {
		lines = append(lines, fmt.Sprintf("A%d,Alpha,extra", i))
	}

	problems := newProblemList("f.csv")
	readTable(csvText(lines...), testColumns, problems)

	err := problems.result()
	if got := len(problemsOf(t, err)); got != MaxProblems {
		t.Errorf("listed problems = %d, want %d", got, MaxProblems)
	}

	msg := err.Error()
	if !strings.Contains(msg, "f.csv has 25 problems, so nothing was imported:") {
		t.Errorf("message does not count all problems: %s", msg)
	}

	if !strings.HasSuffix(msg, "and 5 more") {
		t.Errorf("message does not end with the count not listed: %s", msg)
	}
}

func TestProblemsErrorSingle(t *testing.T) {
	problems := newProblemList("staff.csv")
	problems.add(7, "on_call", "invalid value %q: give yes or no", "maybe")

	want := `staff.csv has a problem, so nothing was imported: line 7, column on_call: invalid value "maybe": give yes or no`
	if got := problems.result().Error(); got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}
}
