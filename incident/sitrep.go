package incident

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// SitrepInput holds the parts of a situation report that the commander
// writes and the state cannot supply.
type SitrepInput struct {
	Conditions  string
	Actions     string
	Needs       string
	NextMeeting time.Time // zero when none is set
}

// Sitrep is a situation report built from the incident's state.
type Sitrep struct {
	Num   int64 // the number it gets when saved
	At    time.Time
	Text  string
	Since int64 // the entry number of the last sitrep, or 0

	NextMeeting time.Time // as given, or carried over from the last sitrep; zero when none
}

// BuildSitrep builds the next situation report without saving it. Entries
// are read only from the last saved sitrep on, so the work follows what
// changed since then, not the whole history.
func (s *Service) BuildSitrep(ctx context.Context, ref string, in SitrepInput, zone *time.Location) (Sitrep, error) {
	var rep Sitrep

	err := s.store.Read(ctx, func(r Reader) error {
		var err error
		rep, err = s.buildSitrep(ctx, r, ref, in, zone)

		return err
	})

	return rep, err
}

// SaveSitrep builds the next situation report and saves it as an entry.
func (s *Service) SaveSitrep(ctx context.Context, actor Actor, ref string, in SitrepInput, zone *time.Location) (Sitrep, Entry, error) {
	var rep Sitrep
	var e Entry

	err := s.update(ctx, actor, func(tx Tx) error {
		var err error
		if rep, err = s.buildSitrep(ctx, tx, ref, in, zone); err != nil {
			return err
		}

		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		e = Entry{
			OccurredAt: rep.At, RecordedAt: rep.At, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
			Kind: KindComms, Text: rep.Text,
		}

		if err := appendEntry(ctx, tx, inc, &e); err != nil {
			return err
		}

		return tx.InsertSitrep(ctx, SitrepRecord{
			IncidentID: inc.ID, Num: rep.Num, EntrySeq: e.Seq, EntryID: e.ID, At: rep.At, NextMeeting: rep.NextMeeting.UTC(),
		})
	})
	if err != nil {
		return Sitrep{}, Entry{}, fmt.Errorf("save sitrep: %w", err)
	}

	return rep, e, nil
}

type sitrepWriter struct {
	b    strings.Builder
	zone *time.Location
}

func (w *sitrepWriter) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *sitrepWriter) when(t time.Time) string {
	return t.In(w.zone).Format("Mon 2 Jan 15:04 MST")
}

func (s *Service) buildSitrep(ctx context.Context, r Reader, ref string, in SitrepInput, zone *time.Location) (Sitrep, error) {
	if zone == nil {
		zone = time.UTC
	}

	now := s.Now()

	inc, err := resolveIncident(ctx, r, ref)
	if err != nil {
		return Sitrep{}, err
	}

	records, err := r.Sitreps(ctx, inc.ID)
	if err != nil {
		return Sitrep{}, err
	}

	rep := Sitrep{Num: int64(len(records)) + 1, At: now}
	w := &sitrepWriter{zone: zone}

	var last SitrepRecord
	if len(records) > 0 {
		last = records[len(records)-1]
		rep.Since = last.EntrySeq
	}

	// A meeting the last sitrep announced still stands until it has passed.
	if in.NextMeeting.IsZero() && last.NextMeeting.After(now) {
		in.NextMeeting = last.NextMeeting
	}

	title := fmt.Sprintf("SITREP %d: %s %s", rep.Num, inc.Ref, SanitizeLine(inc.Title))
	if inc.Exercise {
		title = "EXERCISE EXERCISE EXERCISE. " + title
	}

	w.line("%s", title)
	asAt := w.when(now)
	if _, off := now.In(zone).Zone(); off != 0 || zone.String() != "UTC" {
		asAt += " (" + now.UTC().Format("15:04 UTC") + ")"
	}

	w.line("As at %s, T+%s since declaration.", asAt, FormatDuration(now.Sub(inc.DeclaredAt)))
	w.line("")
	w.line("CONDITIONS: %s", orNotGiven(in.Conditions))
	w.line("ACTIONS: %s", orNotGiven(in.Actions))
	w.line("NEEDS: %s", orNotGiven(in.Needs))

	if err := s.sitrepSystems(ctx, r, inc, now, w); err != nil {
		return Sitrep{}, err
	}

	if err := sitrepSince(ctx, r, inc, last, w); err != nil {
		return Sitrep{}, err
	}

	if err := sitrepTasks(ctx, r, inc, now, w); err != nil {
		return Sitrep{}, err
	}

	if err := sitrepStaffing(ctx, r, inc, now, w); err != nil {
		return Sitrep{}, err
	}

	if err := sitrepComms(ctx, r, inc, now, w); err != nil {
		return Sitrep{}, err
	}

	rep.NextMeeting = in.NextMeeting

	w.line("")
	if in.NextMeeting.IsZero() {
		w.line("NEXT MEETING: not set")
	} else {
		w.line("NEXT MEETING: %s", w.when(in.NextMeeting))
	}

	seq, head, err := r.ChainHead(ctx, inc.ID)
	if err != nil {
		return Sitrep{}, err
	}

	seal := Seal{Ref: inc.Ref, Entries: seq, Head: head, At: now}
	w.line("SEAL before this sitrep: %d entries, head %s", seal.Entries, seal.Short())

	rep.Text = strings.TrimRight(w.b.String(), "\n")

	return rep, nil
}

