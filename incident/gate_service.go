package incident

import (
	"context"
	"fmt"
	"strings"
)

// SignGateCheck records that actor did one check of a system's reinfection
// gate, with a note such as the backup hash that matched, and writes a
// recovery entry in the same transaction. A system must be out of service
// to be on its way back, and each check is signed once an outage.
func (s *Service) SignGateCheck(ctx context.Context, actor Actor, ref, systemID string, check GateCheck, note string) (Entry, error) {
	note = strings.TrimSpace(note)
	if note == "" {
		return Entry{}, fmt.Errorf("gate check %s for %s has no note: say what was checked, for example the backup hash that matched", check, systemID)
	}

	if check.Describe() == "" {
		_, err := ParseGateCheck(string(check))

		return Entry{}, err
	}

	now := s.Now()
	var e Entry

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, sys, st, err := loadSystemState(ctx, tx, ref, systemID)
		if err != nil {
			return err
		}

		if st.OutSince.IsZero() {
			return fmt.Errorf("system %s is %s, not out of service: the gate is signed on its way back, after it is isolated or shut down", sys.ID, st.Status)
		}

		if err := checkSigner(ctx, tx, actor); err != nil {
			return err
		}

		sigs, err := tx.GateSignatures(ctx, inc.ID)
		if err != nil {
			return err
		}

		if prior, ok := GateStatusOf(st, sigs).Signed[check]; ok {
			return fmt.Errorf("gate check %s for %s was already signed by %s at %s (entry %d)",
				check, sys.ID, prior.SignedBy, prior.SignedAt.Format("2006-01-02 15:04 UTC"), prior.EntrySeq)
		}

		e = Entry{
			OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(), Level: actorLevel(actor),
			Kind: KindRecovery, Systems: []string{sys.ID},
			Text: fmt.Sprintf("%s gate check signed: %s (%s). Note: %s", sys.ID, check.Describe(), check, note),
		}

		if err := appendEntry(ctx, tx, inc, &e); err != nil {
			return err
		}

		return tx.InsertGateSignature(ctx, inc.ID, GateSignature{
			SystemID: sys.ID, Episode: st.Episode, Check: check, SignedBy: actor.ID, SignedAt: now, Note: note, EntrySeq: e.Seq,
		})
	})
	if err != nil {
		return Entry{}, fmt.Errorf("sign gate check %s for %s: %w", check, systemID, err)
	}

	return e, nil
}

// GateOverride is a decision to let a system be restored without every
// gate check signed.
type GateOverride struct {
	SystemID      string
	Rationale     string
	Options       []string
	DecisionMaker string // whose decision; empty means the actor
	Level         Level  // gold or silver; empty means the actor's level
}

// OverrideGate records a gold or silver decision, with rationale, that
// lets a system be restored in its current outage without the checks still
// missing. The override shows on the board and in every export through
// that decision entry.
func (s *Service) OverrideGate(ctx context.Context, actor Actor, ref string, o GateOverride) (Entry, error) {
	now := s.Now()
	var e Entry

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, sys, st, err := loadSystemState(ctx, tx, ref, o.SystemID)
		if err != nil {
			return err
		}

		level, err := overrideLevel(ctx, tx, actor, &o)
		if err != nil {
			return err
		}

		if st.OutSince.IsZero() {
			return fmt.Errorf("system %s is %s, not out of service: there is no gate to override", sys.ID, st.Status)
		}

		sigs, err := tx.GateSignatures(ctx, inc.ID)
		if err != nil {
			return err
		}

		gate := GateStatusOf(st, sigs)
		if gate.OverrideSeq != 0 {
			return fmt.Errorf("the reinfection gate of %s is already overridden in this outage, by decision entry %d", sys.ID, gate.OverrideSeq)
		}

		missing := gate.Missing()
		names := make([]string, len(missing))

		for i, c := range missing {
			names[i] = string(c)
		}

		e, err = s.buildEntry(actor, NewEntry{
			Kind: KindDecision, Level: level, DecisionMaker: o.DecisionMaker, Rationale: o.Rationale, Options: o.Options,
			Systems: []string{sys.ID},
			Text: fmt.Sprintf("Reinfection gate OVERRIDDEN for %s (%s): it may be restored without %s",
				sys.ID, sys.Name, orNone(strings.Join(names, ", "))),
		}, now)
		if err != nil {
			return err
		}

		if err := checkReferences(ctx, tx, &e); err != nil {
			return err
		}

		if err := appendEntry(ctx, tx, inc, &e); err != nil {
			return err
		}

		st.OverrideSeq = e.Seq

		if err := tx.InsertGateSignature(ctx, inc.ID, GateSignature{
			SystemID: sys.ID, Episode: st.Episode, Check: GateOverrideMark, SignedBy: e.DecisionMaker,
			SignedAt: now, Note: e.Rationale, EntrySeq: e.Seq,
		}); err != nil {
			return err
		}

		return tx.PutSystemState(ctx, inc.ID, st)
	})
	if err != nil {
		return Entry{}, fmt.Errorf("override gate of %s: %w", o.SystemID, err)
	}

	return e, nil
}

// overrideLevel returns the command level an override is decided at. Once
// the roster holds anyone, that is the decision maker's level on it, not
// one typed with the request, so nobody can raise their own authority; an
// empty roster leaves the level as given.
func overrideLevel(ctx context.Context, r Reader, actor Actor, o *GateOverride) (Level, error) {
	if o.DecisionMaker == "" {
		o.DecisionMaker = actor.ID
	}

	level := o.Level
	if level == "" {
		level = actorLevel(actor)
	}

	staff, err := r.Staff(ctx)
	if err != nil {
		return "", err
	}

	if len(staff) > 0 {
		m, ok := memberOf(staff, o.DecisionMaker)
		if !ok {
			return "", fmt.Errorf("decision maker %q is not on the staff roster: a gate override must be decided by a gold or silver commander on it", o.DecisionMaker)
		}

		if o.Level != "" && o.Level != m.Level {
			return "", fmt.Errorf("%s is %s on the roster, not %s: the override is recorded at the decision maker's own level", m.ID, m.Level, o.Level)
		}

		level = m.Level
	}

	if level != LevelGold && level != LevelSilver {
		return "", fmt.Errorf("only a gold or silver commander can override the reinfection gate of %s, and %s is %s: ask gold or silver to decide, and log it for them with --decision-maker", o.SystemID, o.DecisionMaker, level)
	}

	o.Level = level

	return level, nil
}

func memberOf(staff []StaffMember, id string) (StaffMember, bool) {
	for _, m := range staff {
		if m.ID == id {
			return m, true
		}
	}

	return StaffMember{}, false
}

func orNone(s string) string {
	if s == "" {
		return "no checks missing"
	}

	return s
}

// checkSigner requires whoever signs a gate check to be a named person on
// the roster, once the roster holds anyone.
func checkSigner(ctx context.Context, r Reader, actor Actor) error {
	staff, err := r.Staff(ctx)
	if err != nil || len(staff) == 0 {
		return err
	}

	if _, ok := memberOf(staff, actor.ID); !ok {
		return fmt.Errorf("%q is not on the staff roster, and a gate check must be signed by a named person: sign as yourself with --as STAFF_ID", actor.ID)
	}

	return nil
}
