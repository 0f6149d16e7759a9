package incident

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// CheckIn is a person coming on duty.
type CheckIn struct {
	StaffID  string
	Location string
	Route    ContactRoute
	Contact  string    // number, channel, or where a runner finds them
	At       time.Time // zero means now
}

// People is the incident's people picture, read in one transaction.
type People struct {
	Incident Incident
	Now      time.Time
	Staff    []StaffMember
	Duties   []Duty // every spell, open and closed
	Welfare  time.Duration
	Calls    []RollCall
}

// OnDuty returns the open spells, in check-in order.
func (p People) OnDuty() []Duty {
	var out []Duty

	for _, d := range p.Duties {
		if d.OnDuty() {
			out = append(out, d)
		}
	}

	return out
}

// Current returns the person's open spell, if any.
func (p People) Current(staffID string) (Duty, bool) {
	for _, d := range p.Duties {
		if d.StaffID == staffID && d.OnDuty() {
			return d, true
		}
	}

	return Duty{}, false
}

// OpenRollCall returns the roll call still running, if any.
func (p People) OpenRollCall() (RollCall, bool) {
	for _, rc := range p.Calls {
		if rc.Open() {
			return rc, true
		}
	}

	return RollCall{}, false
}

// People reads who is on the roster, on duty and in the roll calls.
func (s *Service) People(ctx context.Context, ref string) (People, error) {
	p := People{Now: s.Now()}

	err := s.store.Read(ctx, func(r Reader) error {
		var err error
		if p.Incident, err = resolveIncident(ctx, r, ref); err != nil {
			return err
		}

		return readPeople(ctx, r, &p)
	})

	return p, err
}

func readPeople(ctx context.Context, r Reader, p *People) error {
	var err error

	if p.Staff, err = r.Staff(ctx); err != nil {
		return err
	}

	if p.Duties, err = r.Duties(ctx, p.Incident.ID); err != nil {
		return err
	}

	if p.Calls, err = r.RollCalls(ctx, p.Incident.ID); err != nil {
		return err
	}

	if p.Welfare, err = r.WelfareInterval(ctx, p.Incident.ID); err != nil {
		return err
	}

	if p.Welfare <= 0 {
		p.Welfare = DefaultWelfareInterval
	}

	return nil
}

// peopleTx runs fn in a write transaction with the incident's people
// picture read inside it.
func (s *Service) peopleTx(ctx context.Context, actor Actor, ref string, fn func(tx Tx, p *People) error) error {
	return s.update(ctx, actor, func(tx Tx) error {
		p := &People{Now: s.Now()}

		var err error
		if p.Incident, err = resolveIncident(ctx, tx, ref); err != nil {
			return err
		}

		if err := readPeople(ctx, tx, p); err != nil {
			return err
		}

		return fn(tx, p)
	})
}

func (p *People) member(id string) (StaffMember, error) {
	for _, m := range p.Staff {
		if m.ID == id {
			return m, nil
		}
	}

	return StaffMember{}, fmt.Errorf("staff member %q is not on the roster: add them with 'sitroom import staff': %w", id, ErrNotFound)
}

// onDuty returns the roster entry and open spell of a person, or an error
// that names them, followed by why, when they are not on duty.
func (p *People) onDuty(staffID, why string) (StaffMember, Duty, error) {
	m, err := p.member(staffID)
	if err != nil {
		return m, Duty{}, err
	}

	cur, ok := p.Current(m.ID)
	if !ok {
		return m, Duty{}, fmt.Errorf("%s is not on duty%s", m.ID, why)
	}

	return m, cur, nil
}

// withNote appends a trimmed note to an entry's text as its own sentence.
func withNote(text, note string) string {
	if note = strings.TrimSpace(note); note != "" {
		return text + ". " + note
	}

	return text
}

// peopleEntry appends a check-in entry about one person.
func (s *Service) peopleEntry(ctx context.Context, tx Tx, p *People, actor Actor, staffID, text string, at time.Time, late string) (Entry, error) {
	e, err := s.buildEntry(actor, NewEntry{OccurredAt: at, Kind: KindCheckIn, Text: text, People: []string{staffID}, LateReason: late}, p.Now)
	if err != nil {
		return Entry{}, err
	}

	return e, appendEntry(ctx, tx, p.Incident, &e)
}