func orNotGiven(s string) string {
	if s = strings.TrimSpace(SanitizeLine(s)); s == "" {
		return "not given"
	}

	return s
}

func (s *Service) sitrepSystems(ctx context.Context, r Reader, inc Incident, now time.Time, w *sitrepWriter) error {
	systems, err := r.Systems(ctx)
	if err != nil {
		return err
	}

	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return err
	}

	byStatus := map[SystemStatus][]string{}
	var lines []string

	for _, sys := range systems {
		st, ok := states[sys.ID]
		if !ok || st.Status == SystemOperational {
			continue
		}

		byStatus[st.Status] = append(byStatus[st.Status], sys.ID)

		if st.Status.OutOfService() {
			rto := "within RTO"
			if left := RTOLeft(sys, st, now); left < 0 {
				rto = "RTO breached by " + FormatDuration(-left)
			}

			lines = append(lines, fmt.Sprintf("- %s (%s) %s for %s, %s. Impact: %s",
				sys.ID, sys.Name, st.Status, FormatDuration(st.OutFor(now)), rto, SanitizeLine(sys.PatientImpact)))
		}
	}

	w.line("")
	w.line("SYSTEMS: %d of %d in the register out of service.", len(lines), len(systems))

	for _, status := range SystemStatuses {
		if ids := byStatus[status]; len(ids) > 0 {
			w.line("%s: %s", status, strings.Join(ids, ", "))
		}
	}

	for _, l := range lines {
		w.line("%s", l)
	}

	return nil
}

// sitrepSince lists the decisions recorded since the last sitrep, reading
// only the entries written after it.
func sitrepSince(ctx context.Context, r Reader, inc Incident, last SitrepRecord, w *sitrepWriter) error {
	var decisions []Entry

	err := r.ScanEntries(ctx, EntryQuery{IncidentID: inc.ID, AfterID: last.EntryID}, func(e *Entry) error {
		if e.Kind == KindDecision {
			decisions = append(decisions, *e)
		}

		return nil
	})
	if err != nil {
		return err
	}

	sort.Slice(decisions, func(i, j int) bool { return decisions[i].OccurredAt.Before(decisions[j].OccurredAt) })

	w.line("")
	if last.Num == 0 {
		w.line("DECISIONS: %d since the incident was declared.", len(decisions))
	} else {
		w.line("DECISIONS: %d since SITREP %d.", len(decisions), last.Num)
	}

	for _, e := range decisions {
		w.line("- #%d %s %s (%s): %s", e.Seq, w.when(e.OccurredAt), e.DecisionMaker, e.Level, SanitizeLine(e.Text))
	}

	return nil
}

