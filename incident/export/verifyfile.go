package export

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// FileCheck is the result of checking a JSON Lines export on its own,
// without the database it came from.
type FileCheck struct {
	Ref      string
	Entries  int64         // entries in the file
	Seal     incident.Seal // recomputed from the entries when they verify
	SealNote string        // the entry a seal given matched, in words, or ""
}

// ExportMismatchError names the first entry of an export file, in sequence
// order, that does not match: its own hash, the chain, or a seal.
type ExportMismatchError struct {
	Seq    int64 // 0 when the fault concerns the file as a whole
	Line   int   // line of the file holding that entry, or 0
	Reason string
}

func (e *ExportMismatchError) Error() string {
	switch {
	case e.Seq == 0:
		return e.Reason
	case e.Line == 0:
		return fmt.Sprintf("entry %d does not match: %s", e.Seq, e.Reason)
	}

	return fmt.Sprintf("entry %d (line %d) does not match: %s", e.Seq, e.Line, e.Reason)
}

// VerifyFile checks a JSON Lines export read from r: every entry against
// its own hash, the entries as one chain from entry 1, and the file's seal
// line against the entries. wantSeal, when not empty, is a seal recorded
// elsewhere (the head hash, its first 16 digits as 'sitroom seal' prints
// them, or the whole seal line) that the file's head must match; an entry
// count in it must match too.
func VerifyFile(r io.Reader, wantSeal string) (FileCheck, error) {
	file, err := readExportFile(r)
	if err != nil {
		return FileCheck{}, err
	}

	check := FileCheck{Ref: file.incident.Ref, Entries: int64(len(file.entries))}

	slices.SortFunc(file.entries, func(a, b fileEntry) int { return int(a.entry.Seq - b.entry.Seq) })

	if file.seal != nil && file.seal.Filtered {
		return check, verifyFiltered(file, wantSeal)
	}

	v := incident.NewChainVerifier(file.incident.Ref)
	for i, fe := range file.entries {
		if want := int64(i + 1); fe.entry.Seq != want {
			return check, &ExportMismatchError{Seq: want, Reason: fmt.Sprintf("it is missing: after entry %d the file goes on with entry %d (line %d)",
				want-1, fe.entry.Seq, fe.line)}
		}

		if err := checkReadable(&file, fe); err != nil {
			return check, err
		}

		if got := incident.ComputeHash(file.incident.Ref, &fe.entry); got != fe.entry.Hash {
			return check, &ExportMismatchError{Seq: fe.entry.Seq, Line: fe.line,
				Reason: "its content differs from what its hash was computed over, so it was changed after it was recorded"}
		}

		if err := v.Check(&fe.entry); err != nil {
			var broken *incident.ChainError
			if errors.As(err, &broken) {
				return check, &ExportMismatchError{Seq: fe.entry.Seq, Line: fe.line, Reason: broken.Reason}
			}

			return check, err
		}
	}

	check.Seal = incident.Seal{Ref: file.incident.Ref, Entries: v.Count(), Head: v.Head()}

	if err := matchSealLine(file.seal, check.Seal); err != nil {
		return check, err
	}

	if err := checkDeclaration(&file); err != nil {
		return check, err
	}

	hashes := make([]string, len(file.entries))
	for i, fe := range file.entries {
		hashes[i] = fe.entry.Hash
	}

	if m := sealRef.FindStringSubmatch(wantSeal); m != nil && !strings.EqualFold(m[1], file.incident.Ref) {
		return check, &ExportMismatchError{Reason: fmt.Sprintf("the seal given is of incident %s, and the file holds %s", m[1], file.incident.Ref)}
	}

	check.SealNote, err = matchGivenSeal(wantSeal, hashes)

	return check, err
}

// checkReadable compares the local times shown beside an entry's UTC
// times with them: the hash covers only the UTC ones.
func checkReadable(file *exportFile, fe fileEntry) error {
	for _, pair := range [][2]string{{fe.local.occurred, "occurred_at_local"}, {fe.local.recorded, "recorded_at_local"}} {
		if pair[0] == "" {
			continue
		}

		t, err := time.Parse(time.RFC3339Nano, pair[0])
		if err != nil {
			return &ExportMismatchError{Seq: fe.entry.Seq, Line: fe.line, Reason: fmt.Sprintf("%s %q is not a time", pair[1], pair[0])}
		}

		utc := fe.entry.OccurredAt
		if pair[1] == "recorded_at_local" {
			utc = fe.entry.RecordedAt
		}

		if !t.Equal(utc) {
			return &ExportMismatchError{Seq: fe.entry.Seq, Line: fe.line,
				Reason: fmt.Sprintf("its %s shows another instant than the time its hash covers, so it was changed", pair[1])}
		}
	}

	return nil
}

