package incident

import (
	"context"
	"fmt"
	"strings"
)

// StartRollCall asks everyone on duty now to be accounted for and writes
// an entry naming them. Only one roll call runs at a time.
func (s *Service) StartRollCall(ctx context.Context, actor Actor, ref string) (RollCall, error) {
	var rc RollCall

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		if open, ok := p.OpenRollCall(); ok {
			return fmt.Errorf("roll call %d is still open: close it first", open.Num)
		}

		on := p.OnDuty()
		if len(on) == 0 {
			return fmt.Errorf("nobody is on duty: check people in first")
		}

		rc = RollCall{IncidentID: p.Incident.ID, Num: int64(len(p.Calls)) + 1, StartedAt: p.Now, StartedBy: actor.ID, Marks: map[string]RollMark{}}
		for _, d := range on {
			rc.Expected = append(rc.Expected, d.StaffID)
		}

		e := Entry{
			OccurredAt: p.Now, RecordedAt: p.Now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
			Kind: KindCheckIn, People: rc.Expected,
			Text: fmt.Sprintf("Roll call %d started: %d on duty to account for (%s)", rc.Num, len(rc.Expected), strings.Join(rc.Expected, ", ")),
		}

		if err := appendEntry(ctx, tx, p.Incident, &e); err != nil {
			return err
		}

		return tx.InsertRollCall(ctx, &rc)
	})
	if err != nil {
		return RollCall{}, fmt.Errorf("start roll call: %w", err)
	}

	return rc, nil
}

// MarkRollCall records whether one person answered the open roll call.
func (s *Service) MarkRollCall(ctx context.Context, actor Actor, ref, staffID string, accounted bool, note string) (RollCall, error) {
	var rc RollCall

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		open, ok := p.OpenRollCall()
		if !ok {
			return fmt.Errorf("no roll call is open: start one first")
		}

		m, err := p.member(staffID)
		if err != nil {
			return err
		}

		expected := false
		for _, id := range open.Expected {
			expected = expected || id == m.ID
		}

		if !expected {
			return fmt.Errorf("%s was not on duty when roll call %d started", m.ID, open.Num)
		}

		mark := RollMark{StaffID: m.ID, Accounted: accounted, At: p.Now, By: actor.ID, Note: strings.TrimSpace(note)}

		word := "accounted for"
		if !accounted {
			word = "NOT accounted for"
		}

		text := fmt.Sprintf("Roll call %d: %s (%s) %s", open.Num, m.Name, m.ID, word)
		if mark.Note != "" {
			text += ". " + mark.Note
		}

		if _, err := s.peopleEntry(ctx, tx, p, actor, m.ID, text, p.Now, ""); err != nil {
			return err
		}

		if err := tx.PutRollMark(ctx, open.ID, mark); err != nil {
			return err
		}

		open.Marks[m.ID] = mark
		rc = open

		return nil
	})
	if err != nil {
		return RollCall{}, fmt.Errorf("mark roll call for %s: %w", staffID, err)
	}

	return rc, nil
}

// CloseRollCall ends the open roll call and writes an entry naming who is
// missing.
func (s *Service) CloseRollCall(ctx context.Context, actor Actor, ref string) (RollCall, error) {
	var rc RollCall

	err := s.peopleTx(ctx, actor, ref, func(tx Tx, p *People) error {
		open, ok := p.OpenRollCall()
		if !ok {
			return fmt.Errorf("no roll call is open")
		}

		missing := open.Missing()

		text := fmt.Sprintf("Roll call %d closed: all %d accounted for", open.Num, len(open.Expected))
		if len(missing) > 0 {
			text = fmt.Sprintf("Roll call %d closed: %d of %d accounted for; MISSING: %s",
				open.Num, len(open.Expected)-len(missing), len(open.Expected), strings.Join(missing, ", "))
		}

		e := Entry{
			OccurredAt: p.Now, RecordedAt: p.Now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
			Kind: KindCheckIn, Text: text, People: missing,
		}

		if err := appendEntry(ctx, tx, p.Incident, &e); err != nil {
			return err
		}

		open.ClosedAt = p.Now
		rc = open

		return tx.CloseRollCall(ctx, open.ID, p.Now)
	})
	if err != nil {
		return RollCall{}, fmt.Errorf("close roll call: %w", err)
	}

	return rc, nil
}