func sitrepTasks(ctx context.Context, r Reader, inc Incident, now time.Time, w *sitrepWriter) error {
	tasks, err := r.Tasks(ctx, inc.ID)
	if err != nil {
		return err
	}

	systems, err := r.Systems(ctx)
	if err != nil {
		return err
	}

	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return err
	}

	tasks = withDueTimes(tasks, systems, states)

	var overdue []string
	open := 0

	for _, t := range tasks {
		if t.Status.Closed() {
			continue
		}

		open++

		if t.Overdue(now) {
			overdue = append(overdue, fmt.Sprintf("- %s %s (owner %s), due %s", t.Label(), SanitizeLine(t.Title), orNothing(t.Owner), w.when(t.Due)))
		}
	}

	w.line("")
	w.line("ACTIONS OPEN: %d recovery tasks, %d overdue.", open, len(overdue))

	for _, l := range overdue {
		w.line("%s", l)
	}

	return nil
}

func sitrepStaffing(ctx context.Context, r Reader, inc Incident, now time.Time, w *sitrepWriter) error {
	p := People{Incident: inc, Now: now}
	if err := readPeople(ctx, r, &p); err != nil {
		return err
	}

	on := p.OnDuty()
	var long, welfare []string

	for _, d := range on {
		if d.Alert(now) >= DutyLong {
			long = append(long, fmt.Sprintf("%s (%s)", d.StaffID, FormatDuration(d.Hours(now))))
		}

		if d.WelfareOverdue(now, p.Welfare) {
			welfare = append(welfare, d.StaffID)
		}
	}

	w.line("")
	w.line("STAFFING: %d on duty; %d over %s; %d overdue a welfare check.", len(on), len(long), FormatDuration(DutyWarnAfter), len(welfare))

	if len(long) > 0 {
		w.line("Long on duty: %s", strings.Join(long, ", "))
	}

	if len(welfare) > 0 {
		w.line("Welfare overdue: %s", strings.Join(welfare, ", "))
	}

	if n := len(p.Calls); n > 0 {
		rc := p.Calls[n-1]
		if missing := rc.Missing(); len(missing) > 0 && !rc.Open() {
			w.line("Roll call %d: MISSING %s", rc.Num, strings.Join(missing, ", "))
		}
	}

	return nil
}

func sitrepComms(ctx context.Context, r Reader, inc Incident, now time.Time, w *sitrepWriter) error {
	msgs, err := r.Messages(ctx, inc.ID)
	if err != nil {
		return err
	}

	deadlines, err := readDeadlines(ctx, r, inc)
	if err != nil {
		return err
	}

	drafts := 0
	for _, m := range msgs {
		if m.Status == MessageDraft || m.Status == MessageApproved {
			drafts++
		}
	}

	w.line("")
	w.line("COMMS: %d messages logged; %d outbound awaiting approval or sending.", len(msgs), drafts)
	w.line("DEADLINES:")

	for _, d := range deadlines {
		w.line("- %s (to %s): %s", d.Name, d.Audience, deadlineWords(d, now, w))
	}

	return nil
}

func deadlineWords(d Deadline, now time.Time, w *sitrepWriter) string {
	switch d.State(now) {
	case DeadlineNotStarted:
		return "not started"
	case DeadlineMet:
		return "MET " + w.when(d.MetAt)
	case DeadlineMetLate:
		return "MET LATE " + w.when(d.MetAt)
	case DeadlineMissed:
		return "MISSED: was due " + w.when(d.Due())
	}

	if d.ASAP() {
		return "OPEN, as soon as possible; clock running " + FormatDuration(now.Sub(d.StartedAt))
	}

	return fmt.Sprintf("OPEN, due %s, %s left", w.when(d.Due()), FormatDuration(d.Left(now)))
}
