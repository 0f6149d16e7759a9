package incident

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Deadlines returns the incident's notification duties. An incident that
// has none stored yet shows the defaults, not started, with ID 0; they are
// stored the first time any of them is started or edited.
func (s *Service) Deadlines(ctx context.Context, ref string) ([]Deadline, error) {
	var out []Deadline

	err := s.store.Read(ctx, func(r Reader) error {
		inc, err := resolveIncident(ctx, r, ref)
		if err != nil {
			return err
		}

		out, err = readDeadlines(ctx, r, inc)

		return err
	})

	return out, err
}

func readDeadlines(ctx context.Context, r Reader, inc Incident) ([]Deadline, error) {
	stored, err := r.Deadlines(ctx, inc.ID)
	if err != nil || len(stored) > 0 {
		return stored, err
	}

	defaults := DefaultDeadlines()
	for i := range defaults {
		defaults[i].IncidentID = inc.ID
	}

	return defaults, nil
}

// ensureDeadlines stores the defaults for an incident that has none yet,
// inside a write transaction, and returns the stored duties.
func ensureDeadlines(ctx context.Context, tx Tx, inc Incident) ([]Deadline, error) {
	stored, err := tx.Deadlines(ctx, inc.ID)
	if err != nil || len(stored) > 0 {
		return stored, err
	}

	out := DefaultDeadlines()
	for i := range out {
		out[i].IncidentID = inc.ID

		if err := tx.InsertDeadline(ctx, &out[i]); err != nil {
			return nil, err
		}
	}

	return out, nil
}

// findDeadline picks a duty by its id or by a part of its name that only
// one duty has.
func findDeadline(all []Deadline, which string) (Deadline, error) {
	if id, err := strconv.ParseInt(strings.TrimSpace(which), 10, 64); err == nil {
		for _, d := range all {
			if d.ID == id {
				return d, nil
			}
		}
	}

	// An exact name wins over the names that merely contain it.
	for _, d := range all {
		if strings.EqualFold(d.Name, strings.TrimSpace(which)) {
			return d, nil
		}
	}

	var found []Deadline
	for _, d := range all {
		if strings.Contains(strings.ToLower(d.Name), strings.ToLower(strings.TrimSpace(which))) {
			found = append(found, d)
		}
	}

	names := make([]string, len(all))
	for i, d := range all {
		names[i] = fmt.Sprintf("%d %s", d.ID, d.Name)
	}

	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return Deadline{}, fmt.Errorf("no notification duty matches %q: choose one of %s", which, strings.Join(names, "; "))
	}

	return Deadline{}, fmt.Errorf("%q matches %d notification duties: give the number, one of %s", which, len(found), strings.Join(names, "; "))
}

// StartDeadline starts a duty's clock at the moment of awareness and logs
// it as a decision with its rationale, such as why the breach counts as a
// personal-data breach.
func (s *Service) StartDeadline(ctx context.Context, actor Actor, ref, which string, aware time.Time, rationale, lateReason string) (Deadline, error) {
	return s.startDeadline(ctx, actor, ref, which, aware, rationale, lateReason, false)
}

// CorrectDeadlineStart moves a running or met duty's clock to the moment
// of awareness it should have had, as a decision with its rationale. The
// first start stays on the timeline; a message that met the duty is judged
// again against the corrected due time, so it may now read as late.
func (s *Service) CorrectDeadlineStart(ctx context.Context, actor Actor, ref, which string, aware time.Time, rationale string) (Deadline, error) {
	return s.startDeadline(ctx, actor, ref, which, aware, rationale, "", true)
}

func (s *Service) startDeadline(ctx context.Context, actor Actor, ref, which string, aware time.Time, rationale, lateReason string, correct bool) (Deadline, error) {
	now := s.Now()
	var d Deadline

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		all, err := ensureDeadlines(ctx, tx, inc)
		if err != nil {
			return err
		}

		if d, err = findDeadline(all, which); err != nil {
			return err
		}

		switch {
		case d.Started() && !correct:
			return fmt.Errorf("the clock for %s already started at %s: correct the time with --correct", d.Name, d.StartedAt.Format("2006-01-02 15:04 UTC"))
		case !d.Started() && correct:
			return fmt.Errorf("the clock for %s has not started, so there is nothing to correct", d.Name)
		}

		if aware.IsZero() {
			if correct {
				return fmt.Errorf("a corrected start for %s needs the time of awareness", d.Name)
			}

			aware = now
		}

		was := d.StartedAt
		d.StartedAt = aware.UTC()

		due := "as soon as possible"
		if !d.ASAP() {
			due = "within " + FormatWithin(d.Within) + ", by " + d.Due().Format(time.RFC3339)
		}

		event := d.StartEvent
		if event == "" {
			event = "start"
		}

		text := fmt.Sprintf("Clock started for %s: %s at %s; report to %s %s",
			d.Name, event, aware.UTC().Format(time.RFC3339), d.Audience, due)

		if correct {
			text = fmt.Sprintf("Clock CORRECTED for %s (entry %d started it at %s): %s at %s; report to %s %s",
				d.Name, d.StartSeq, was.Format(time.RFC3339), event, aware.UTC().Format(time.RFC3339), d.Audience, due)

			if d.Met() && d.State(now) == DeadlineMetLate {
				text += fmt.Sprintf("; message M-%d now meets it LATE", d.MetBy)
			}

			// The correction is recorded now, whenever awareness was.
			lateReason = "correction of the clock's start"
		}

		e, err := s.buildEntry(actor, NewEntry{
			OccurredAt: aware, Kind: KindDecision, Rationale: rationale, LateReason: lateReason, Text: text,
		}, now)
		if err != nil {
			return err
		}

		if err := appendEntry(ctx, tx, inc, &e); err != nil {
			return err
		}

		d.StartSeq = e.Seq

		return tx.UpdateDeadline(ctx, d)
	})
	if err != nil {
		return Deadline{}, fmt.Errorf("start deadline %q: %w", which, err)
	}

	return d, nil
}

// AddDeadline adds a notification duty to the incident, for duties beyond
// the defaults.
func (s *Service) AddDeadline(ctx context.Context, actor Actor, ref string, d Deadline) (Deadline, error) {
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" {
		return Deadline{}, fmt.Errorf("notification duty has no name")
	}

	if d.Within < 0 {
		return Deadline{}, fmt.Errorf("invalid time limit %s for %s: give 0 for as soon as possible, or a positive duration", d.Within, d.Name)
	}

	now := s.Now()

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		if _, err := ensureDeadlines(ctx, tx, inc); err != nil {
			return err
		}

		d.IncidentID = inc.ID
		if err := tx.InsertDeadline(ctx, &d); err != nil {
			return err
		}

		within := "as soon as possible"
		if d.Within > 0 {
			within = "within " + FormatWithin(d.Within)
		}

		event := d.StartEvent
		if event == "" {
			event = "its start"
		}

		e := Entry{
			OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor), Kind: KindAction,
			Text: fmt.Sprintf("Notification duty added: %s, to %s %s of %s", d.Name, d.Audience, within, event),
		}

		return appendEntry(ctx, tx, inc, &e)
	})
	if err != nil {
		return Deadline{}, fmt.Errorf("add deadline %s: %w", d.Name, err)
	}

	return d, nil
}

// FormatWithin writes a duty's time limit the way the law states it: whole
// hours as "72h", anything else as FormatDuration does.
func FormatWithin(d time.Duration) string {
	if d > 0 && d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}

	return FormatDuration(d)
}