// checkDeclaration compares the incident line's title and exercise flag,
// which no hash covers, with the declaration entry that records them.
func checkDeclaration(file *exportFile) error {
	if len(file.entries) == 0 {
		return nil
	}

	if first := file.entries[0].entry.Text; !incident.MatchesDeclaration(first, file.incident.Title, file.incident.Exercise) {
		return &ExportMismatchError{Seq: 1, Line: file.entries[0].line,
			Reason: "the incident line's title or exercise flag differs from the declaration that entry 1 records, so the incident line was changed"}
	}

	return nil
}

// fileEntry is an entry read from an export, the line it was on, and the
// local times shown beside its UTC ones.
type fileEntry struct {
	entry incident.Entry
	line  int
	local struct{ occurred, recorded string }
}

type exportFile struct {
	incident IncidentRecord
	entries  []fileEntry
	seal     *SealRecord
}

func readExportFile(r io.Reader) (exportFile, error) {
	var file exportFile

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)

	line := 0
	for sc.Scan() {
		line++

		var head struct {
			Record string `json:"record"`
		}

		if err := json.Unmarshal(sc.Bytes(), &head); err != nil {
			return file, &ExportMismatchError{Reason: fmt.Sprintf("line %d is not JSON: this is not a sitroom JSON Lines export, or it was damaged: %v", line, err)}
		}

		if err := file.add(head.Record, sc.Bytes(), line); err != nil {
			return file, err
		}
	}

	if err := sc.Err(); err != nil {
		return file, fmt.Errorf("read export: %w", err)
	}

	if file.incident.Record == "" {
		return file, &ExportMismatchError{Reason: "the file has no incident line: give a sitroom export made with --format jsonl"}
	}

	return file, nil
}

func (f *exportFile) add(record string, data []byte, line int) error {
	switch {
	case record == "incident" && line == 1:
		if err := json.Unmarshal(data, &f.incident); err != nil {
			return &ExportMismatchError{Reason: fmt.Sprintf("line 1: unreadable incident line: %v", err)}
		}

		if f.incident.Format != JSONLFormat {
			return &ExportMismatchError{Reason: fmt.Sprintf("line 1 names format %q; this sitroom reads %q", f.incident.Format, JSONLFormat)}
		}
	case record == "entry" && f.incident.Record != "" && f.seal == nil:
		var rec EntryRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			return &ExportMismatchError{Reason: fmt.Sprintf("line %d: unreadable entry: %v", line, err)}
		}

		e, err := rec.Entry()
		if err != nil {
			return &ExportMismatchError{Seq: rec.Seq, Line: line, Reason: err.Error()}
		}

		fe := fileEntry{entry: e, line: line}
		fe.local.occurred, fe.local.recorded = rec.OccurredAtLocal, rec.RecordedAtLocal
		f.entries = append(f.entries, fe)
	case record == "seal" && f.incident.Record != "" && f.seal == nil:
		f.seal = &SealRecord{}
		if err := json.Unmarshal(data, f.seal); err != nil {
			return &ExportMismatchError{Reason: fmt.Sprintf("line %d: unreadable seal line: %v", line, err)}
		}
	default:
		return &ExportMismatchError{Reason: fmt.Sprintf("line %d holds a %q record where the export's layout has none: "+
			"lines were added, removed or moved", line, record)}
	}

	return nil
}

// matchSealLine checks the file's own seal line against the entries.
func matchSealLine(line *SealRecord, seal incident.Seal) error {
	switch {
	case line == nil:
		return &ExportMismatchError{Reason: "the file has no seal line, so it was cut short: its entries verify as far as they go, " + seal.String()}
	case !line.Sealed:
		return &ExportMismatchError{Reason: "the file's seal line says the chain did not verify when it was written, or that line was changed"}
	case line.Entries != seal.Entries || line.Head != seal.Head:
		return &ExportMismatchError{Reason: fmt.Sprintf("the file's seal line says %d entries ending %s, but its entries give %d ending %s: "+
			"the seal line was changed, or entries were added or removed", line.Entries, shortHead(line.Head), seal.Entries, shortHead(seal.Head))}
	}

	return nil
}

var (
	sealCount   = regexp.MustCompile(`(\d+) entries`)
	hexOnly     = regexp.MustCompile(`^[0-9a-f]+$`)
	sealRef     = regexp.MustCompile(`(\S+) seal:`)
	decimalOnly = regexp.MustCompile(`^[0-9]+$`)
)