// CheckInPerson puts a person on duty and writes a check-in entry.
func (s *Service) CheckInPerson(ctx context.Context, actor Actor, ref string, in CheckIn, lateReason string) (Duty, error) {
	var d Duty

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		m, err := p.member(in.StaffID)
		if err != nil {
			return err
		}

		if cur, ok := p.Current(m.ID); ok {
			return fmt.Errorf("%s is already on duty since %s: check them out first", m.ID, cur.OnSince.Format("2006-01-02 15:04 UTC"))
		}

		at := in.At
		if at.IsZero() {
			at = p.Now
		}

		route := in.Route
		if route == "" {
			route = RouteMobile
		}

		d = Duty{
			IncidentID: p.Incident.ID, StaffID: m.ID, OnSince: at.UTC(), Location: strings.TrimSpace(in.Location),
			Route: route, Contact: strings.TrimSpace(in.Contact), LastWelfare: at.UTC(),
		}

		text := fmt.Sprintf("%s (%s) checked in", m.Name, m.ID)
		if d.Location != "" {
			text += " at " + d.Location
		}

		// The number or channel stays with the duty, not on the timeline:
		// entries cannot be removed, and exports leave contact details out
		// unless asked.
		text += "; contact by " + string(route)

		if _, err := s.peopleEntry(ctx, tx, p, actor, m.ID, text, at, lateReason); err != nil {
			return err
		}

		return tx.InsertDuty(ctx, &d)
	})
	if err != nil {
		return Duty{}, fmt.Errorf("check in %s: %w", in.StaffID, err)
	}

	return d, nil
}

// CheckOutPerson ends a person's spell on duty and writes an entry with
// the hours they did.
func (s *Service) CheckOutPerson(ctx context.Context, actor Actor, ref, staffID, note string) (Duty, error) {
	var d Duty

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		m, cur, err := p.onDuty(staffID, "")
		if err != nil {
			return err
		}

		cur.OffAt = p.Now
		d = cur

		text := withNote(fmt.Sprintf("%s (%s) checked out after %s on duty", m.Name, m.ID, FormatDuration(cur.Hours(p.Now))), note)

		if _, err := s.peopleEntry(ctx, tx, p, actor, m.ID, text, p.Now, ""); err != nil {
			return err
		}

		return tx.UpdateDuty(ctx, cur)
	})
	if err != nil {
		return Duty{}, fmt.Errorf("check out %s: %w", staffID, err)
	}

	return d, nil
}

// WelfareCheck records that someone checked on a person on duty.
func (s *Service) WelfareCheck(ctx context.Context, actor Actor, ref, staffID, note string) (Duty, error) {
	var d Duty

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		m, cur, err := p.onDuty(staffID, ": welfare checks are for people on duty")
		if err != nil {
			return err
		}

		cur.LastWelfare = p.Now
		d = cur

		text := withNote(fmt.Sprintf("Welfare check: %s (%s), %s on duty", m.Name, m.ID, FormatDuration(cur.Hours(p.Now))), note)

		if _, err := s.peopleEntry(ctx, tx, p, actor, m.ID, text, p.Now, ""); err != nil {
			return err
		}

		return tx.UpdateDuty(ctx, cur)
	})
	if err != nil {
		return Duty{}, fmt.Errorf("welfare check of %s: %w", staffID, err)
	}

	return d, nil
}

// RestDecision records a decision, with rationale, about a person's rest
// after a long spell: stood down, or kept on with a reason. It settles the
// insistence that comes at DutyRestAfter.
func (s *Service) RestDecision(ctx context.Context, actor Actor, ref, staffID, decision, rationale string) (Entry, error) {
	var e Entry

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		m, cur, err := p.onDuty(staffID, "")
		if err != nil {
			return err
		}

		e, err = s.buildEntry(actor, NewEntry{
			Kind: KindDecision, Rationale: rationale, People: []string{m.ID},
			Text: fmt.Sprintf("Rest for %s (%s) after %s on duty: %s", m.Name, m.ID, FormatDuration(cur.Hours(p.Now)), strings.TrimSpace(decision)),
		}, p.Now)
		if err != nil {
			return err
		}

		if err := appendEntry(ctx, tx, p.Incident, &e); err != nil {
			return err
		}

		cur.RestSeq = e.Seq

		return tx.UpdateDuty(ctx, cur)
	})
	if err != nil {
		return Entry{}, fmt.Errorf("rest decision for %s: %w", staffID, err)
	}

	return e, nil
}

// SetWelfareInterval changes how often people on duty are checked on.
func (s *Service) SetWelfareInterval(ctx context.Context, actor Actor, ref string, every time.Duration) error {
	if every < 15*time.Minute || every > 12*time.Hour {
		return fmt.Errorf("invalid welfare interval %s: use between 15m and 12h", every)
	}

	return s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		e := Entry{
			OccurredAt: p.Now, RecordedAt: p.Now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
			Kind: KindAction, Text: fmt.Sprintf("Welfare interval set to %s (was %s)", FormatDuration(every), FormatDuration(p.Welfare)),
		}

		if err := appendEntry(ctx, tx, p.Incident, &e); err != nil {
			return err
		}

		return tx.SetWelfareInterval(ctx, p.Incident.ID, every)
	})
}
