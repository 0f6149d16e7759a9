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

	err := s.store.Update(ctx, func(tx Tx) error {
		inc, sys, st, err := loadSystemState(ctx, tx, ref, systemID)
		if err != nil {
			return err
		}

		if st.OutSince.IsZero() {
			return fmt.Errorf("system %s is %s, not out of service: the gate is signed on its way back, after it is isolated or shut down", sys.ID, st.Status)
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
			OccurredAt: now, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.ID, Level: actorLevel(actor),
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
	level := o.Level
	if level == "" {
		level = actorLevel(actor)
	}

	if level != LevelGold && level != LevelSilver {
		return Entry{}, fmt.Errorf("only a gold or silver decision can override the reinfection gate of %s, and this one is %s: record it at gold or silver level", o.SystemID, level)
	}

	now := s.Now()
	var e Entry

	err := s.store.Update(ctx, func(tx Tx) error {
		inc, sys, st, err := loadSystemState(ctx, tx, ref, o.SystemID)
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

func orNone(s string) string {
	if s == "" {
		return "no checks missing"
	}

	return s
}
