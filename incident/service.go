package incident

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Actor is whoever makes a change: a staff member from the roster or, when
// the roster does not know them, the identity they gave.
type Actor struct {
	ID     string // staff id, or the identity given with --as, SITROOM_USER or the OS user
	Name   string // display name, empty when not on the roster
	Level  Level
	Access Access // empty when not on the roster

	OnRoster bool // the identity is a staff id on the roster
	Setup    bool // the roster was empty when the session opened, so anyone may set it up

	// ForID names the commander a loggist writes for; entries record the
	// loggist as author and the commander as decision maker, at the
	// commander's level. ForName and ForLevel come from the roster.
	ForID    string
	ForName  string
	ForLevel Level
}

// Maker returns whose decision or action the actor's writes record: the
// commander a loggist writes for, else the actor.
func (a Actor) Maker() string {
	if a.ForID != "" {
		return a.ForID
	}

	return a.ID
}

// Label returns "Name (ID)" when the name is known, else the ID.
func (a Actor) Label() string {
	if a.Name == "" {
		return a.ID
	}

	return a.Name + " (" + a.ID + ")"
}

// Service applies changes to incidents, writing each change and its timeline
// entry in one transaction.
type Service struct {
	store Store
	now   func() time.Time
	alive func(pid int) bool // see SetProcessCheck
}

// NewService returns a Service over store. now supplies the current time;
// nil means time.Now.
func NewService(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}

	return &Service{store: store, now: now}
}

// Now returns the service's current time in UTC.
func (s *Service) Now() time.Time { return s.now().UTC() }

// Store returns the store the service writes through, for read-only queries.
func (s *Service) Store() Store { return s.store }

// NewIncident holds what is needed to declare an incident.
type NewIncident struct {
	Ref      string
	Title    string
	Kind     string
	Severity string
	Exercise bool
	At       time.Time // when it was declared; zero means now
}

// Declare records a new incident and its first timeline entry.
func (s *Service) Declare(ctx context.Context, actor Actor, in NewIncident) (Incident, error) {
	if err := ValidateRef(in.Ref); err != nil {
		return Incident{}, err
	}

	title := strings.TrimSpace(in.Title)
	if title == "" {
		return Incident{}, fmt.Errorf("incident %s has no title: give one with --title", in.Ref)
	}

	now := s.Now()
	at := in.At
	if at.IsZero() {
		at = now
	}

	inc := Incident{
		Ref: in.Ref, Title: title, Kind: in.Kind, Severity: in.Severity,
		Status: StatusDeclared, DeclaredAt: at.UTC(), DeclaredBy: actor.ID, Exercise: in.Exercise,
	}

	err := s.update(ctx, actor, func(tx Tx) error {
		if _, err := tx.IncidentByRef(ctx, in.Ref); err == nil {
			return fmt.Errorf("incident %s already exists: choose another reference", in.Ref)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}

		if err := tx.InsertIncident(ctx, &inc); err != nil {
			return err
		}

		text := DeclarationText(title, inc.Exercise)

		e := Entry{
			OccurredAt: inc.DeclaredAt, RecordedAt: now, Author: actor.ID, DecisionMaker: actor.Maker(),
			Level: actor.Level, Kind: KindSystem, Text: text,
		}
		if e.Late() {
			e.LateReason = "declared with an earlier declaration time"
		}

		return appendEntry(ctx, tx, inc, &e)
	})
	if err != nil {
		return Incident{}, fmt.Errorf("declare incident %s: %w", in.Ref, err)
	}

	return inc, nil
}

// ResolveIncident returns the incident with ref, or, when ref is empty, the
// only open incident. It fails naming the choices when there is more than
// one open incident.
func (s *Service) ResolveIncident(ctx context.Context, ref string) (Incident, error) {
	var inc Incident

	err := s.store.Read(ctx, func(r Reader) error {
		var err error
		inc, err = resolveIncident(ctx, r, ref)

		return err
	})

	return inc, err
}

func resolveIncident(ctx context.Context, r Reader, ref string) (Incident, error) {
	if ref != "" {
		inc, err := r.IncidentByRef(ctx, ref)
		if errors.Is(err, ErrNotFound) {
			return incidentByRefFold(ctx, r, ref)
		}

		return inc, err
	}

	all, err := r.Incidents(ctx)
	if err != nil {
		return Incident{}, err
	}

	var open []Incident
	for _, inc := range all {
		if inc.Status.Open() {
			open = append(open, inc)
		}
	}

	switch len(open) {
	case 0:
		return Incident{}, fmt.Errorf("no open incident: declare one with 'sitroom incident new --ref REF --title TEXT'")
	case 1:
		return open[0], nil
	}

	refs := make([]string, len(open))
	for i, inc := range open {
		refs[i] = inc.Ref
	}

	return Incident{}, fmt.Errorf("%d incidents are open (%s): choose one with --incident", len(open), strings.Join(refs, ", "))
}

// incidentByRefFold finds the incident whose reference matches ref but for
// letter case, because people type nbh-2026-014 as often as NBH-2026-014.
func incidentByRefFold(ctx context.Context, r Reader, ref string) (Incident, error) {
	all, err := r.Incidents(ctx)
	if err != nil {
		return Incident{}, err
	}

	for _, inc := range all {
		if strings.EqualFold(inc.Ref, ref) {
			return inc, nil
		}
	}

	return Incident{}, fmt.Errorf("incident %s not found: list incidents with 'sitroom incident list'", ref)
}

// appendEntry gives e the next sequence number and links it to the chain
// head read inside the same write transaction, so concurrent writers can
// neither share a number nor fork the chain.
func appendEntry(ctx context.Context, tx Tx, inc Incident, e *Entry) error {
	seq, head, err := tx.ChainHead(ctx, inc.ID)
	if err != nil {
		return err
	}

	validUTF8(e)

	e.IncidentID = inc.ID
	e.Seq = seq + 1
	e.PrevHash = head
	e.OccurredAt = e.OccurredAt.UTC()
	e.RecordedAt = e.RecordedAt.UTC()
	e.Hash = ComputeHash(inc.Ref, e)

	return tx.InsertEntry(ctx, e)
}

// validUTF8 replaces invalid UTF-8 in every text field with U+FFFD before
// the entry is hashed. Storage encodes lists as JSON, which would replace
// those bytes itself after hashing and so break the chain.
func validUTF8(e *Entry) {
	for _, p := range []*string{&e.Author, &e.DecisionMaker, &e.Text, &e.Rationale, &e.LateReason, &e.AmendReason, &e.Source} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}

	for _, list := range [][]string{e.Options, e.Systems, e.Tasks, e.People} {
		for i := range list {
			list[i] = strings.ToValidUTF8(list[i], "\uFFFD")
		}
	}
}

// ResolveIncidentIn is ResolveIncident within a read or transaction that
// the caller already holds.
func (s *Service) ResolveIncidentIn(ctx context.Context, r Reader, ref string) (Incident, error) {
	return resolveIncident(ctx, r, ref)
}
