package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestParseFormat(t *testing.T) {
	cases := map[string]Format{"md": Markdown, "Markdown": Markdown, "csv": CSV, " JSONL ": JSONL, "HTML": HTML}
	for in, want := range cases {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}

	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf) returned no error")
	}
}

func TestSpreadsheetSafeCases(t *testing.T) {
	cases := map[string]string{
		"=1+1":           "'=1+1",
		"+44 7700":       "'+44 7700",
		"-15m":           "'-15m",
		"@SUM(A1)":       "'@SUM(A1)",
		"\tx":            "'\tx",
		"\rx":            "'\rx",
		"  =1+1":         "'  =1+1",
		"   ":            "   ",
		"":               "",
		"plain = text":   "plain = text",
		"'already quote": "'already quote",
	}

	for in, want := range cases {
		if got := spreadsheetSafe(in); got != want {
			t.Errorf("spreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// readCSV parses an export and returns its rows keyed by seq, checking the
// header.
func readCSV(t *testing.T, out string) (map[string]map[string]string, []string) {
	t.Helper()

	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("parse CSV: %v\n%s", err, out)
	}

	header := rows[0]

	byseq := map[string]map[string]string{}
	var order []string

	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, name := range header {
			rec[name] = row[i]
		}

		byseq[rec["seq"]] = rec
		order = append(order, rec["seq"])
	}

	return byseq, order
}

func TestCSVHeader(t *testing.T) {
	f := newFixture(t, false)
	out := f.export(CSV)

	first, _, _ := strings.Cut(out, "\r\n")
	want := "seq,occurred_at,recorded_at,author,decision_maker,level,kind,text,hash,incident,exercise,late,late_reason," +
		"rationale,options,review_at,amends,amend_reason,systems,tasks,people,source,prev_hash"

	if first != want {
		t.Errorf("header = %q\nwant     %q", first, want)
	}
}

func TestCSVFormulaNeutralised(t *testing.T) {
	f := newFixture(t, false)

	f.log(incident.NewEntry{Text: "=HYPERLINK(\"http://x\",\"y\")"})
	f.log(incident.NewEntry{Text: "+44 7700 900101 rang"})
	f.log(incident.NewEntry{Text: "-15m since the link dropped"})
	f.log(incident.NewEntry{Text: "@SUM(A1:A9)"})
	f.log(incident.NewEntry{
		Kind: incident.KindDecision, Text: "Cut the link", Rationale: "=cmd|' /C calc'!A0",
		Options: []string{"+keep it"}, Systems: []string{"-S2S"},
	})
	f.log(incident.NewEntry{Text: "alert\x1b]0;pwned\x07 cleared"})

	// Entries written straight to the store, as an import might, keep a
	// leading tab or carriage return that Log would trim.
	for _, text := range []string{"\t=1+1", "\r@SUM(A1)"} {
		f.insertRaw(text)
	}

	rows, _ := readCSV(t, f.export(CSV))

	checks := []struct{ seq, column, want string }{
		{"2", "text", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"3", "text", "'+44 7700 900101 rang"},
		{"4", "text", "'-15m since the link dropped"},
		{"5", "text", "'@SUM(A1:A9)"},
		{"6", "rationale", "'=cmd|' /C calc'!A0"},
		{"6", "options", "'+keep it"},
		{"6", "systems", "'-S2S"},
		{"7", "text", "alert cleared"},
		{"8", "text", "' =1+1"},
		{"9", "text", "'@SUM(A1)"},
	}

	for _, c := range checks {
		if got := rows[c.seq][c.column]; got != c.want {
			t.Errorf("entry %s %s = %q, want %q", c.seq, c.column, got, c.want)
		}
	}
}

func TestCSVTimesAndLists(t *testing.T) {
	f := newFixture(t, false)

	review := time.Date(2026, 6, 11, 9, 0, 0, 0, time.UTC)
	f.log(incident.NewEntry{
		OccurredAt: f.now.Add(30 * time.Second).Add(123 * time.Millisecond), Kind: incident.KindDecision,
		Text: "Stand up the ICC", Rationale: "scale", Options: []string{"wait", "call mutual aid"},
		ReviewAt: &review, Systems: []string{"EPR", "LIMS"},
	})

	rows, _ := readCSV(t, f.export(CSV))
	e := rows["2"]

	if got, want := e["occurred_at"], "2026-06-11T06:00:30.123+01:00"; got != want {
		t.Errorf("occurred_at = %q, want %q", got, want)
	}

	if got, want := e["recorded_at"], "2026-06-11T06:01:00+01:00"; got != want {
		t.Errorf("recorded_at = %q, want %q", got, want)
	}

	if got, want := e["review_at"], "2026-06-11T10:00:00+01:00"; got != want {
		t.Errorf("review_at = %q, want %q", got, want)
	}

	if got, want := e["options"], "wait; call mutual aid"; got != want {
		t.Errorf("options = %q, want %q", got, want)
	}

	if got, want := e["systems"], "EPR; LIMS"; got != want {
		t.Errorf("systems = %q, want %q", got, want)
	}
}

// tableRows returns the cells of each row of the Markdown timeline table,
// split at pipes that are not escaped.
func tableRows(t *testing.T, md string) [][]string {
	t.Helper()

	_, table, ok := strings.Cut(md, "## Timeline\n")
	if !ok {
		t.Fatalf("no timeline section in:\n%s", md)
	}

	table, _, _ = strings.Cut(table, "\n## ")

	var rows [][]string

	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}

		var cells []string
		var cell strings.Builder
		escaped := false

		for _, r := range line {
			switch {
			case escaped:
				cell.WriteRune(r)
				escaped = false
			case r == '\\':
				cell.WriteRune(r)
				escaped = true
			case r == '|':
				cells = append(cells, strings.TrimSpace(cell.String()))
				cell.Reset()
			default:
				cell.WriteRune(r)
			}
		}

		// Drop the empty strings before the first pipe and after the last.
		rows = append(rows, cells[1:])
	}

	return rows
}

