package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/northbridge-nhs/sitroom/incident"
)

// JSONLFormat names the layout of the JSON Lines export. A change that
// readers would misread gets a new name.
const JSONLFormat = "sitroom-export-jsonl-v1"

// IncidentRecord is the first line of a JSON Lines export.
type IncidentRecord struct {
	Record          string            `json:"record"` // "incident"
	Format          string            `json:"format"` // JSONLFormat
	ChainVersion    string            `json:"chain_version"`
	ID              int64             `json:"id"`
	Ref             string            `json:"ref"`
	Title           string            `json:"title"`
	Kind            string            `json:"kind"`
	Severity        string            `json:"severity"`
	Status          string            `json:"status"`
	DeclaredAt      string            `json:"declared_at"`       // RFC 3339, UTC, nanoseconds
	DeclaredAtLocal string            `json:"declared_at_local"` // the same instant in the display zone
	DeclaredBy      string            `json:"declared_by"`
	DeclaredByName  string            `json:"declared_by_name,omitempty"`
	Exercise        bool              `json:"exercise"`
	ExportedAt      string            `json:"exported_at"`
	ExportedBy      string            `json:"exported_by,omitempty"`
	Zone            string            `json:"zone"`
	Base64          map[string]string `json:"base64,omitempty"` // see EntryRecord.Base64
}

// EntryRecord is one timeline entry in a JSON Lines export. It carries
// every field of incident.Entry, so Entry rebuilds the entry exactly and
// incident.ComputeHash over it gives the stored hash. The *_local, *_name
// and late fields are derived for readers and are not hashed.
type EntryRecord struct {
	Record            string   `json:"record"` // "entry"
	Incident          string   `json:"incident"`
	ID                int64    `json:"id"`
	IncidentID        int64    `json:"incident_id"`
	Seq               int64    `json:"seq"`
	OccurredAt        string   `json:"occurred_at"` // RFC 3339, UTC, nanoseconds
	OccurredAtLocal   string   `json:"occurred_at_local"`
	RecordedAt        string   `json:"recorded_at"` // RFC 3339, UTC, nanoseconds
	RecordedAtLocal   string   `json:"recorded_at_local"`
	Author            string   `json:"author"`
	AuthorName        string   `json:"author_name,omitempty"`
	DecisionMaker     string   `json:"decision_maker"`
	DecisionMakerName string   `json:"decision_maker_name,omitempty"`
	Level             string   `json:"level"`
	Kind              string   `json:"kind"`
	Text              string   `json:"text"`
	Rationale         string   `json:"rationale"`
	Options           []string `json:"options"`
	ReviewAt          *string  `json:"review_at"` // null when no review time was set
	ReviewAtLocal     *string  `json:"review_at_local,omitempty"`
	Late              bool     `json:"late"`
	LateReason        string   `json:"late_reason"`
	Amends            int64    `json:"amends"` // 0 when the entry corrects nothing
	AmendReason       string   `json:"amend_reason"`
	Systems           []string `json:"systems"`
	Tasks             []string `json:"tasks"`
	People            []string `json:"people"`
	Source            string   `json:"source"`
	PrevHash          string   `json:"prev_hash"`
	Hash              string   `json:"hash"`

	// Base64 holds the exact bytes, base64-encoded, of any string field
	// that is not valid UTF-8 and so cannot travel in a JSON string. Keys
	// are JSON field names, with ".N" for item N of a list ("options.2").
	// The field itself then holds a readable copy with U+FFFD in place of
	// the invalid bytes.
	Base64 map[string]string `json:"base64,omitempty"`
}

