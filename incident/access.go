package incident

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Access is a staff member's role in sitroom, separate from their
// command level: a bronze lead and a gold commander are both commanders.
type Access string

// Access roles.
const (
	AccessCommander Access = "commander" // takes and records decisions at their level
	AccessLoggist   Access = "loggist"   // writes for a commander; entries name both
	AccessMember    Access = "member"    // records actions, observations and changes
	AccessObserver  Access = "observer"  // reads everything and writes nothing
)

// Accesses lists every access role, most able first.
var Accesses = []Access{AccessCommander, AccessLoggist, AccessMember, AccessObserver}

// ParseAccess reads an access role name, ignoring case and surrounding
// space. An empty string gives "" so that the caller can apply
// DefaultAccess.
func ParseAccess(s string) (Access, error) {
	v := Access(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return "", nil
	}

	for _, a := range Accesses {
		if v == a {
			return a, nil
		}
	}

	return "", fmt.Errorf("invalid access %q: use commander, loggist, member or observer", s)
}

// DefaultAccess is the access of a roster row that names none: a loggist
// by job title, a commander when they hold a command level, else a member.
func DefaultAccess(role string, level Level) Access {
	switch {
	case strings.Contains(strings.ToLower(role), "loggist"):
		return AccessLoggist
	case level == LevelGold || level == LevelSilver || level == LevelBronze:
		return AccessCommander
	}

	return AccessMember
}

// ErrNotPermitted marks a write refused because of who is asking.
var ErrNotPermitted = errors.New("not permitted")

// PermissionError is a refused write, with the reason and what to do.
type PermissionError struct {
	Actor  string
	Reason string // the whole sentence shown to the user
}

func (e *PermissionError) Error() string { return e.Reason }

// Unwrap lets errors.Is find ErrNotPermitted.
func (e *PermissionError) Unwrap() error { return ErrNotPermitted }

// CanWrite reports whether the actor, as resolved when the session opened,
// may write at all. The service checks again against the roster inside each
// write, so a role changed since then still takes effect.
func (a Actor) CanWrite() bool {
	return a.Access != AccessObserver && (a.OnRoster || a.Setup)
}

// authorise refuses a write by an observer, by anyone not on a roster that
// has people on it, by anyone but a loggist writing for someone else, and
// by a loggist writing for someone who is not a commander. An empty roster
// lets anyone write, so that a new database can be set up before the
// roster is imported. needCommander limits the write to gold and silver
// commanders, as for the roster, the register and SSH keys.
func authorise(ctx context.Context, r Reader, actor Actor, needCommander bool) error {
	m, err := r.StaffByID(ctx, actor.ID)
	if errors.Is(err, ErrNotFound) {
		return authoriseUnknown(ctx, r, actor)
	}

	if err != nil {
		return err
	}

	if actor.ForID != "" && m.Access != AccessLoggist {
		return &PermissionError{Actor: actor.ID, Reason: fmt.Sprintf(
			"%s (%s) is a %s, and only a loggist writes for someone else: drop --for", m.Name, m.ID, m.Access)}
	}

	switch m.Access {
	case AccessObserver:
		return &PermissionError{Actor: actor.ID, Reason: fmt.Sprintf(
			"%s (%s) is an observer and may read but not write: ask a commander to change their access on the roster", m.Name, m.ID)}
	case AccessLoggist:
		if needCommander {
			return notAdmin(m)
		}

		return authoriseLoggist(ctx, r, m, actor.ForID)
	case AccessMember:
		if needCommander {
			return notAdmin(m)
		}
	case AccessCommander:
		if needCommander && m.Level != LevelGold && m.Level != LevelSilver {
			return notAdmin(m)
		}
	}

	return nil
}

// notAdmin refuses a change to the roster, the register or SSH keys.
func notAdmin(m StaffMember) error {
	return &PermissionError{Actor: m.ID, Reason: fmt.Sprintf(
		"%s (%s) is a %s at %s level: only a gold or silver commander may change the roster, the register or SSH keys",
		m.Name, m.ID, m.Access, m.Level)}
}

func authoriseUnknown(ctx context.Context, r Reader, actor Actor) error {
	roster, err := r.HasStaff(ctx)
	if err != nil || !roster {
		return err
	}

	who := actor.ID
	if who == "" {
		who = "this session (no identity)"
	}

	return &PermissionError{Actor: actor.ID, Reason: fmt.Sprintf(
		"%s is not on the staff roster, so may read but not write: act as your staff id with --as (or SITROOM_USER), "+
			"or ask a commander to add you to the roster, with your login in its login column; over SSH, ask whoever set up "+
			"your key to name your staff id", who)}
}

func authoriseLoggist(ctx context.Context, r Reader, m StaffMember, forID string) error {
	if forID == "" {
		return nil // their own records; a decision still needs a commander's name
	}

	c, err := r.StaffByID(ctx, forID)
	if errors.Is(err, ErrNotFound) {
		return &PermissionError{Actor: m.ID, Reason: fmt.Sprintf(
			"%q is not on the staff roster: a loggist writes for a commander on the roster", forID)}
	}

	if err != nil {
		return err
	}

	if c.Access != AccessCommander {
		return &PermissionError{Actor: m.ID, Reason: fmt.Sprintf(
			"%s (%s) is a %s, not a commander: a loggist writes for a commander", c.Name, c.ID, c.Access)}
	}

	return nil
}

// update runs fn in one write transaction once the actor is allowed to
// write.
func (s *Service) update(ctx context.Context, actor Actor, fn func(tx Tx) error) error {
	return s.store.Update(ctx, func(tx Tx) error {
		if err := authorise(ctx, tx, actor, false); err != nil {
			return err
		}

		return fn(tx)
	})
}

// UpdateAsCommander runs fn in one write transaction once the actor is a
// gold or silver commander, or anyone while the roster is empty. It is for
// packages such as archive that write many tables in one change.
func (s *Service) UpdateAsCommander(ctx context.Context, actor Actor, fn func(tx Tx) error) error {
	return s.updateAsCommander(ctx, actor, fn)
}

// updateAsCommander is update for changes only a commander may make.
func (s *Service) updateAsCommander(ctx context.Context, actor Actor, fn func(tx Tx) error) error {
	return s.store.Update(ctx, func(tx Tx) error {
		if err := authorise(ctx, tx, actor, true); err != nil {
			return err
		}

		return fn(tx)
	})
}

// UpdateAs runs fn in one write transaction once the actor may write. It
// is for packages such as archive that write an entry and read the state
// it describes in the same transaction, through AppendEntry.
func (s *Service) UpdateAs(ctx context.Context, actor Actor, fn func(tx Tx) error) error {
	return s.update(ctx, actor, fn)
}

// AppendEntry builds an entry from in and appends it to inc's chain inside
// tx, a transaction from UpdateAs.
func (s *Service) AppendEntry(ctx context.Context, tx Tx, actor Actor, inc Incident, in NewEntry) (Entry, error) {
	e, err := s.buildEntry(actor, in, s.Now())
	if err != nil {
		return Entry{}, err
	}

	return e, appendEntry(ctx, tx, inc, &e)
}