func TestMarkdownPipesKeepColumns(t *testing.T) {
	f := newFixture(t, false)

	f.log(incident.NewEntry{Text: "a | b | c\nsecond | line", DecisionMaker: "ST09", Systems: []string{"X|Y"}})
	f.log(incident.NewEntry{Text: "ends with a backslash \\"})

	rows := tableRows(t, f.export(Markdown))
	if len(rows) != 4 {
		t.Fatalf("timeline has %d rows, want a header and 3 entries", len(rows))
	}

	for i, row := range rows {
		if len(row) != 6 {
			t.Errorf("row %d has %d cells, want 6: %q", i, len(row), row)
		}
	}

	if got, want := rows[2][5], `a \| b \| c<br>second \| line<br>Recorded by Gareth Llewellyn (ST05)<br>Systems: X\|Y`; got != want {
		t.Errorf("entry cell = %q\nwant         %q", got, want)
	}

	if got, want := rows[2][4], `Pipe \| Person (ST09)`; got != want {
		t.Errorf("decision maker cell = %q, want %q", got, want)
	}
}

func TestMdTextEscapes(t *testing.T) {
	cases := map[string]string{
		"plain text":              "plain text",
		"a | b":                   `a \| b`,
		"*bold* _it_ ~~s~~ `c`":   "\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\`",
		"[link](http://x) <b>":    `\[link\](http://x) \<b\>`,
		"# heading":               `\# heading`,
		"- item":                  `\- item`,
		"  + item":                `  \+ item`,
		"> quote":                 `\> quote`,
		"12. ordered":             `12\. ordered`,
		"3) ordered":              `3\) ordered`,
		"1999 was":                "1999 was",
		"one\n- two":              `one<br>\- two`,
		"R&D &amp; &#39; &x":      `R&D \&amp; \&\#39; &x`,
		"back\\slash":             `back\\slash`,
		"esc\x1b[31mred\x1b[0m":   "escred",
		"tab\there":               "tab here",
		"bidi \u202egnp.exe":      "bidi gnp.exe",
		"mid-line - and 2. stays": "mid-line - and 2. stays",
	}

	for in, want := range cases {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownExerciseMarked(t *testing.T) {
	f := newFixture(t, true)
	md := f.export(Markdown)

	if !strings.HasPrefix(md, "# EXERCISE: NBH-2026-014: Pathology partner ransomware\n") {
		t.Errorf("title does not start with EXERCISE:\n%s", firstLines(md, 3))
	}

	banner := "**EXERCISE. EXERCISE. EXERCISE. This is the record of an exercise, not of a real incident.**"
	if n := strings.Count(md, banner); n != 2 {
		t.Errorf("exercise banner appears %d times, want 2 (top and end)", n)
	}

	if !strings.HasSuffix(strings.TrimSpace(md), banner) {
		t.Error("report does not end with the exercise banner")
	}

	if !strings.Contains(md, "- **Exercise:** **yes: EXERCISE**\n") {
		t.Error("summary does not mark the exercise")
	}
}

func TestMarkdownRealIncidentUnmarked(t *testing.T) {
	f := newFixture(t, false)
	md := f.export(Markdown)

	if strings.Contains(md, "EXERCISE") {
		t.Errorf("a real incident's report mentions EXERCISE:\n%s", md)
	}

	if !strings.Contains(md, "- **Exercise:** no\n") {
		t.Error("summary does not say the incident is not an exercise")
	}
}

func TestMarkdownAmendmentStruck(t *testing.T) {
	f := newFixture(t, false)

	orig := f.log(incident.NewEntry{Kind: incident.KindDecision, Text: "Isolate EPR", Rationale: "contain spread"})
	f.now = f.now.Add(time.Minute)

	fix, err := f.svc.Amend(f.ctx, f.actor, f.ref, orig.Seq, "wrong system named", incident.NewEntry{
		Text: "Isolate LIMS", Rationale: "contain spread",
	})
	if err != nil {
		t.Fatalf("amend: %v", err)
	}

	md := f.export(Markdown)
	rows := tableRows(t, md)

	var origCell, fixCell string
	for _, row := range rows {
		switch row[1] {
		case "2":
			origCell = row[5]
		case "3":
			fixCell = row[5]
		}
	}

	if want := "~~Isolate EPR~~ **corrected by entry 3**"; origCell != want {
		t.Errorf("amended entry cell = %q, want %q", origCell, want)
	}

	if want := "**Corrects entry 2:** wrong system named<br>Isolate LIMS"; fixCell != want {
		t.Errorf("correction cell = %q, want %q", fixCell, want)
	}

	if fix.Seq != 3 {
		t.Fatalf("correction has sequence number %d, want 3", fix.Seq)
	}

	if !strings.Contains(md, "- **Decision:** ~~Isolate EPR~~ **corrected by entry 3**\n") {
		t.Error("decisions section does not strike the amended decision")
	}

	if !strings.Contains(md, "- **Corrects entry 2:** wrong system named\n- **Decision:** Isolate LIMS\n") {
		t.Error("decisions section does not show the correction with its reason")
	}

	if !strings.Contains(md, "- **Corrections:** 1\n") {
		t.Error("summary does not count the correction")
	}
}

func TestMarkdownLateMarked(t *testing.T) {
	f := newFixture(t, false)

	f.now = f.now.Add(time.Hour)
	f.log(incident.NewEntry{OccurredAt: f.now.Add(-45 * time.Minute), Text: "Phones down", LateReason: "no phones until 06:40"})

	_, err := f.svc.ImportEntries(f.ctx, f.actor, f.ref, "paper.csv", []incident.ImportedEntry{{
		OccurredAt: f.now.Add(-30 * time.Minute), RecordedAt: f.now, Actor: "ST01",
		Level: incident.LevelGold, Kind: incident.KindObservation, Text: "Paper note", Source: "paper.csv line 2",
	}})
	if err != nil {
		t.Fatalf("import: %v", err)
	}

	md := f.export(Markdown)

	cells := map[string]string{}
	for _, row := range tableRows(t, md) {
		cells[row[1]] = row[5]
	}

	if want := "Phones down<br>**LATE:** recorded 2026-06-11 07:01:00 +01:00, 46m after it occurred; reason: no phones until 06:40"; cells["2"] != want {
		t.Errorf("late entry cell = %q\nwant %q", cells["2"], want)
	}

	if want := "Paper note<br>**LATE:** recorded 2026-06-11 07:01:00 +01:00, 30m after it occurred; reason: _no reason given_"; cells["3"] != want {
		t.Errorf("late entry without reason = %q\nwant %q", cells["3"], want)
	}

	if !strings.Contains(md, "- **Late entries:** 2, recorded more than 10m after they occurred; 1 of them gives no reason\n") {
		t.Errorf("summary does not count 2 late entries:\n%s", md)
	}
}

func TestMarkdownDecisionDetails(t *testing.T) {
	f := newFixture(t, false)

	review := f.now.Add(4 * time.Hour)
	f.log(incident.NewEntry{
		Kind: incident.KindDecision, DecisionMaker: "ST01", Level: incident.LevelGold, Text: "Declare a critical incident",
		Rationale: "pathology lost", Options: []string{"business continuity only", "wait for the partner"}, ReviewAt: &review,
	})

	md := f.export(Markdown)
	want := "### Entry 2: decision at 2026-06-11 06:01:00 +01:00\n\n" +
		"- **Decision:** Declare a critical incident\n" +
		"- **Decision maker:** Siân Pritchard-Evans (ST01), command level gold\n" +
		"- **Recorded by:** Gareth Llewellyn (ST05) (loggist) at 2026-06-11 06:01:00 +01:00\n" +
		"- **Rationale:** pathology lost\n" +
		"- **Options considered and rejected:** business continuity only; wait for the partner\n" +
		"- **Review:** 2026-06-11 10:00:00 +01:00\n\n"

	if !strings.Contains(md, want) {
		t.Errorf("decision section lacks\n%s\nin\n%s", want, md)
	}

	if !strings.Contains(md, "- **Entries:** 2 (1 decision, 1 system)\n") {
		t.Errorf("summary counts wrong:\n%s", firstLines(md, 20))
	}
}

func TestMarkdownSealClaimed(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Text: "one"})

	seal, err := f.svc.Verify(f.ctx, f.ref)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}

	md, res := f.exportResult(Markdown)
	if res.ChainErr != nil || res.Seal.Entries != seal.Entries || res.Seal.Head != seal.Head {
		t.Errorf("export result %+v, want the seal of Verify %+v", res, seal)
	}

	_, sealPart, _ := strings.Cut(md, "\n## Seal\n")

	for _, want := range []string{
		"- **Entries:** 2\n",
		"- **Head:** " + seal.Short() + "\n",
		"- **Full head hash:** " + seal.Head + "\n",
		"- **Sealed at:** 2026-06-11 06:01:00 +01:00 (2026-06-11 05:01:00 UTC)\n",
	} {
		if !strings.Contains(sealPart, want) {
			t.Errorf("seal section lacks %q:\n%s", want, sealPart)
		}
	}
}

