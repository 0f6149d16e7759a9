package importer

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Duplicate is one timeline row that would repeat an entry.
type Duplicate struct {
	Line      int   // line of the row in the file
	Seq       int64 // sequence number of the entry it matches; 0 when it repeats a row of the file
	FirstLine int   // line of the earlier row it repeats, when Seq is 0
}

// DuplicateError reports timeline rows that match entries already on the
// incident, or earlier rows of the same file: same occurred time, actor,
// kind and text. Nothing from the file has been written when it is
// returned.
type DuplicateError struct {
	File       string
	Ref        string
	Rows       int         // rows in the file
	Found      int         // duplicates found
	Listed     []Duplicate // the first MaxProblems of them, by line
	OnTimeline int         // how many of them match entries already on the timeline
	FirstSeq   int64       // lowest sequence number they match; 0 when OnTimeline is 0
	LastSeq    int64       // highest sequence number they match
}

func (e *DuplicateError) Error() string {
	if e.AllImported() {
		return fmt.Sprintf("all %d rows in %s are already on the timeline of %s as entries %d to %d, so nothing was imported: these rows were imported before",
			e.Rows, e.File, e.Ref, e.FirstSeq, e.LastSeq)
	}

	var b strings.Builder

	fmt.Fprintf(&b, "%d of the %d rows in %s repeat entries of %s, so nothing was imported:", e.Found, e.Rows, e.File, e.Ref)

	for _, d := range e.Listed {
		if d.Seq != 0 {
			fmt.Fprintf(&b, "\n  line %d is already entry %d", d.Line, d.Seq)
		} else {
			fmt.Fprintf(&b, "\n  line %d repeats line %d", d.Line, d.FirstLine)
		}
	}

	if more := e.Found - len(e.Listed); more > 0 {
		fmt.Fprintf(&b, "\n  and %d more", more)
	}

	b.WriteString("\nEntries can never be removed, so a second copy would stay on the timeline for good: " +
		"remove those rows, or import them anyway only if they record separate events")

	return b.String()
}

// AllImported reports whether every row of the file is already on the
// timeline, as when the same file is imported a second time.
func (e *DuplicateError) AllImported() bool {
	return e.OnTimeline == e.Rows
}

// FindDuplicates returns a *DuplicateError when any row of tl matches an
// entry already on incident inc, or an earlier row of tl, and nil when
// none does. It streams the timeline, so a long one is not held in memory.
func FindDuplicates(ctx context.Context, r incident.Reader, inc incident.Incident, tl *Timeline) error {
	firstLine := map[string]int{} // row key to the line it first appears on
	var found []Duplicate

	for _, row := range tl.Rows {
		key := entryKey(row.OccurredAt, row.Actor, row.Kind, row.Text)

		if first, ok := firstLine[key]; ok {
			found = append(found, Duplicate{Line: row.Line, FirstLine: first})

			continue
		}

		firstLine[key] = row.Line
	}

	onTimeline := 0
	var firstSeq, lastSeq int64

	err := r.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID, Order: incident.BySeq}, func(e *incident.Entry) error {
		key := entryKey(e.OccurredAt, e.DecisionMaker, e.Kind, e.Text)

		line, ok := firstLine[key]
		if !ok {
			return nil
		}

		// Report each row once, against the earliest matching entry.
		delete(firstLine, key)
		found = append(found, Duplicate{Line: line, Seq: e.Seq})
		onTimeline++

		if firstSeq == 0 {
			firstSeq = e.Seq
		}

		lastSeq = e.Seq

		return nil
	})
	if err != nil {
		return fmt.Errorf("read the timeline of %s to look for rows already imported: %w", inc.Ref, err)
	}

	if len(found) == 0 {
		return nil
	}

	sort.Slice(found, func(i, j int) bool { return found[i].Line < found[j].Line })

	dupErr := &DuplicateError{File: tl.File, Ref: inc.Ref, Rows: len(tl.Rows), Found: len(found), OnTimeline: onTimeline,
		FirstSeq: firstSeq, LastSeq: lastSeq}
	dupErr.Listed = found[:min(len(found), MaxProblems)]

	return dupErr
}

// entryKey identifies an entry for duplicate detection. Only the last field
// is free text and an imported actor id cannot hold NUL, so joining with
// NUL keeps different entries apart.
func entryKey(occurred time.Time, actor string, kind incident.Kind, text string) string {
	return strings.Join([]string{strconv.FormatInt(occurred.UnixNano(), 10), actor, string(kind), text}, "\x00")
}
