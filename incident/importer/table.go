package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// columns describes the header row that one kind of file must and may have.
type columns struct {
	required []string
	optional []string
}

func (c columns) all() []string {
	return append(append([]string{}, c.required...), c.optional...)
}

func (c columns) known(name string) bool {
	for _, n := range c.all() {
		if n == name {
			return true
		}
	}

	return false
}

// record is one data row of a file.
type record struct {
	line   int // line the row starts on; a quoted value may run over several lines
	fields []string
	index  map[string]int // column name to field position
}

// value returns the column's value with surrounding space removed, or ""
// when the file has no such column.
func (r record) value(column string) string {
	i, ok := r.index[column]
	if !ok {
		return ""
	}

	return strings.TrimSpace(r.fields[i])
}

// readTable reads data as CSV with a header row and returns its data rows,
// skipping rows whose fields are all blank. It adds what is wrong to
// problems, and returns no rows when the header row itself is unusable.
func readTable(data []byte, cols columns, problems *problemList) []record {
	text, ok := decodeText(data, cols, problems)
	if !ok {
		return nil
	}

	reader := csv.NewReader(bytes.NewReader(text))
	reader.FieldsPerRecord = -1 // counted below, so that one short row does not stop the read

	header, err := reader.Read()
	if err != nil {
		addReadError(problems, err)

		return nil
	}

	index, ok := readHeader(header, cols, problems)
	if !ok {
		return nil
	}

	var rows []record

	for {
		fields, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}

		if err != nil {
			addReadError(problems, err)

			break
		}

		line, _ := reader.FieldPos(0)

		if blank(fields) {
			continue
		}

		if len(fields) != len(header) {
			problems.add(line, "", "has %d fields but the header row has %d: look for a comma inside a value that is not in quotes", len(fields), len(header))

			continue
		}

		rows = append(rows, record{line: line, fields: fields, index: index})
	}

	if len(rows) == 0 && problems.empty() {
		problems.add(0, "", "the file has a header row but no data rows")
	}

	return rows
}

// decodeText strips a UTF-8 byte order mark, which spreadsheets often
// write, and rejects text that is not UTF-8 or is empty.
func decodeText(data []byte, cols columns, problems *problemList) ([]byte, bool) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		problems.add(0, "", "the file is UTF-16 text: save it as \"CSV UTF-8 (comma delimited)\"")

		return nil, false
	}

	data = bytes.TrimPrefix(data, []byte{0xef, 0xbb, 0xbf})

	if bad := firstInvalidUTF8(data); bad >= 0 {
		line := 1 + bytes.Count(data[:bad], []byte{'\n'})
		problems.add(line, "", "not valid UTF-8 (the file may be saved as Windows-1252 or Latin-1): save it as \"CSV UTF-8 (comma delimited)\"")

		return nil, false
	}

	if len(bytes.TrimSpace(data)) == 0 {
		problems.add(0, "", "the file is empty: its first line must name the columns, for example %s", strings.Join(cols.required, ","))

		return nil, false
	}

	return data, true
}

// firstInvalidUTF8 returns the byte offset of the first invalid UTF-8
// sequence in data, or -1 when there is none.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}

		i += size
	}

	return -1
}

// readHeader maps column names to positions. Names are matched ignoring
// case, with spaces and dashes read as underscores, so "RTO hours" names
// rto_hours. An unknown column is a problem rather than being skipped,
// because its values would otherwise be lost without a word.
func readHeader(header []string, cols columns, problems *problemList) (map[string]int, bool) {
	if len(header) == 1 && len(cols.required) > 1 {
		if sep := guessSeparator(header[0]); sep != "" {
			problems.add(1, "", "the columns are separated by %s: save the file with commas between columns (\"CSV UTF-8\")", sep)

			return nil, false
		}
	}

	index := map[string]int{}
	ok := true

	for i, raw := range header {
		name := normaliseColumn(raw)

		switch {
		case name == "":
			problems.add(1, "", "column %d has no name: name it or delete it", i+1)
			ok = false
		case !cols.known(name):
			problems.add(1, "", "unknown column %q: the columns are %s", raw, strings.Join(cols.all(), ", "))
			ok = false
		case hasKey(index, name):
			problems.add(1, "", "column %s appears twice: keep one", name)
			ok = false
		default:
			index[name] = i
		}
	}

	for _, name := range cols.required {
		if !hasKey(index, name) {
			problems.add(1, "", "missing column %s: the header row must name %s", name, strings.Join(cols.required, ", "))
			ok = false
		}
	}

	return index, ok
}

func normaliseColumn(raw string) string {
	name := strings.ToLower(strings.TrimSpace(raw))

	return strings.NewReplacer(" ", "_", "-", "_").Replace(name)
}

func guessSeparator(line string) string {
	switch {
	case strings.Contains(line, ";"):
		return "semicolons"
	case strings.Contains(line, "\t"):
		return "tabs"
	}

	return ""
}

func addReadError(problems *problemList, err error) {
	var parse *csv.ParseError
	if !errors.As(err, &parse) {
		problems.add(0, "", "read failed: %v", err)

		return
	}

	hint := ""
	if errors.Is(parse.Err, csv.ErrQuote) || errors.Is(parse.Err, csv.ErrBareQuote) {
		hint = `: put a value that holds a quote in quotes and double the quote inside it ("say ""no""")`
	}

	problems.add(parse.Line, "", "invalid CSV at character %d: %v%s; rows after it were not read", parse.Column, parse.Err, hint)
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}

	return true
}

func hasKey(m map[string]int, key string) bool {
	_, ok := m[key]

	return ok
}
