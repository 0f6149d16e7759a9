// Package export writes an incident's timeline as evidence for a review,
// regulator or inquiry: a readable Markdown report, a CSV table for
// spreadsheets, or lossless JSON Lines from which every entry's hash can be
// recomputed.
//
// Every format reads the entries in occurred order, ties broken by sequence
// number, streams them from the store, and verifies the hash chain over the
// entries it writes. Only the Markdown report reads the timeline twice,
// because its summary and decisions come before the timeline, and only it
// keeps entries in memory: the decisions. It also reads the systems'
// containment states and reinfection gates, for its Systems section.
package export

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Format is an export file format.
type Format string

// Export formats.
const (
	Markdown Format = "md"
	CSV      Format = "csv"
	JSONL    Format = "jsonl"
	HTML     Format = "html"

	TimesketchJSONL Format = "timesketch"     // Timesketch events as JSON Lines
	TimesketchCSV   Format = "timesketch-csv" // the same events as CSV
	ICS214          Format = "ics214"         // activity logs in the layout of the ICS 214 form
	Decisions       Format = "decisions"      // the decision log, as CSV
)

// ParseFormat reads a format name, ignoring case: md (or markdown), csv or
// jsonl.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "md", "markdown":
		return Markdown, nil
	case "csv":
		return CSV, nil
	case "jsonl":
		return JSONL, nil
	case "html":
		return HTML, nil
	case "timesketch", "timesketch-jsonl":
		return TimesketchJSONL, nil
	case "timesketch-csv":
		return TimesketchCSV, nil
	case "ics214", "ics-214":
		return ICS214, nil
	case "decisions":
		return Decisions, nil
	}

	return "", fmt.Errorf("invalid export format %q: use html, md, csv, jsonl, timesketch, timesketch-csv, ics214 or decisions", s)
}

// Options configures one export.
type Options struct {
	Format Format

	// Zone is the display zone for local times. Nil means UTC.
	Zone *time.Location

	// Now is the time of the export, recorded as the time of its seal.
	Now time.Time

	// ExportedBy names the person who ran the export, for the report's
	// header.
	ExportedBy string

	// Staff maps staff ids to display names. Ids not in it are shown as
	// they are.
	Staff map[string]string

	// Filter selects the entries shown; the chain is verified over all.
	Filter Filter

	// IncludePersonal adds staff phone numbers and contact details to the
	// reports that list people. They are left out by default.
	IncludePersonal bool
}

// Result describes a finished export.
type Result struct {
	Entries int64 // entries written: all of them, or those Options.Filter selects

	// Seal covers every exported entry when ChainErr is nil. Otherwise it
	// covers only the entries before ChainErr.Seq, and the export claims
	// no seal.
	Seal     incident.Seal
	ChainErr *incident.ChainError
}

// Write exports inc's timeline from r to w in opts.Format, verifying the
// hash chain over the same entries in the same pass, so the seal an export
// shows covers exactly what it contains. A broken chain is not an error.
// The export is still written and reports the failure, and Result.ChainErr
// names the first entry that failed.
//
// The Markdown report verifies before it writes the timeline, so it can
// mark the entries that did not verify. CSV and JSON Lines verify while
// they stream: JSON Lines gives the verdict in its last line, and CSV, a
// table with no place for it, leaves it to the caller.
//
// Write returns the first read or write error. When the error comes from
// w, part of the export may already have been written, so callers writing
// a file should write to a temporary file and rename it only on success.
func Write(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	if opts.Zone == nil {
		opts.Zone = time.UTC
	}

	var res Result
	var err error

	switch opts.Format {
	case Markdown:
		res, err = writeMarkdown(ctx, w, r, inc, opts)
	case CSV:
		res, err = writeCSV(ctx, w, r, inc, opts)
	case JSONL:
		res, err = writeJSONL(ctx, w, r, inc, opts)
	case HTML:
		res, err = writeHTML(ctx, w, r, inc, opts)
	case TimesketchJSONL:
		res, err = writeTimesketchJSONL(ctx, w, r, inc, opts)
	case TimesketchCSV:
		res, err = writeTimesketchCSV(ctx, w, r, inc, opts)
	case ICS214:
		res, err = writeICS214(ctx, w, r, inc, opts)
	case Decisions:
		res, err = writeDecisions(ctx, w, r, inc, opts)
	default:
		return res, fmt.Errorf("export incident %s: invalid format %q: use html, md, csv or jsonl", inc.Ref, opts.Format)
	}

	if err != nil {
		return res, fmt.Errorf("export incident %s as %s: %w", inc.Ref, opts.Format, err)
	}

	return res, nil
}

// localLayout is RFC 3339 with fractional seconds only when they are not
// zero, like time.RFC3339Nano, but always with a numeric offset: a London
// winter time reads +00:00, a local time, where RFC3339Nano would write Z.
const localLayout = "2006-01-02T15:04:05.999999999-07:00"

// scan reads the incident's entries in occurred order, ties by sequence
// number, on the calling goroutine. fn's *Entry is reused for the next
// entry, so fn must copy what it keeps.
func scan(ctx context.Context, r incident.Reader, inc incident.Incident, fn func(*incident.Entry) error) error {
	return r.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID, Order: incident.ByOccurred}, fn)
}

// verifiedStream streams the entries to fn while checking the chain, and
// returns the result of both.
func verifiedStream(ctx context.Context, r incident.Reader, inc incident.Incident, opts *Options, fn func(*incident.Entry) error) (Result, error) {
	// The head's sequence number is how many entries an intact chain
	// holds, which sizes the check's memory once.
	expected, _, err := r.ChainHead(ctx, inc.ID)
	if err != nil {
		return Result{}, err
	}

	check := newChainCheck(inc.Ref, expected)

	var res Result

	err = stream(ctx, r, inc, check, func(e *incident.Entry) error {
		if !opts.Filter.Match(e) {
			return nil // verified, not written
		}

		res.Entries++

		return fn(e)
	})
	if err != nil {
		return res, err
	}

	res.Seal, res.ChainErr = check.result(opts.Now)

	return res, nil
}

// sealSummary returns the sentences that state what the export may claim
// about its chain.
func sealSummary(res Result) string {
	switch {
	case res.ChainErr == nil && res.Seal.Entries == 1:
		return "The hash chain verified: its one entry matches its stored hash."
	case res.ChainErr == nil:
		return fmt.Sprintf("The hash chain verified: all %d entries match their stored hashes and each links to the one before.", res.Seal.Entries)
	}

	verified := "No entry verified, so none can be shown to be unchanged."
	if res.Seal.Entries > 0 {
		verified = fmt.Sprintf("Entries 1 to %d verified; the entries after them cannot be shown to be unchanged.", res.Seal.Entries)
	}

	return fmt.Sprintf("The hash chain did NOT verify: entry %d %s. %s No seal is claimed for this export.",
		res.ChainErr.Seq, chainReason(res.ChainErr), verified)
}

// chainReason returns the ChainError's reason without the incident and
// entry number, which the caller has already given.
func chainReason(e *incident.ChainError) string {
	if e.Reason == "" {
		return "does not match its hash"
	}

	return "does not verify: " + e.Reason
}

// staffLabel returns "Name (ID)" when the roster has a name for id, else id.
func staffLabel(staff map[string]string, id string) string {
	if name, ok := staff[id]; ok && name != "" {
		return name + " (" + id + ")"
	}

	return id
}

// zoneLabel names the display zone for headings.
func zoneLabel(zone *time.Location) string {
	if zone == time.Local {
		return "the host's local zone"
	}

	return zone.String()
}
