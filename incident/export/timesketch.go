package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// timesketchEvent is one entry as Timesketch imports it. Timesketch
// requires message, datetime and timestamp_desc, and the other fields become
// attributes a forensic team can filter on beside its own events.
type timesketchEvent struct {
	Message       string   `json:"message"`
	Datetime      string   `json:"datetime"`       // ISO 8601 with offset, UTC
	TimestampDesc string   `json:"timestamp_desc"` // the kind of time Datetime is
	Timestamp     int64    `json:"timestamp"`      // microseconds since 1970, UTC
	DataType      string   `json:"data_type"`
	Incident      string   `json:"incident"`
	Seq           int64    `json:"seq"`
	RecordedAt    string   `json:"recorded_at"`
	Author        string   `json:"author"`
	DecisionMaker string   `json:"decision_maker"`
	Level         string   `json:"level"`
	Kind          string   `json:"kind"`
	Rationale     string   `json:"rationale,omitempty"`
	Late          bool     `json:"late"`
	Amends        int64    `json:"amends,omitempty"`
	Systems       []string `json:"systems,omitempty"`
	People        []string `json:"people,omitempty"`
	Hash          string   `json:"hash"`
}

// timesketchDesc names the time of an entry that the event carries.
const timesketchDesc = "Occurred (sitroom entry)"

func newTimesketchEvent(ref string, e *incident.Entry) timesketchEvent {
	return timesketchEvent{
		Message:  "[" + string(e.Kind) + "] " + incident.Sanitize(e.Text),
		Datetime: e.OccurredAt.UTC().Format("2006-01-02T15:04:05.000000Z07:00"), TimestampDesc: timesketchDesc,
		Timestamp: e.OccurredAt.UnixMicro(), DataType: "sitroom:timeline:entry", Incident: ref, Seq: e.Seq,
		RecordedAt: e.RecordedAt.UTC().Format(time.RFC3339Nano), Author: e.Author, DecisionMaker: e.DecisionMaker,
		Level: string(e.Level), Kind: string(e.Kind), Rationale: incident.Sanitize(e.Rationale), Late: e.Late(),
		Amends: e.Amends, Systems: e.Systems, People: e.People, Hash: e.Hash,
	}
}

// writeTimesketchJSONL writes one Timesketch event a line, in occurred
// order, and last an event at the export's time carrying the seal.
func writeTimesketchJSONL(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	buf := bufio.NewWriterSize(w, 64*1024)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)

	res, err := verifiedStream(ctx, r, inc, &opts, func(e *incident.Entry) error {
		return enc.Encode(newTimesketchEvent(inc.Ref, e))
	})
	if err != nil {
		return res, err
	}

	if err := enc.Encode(timesketchSeal(inc.Ref, res, opts.Now)); err != nil {
		return res, err
	}

	return res, buf.Flush()
}

// timesketchColumns is the header of the Timesketch CSV.
var timesketchColumns = []string{"message", "datetime", "timestamp_desc", "timestamp", "data_type", "incident", "seq",
	"recorded_at", "author", "decision_maker", "level", "kind", "rationale", "late", "amends", "systems", "people", "hash"}

// writeTimesketchCSV writes the same events as CSV, with text cells made
// safe for spreadsheets.
func writeTimesketchCSV(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	buf := bufio.NewWriterSize(w, 64*1024)
	out := csv.NewWriter(buf)

	if err := out.Write(timesketchColumns); err != nil {
		return Result{}, err
	}

	write := func(ev timesketchEvent) error {
		amends := ""
		if ev.Amends != 0 {
			amends = strconv.FormatInt(ev.Amends, 10)
		}

		return out.Write([]string{csvText(ev.Message), ev.Datetime, ev.TimestampDesc, strconv.FormatInt(ev.Timestamp, 10), ev.DataType,
			csvText(ev.Incident), strconv.FormatInt(ev.Seq, 10), ev.RecordedAt, csvText(ev.Author), csvText(ev.DecisionMaker),
			csvText(ev.Level), csvText(ev.Kind), csvText(ev.Rationale), strconv.FormatBool(ev.Late), amends,
			csvText(strings.Join(ev.Systems, ";")), csvText(strings.Join(ev.People, ";")), ev.Hash})
	}

	res, err := verifiedStream(ctx, r, inc, &opts, func(e *incident.Entry) error {
		return write(newTimesketchEvent(inc.Ref, e))
	})
	if err != nil {
		return res, err
	}

	if err := write(timesketchSeal(inc.Ref, res, opts.Now)); err != nil {
		return res, err
	}

	out.Flush()
	if err := out.Error(); err != nil {
		return res, err
	}

	return res, buf.Flush()
}

// timesketchSeal is the event that carries the export's seal.
func timesketchSeal(ref string, res Result, now time.Time) timesketchEvent {
	return timesketchEvent{
		Message: sealText(res), Datetime: now.UTC().Format("2006-01-02T15:04:05.000000Z07:00"), TimestampDesc: sealDesc(res),
		Timestamp: now.UnixMicro(), DataType: "sitroom:seal", Incident: ref, Seq: res.Seal.Entries, Hash: res.Seal.Head,
	}
}

func sealDesc(res Result) string {
	if res.ChainErr != nil {
		return "Export NOT sealed"
	}

	return "Export sealed"
}
