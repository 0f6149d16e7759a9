package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// mdTimeLayout shows an instant in the display zone with its offset, to the
// second. Format truncates, so the second shown is the one the instant falls
// in. The report states this precision and points to JSON Lines for
// nanoseconds.
const mdTimeLayout = "2006-01-02 15:04:05 -07:00"

// mdSummary holds the verification result, counts, decisions and
// corrections that the first pass gathers for the sections before the
// timeline.
type mdSummary struct {
	res         Result
	late        int64
	lateBare    int64 // late entries that give no reason for the delay
	amendments  int64
	byKind      map[incident.Kind]int64
	decisions   []incident.Entry
	overrides   []incident.Entry  // decisions that override a reinfection gate
	correctedBy map[int64][]int64 // sequence number → the entries that correct it
}

// writeMarkdown writes the report: header, incident summary, systems not
// operational, reinfection gate overrides, decisions, notification duties,
// messages, staffing, timeline and seal.
// It reads the timeline twice in the same snapshot: once to verify the
// chain and gather the summary, decisions and overrides, and once to write
// the timeline. The systems are as they stand in that snapshot.
func writeMarkdown(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	sum, systems, pc, err := readReport(ctx, r, inc, &opts)
	if err != nil {
		return sum.res, err
	}

	md := &mdWriter{w: bufio.NewWriterSize(w, 64*1024), opts: &opts}

	md.header(inc)
	md.incident(inc, sum)
	md.systemSection(systems)
	md.overrideSection(sum)
	md.decisionSection(sum)
	md.commsSection(pc)
	md.staffingSection(pc)

	if md.err == nil {
		md.timelineHead()

		err = stream(ctx, r, inc, nil, func(e *incident.Entry) error {
			if opts.Filter.Match(e) {
				md.timelineRow(e, sum)
			}

			return md.err
		})
		if err != nil {
			return sum.res, err
		}
	}

	md.sealSection(inc, sum)

	if md.err != nil {
		return sum.res, md.err
	}

	return sum.res, md.w.Flush()
}

func summarise(ctx context.Context, r incident.Reader, inc incident.Incident, opts *Options) (*mdSummary, error) {
	sum := &mdSummary{byKind: map[incident.Kind]int64{}, correctedBy: map[int64][]int64{}}

	overrides, err := overrideSeqs(ctx, r, inc)
	if err != nil {
		return sum, err
	}

	// Corrections are gathered from every entry, so that an entry shown
	// is struck through even when the filter leaves its correction out.
	all := *opts
	all.Filter = Filter{}

	var shown int64

	sum.res, err = verifiedStream(ctx, r, inc, &all, func(e *incident.Entry) error {
		if e.IsAmendment() {
			sum.correctedBy[e.Amends] = append(sum.correctedBy[e.Amends], e.Seq)
		}

		if !opts.Filter.Match(e) {
			return nil
		}

		shown++
		sum.byKind[e.Kind]++

		if e.Late() {
			sum.late++

			if strings.TrimSpace(e.LateReason) == "" {
				sum.lateBare++
			}
		}

		if e.IsAmendment() {
			sum.amendments++
		}

		if e.Kind == incident.KindDecision {
			sum.decisions = append(sum.decisions, *e)
		}

		if overrides[e.Seq] {
			sum.overrides = append(sum.overrides, *e)
		}

		return nil
	})
	if err != nil {
		return sum, err
	}

	sum.res.Entries = shown

	// Corrections are listed in the order they were written.
	for _, seqs := range sum.correctedBy {
		sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	}

	return sum, nil
}

// mdWriter writes Markdown and keeps the first write error, so the
// sections need not check each line.
type mdWriter struct {
	w    *bufio.Writer
	opts *Options
	err  error
}