// breakChain rewrites entry seq's text behind the triggers' back, as
// someone with write access to the file could.
func (f *fixture) breakChain(seq int64) {
	f.t.Helper()

	if err := f.db.Exec(f.ctx, "DROP TRIGGER entries_no_update"); err != nil {
		f.t.Fatalf("drop trigger: %v", err)
	}

	if err := f.db.Exec(f.ctx, "UPDATE entries SET text = ? WHERE seq = ?", "rewritten", seq); err != nil {
		f.t.Fatalf("rewrite entry %d: %v", seq, err)
	}
}

func TestMarkdownBrokenChainNoSeal(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Text: "one"})
	f.log(incident.NewEntry{Text: "two"})
	f.breakChain(2)

	_, err := f.svc.Verify(f.ctx, f.ref)

	var broken *incident.ChainError
	if !errors.As(err, &broken) || broken.Seq != 2 {
		t.Fatalf("verify after tampering returned %v, want a chain error at entry 2", err)
	}

	md, res := f.exportResult(Markdown)
	if res.ChainErr == nil || res.ChainErr.Seq != 2 || res.ChainErr.Reason != broken.Reason {
		t.Errorf("export chain error = %v, want Verify's %v", res.ChainErr, broken)
	}

	want := "**The hash chain did NOT verify: entry 2 does not verify: its contents do not match its hash (changed after it was written). " +
		"Entries 1 to 1 verified; the entries after them cannot be shown to be unchanged. No seal is claimed for this export.**"
	if !strings.Contains(md, want) {
		t.Errorf("report lacks %q:\n%s", want, md)
	}

	if strings.Contains(md, "Full head hash") || strings.Contains(md, "Sealed at") {
		t.Errorf("report claims a seal for a broken chain:\n%s", md)
	}

	cells := map[string]string{}
	for _, row := range tableRows(t, md) {
		cells[row[1]] = row[5]
	}

	if !strings.HasSuffix(cells["2"], "**Chain: UNVERIFIED**") || !strings.HasSuffix(cells["3"], "**Chain: UNVERIFIED**") {
		t.Errorf("entries 2 and 3 are not marked unverified: %q, %q", cells["2"], cells["3"])
	}

	if strings.Contains(cells["1"], "UNVERIFIED") {
		t.Errorf("entry 1, which verified, is marked unverified: %q", cells["1"])
	}

	jsonl, _ := f.exportResult(JSONL)
	lines := strings.Split(strings.TrimSpace(jsonl), "\n")

	var rec SealRecord
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rec); err != nil {
		t.Fatalf("decode seal line: %v", err)
	}

	if rec.Sealed || rec.Head != "" || rec.BrokenSeq != 2 || rec.VerifiedEntries != 1 || rec.Entries != 3 {
		t.Errorf("seal record = %+v, want not sealed, broken at 2, 1 of 3 verified", rec)
	}
}

