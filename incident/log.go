package incident

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// NewEntry holds what an operator gives for a timeline entry. The service
// fills in the sequence number, recorded time, author and hashes.
type NewEntry struct {
	OccurredAt    time.Time // zero means now
	DecisionMaker string    // empty means the author
	Level         Level     // empty means the actor's level
	Kind          Kind
	Text          string
	Rationale     string
	Options       []string
	ReviewAt      *time.Time
	LateReason    string
	Systems       []string
	Tasks         []string
	People        []string
}

// Errors that name what an entry lacks, so that the command line can point
// at its flag and the console at its field.
var (
	ErrNoRationale  = errors.New("record why it was taken")
	ErrNoLateReason = errors.New("give a reason for the delay")
)

// maxFuture is how far ahead of the clock an occurred time may be, to allow
// for clocks a little apart between machines.
const maxFuture = 2 * time.Minute

// Log appends an entry to the incident's timeline. It rejects an empty text,
// a decision without rationale, an occurred time in the future, and a late
// entry without a reason for the delay.
func (s *Service) Log(ctx context.Context, actor Actor, ref string, in NewEntry) (Entry, error) {
	now := s.Now()

	e, err := s.buildEntry(actor, in, now)
	if err != nil {
		return Entry{}, err
	}

	err = s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		if err := checkReferences(ctx, tx, &e); err != nil {
			return err
		}

		return appendEntry(ctx, tx, inc, &e)
	})
	if err != nil {
		return Entry{}, fmt.Errorf("log entry: %w", err)
	}

	return e, nil
}

// Amend appends a correction to the entry with sequence number seq. The
// original stays on the timeline, shown struck through beside its
// correction. reason says why the correction was needed. Fields left empty
// in `in` keep the original's values, so a correction of the time alone
// need not retype the text.
func (s *Service) Amend(ctx context.Context, actor Actor, ref string, seq int64, reason string, in NewEntry) (Entry, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Entry{}, fmt.Errorf("amendment to entry %d has no reason: say why it is being corrected", seq)
	}

	now := s.Now()
	var e Entry

	err := s.update(ctx, actor, func(tx Tx) error {
		inc, err := resolveIncident(ctx, tx, ref)
		if err != nil {
			return err
		}

		orig, err := tx.EntryBySeq(ctx, inc.ID, seq)
		if err != nil {
			return fmt.Errorf("entry %d of incident %s: %w", seq, inc.Ref, err)
		}

		if in.OccurredAt.IsZero() {
			in.OccurredAt = orig.OccurredAt
		}

		if in.Kind == "" {
			in.Kind = orig.Kind
		}

		if in.Level == "" {
			in.Level = orig.Level
		}

		if in.DecisionMaker == "" {
			in.DecisionMaker = orig.DecisionMaker
		}

		inheritUnset(&in, &orig)

		if in.LateReason == "" && now.Sub(in.OccurredAt) > LateAfter {
			in.LateReason = "correction of entry " + fmt.Sprint(seq)
		}

		e, err = s.buildEntry(actor, in, now)
		if err != nil {
			return err
		}

		e.Amends = seq
		e.AmendReason = reason

		if err := checkReferences(ctx, tx, &e); err != nil {
			return err
		}

		return appendEntry(ctx, tx, inc, &e)
	})
	if err != nil {
		return Entry{}, fmt.Errorf("amend entry %d: %w", seq, err)
	}

	return e, nil
}

// inheritUnset copies into in each field of orig that in leaves empty.
func inheritUnset(in *NewEntry, orig *Entry) {
	if strings.TrimSpace(in.Text) == "" {
		in.Text = orig.Text
	}

	if strings.TrimSpace(in.Rationale) == "" {
		in.Rationale = orig.Rationale
	}

	if in.Options == nil {
		in.Options = orig.Options
	}

	if in.ReviewAt == nil {
		in.ReviewAt = orig.ReviewAt
	}

	if in.Systems == nil {
		in.Systems = orig.Systems
	}

	if in.Tasks == nil {
		in.Tasks = orig.Tasks
	}

	if in.People == nil {
		in.People = orig.People
	}
}

func (s *Service) buildEntry(actor Actor, in NewEntry, now time.Time) (Entry, error) {
	if actor.ID == "" {
		return Entry{}, fmt.Errorf("no identity to record as author: give --as STAFF_ID or set SITROOM_USER")
	}

	text := strings.TrimSpace(in.Text)
	if text == "" {
		return Entry{}, fmt.Errorf("entry has no text: say what happened")
	}

	if in.Kind == "" {
		in.Kind = KindObservation
	}

	if in.Level == "" {
		in.Level = actorLevel(actor)
	}

	if in.DecisionMaker == "" {
		in.DecisionMaker = actor.Maker()
	}

	occurred := in.OccurredAt
	if occurred.IsZero() {
		occurred = now
	}

	if occurred.After(now.Add(maxFuture)) {
		return Entry{}, fmt.Errorf("occurred time %s is in the future: give the time it happened", occurred.Format(time.RFC3339))
	}

	e := Entry{
		OccurredAt: occurred.UTC(), RecordedAt: now, Author: actor.ID, DecisionMaker: in.DecisionMaker,
		Level: in.Level, Kind: in.Kind, Text: text, Rationale: strings.TrimSpace(in.Rationale),
		Options: cleanList(in.Options), ReviewAt: in.ReviewAt, LateReason: strings.TrimSpace(in.LateReason),
		Systems: cleanList(in.Systems), Tasks: cleanList(in.Tasks), People: cleanList(in.People),
	}

	if e.Kind == KindDecision && e.Rationale == "" {
		return Entry{}, fmt.Errorf("decision has no rationale: %w", ErrNoRationale)
	}

	if e.Late() && e.LateReason == "" {
		return Entry{}, fmt.Errorf("entry is late (recorded %s after it occurred, more than %s): %w",
			FormatDuration(e.RecordedAt.Sub(e.OccurredAt)), FormatDuration(LateAfter), ErrNoLateReason)
	}

	return e, nil
}

func cleanList(in []string) []string {
	var out []string

	for _, v := range in {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}

	return out
}

// FormatDuration writes d as "3d 4h 05m", "4h 05m" or "12m", rounded down
// to the minute, for clocks and delays.
func FormatDuration(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}

	mins := int64(d / time.Minute)
	days, hours, m := mins/(24*60), (mins/60)%24, mins%60

	var out string
	switch {
	case days > 0:
		out = fmt.Sprintf("%dd %dh %02dm", days, hours, m)
	case hours > 0:
		out = fmt.Sprintf("%dh %02dm", hours, m)
	default:
		out = fmt.Sprintf("%dm", m)
	}

	if neg {
		return "-" + out
	}

	return out
}