// SealRecord is the last line of a JSON Lines export: the result of
// verifying the hash chain over the exported entries.
type SealRecord struct {
	Record   string `json:"record"` // "seal"
	Incident string `json:"incident"`
	Sealed   bool   `json:"sealed"`  // the chain verified and the seal covers every exported entry
	Entries  int64  `json:"entries"` // entries in this export

	// Set only when Sealed.
	Head      string `json:"head,omitempty"`       // hash of the last entry in sequence order
	HeadShort string `json:"head_short,omitempty"` // the first 16 hex digits, for reading aloud
	SealedAt  string `json:"sealed_at,omitempty"`  // RFC 3339, UTC

	// Set only when the chain did not verify: entries 1 to VerifiedEntries
	// verified and end at VerifiedHead, and entry BrokenSeq failed.
	VerifiedEntries int64  `json:"verified_entries,omitempty"`
	VerifiedHead    string `json:"verified_head,omitempty"`
	BrokenSeq       int64  `json:"broken_seq,omitempty"`
	BrokenReason    string `json:"broken_reason,omitempty"`

	// Set when the export was filtered: Entries counts the entries written,
	// ChainEntries the whole chain that Head seals.
	Filtered     bool  `json:"filtered,omitempty"`
	ChainEntries int64 `json:"chain_entries,omitempty"`

	Summary string `json:"summary"`
}

// writeJSONL writes the incident record, one record per entry in occurred
// order, and the seal record, one JSON object a line.
func writeJSONL(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	out := &jsonlWriter{w: bufio.NewWriterSize(w, 64*1024)}
	out.enc = json.NewEncoder(&out.line)
	out.enc.SetEscapeHTML(false)

	if err := out.put(newIncidentRecord(inc, &opts)); err != nil {
		return Result{}, err
	}

	var rec EntryRecord

	res, err := verifiedStream(ctx, r, inc, &opts, func(e *incident.Entry) error {
		fillEntryRecord(&rec, inc.Ref, e, &opts)

		return out.put(&rec)
	})
	if err != nil {
		return res, err
	}

	seal := newSealRecord(inc, res)
	if opts.Filter.Active() {
		seal.Filtered, seal.ChainEntries = true, res.Seal.Entries
	}

	if err := out.put(seal); err != nil {
		return res, err
	}

	return res, out.w.Flush()
}

// jsonlWriter encodes one record a line and escapes what a terminal or
// editor could misrender.
type jsonlWriter struct {
	w    *bufio.Writer
	enc  *json.Encoder
	line bytes.Buffer
}

func (j *jsonlWriter) put(v any) error {
	j.line.Reset()

	if err := j.enc.Encode(v); err != nil {
		return err
	}

	return writeEscaped(j.w, j.line.Bytes())
}

// writeEscaped copies encoded JSON to w, replacing DEL, C1 control
// characters, bidirectional controls and the line and paragraph separators
// with \u escapes. encoding/json escapes only C0 controls, and the others
// can reorder or hide text when the file is opened in a terminal or editor.
// They can only occur inside JSON strings, where a \u escape means the same
// character, so the data is unchanged.
func writeEscaped(w *bufio.Writer, b []byte) error {
	start := 0

	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x7f {
			i++

			continue
		}

		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || isBidiControl(r) {
			w.Write(b[start:i])
			fmt.Fprintf(w, `\u%04x`, r)
			start = i + size
		}

		i += size
	}

	_, err := w.Write(b[start:])

	return err
}

// isBidiControl reports the Unicode bidirectional formatting characters,
// which can make text read in a different order from how it is stored.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

func newIncidentRecord(inc incident.Incident, opts *Options) *IncidentRecord {
	rec := &IncidentRecord{
		Record: "incident", Format: JSONLFormat, ChainVersion: incident.ChainVersion, ID: inc.ID,
		Ref: inc.Ref, Title: inc.Title, Kind: inc.Kind, Severity: inc.Severity, Status: string(inc.Status),
		DeclaredAt: utcStamp(inc.DeclaredAt), DeclaredAtLocal: localStamp(inc.DeclaredAt, opts.Zone),
		DeclaredBy: inc.DeclaredBy, DeclaredByName: opts.Staff[inc.DeclaredBy], Exercise: inc.Exercise,
		ExportedAt: utcStamp(opts.Now), ExportedBy: opts.ExportedBy, Zone: opts.Zone.String(),
	}

	keep := func(name string, p *string) { keepExact(&rec.Base64, name, p) }
	keep("ref", &rec.Ref)
	keep("title", &rec.Title)
	keep("kind", &rec.Kind)
	keep("severity", &rec.Severity)
	keep("status", &rec.Status)
	keep("declared_by", &rec.DeclaredBy)

	return rec
}

