package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// csvHeader names the CSV columns. The first nine are fixed for people and
// scripts that read exports; the rest follow in a stable order.
var csvHeader = []string{
	"seq", "occurred_at", "recorded_at", "author", "decision_maker", "level", "kind", "text", "hash",
	"incident", "exercise", "late", "late_reason", "rationale", "options", "review_at", "amends", "amend_reason",
	"systems", "tasks", "people", "source", "prev_hash",
}

// writeCSV writes one RFC 4180 row per entry under csvHeader, with CRLF line
// ends. Text cells are sanitised and neutralised (see spreadsheetSafe), so a
// CSV cell may differ from the stored text: the JSON Lines export is the
// exact one. The last row carries the seal: "seal" in the seq column, the
// seal or the reason there is none in the text column, and the head in the
// hash column.
func writeCSV(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	buf := bufio.NewWriterSize(w, 64*1024)
	out := csv.NewWriter(buf)
	out.UseCRLF = true

	if err := out.Write(csvHeader); err != nil {
		return Result{}, err
	}

	ref := spreadsheetSafe(incident.Sanitize(inc.Ref))
	exercise := strconv.FormatBool(inc.Exercise)
	row := make([]string, len(csvHeader))
	var stamp []byte

	// formatTime renders t in the display zone, keeping fractional seconds
	// only when they are not zero.
	formatTime := func(t time.Time) string {
		stamp = t.In(opts.Zone).AppendFormat(stamp[:0], localLayout)

		return string(stamp)
	}

	res, err := verifiedStream(ctx, r, inc, &opts, func(e *incident.Entry) error {
		row[0] = strconv.FormatInt(e.Seq, 10)
		row[1] = formatTime(e.OccurredAt)
		row[2] = formatTime(e.RecordedAt)
		row[3] = csvText(e.Author)
		row[4] = csvText(e.DecisionMaker)
		row[5] = csvText(string(e.Level))
		row[6] = csvText(string(e.Kind))
		row[7] = csvText(e.Text)
		row[8] = csvText(e.Hash)
		row[9] = ref
		row[10] = exercise
		row[11] = strconv.FormatBool(e.Late())
		row[12] = csvText(e.LateReason)
		row[13] = csvText(e.Rationale)
		row[14] = csvList(e.Options)

		row[15] = ""
		if e.ReviewAt != nil {
			row[15] = formatTime(*e.ReviewAt)
		}

		row[16] = ""
		if e.Amends != 0 {
			row[16] = strconv.FormatInt(e.Amends, 10)
		}

		row[17] = csvText(e.AmendReason)
		row[18] = csvList(e.Systems)
		row[19] = csvList(e.Tasks)
		row[20] = csvList(e.People)
		row[21] = csvText(e.Source)
		row[22] = csvText(e.PrevHash)

		return out.Write(row)
	})
	if err != nil {
		return res, err
	}

	if err := out.Write(sealRow(len(csvHeader), 7, 8, res)); err != nil {
		return res, err
	}

	out.Flush()
	if err := out.Error(); err != nil {
		return res, err
	}

	return res, buf.Flush()
}

// csvText sanitises a stored string and neutralises it for spreadsheets.
func csvText(s string) string {
	return spreadsheetSafe(incident.Sanitize(s))
}

// csvList joins a stored list with "; " after sanitising each item.
func csvList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return csvText(items[0])
	}

	clean := make([]string, len(items))
	for i, v := range items {
		clean[i] = incident.Sanitize(v)
	}

	return spreadsheetSafe(strings.Join(clean, "; "))
}

// spreadsheetSafe puts an apostrophe before a cell that a spreadsheet would
// otherwise run as a formula or command (CSV injection): one starting with
// =, +, -, @, a tab or a carriage return, after any leading spaces. The
// spaces count because Sanitize turns a leading tab into one. Excel and
// LibreOffice show such a cell as text and hide the apostrophe. In the raw
// CSV the apostrophe is visible and looks like one the author typed, so the
// JSON Lines export is the one that keeps the text exactly.
func spreadsheetSafe(s string) string {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}

	if i == len(s) {
		return s
	}

	switch s[i] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}

	return s
}