func TestJSONLRoundTripHashes(t *testing.T) {
	f := newFixture(t, true)

	review := time.Date(2026, 6, 11, 9, 30, 0, 5, time.UTC)
	f.log(incident.NewEntry{
		OccurredAt: f.now.Add(17*time.Second + 987654321), Kind: incident.KindDecision, DecisionMaker: "ST01",
		Level: incident.LevelGold, Text: "Cut the link | now\nsecond line <b>&amp;</b>",
		Rationale: "stop spread", Options: []string{"wait", "pay", ""}, ReviewAt: &review,
		Systems: []string{"S2S-KPP", "LAB-IF"}, Tasks: []string{"T1"}, People: []string{"ST14", "ST29"},
	})
	f.log(incident.NewEntry{Text: "escape \x1b]0;title\x07 bell \x07 del \x7f c1 \u009b bidi \u202e end \u2028"})
	f.log(incident.NewEntry{Text: "invalid \xff\xfe utf-8", Options: []string{"ok"}, Kind: incident.KindDecision, Rationale: "r\xe2"})
	f.log(incident.NewEntry{Text: "Ünïcödé 😀 Siân"})

	f.now = f.now.Add(time.Minute)

	if _, err := f.svc.Amend(f.ctx, f.actor, f.ref, 2, "typo", incident.NewEntry{Text: "Cut the link now", Rationale: "stop spread"}); err != nil {
		t.Fatalf("amend: %v", err)
	}

	orig := f.entries()
	out := f.export(JSONL)

	for _, b := range []string{"\x1b", "\x07", "\x7f", "\u009b", "\u202e", "\u2028"} {
		if strings.Contains(out, b) {
			t.Errorf("JSONL holds raw %q, which should be a \\u escape", b)
		}
	}

	scanner := bufio.NewScanner(strings.NewReader(out))
	scanner.Buffer(nil, 1<<20)

	var kinds []string
	decoded := map[int64]incident.Entry{}

	for scanner.Scan() {
		line := scanner.Bytes()

		var head struct{ Record string }
		if err := json.Unmarshal(line, &head); err != nil {
			t.Fatalf("line is not JSON: %v\n%s", err, line)
		}

		kinds = append(kinds, head.Record)

		if head.Record != "entry" {
			continue
		}

		var rec EntryRecord
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()

		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("decode entry: %v\n%s", err, line)
		}

		e, err := rec.Entry()
		if err != nil {
			t.Fatalf("rebuild entry %d: %v", rec.Seq, err)
		}

		if got := incident.ComputeHash(rec.Incident, &e); got != e.Hash {
			t.Errorf("entry %d: recomputed hash %s, stored %s", e.Seq, got, e.Hash)
		}

		decoded[e.Seq] = e
	}

	if want := []string{"incident", "entry", "entry", "entry", "entry", "entry", "entry", "seal"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("record kinds = %v, want %v", kinds, want)
	}

	if len(decoded) != len(orig) {
		t.Fatalf("decoded %d entries, stored %d", len(decoded), len(orig))
	}

	for _, want := range orig {
		got := decoded[want.Seq]
		if !sameEntry(got, want) {
			t.Errorf("entry %d round trip differs:\n got %+v\nwant %+v", want.Seq, got, want)
		}
	}

	// The service replaces invalid UTF-8 before hashing, so what was
	// stored comes back exactly.
	if got := decoded[4].Text; got != "invalid \ufffd utf-8" {
		t.Errorf("invalid UTF-8 text came back as %q, want U+FFFD in place of the bad bytes", got)
	}
}