func fillEntryRecord(rec *EntryRecord, ref string, e *incident.Entry, opts *Options) {
	*rec = EntryRecord{
		Record: "entry", Incident: ref, ID: e.ID, IncidentID: e.IncidentID, Seq: e.Seq,
		OccurredAt: utcStamp(e.OccurredAt), OccurredAtLocal: localStamp(e.OccurredAt, opts.Zone),
		RecordedAt: utcStamp(e.RecordedAt), RecordedAtLocal: localStamp(e.RecordedAt, opts.Zone),
		Author: e.Author, AuthorName: opts.Staff[e.Author],
		DecisionMaker: e.DecisionMaker, DecisionMakerName: opts.Staff[e.DecisionMaker],
		Level: string(e.Level), Kind: string(e.Kind), Text: e.Text, Rationale: e.Rationale,
		Options: nonNil(e.Options), Late: e.Late(), LateReason: e.LateReason,
		Amends: e.Amends, AmendReason: e.AmendReason,
		Systems: nonNil(e.Systems), Tasks: nonNil(e.Tasks), People: nonNil(e.People),
		Source: e.Source, PrevHash: e.PrevHash, Hash: e.Hash,
	}

	if e.ReviewAt != nil {
		utc, local := utcStamp(*e.ReviewAt), localStamp(*e.ReviewAt, opts.Zone)
		rec.ReviewAt, rec.ReviewAtLocal = &utc, &local
	}

	// Copy the lists before keepExact may rewrite an item, so the entry
	// the store handed over is never changed.
	if hasInvalidUTF8(e) {
		rec.Options = append([]string{}, rec.Options...)
		rec.Systems = append([]string{}, rec.Systems...)
		rec.Tasks = append([]string{}, rec.Tasks...)
		rec.People = append([]string{}, rec.People...)
		rec.eachString(func(name string, p *string) { keepExact(&rec.Base64, name, p) })
	}
}

func hasInvalidUTF8(e *incident.Entry) bool {
	for _, s := range []string{e.Author, e.DecisionMaker, string(e.Level), string(e.Kind), e.Text, e.Rationale,
		e.LateReason, e.AmendReason, e.Source, e.PrevHash, e.Hash} {
		if !utf8.ValidString(s) {
			return true
		}
	}

	for _, list := range [][]string{e.Options, e.Systems, e.Tasks, e.People} {
		for _, s := range list {
			if !utf8.ValidString(s) {
				return true
			}
		}
	}

	return false
}

// eachString calls fn with the name and address of every string field that
// is hashed, list items included.
func (rec *EntryRecord) eachString(fn func(name string, p *string)) {
	fn("author", &rec.Author)
	fn("decision_maker", &rec.DecisionMaker)
	fn("level", &rec.Level)
	fn("kind", &rec.Kind)
	fn("text", &rec.Text)
	fn("rationale", &rec.Rationale)
	fn("late_reason", &rec.LateReason)
	fn("amend_reason", &rec.AmendReason)
	fn("source", &rec.Source)
	fn("prev_hash", &rec.PrevHash)
	fn("hash", &rec.Hash)

	lists := []struct {
		name  string
		items []string
	}{{"options", rec.Options}, {"systems", rec.Systems}, {"tasks", rec.Tasks}, {"people", rec.People}}

	for _, l := range lists {
		for i := range l.items {
			fn(l.name+"."+strconv.Itoa(i), &l.items[i])
		}
	}
}

// keepExact stores the bytes of a string that is not valid UTF-8 in
// base64[name] and leaves a readable copy in *p.
func keepExact(b64 *map[string]string, name string, p *string) {
	if utf8.ValidString(*p) {
		return
	}

	if *b64 == nil {
		*b64 = map[string]string{}
	}

	(*b64)[name] = base64.StdEncoding.EncodeToString([]byte(*p))
	*p = strings.ToValidUTF8(*p, "\uFFFD")
}

