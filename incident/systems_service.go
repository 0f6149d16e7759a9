package incident

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrConflict is returned, wrapped with what changed, when a record was
// changed by someone else after the user last saw it.
var ErrConflict = errors.New("changed by someone else since you looked")

// StatusChange is a request to move a system to another containment
// status.
type StatusChange struct {
	SystemID string
	To       SystemStatus
	Reason   string

	// Expect is the status the user saw when they chose the change. When
	// set and the system has moved on since, the change is rejected with
	// ErrConflict, so nobody overwrites a change they did not see.
	Expect SystemStatus

	// At is when the change happened; zero means now. A change recorded
	// more than LateAfter after it happened needs LateReason, as any entry.
	At         time.Time
	LateReason string
}

// SetSystemStatus moves a system to another containment status, following
// the state machine and, for restored, the reinfection gate, and writes a
// containment or recovery entry in the same transaction.
func (s *Service) SetSystemStatus(ctx context.Context, actor Actor, ref string, ch StatusChange) (Entry, error) {
	reason := strings.TrimSpace(ch.Reason)
	if reason == "" {
		return Entry{}, fmt.Errorf("status change of %s has no reason: say why", ch.SystemID)
	}

	now := s.Now()
	var e Entry

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, sys, st, err := loadSystemState(ctx, tx, ref, ch.SystemID)
		if err != nil {
			return err
		}

		if ch.Expect != "" && ch.Expect != st.Status {
			return fmt.Errorf("system %s is now %s (set by %s), not %s: %w", sys.ID, st.Status, st.ChangedBy, ch.Expect, ErrConflict)
		}

		if err := CheckTransition(sys.ID, st.Status, ch.To); err != nil {
			return err
		}

		if ch.To == SystemRestored {
			if err := checkGate(ctx, tx, inc, st); err != nil {
				return err
			}

			if err := checkTasksClosed(ctx, tx, inc, sys.ID); err != nil {
				return err
			}
		}

		at := ch.At
		if at.IsZero() {
			at = now
		}

		if at.Before(st.Since) {
			return fmt.Errorf("system %s has been %s since %s, after the %s given: a change cannot come before the one it follows",
				sys.ID, st.Status, st.Since.Format("2006-01-02 15:04 UTC"), at.UTC().Format("2006-01-02 15:04 UTC"))
		}

		from := st.Status
		next := moveState(st, ch.To, at.UTC())

		e, err = s.buildEntry(actor, NewEntry{
			OccurredAt: at, Kind: ch.To.EntryKind(), Systems: []string{sys.ID}, LateReason: ch.LateReason,
			Text: fmt.Sprintf("%s (%s): %s → %s. Reason: %s", sys.ID, sys.Name, from, ch.To, reason),
		}, now)
		if err != nil {
			return err
		}

		if err := appendEntry(ctx, tx, inc, &e); err != nil {
			return err
		}

		next.ChangedBy, next.EntrySeq = actor.ID, e.Seq

		return tx.PutSystemState(ctx, inc.ID, next)
	})
	if err != nil {
		return Entry{}, fmt.Errorf("set status of %s: %w", ch.SystemID, err)
	}

	return e, nil
}

// moveState returns st moved to status at now. Leaving service starts a new
// outage episode, whose gate starts empty; returning ends the outage.
func moveState(st SystemState, to SystemStatus, now time.Time) SystemState {
	next := st
	next.Status = to
	next.Since = now

	switch {
	case to.OutOfService() && st.OutSince.IsZero():
		next.OutSince = now
		next.Episode++
		next.OverrideSeq = 0
	case !to.OutOfService():
		next.OutSince = time.Time{}
	}

	return next
}

// loadSystemState resolves the incident and the system and returns the
// system's current state, operational when none is recorded.
func loadSystemState(ctx context.Context, r Reader, ref, systemID string) (Incident, System, SystemState, error) {
	inc, err := resolveIncident(ctx, r, ref)
	if err != nil {
		return Incident{}, System{}, SystemState{}, err
	}

	sys, err := systemByID(ctx, r, systemID)
	if err != nil {
		return inc, System{}, SystemState{}, err
	}

	st, ok, err := r.SystemState(ctx, inc.ID, sys.ID)
	if err != nil {
		return inc, sys, SystemState{}, err
	}

	if !ok {
		st = SystemState{SystemID: sys.ID, Status: SystemOperational}
	}

	return inc, sys, st, nil
}

// systemByID finds a system by id, then by id in any letter case.
func systemByID(ctx context.Context, r Reader, id string) (System, error) {
	sys, err := r.SystemByID(ctx, id)
	if err == nil || !errors.Is(err, ErrNotFound) {
		return sys, err
	}

	systems, err := r.Systems(ctx)
	if err != nil {
		return System{}, err
	}

	for _, sys := range systems {
		if strings.EqualFold(sys.ID, id) {
			return sys, nil
		}
	}

	return System{}, fmt.Errorf("system %q is not in the register: list systems with 'sitroom system list': %w", id, ErrNotFound)
}

// checkGate rejects restoring a system whose gate is neither fully signed
// nor overridden in its current episode.
func checkGate(ctx context.Context, r Reader, inc Incident, st SystemState) error {
	sigs, err := r.GateSignatures(ctx, inc.ID)
	if err != nil {
		return err
	}

	gate := GateStatusOf(st, sigs)
	if gate.Open() {
		return nil
	}

	return &GateClosedError{SystemID: st.SystemID, Missing: gate.Missing()}
}

// GateClosedError rejects restoring a system whose reinfection gate is
// neither fully signed nor overridden. The message tells a command-line
// user what to run; the console reads Missing to say it in its own keys.
type GateClosedError struct {
	SystemID string
	Missing  []GateCheck
}

func (e *GateClosedError) Error() string {
	names := make([]string, len(e.Missing))
	for i, c := range e.Missing {
		names[i] = string(c)
	}

	return fmt.Sprintf("system %s cannot be restored: the reinfection gate lacks %d of %d checks (%s); sign them with 'sitroom gate sign', or record a gold or silver decision that overrides the gate",
		e.SystemID, len(e.Missing), len(GateChecks), strings.Join(names, ", "))
}

// checkTasksClosed rejects restoring a system while recovery tasks for it
// are still open, because their due times and overdue marks vanish once it
// is back in service.
func checkTasksClosed(ctx context.Context, r Reader, inc Incident, systemID string) error {
	tasks, err := r.Tasks(ctx, inc.ID)
	if err != nil {
		return err
	}

	var open []string

	for _, t := range tasks {
		if t.SystemID == systemID && !t.Status.Closed() {
			open = append(open, fmt.Sprintf("%s (%s)", t.Label(), t.Status))
		}
	}

	if len(open) == 0 {
		return nil
	}

	return fmt.Errorf("system %s cannot be restored while its recovery tasks %s are open: finish or cancel them first", systemID, strings.Join(open, ", "))
}
