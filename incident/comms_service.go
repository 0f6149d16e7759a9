package incident

import (
	"context"
	"fmt"
	"strings"
)

// NewMessage holds the fields of a message to log.
type NewMessage struct {
	Direction   Direction
	Channel     Channel
	Counterpart string
	Audience    Audience
	Summary     string
}

// Messages returns the incident's messages.
func (s *Service) Messages(ctx context.Context, ref string) ([]Message, error) {
	var out []Message

	err := s.store.Read(ctx, func(r Reader) error {
		inc, err := resolveIncident(ctx, r, ref)
		if err != nil {
			return err
		}

		out, err = r.Messages(ctx, inc.ID)

		return err
	})

	return out, err
}

// commsTx runs fn in a write transaction with the incident and its
// messages read inside it.
func (s *Service) commsTx(ctx context.Context, actor Actor, ref string, fn func(tx Tx, inc Incident, msgs []Message) error) error {
	return s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		msgs, err := tx.Messages(ctx, inc.ID)
		if err != nil {
			return err
		}

		return fn(tx, inc, msgs)
	})
}

func (s *Service) commsEntry(ctx context.Context, tx Tx, inc Incident, actor Actor, text string) error {
	now := s.Now()
	e := Entry{
		OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
		Kind: KindComms, Text: text,
	}

	return appendEntry(ctx, tx, inc, &e)
}

// AddMessage logs a message: an inbound one as received, an outbound one
// as a draft that must be approved before it is sent.
func (s *Service) AddMessage(ctx context.Context, actor Actor, ref string, in NewMessage) (Message, error) {
	summary := strings.TrimSpace(in.Summary)
	if summary == "" {
		return Message{}, fmt.Errorf("missing message summary: give the gist of what was said")
	}

	if in.Direction != Inbound && in.Direction != Outbound {
		return Message{}, fmt.Errorf("invalid direction %q: use in or out", in.Direction)
	}

	var m Message

	err := s.commsTx(ctx, actor, ref, func(tx Tx, inc Incident, msgs []Message) error {
		now := s.Now()
		m = Message{
			IncidentID: inc.ID, Num: int64(len(msgs)) + 1, Direction: in.Direction, Channel: in.Channel,
			Counterpart: strings.TrimSpace(in.Counterpart), Audience: in.Audience, Summary: summary,
			Status: MessageDraft, CreatedAt: now, CreatedBy: actor.ID,
		}

		text := fmt.Sprintf("Message %s drafted to %s", m.Label(), m.Audience)
		if in.Direction == Inbound {
			m.Status = MessageReceived
			text = fmt.Sprintf("Message %s received from %s", m.Label(), m.Audience)
		}

		if m.Counterpart != "" {
			text += " (" + m.Counterpart + ")"
		}

		text += " by " + string(m.Channel) + ": " + summary

		if err := tx.InsertMessage(ctx, &m); err != nil {
			return err
		}

		return s.commsEntry(ctx, tx, inc, actor, text)
	})
	if err != nil {
		return Message{}, fmt.Errorf("log message: %w", err)
	}

	return m, nil
}

func findMessage(msgs []Message, num int64) (Message, error) {
	for _, m := range msgs {
		if m.Num == num {
			return m, nil
		}
	}

	return Message{}, fmt.Errorf("message M-%d not found: list messages with 'sitroom comms list': %w", num, ErrNotFound)
}

// ApproveMessage approves a drafted outbound message. A message to
// patients and the public or to the press speaks for the trust, so only a
// gold commander may approve it; any other needs gold or silver.
func (s *Service) ApproveMessage(ctx context.Context, actor Actor, ref string, num int64) (Message, error) {
	var m Message

	err := s.commsTx(ctx, actor, ref, func(tx Tx, inc Incident, msgs []Message) error {
		var err error
		if m, err = findMessage(msgs, num); err != nil {
			return err
		}

		if m.Status != MessageDraft {
			return fmt.Errorf("message %s is %s, so it cannot be approved", m.Label(), m.Status)
		}

		level := actorLevel(actor)

		switch {
		case m.Audience.PublicFacing() && level != LevelGold:
			return fmt.Errorf("only a gold commander can approve a message to %s, and %s is %s: ask gold to approve %s",
				m.Audience, actor.ID, level, m.Label())
		case level != LevelGold && level != LevelSilver:
			return fmt.Errorf("a gold or silver commander must approve message %s, and %s is %s", m.Label(), actor.ID, level)
		}

		now := s.Now()
		m.Status, m.ApprovedBy, m.ApprovedAt, m.ApproverLevel = MessageApproved, actor.ID, now, level

		if err := tx.UpdateMessage(ctx, m); err != nil {
			return err
		}

		return s.commsEntry(ctx, tx, inc, actor, fmt.Sprintf("Message %s to %s approved by %s (%s): %s", m.Label(), m.Audience, actor.ID, level, m.Summary))
	})
	if err != nil {
		return Message{}, fmt.Errorf("approve message M-%d: %w", num, err)
	}

	return m, nil
}