// RecordOf returns the JSON Lines record of entry e of the incident ref,
// with times in UTC only.
func RecordOf(ref string, e *incident.Entry) EntryRecord {
	var rec EntryRecord

	fillEntryRecord(&rec, ref, e, &Options{Zone: time.UTC})

	return rec
}

// Entry rebuilds the stored entry from the record: the exact bytes from
// Base64 where present, and times parsed from the UTC fields.
func (rec *EntryRecord) Entry() (incident.Entry, error) {
	// Work on a copy, lists included, so the record keeps its readable
	// strings.
	c := *rec
	c.Options = append([]string(nil), rec.Options...)
	c.Systems = append([]string(nil), rec.Systems...)
	c.Tasks = append([]string(nil), rec.Tasks...)
	c.People = append([]string(nil), rec.People...)

	return c.entry()
}

func (rec *EntryRecord) entry() (incident.Entry, error) {
	for name, encoded := range rec.Base64 {
		raw, err := base64.StdEncoding.DecodeString(encoded)
		if err != nil {
			return incident.Entry{}, fmt.Errorf("entry %d: base64 of %s is invalid: %w", rec.Seq, name, err)
		}

		found := false
		rec.eachString(func(field string, p *string) {
			if field == name {
				*p, found = string(raw), true
			}
		})

		if !found {
			return incident.Entry{}, fmt.Errorf("entry %d: base64 names unknown field %q", rec.Seq, name)
		}
	}

	e := incident.Entry{
		ID: rec.ID, IncidentID: rec.IncidentID, Seq: rec.Seq, Amends: rec.Amends,
		Options: rec.Options, Systems: rec.Systems, Tasks: rec.Tasks, People: rec.People,
	}

	var err error

	e.Author, e.DecisionMaker, e.Text, e.Rationale = rec.Author, rec.DecisionMaker, rec.Text, rec.Rationale
	e.Level, e.Kind = incident.Level(rec.Level), incident.Kind(rec.Kind)
	e.LateReason, e.AmendReason, e.Source = rec.LateReason, rec.AmendReason, rec.Source
	e.PrevHash, e.Hash = rec.PrevHash, rec.Hash

	if e.OccurredAt, err = parseStamp("occurred_at", rec.OccurredAt); err != nil {
		return e, fmt.Errorf("entry %d: %w", rec.Seq, err)
	}

	if e.RecordedAt, err = parseStamp("recorded_at", rec.RecordedAt); err != nil {
		return e, fmt.Errorf("entry %d: %w", rec.Seq, err)
	}

	if rec.ReviewAt != nil {
		t, err := parseStamp("review_at", *rec.ReviewAt)
		if err != nil {
			return e, fmt.Errorf("entry %d: %w", rec.Seq, err)
		}

		e.ReviewAt = &t
	}

	return e, nil
}

func newSealRecord(inc incident.Incident, res Result) *SealRecord {
	rec := &SealRecord{Record: "seal", Incident: inc.Ref, Entries: res.Entries, Summary: sealSummary(res)}

	if res.ChainErr != nil {
		rec.VerifiedEntries, rec.VerifiedHead = res.Seal.Entries, res.Seal.Head
		rec.BrokenSeq, rec.BrokenReason = res.ChainErr.Seq, res.ChainErr.Reason

		return rec
	}

	rec.Sealed = true
	rec.Head, rec.HeadShort, rec.SealedAt = res.Seal.Head, res.Seal.Short(), utcStamp(res.Seal.At)

	return rec
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}

	return v
}

// utcStamp writes t in UTC with every nonzero fractional digit, so parsing
// it gives back the same instant.
func utcStamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func localStamp(t time.Time, zone *time.Location) string { return t.In(zone).Format(localLayout) }

func parseStamp(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid %s %q: %w", field, s, err)
	}

	return t.UTC(), nil
}
