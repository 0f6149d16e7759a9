package incident

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// AddStaffKey registers k to its staff member so that they can sign in to
// sitroom's own SSH server. Only a commander may register keys. A key
// already registered to someone else is refused; a key revoked before is
// registered again.
func (s *Service) AddStaffKey(ctx context.Context, actor Actor, k StaffKey) (StaffKey, error) {
	k.AddedAt, k.AddedBy, k.RevokedAt, k.RevokedBy = s.Now(), actor.ID, time.Time{}, ""

	err := s.updateAsCommander(ctx, actor, func(tx Tx) error {
		m, err := tx.StaffByID(ctx, k.StaffID)
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("%s is not on the staff roster: register keys for staff ids on the roster", k.StaffID)
		}

		if err != nil {
			return err
		}

		old, err := tx.StaffKey(ctx, k.Fingerprint)
		switch {
		case err == nil && old.Revoked():
			return fmt.Errorf("key %s of %s was revoked by %s on %s, so it may have been lost or copied: make a new key with ssh-keygen and register that",
				k.Fingerprint, old.StaffID, old.RevokedBy, old.RevokedAt.Format("2 Jan 2006 15:04 MST"))
		case err == nil && !old.Revoked() && old.StaffID != m.ID:
			return fmt.Errorf("key %s is already registered to %s: each person needs a key of their own", k.Fingerprint, old.StaffID)
		case err == nil && !old.Revoked():
			return fmt.Errorf("key %s is already registered to %s", k.Fingerprint, old.StaffID)
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}

		return tx.PutStaffKey(ctx, k)
	})
	if err != nil {
		return StaffKey{}, fmt.Errorf("register key for %s: %w", k.StaffID, err)
	}

	return k, nil
}

// RevokeStaffKey stops the key whose fingerprint is, or starts with, which
// from letting anyone in, or every key of the staff member when which is a
// staff id. Only a commander may revoke keys. It returns the keys revoked.
func (s *Service) RevokeStaffKey(ctx context.Context, actor Actor, which string) ([]StaffKey, error) {
	which = strings.TrimSpace(which)
	if which == "" {
		return nil, errors.New("no key named: give a fingerprint (SHA256:…) or a staff id")
	}

	var revoked []StaffKey

	err := s.updateAsCommander(ctx, actor, func(tx Tx) error {
		keys, err := tx.StaffKeys(ctx)
		if err != nil {
			return err
		}

		byStaff := false
		var matched []StaffKey

		for _, k := range keys {
			if k.Revoked() {
				continue
			}

			switch {
			case k.StaffID == which:
				byStaff = true
				matched = append(matched, k)
			case strings.HasPrefix(k.Fingerprint, which):
				matched = append(matched, k)
			}
		}

		if byStaff {
			matched = slices.DeleteFunc(matched, func(k StaffKey) bool { return k.StaffID != which })
		}

		// A fingerprint names one key: a prefix matching several would
		// lock out people who never lost a key.
		if !byStaff && len(matched) > 1 {
			var fps []string
			for _, k := range matched {
				fps = append(fps, k.Fingerprint+" ("+k.StaffID+")")
			}

			return fmt.Errorf("%q matches %d keys: give more of the fingerprint, one of %s", which, len(matched), strings.Join(fps, ", "))
		}

		for _, k := range matched {
			k.RevokedAt, k.RevokedBy = s.Now(), actor.ID
			if err := tx.PutStaffKey(ctx, k); err != nil {
				return err
			}

			revoked = append(revoked, k)
		}

		if len(revoked) == 0 {
			return fmt.Errorf("no key in use matches %q: 'sitroom keys list' shows the fingerprints", which)
		}

		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("revoke key %s: %w", which, err)
	}

	return revoked, nil
}

// StaffKeys returns every registered key, revoked ones too.
func (s *Service) StaffKeys(ctx context.Context) ([]StaffKey, error) {
	var keys []StaffKey

	err := s.store.Read(ctx, func(r Reader) error {
		var err error
		keys, err = r.StaffKeys(ctx)

		return err
	})

	return keys, err
}

// ErrUnknownKey marks a key that lets nobody in: not registered, revoked,
// or registered to someone no longer on the roster.
var ErrUnknownKey = errors.New("key not registered")

// ActorForKey returns who signs in with the key whose fingerprint is given,
// or an error wrapping ErrUnknownKey saying why nobody does.
func (s *Service) ActorForKey(ctx context.Context, fingerprint string) (Actor, error) {
	var actor Actor

	err := s.store.Read(ctx, func(r Reader) error {
		k, err := r.StaffKey(ctx, fingerprint)
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("key %s is not registered: %w", fingerprint, ErrUnknownKey)
		}

		if err != nil {
			return err
		}

		if k.Revoked() {
			return fmt.Errorf("key %s of %s was revoked by %s: %w", fingerprint, k.StaffID, k.RevokedBy, ErrUnknownKey)
		}

		m, err := r.StaffByID(ctx, k.StaffID)
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("key %s belongs to %s, who is no longer on the roster: %w", fingerprint, k.StaffID, ErrUnknownKey)
		}

		if err != nil {
			return err
		}

		actor = Actor{ID: m.ID, Name: m.Name, Level: m.Level, Access: m.Access, OnRoster: true}

		return nil
	})

	return actor, err
}
