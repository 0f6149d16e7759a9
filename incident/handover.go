package incident

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Handover is a shift handover note for one person.
type Handover struct {
	StaffID string
	To      string // who takes over, or ""
	Text    string
}

// BuildHandover writes a handover note for a person from the state: their
// open tasks, the systems those tasks and their own last status changes
// concern, and every running notification duty. It saves nothing.
func (s *Service) BuildHandover(ctx context.Context, ref, staffID, to, note string, zone *time.Location) (Handover, error) {
	var h Handover

	err := s.store.Read(ctx, func(r Reader) error {
		var err error
		h, err = s.buildHandover(ctx, r, ref, staffID, to, note, zone)

		return err
	})

	return h, err
}

// RecordHandover builds the handover note and records it as a check-in
// entry about the person, and about whoever takes over.
func (s *Service) RecordHandover(ctx context.Context, actor Actor, ref, staffID, to, note string, zone *time.Location) (Handover, Entry, error) {
	var h Handover
	var e Entry

	err := s.update(ctx, actor, func(tx Tx) error {
		var err error
		if h, err = s.buildHandover(ctx, tx, ref, staffID, to, note, zone); err != nil {
			return err
		}

		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		people := []string{h.StaffID}
		if h.To != "" {
			people = append(people, h.To)
		}

		now := s.Now()
		e = Entry{
			OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
			Kind: KindCheckIn, Text: h.Text, People: people,
		}

		return appendEntry(ctx, tx, inc, &e)
	})
	if err != nil {
		return Handover{}, Entry{}, fmt.Errorf("record handover for %s: %w", staffID, err)
	}

	return h, e, nil
}

func (s *Service) buildHandover(ctx context.Context, r Reader, ref, staffID, to, note string, zone *time.Location) (Handover, error) {
	if zone == nil {
		zone = time.UTC
	}

	now := s.Now()

	inc, err := resolveIncident(ctx, r, ref)
	if err != nil {
		return Handover{}, err
	}

	staff, err := r.Staff(ctx)
	if err != nil {
		return Handover{}, err
	}

	from, ok := memberOf(staff, staffID)
	if !ok {
		return Handover{}, fmt.Errorf("staff member %q is not on the roster: %w", staffID, ErrNotFound)
	}

	var next StaffMember
	if to != "" {
		if next, ok = memberOf(staff, to); !ok {
			return Handover{}, fmt.Errorf("staff member %q, who takes over, is not on the roster: %w", to, ErrNotFound)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "Handover from %s (%s)", from.Name, from.ID)

	if next.ID != "" {
		fmt.Fprintf(&b, " to %s (%s)", next.Name, next.ID)
	}

	fmt.Fprintf(&b, " at %s.", now.In(zone).Format("Mon 2 Jan 15:04 MST"))

	if note = strings.TrimSpace(note); note != "" {
		fmt.Fprintf(&b, " Note: %s.", note)
	}

	systems, err := handoverTasks(ctx, r, inc, from.ID, now, zone, &b)
	if err != nil {
		return Handover{}, err
	}

	if err := handoverSystems(ctx, r, inc, from.ID, systems, now, &b); err != nil {
		return Handover{}, err
	}

	if err := handoverDeadlines(ctx, r, inc, now, zone, &b); err != nil {
		return Handover{}, err
	}

	return Handover{StaffID: from.ID, To: next.ID, Text: b.String()}, nil
}

// handoverTasks writes the person's open tasks and returns the systems
// they concern.
func handoverTasks(ctx context.Context, r Reader, inc Incident, staffID string, now time.Time, zone *time.Location, b *strings.Builder) (map[string]bool, error) {
	tasks, err := r.Tasks(ctx, inc.ID)
	if err != nil {
		return nil, err
	}

	systems, err := r.Systems(ctx)
	if err != nil {
		return nil, err
	}

	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return nil, err
	}

	tasks = withDueTimes(tasks, systems, states)
	concerned := map[string]bool{}

	var lines []string

	for _, t := range tasks {
		if t.Owner != staffID || t.Status.Closed() {
			continue
		}

		line := fmt.Sprintf("%s %s (%s", t.Label(), SanitizeLine(t.Title), t.Status)
		if !t.Due.IsZero() {
			line += ", due " + t.Due.In(zone).Format("Mon 15:04")
			if t.Overdue(now) {
				line += " OVERDUE"
			}
		}

		lines = append(lines, line+")")

		if t.SystemID != "" {
			concerned[t.SystemID] = true
		}
	}

	if len(lines) == 0 {
		b.WriteString(" Open tasks: none.")
	} else {
		fmt.Fprintf(b, " Open tasks: %s.", strings.Join(lines, "; "))
	}

	return concerned, nil
}

func handoverSystems(ctx context.Context, r Reader, inc Incident, staffID string, concerned map[string]bool, now time.Time, b *strings.Builder) error {
	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return err
	}

	var lines []string

	for id, st := range states {
		if !concerned[id] && !(st.ChangedBy == staffID && st.Status.OutOfService()) {
			continue
		}

		lines = append(lines, fmt.Sprintf("%s %s for %s", id, st.Status, FormatDuration(st.OutFor(now))))
	}

	sort.Strings(lines)

	if len(lines) == 0 {
		b.WriteString(" Systems: none in hand.")
	} else {
		fmt.Fprintf(b, " Systems: %s.", strings.Join(lines, "; "))
	}

	return nil
}

func handoverDeadlines(ctx context.Context, r Reader, inc Incident, now time.Time, zone *time.Location, b *strings.Builder) error {
	deadlines, err := readDeadlines(ctx, r, inc)
	if err != nil {
		return err
	}

	var lines []string

	for _, d := range deadlines {
		switch d.State(now) {
		case DeadlineOpen, DeadlineSoon:
			if d.ASAP() {
				lines = append(lines, d.Name+" as soon as possible")
			} else {
				lines = append(lines, fmt.Sprintf("%s due %s (%s left)", d.Name, d.Due().In(zone).Format("Mon 15:04"), FormatDuration(d.Left(now))))
			}
		case DeadlineMissed:
			lines = append(lines, d.Name+" MISSED")
		}
	}

	if len(lines) == 0 {
		b.WriteString(" Deadlines running: none.")
	} else {
		fmt.Fprintf(b, " Deadlines running: %s.", strings.Join(lines, "; "))
	}

	return nil
}