func (m *mdWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

// local renders t in the display zone with its offset.
func (m *mdWriter) local(t time.Time) string {
	return t.In(m.opts.Zone).Format(mdTimeLayout)
}

// localAndUTC renders t in the display zone and again in UTC.
func (m *mdWriter) localAndUTC(t time.Time) string {
	return m.local(t) + " (" + t.UTC().Format("2006-01-02 15:04:05") + " UTC)"
}

func (m *mdWriter) person(id string) string {
	return mdText(staffLabel(m.opts.Staff, id))
}

func (m *mdWriter) header(inc incident.Incident) {
	title := mdText(inc.Ref) + ": " + mdText(inc.Title)
	if inc.Exercise {
		title = "EXERCISE: " + title
	}

	m.printf("# %s\n\n", title)
	m.exerciseBanner(inc)

	by := ""
	if m.opts.ExportedBy != "" {
		by = " by " + mdText(m.opts.ExportedBy)
	}

	m.printf("Timeline export written by sitroom at %s%s. Times are shown to the second in %s with their offset from UTC; the JSON Lines export gives them to the nanosecond.\n\n",
		m.localAndUTC(m.opts.Now), by, mdText(zoneLabel(m.opts.Zone)))

	if f := m.opts.Filter.Describe(); f != "" {
		m.printf("**Filtered:** %s. The seal still covers the whole timeline.\n\n", mdText(f))
	}
}

func (m *mdWriter) exerciseBanner(inc incident.Incident) {
	if inc.Exercise {
		m.printf("**EXERCISE. EXERCISE. EXERCISE. This is the record of an exercise, not of a real incident.**\n\n")
	}
}

func (m *mdWriter) incident(inc incident.Incident, sum *mdSummary) {
	m.printf("## Incident\n\n")
	m.printf("- **Reference:** %s\n", mdText(inc.Ref))
	m.printf("- **Title:** %s\n", mdText(inc.Title))

	exercise := "no"
	if inc.Exercise {
		exercise = "**yes: EXERCISE**"
	}

	m.printf("- **Exercise:** %s\n", exercise)
	m.printf("- **Status:** %s\n", orNone(mdText(string(inc.Status)), "not recorded"))
	m.printf("- **Kind:** %s\n", orNone(mdText(inc.Kind), "not recorded"))
	m.printf("- **Severity:** %s\n", orNone(mdText(inc.Severity), "not recorded"))
	m.printf("- **Declared:** %s by %s\n", m.localAndUTC(inc.DeclaredAt), m.person(inc.DeclaredBy))
	m.printf("- **Entries:** %d (%s)\n", sum.res.Entries, kindCounts(sum.byKind))
	m.printf("- **Late entries:** %d, recorded more than %s after they occurred%s\n", sum.late, incident.FormatDuration(incident.LateAfter), bareLate(sum))
	m.printf("- **Corrections:** %d\n", sum.amendments)
	m.printf("- **Hash chain:** %s See the seal at the end.\n\n", sealSummary(sum.res))
}

// kindCounts lists the nonzero counts in the console's order of kinds, then
// any kind this build does not know.
func kindCounts(byKind map[incident.Kind]int64) string {
	var parts []string

	for _, k := range incident.Kinds {
		if n := byKind[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}

	var other []string
	for k, n := range byKind {
		if !knownKind(k) {
			other = append(other, fmt.Sprintf("%d %s", n, mdText(string(k))))
		}
	}

	sort.Strings(other)
	parts = append(parts, other...)

	if len(parts) == 0 {
		return "none"
	}

	return strings.Join(parts, ", ")
}

func knownKind(k incident.Kind) bool {
	for _, known := range incident.Kinds {
		if k == known {
			return true
		}
	}

	return false
}

func (m *mdWriter) decisionSection(sum *mdSummary) {
	m.printf("## Decisions\n\n")

	if len(sum.decisions) == 0 {
		m.printf("No decisions were recorded.\n\n")

		return
	}

	noun := "decisions"
	if len(sum.decisions) == 1 {
		noun = "decision"
	}

	m.printf("%d %s, in the order they occurred.\n\n", len(sum.decisions), noun)

	for i := range sum.decisions {
		m.decision(&sum.decisions[i], sum)
	}
}

func (m *mdWriter) decision(e *incident.Entry, sum *mdSummary) {
	m.printf("### Entry %d: decision at %s\n\n", e.Seq, m.local(e.OccurredAt))

	text := mdText(e.Text)
	if corrections := sum.correctedBy[e.Seq]; len(corrections) > 0 {
		text = strike(text) + " **" + correctedBy(corrections) + "**"
	}

	if e.IsAmendment() {
		m.printf("- **Corrects entry %d:** %s\n", e.Amends, orNone(mdText(e.AmendReason), "no reason given"))
	}

	m.printf("- **Decision:** %s\n", text)
	m.printf("- **Decision maker:** %s, command level %s\n", m.person(e.DecisionMaker), mdText(string(e.Level)))

	if e.Author != e.DecisionMaker {
		m.printf("- **Recorded by:** %s (loggist) at %s\n", m.person(e.Author), m.local(e.RecordedAt))
	} else {
		m.printf("- **Recorded:** at %s\n", m.local(e.RecordedAt))
	}

	m.printf("- **Rationale:** %s\n", orNone(mdText(e.Rationale), "no rationale recorded"))
	m.printf("- **Options considered and rejected:** %s\n", orNone(mdList(e.Options), "none recorded"))

	review := "no review time set"
	if e.ReviewAt != nil {
		review = m.local(*e.ReviewAt)
	}

	m.printf("- **Review:** %s\n", review)

	if e.Late() {
		m.printf("- %s\n", m.lateNote(e))
	}

	if unverified(sum, e) {
		m.printf("- **Chain:** UNVERIFIED\n")
	}

	m.printf("\n")
}

func (m *mdWriter) timelineHead() {
	m.printf("## Timeline\n\n")
	m.printf("Every entry in the order it occurred; entries that occurred at the same time are in the order they were recorded.\n\n")
	m.printf("| Occurred (%s) | Seq | Level | Kind | Decision maker | Entry |\n", mdText(zoneLabel(m.opts.Zone)))
	m.printf("|---|--:|---|---|---|---|\n")
}

func (m *mdWriter) timelineRow(e *incident.Entry, sum *mdSummary) {
	var cell strings.Builder

	if e.IsAmendment() {
		fmt.Fprintf(&cell, "**Corrects entry %d:** %s<br>", e.Amends, orNone(mdText(e.AmendReason), "no reason given"))
	}

	text := mdText(e.Text)
	if corrections := sum.correctedBy[e.Seq]; len(corrections) > 0 {
		text = strike(text) + " **" + correctedBy(corrections) + "**"
	}

	cell.WriteString(text)

	if e.Author != e.DecisionMaker {
		cell.WriteString("<br>Recorded by " + m.person(e.Author))
	}

	if e.Late() {
		cell.WriteString("<br>" + m.lateNote(e))
	}

	for _, refs := range []struct {
		label string
		items []string
	}{{"Systems", e.Systems}, {"Tasks", e.Tasks}, {"People", e.People}} {
		if len(refs.items) > 0 {
			cell.WriteString("<br>" + refs.label + ": " + mdList(refs.items))
		}
	}

	if unverified(sum, e) {
		cell.WriteString("<br>**Chain: UNVERIFIED**")
	}

	m.printf("| %s | %d | %s | %s | %s | %s |\n", m.local(e.OccurredAt), e.Seq, mdText(string(e.Level)),
		mdText(string(e.Kind)), m.person(e.DecisionMaker), cell.String())
}

// lateNote marks a late entry with when it was recorded and why.
func (m *mdWriter) lateNote(e *incident.Entry) string {
	return fmt.Sprintf("**LATE:** recorded %s, %s after it occurred; reason: %s", m.local(e.RecordedAt),
		incident.FormatDuration(e.RecordedAt.Sub(e.OccurredAt)), orNone(mdText(e.LateReason), "no reason given"))
}

// unverified reports whether e is at or after the first entry, in sequence
// order, that failed verification.
func unverified(sum *mdSummary, e *incident.Entry) bool {
	return sum.res.ChainErr != nil && e.Seq >= sum.res.ChainErr.Seq
}

func (m *mdWriter) sealSection(inc incident.Incident, sum *mdSummary) {
	res := sum.res
	seal := res.Seal

	m.printf("\n## Seal\n\n")

	if res.ChainErr != nil {
		m.printf("**%s**\n\n", sealSummary(res))

		if seal.Head != "" {
			m.printf("- **Entries verified:** 1 to %d\n", seal.Entries)
			m.printf("- **Head of the verified entries:** %s\n", seal.Short())
			m.printf("- **Its full hash:** %s\n", seal.Head)
			m.printf("- **Verified at:** %s\n\n", m.localAndUTC(seal.At))
		}

		m.exerciseBanner(inc)

		return
	}

	m.printf("%s\n\n", sealSummary(res))
	m.printf("- **Entries:** %d\n", seal.Entries)
	m.printf("- **Head:** %s\n", seal.Short())
	m.printf("- **Full head hash:** %s\n", seal.Head)
	m.printf("- **Sealed at:** %s\n\n", m.localAndUTC(seal.At))
	m.printf("Compare these with a seal recorded away from this host, such as in the paper log: when the entry count and head match, no entry up to that point has changed since that seal was recorded.\n\n")
	m.exerciseBanner(inc)
}

// strike shows text struck through. The markers go around trimmed text,
// because GitHub-flavoured Markdown ignores ~~ next to a space.
func strike(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return "_(no text)_"
	}

	return "~~" + text + "~~"
}

func correctedBy(seqs []int64) string {
	parts := make([]string, len(seqs))
	for i, s := range seqs {
		parts[i] = strconv.FormatInt(s, 10)
	}

	if len(parts) == 1 {
		return "corrected by entry " + parts[0]
	}

	return "corrected by entries " + strings.Join(parts, ", ")
}

func mdList(items []string) string {
	escaped := make([]string, len(items))
	for i, v := range items {
		escaped[i] = mdText(v)
	}

	return strings.Join(escaped, "; ")
}

func orNone(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return "_" + none + "_"
	}

	return s
}

// bareLate returns how many late entries give no reason, for the summaries.
func bareLate(sum *mdSummary) string {
	switch sum.lateBare {
	case 0:
		return ", each with the reason given"
	case sum.late:
		return ", none with a reason given"
	}

	if sum.lateBare == 1 {
		return "; 1 of them gives no reason"
	}

	return "; " + strconv.FormatInt(sum.lateBare, 10) + " of them give no reason"
}