// matchGivenSeal compares a seal recorded elsewhere with the file's
// entries, whose hashes are given in sequence order. The seal may be from
// any point of the timeline: a seal taken earlier matches when the entry
// it names still has that hash. It returns how it matched.
func matchGivenSeal(given string, hashes []string) (string, error) {
	given = strings.TrimSpace(given)
	if given == "" {
		return "", nil
	}

	count, head, err := parseSeal(given)
	if err != nil {
		return "", err
	}

	if count > 0 {
		if count > int64(len(hashes)) {
			return "", &ExportMismatchError{Reason: fmt.Sprintf("the seal given covers %d entries and the file holds only %d: "+
				"the file is not the timeline that seal was taken from, or entries were removed", count, len(hashes))}
		}

		if !strings.HasPrefix(hashes[count-1], head) {
			return "", &ExportMismatchError{Seq: count, Reason: fmt.Sprintf("its hash %s differs from the seal given, %s: "+
				"the timeline up to that seal was changed", shortHead(hashes[count-1]), shortHead(head))}
		}

		return fmt.Sprintf("the seal given matches entry %d, so entries 1 to %d are unchanged since it was recorded", count, count), nil
	}

	for i, h := range hashes {
		if strings.HasPrefix(h, head) {
			return fmt.Sprintf("the seal given matches entry %d, so entries 1 to %d are unchanged since it was recorded", i+1, i+1), nil
		}
	}

	return "", &ExportMismatchError{Reason: fmt.Sprintf("no entry in the file has the head %s of the seal given: "+
		"the timeline changed since that seal was recorded, or the seal is from another incident", shortHead(head))}
}

// parseSeal reads a seal as 'sitroom seal', a sitrep or an export writes
// it: a whole seal line ("REF seal: 152 entries, head ead6 e97c 4d68
// db87"), an entry count then a head ("152 ead6 e97c 4d68 db87"), or a
// head alone. The count is 0 when none is given.
func parseSeal(given string) (int64, string, error) {
	var count int64

	if m := sealCount.FindStringSubmatch(given); m != nil {
		count, _ = strconv.ParseInt(m[1], 10, 64)
		given = given[strings.Index(given, m[0])+len(m[0]):]
	}

	if i := strings.LastIndex(given, "head"); i >= 0 {
		given = given[i+len("head"):]
	}

	// A count before a head shows as a leading number: before the four
	// groups of four digits 'sitroom seal' prints, or before one long run.
	fields := strings.Fields(strings.Trim(given, " :,"))
	if count == 0 && len(fields) > 1 && decimalOnly.MatchString(fields[0]) &&
		(len(fields) == 5 || (len(fields) == 2 && len(fields[1]) >= 16)) {
		count, _ = strconv.ParseInt(fields[0], 10, 64)
		fields = fields[1:]
	}

	head := strings.ToLower(strings.Join(fields, ""))
	if len(head) < 16 || !hexOnly.MatchString(head) {
		return 0, "", fmt.Errorf("cannot read a head hash in --seal %q: give at least its first 16 hex digits, as 'sitroom seal' prints them", given)
	}

	return count, head, nil
}

func shortHead(h string) string {
	return incident.Seal{Head: h}.Short()
}

// verifyFiltered checks a filtered export, whose entries are not one
// chain: each entry against its own hash, and the seal line against a seal
// given. It returns an error that says how far the check went.
func verifyFiltered(file exportFile, wantSeal string) error {
	for _, fe := range file.entries {
		if got := incident.ComputeHash(file.incident.Ref, &fe.entry); got != fe.entry.Hash {
			return &ExportMismatchError{Seq: fe.entry.Seq, Line: fe.line,
				Reason: "its content differs from what its hash was computed over, so it was changed after it was recorded"}
		}
	}

	seal := incident.Seal{Ref: file.incident.Ref, Entries: file.seal.ChainEntries, Head: file.seal.Head}
	if strings.TrimSpace(wantSeal) != "" {
		if _, head, err := parseSeal(wantSeal); err != nil {
			return err
		} else if !strings.HasPrefix(seal.Head, head) {
			return &ExportMismatchError{Reason: fmt.Sprintf("the filtered export's seal line ends %s, not %s as the seal given", shortHead(seal.Head), shortHead(head))}
		}
	}

	return &FilteredError{Entries: int64(len(file.entries)), Seal: seal}
}

// FilteredError reports a filtered export: its entries each match their
// hashes, but they are not the whole chain, so the chain itself cannot be
// checked from the file.
type FilteredError struct {
	Entries int64
	Seal    incident.Seal
}

func (e *FilteredError) Error() string {
	return fmt.Sprintf("the export was filtered: its %d entries each match their own hashes, but the chain can only be checked "+
		"in an export without filters; its seal line records %s", e.Entries, e.Seal)
}