// sameEntry compares entries field by field, treating nil and empty lists
// as equal and times by instant.
func sameEntry(a, b incident.Entry) bool {
	lists := func(x, y []string) bool { return len(x) == 0 && len(y) == 0 || reflect.DeepEqual(x, y) }
	review := (a.ReviewAt == nil) == (b.ReviewAt == nil) && (a.ReviewAt == nil || a.ReviewAt.Equal(*b.ReviewAt))

	return a.ID == b.ID && a.IncidentID == b.IncidentID && a.Seq == b.Seq &&
		a.OccurredAt.Equal(b.OccurredAt) && a.RecordedAt.Equal(b.RecordedAt) &&
		a.Author == b.Author && a.DecisionMaker == b.DecisionMaker && a.Level == b.Level && a.Kind == b.Kind &&
		a.Text == b.Text && a.Rationale == b.Rationale && lists(a.Options, b.Options) && review &&
		a.LateReason == b.LateReason && a.Amends == b.Amends && a.AmendReason == b.AmendReason &&
		lists(a.Systems, b.Systems) && lists(a.Tasks, b.Tasks) && lists(a.People, b.People) &&
		a.Source == b.Source && a.PrevHash == b.PrevHash && a.Hash == b.Hash
}

func TestJSONLIncidentAndSeal(t *testing.T) {
	f := newFixture(t, true)
	out := f.export(JSONL)
	lines := strings.Split(strings.TrimSpace(out), "\n")

	var inc IncidentRecord
	if err := json.Unmarshal([]byte(lines[0]), &inc); err != nil {
		t.Fatalf("decode incident line: %v", err)
	}

	if inc.Record != "incident" || inc.Ref != f.ref || !inc.Exercise || inc.Format != JSONLFormat || inc.ChainVersion != incident.ChainVersion {
		t.Errorf("incident record = %+v", inc)
	}

	if inc.DeclaredAt != "2026-06-11T05:00:00Z" || inc.DeclaredAtLocal != "2026-06-11T06:00:00+01:00" {
		t.Errorf("declared at = %q / %q", inc.DeclaredAt, inc.DeclaredAtLocal)
	}

	var seal SealRecord
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &seal); err != nil {
		t.Fatalf("decode seal line: %v", err)
	}

	head := f.entries()[0].Hash
	if !seal.Sealed || seal.Entries != 1 || seal.Head != head || seal.SealedAt != "2026-06-11T05:00:00Z" || seal.VerifiedHead != "" {
		t.Errorf("seal record = %+v, want sealed over 1 entry with head %s", seal, head)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}

	return strings.Join(lines, "\n")
}