// SendMessage records that an approved outbound message went out. When it
// goes to the audience of a running notification duty, it meets that
// duty: the one given by deadlineID, or else the running duty for that
// audience that falls due first.
func (s *Service) SendMessage(ctx context.Context, actor Actor, ref string, num, deadlineID int64) (Message, *Deadline, error) {
	var m Message
	var met *Deadline

	err := s.commsTx(ctx, actor, ref, func(tx Tx, inc Incident, msgs []Message) error {
		var err error
		if m, err = findMessage(msgs, num); err != nil {
			return err
		}

		switch {
		case m.Direction != Outbound:
			return fmt.Errorf("message %s came in: only outbound messages are sent", m.Label())
		case m.Status == MessageDraft && m.Audience.PublicFacing():
			return fmt.Errorf("message %s to %s is not approved: a gold commander must approve it before it is sent", m.Label(), m.Audience)
		case m.Status == MessageDraft:
			return fmt.Errorf("message %s is not approved: a gold or silver commander must approve it before it is sent", m.Label())
		case m.Status != MessageApproved:
			return fmt.Errorf("message %s is already %s", m.Label(), m.Status)
		}

		now := s.Now()
		m.Status, m.SentAt, m.SentBy = MessageSent, now, actor.ID

		text := fmt.Sprintf("Message %s sent to %s by %s: %s", m.Label(), m.Audience, m.Channel, m.Summary)

		if met, err = meetDeadline(ctx, tx, inc, &m, deadlineID); err != nil {
			return err
		}

		if met != nil {
			text += fmt.Sprintf(". Meets the duty: %s", met.Name)
			if st := met.State(now); st == DeadlineMetLate {
				text += " (LATE: it fell due " + met.Due().Format("2006-01-02 15:04 UTC") + ")"
			}
		}

		if err := tx.UpdateMessage(ctx, m); err != nil {
			return err
		}

		return s.commsEntry(ctx, tx, inc, actor, text)
	})
	if err != nil {
		return Message{}, nil, fmt.Errorf("send message M-%d: %w", num, err)
	}

	return m, met, nil
}

// meetDeadline marks the duty the sent message meets, if any, and links
// the message to it.
func meetDeadline(ctx context.Context, tx Tx, inc Incident, m *Message, deadlineID int64) (*Deadline, error) {
	all, err := tx.Deadlines(ctx, inc.ID)
	if err != nil {
		return nil, err
	}

	var chosen *Deadline

	for i := range all {
		d := &all[i]

		switch {
		case deadlineID != 0 && d.ID == deadlineID:
			if d.Audience != m.Audience {
				return nil, fmt.Errorf("duty %s is for %s, but message %s goes to %s", d.Name, d.Audience, m.Label(), m.Audience)
			}

			if !d.Started() || d.Met() {
				return nil, fmt.Errorf("duty %s is not running, so this message cannot meet it", d.Name)
			}

			chosen = d
		case deadlineID == 0 && d.Audience == m.Audience && d.Started() && !d.Met():
			if chosen == nil || earlierDue(*d, *chosen) {
				chosen = d
			}
		}
	}

	if deadlineID != 0 && chosen == nil {
		return nil, fmt.Errorf("notification duty %d not found: %w", deadlineID, ErrNotFound)
	}

	if chosen == nil {
		return nil, nil
	}

	chosen.MetAt, chosen.MetBy = m.SentAt, m.Num
	m.DeadlineID = chosen.ID

	return chosen, tx.UpdateDeadline(ctx, *chosen)
}

// earlierDue orders running duties by due time; an as-soon-as-possible duty
// counts as due first.
func earlierDue(a, b Deadline) bool {
	switch {
	case a.ASAP() && !b.ASAP():
		return true
	case b.ASAP():
		return false
	}

	return a.Due().Before(b.Due())
}

// AcknowledgeMessage records that the recipient confirmed a sent message.
func (s *Service) AcknowledgeMessage(ctx context.Context, actor Actor, ref string, num int64) (Message, error) {
	var m Message

	err := s.commsTx(ctx, actor, ref, func(tx Tx, inc Incident, msgs []Message) error {
		var err error
		if m, err = findMessage(msgs, num); err != nil {
			return err
		}

		if m.Status != MessageSent {
			return fmt.Errorf("message %s is %s: only a sent message can be acknowledged", m.Label(), m.Status)
		}

		m.Status, m.AcknowledgedAt = MessageAcknowledged, s.Now()

		if err := tx.UpdateMessage(ctx, m); err != nil {
			return err
		}

		return s.commsEntry(ctx, tx, inc, actor, fmt.Sprintf("Message %s acknowledged by %s", m.Label(), m.Audience))
	})
	if err != nil {
		return Message{}, fmt.Errorf("acknowledge message M-%d: %w", num, err)
	}

	return m, nil
}
