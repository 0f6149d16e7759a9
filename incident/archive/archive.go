// Package archive moves an incident between hosts in one file: its
// timeline with every hash, and the systems, roster, tasks, people and
// messages it uses. Importing verifies the chain and brings in only what
// is new, so importing an archive twice, or an archive that grew since,
// changes nothing already there.
package archive

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/export"
)

// Format names the layout of an archive file.
const Format = "sitroom-archive-v1"

// Record kinds, each line's "record".
const (
	recHeader    = "archive"
	recIncident  = "incident"
	recEntry     = "entry"
	recSystem    = "system"
	recStaff     = "staff"
	recState     = "state"
	recSignature = "signature"
	recTask      = "task"
	recDuty      = "duty"
	recRollCall  = "rollcall"
	recMessage   = "message"
	recDeadline  = "deadline"
	recSitrep    = "sitrep"
	recSettings  = "settings"
	recEnd       = "end"
)

// header is the first line of an archive.
type header struct {
	Record     string    `json:"record"`
	Format     string    `json:"format"`
	Ref        string    `json:"ref"`
	ExportedAt time.Time `json:"exported_at"`
	ExportedBy string    `json:"exported_by"`
}

// item is every line but the header and the entries.
type item struct {
	Record string          `json:"record"`
	Data   json.RawMessage `json:"data,omitempty"`

	// Set on the last line only.
	Entries int64  `json:"entries,omitempty"`
	Head    string `json:"head,omitempty"`
}

// settings are the incident's settings.
type settings struct {
	Welfare time.Duration `json:"welfare_ns"`
}

// Summary describes an archive written or imported.
type Summary struct {
	Ref     string
	Entries int64 // in the archive
	Added   int64 // entries added by an import
	Created bool  // the import created the incident
	Seal    incident.Seal
}

// MarkPrefix starts the text of the entry that an archive export appends:
// it records the digest of everything in the archive that the chain does
// not cover, so that an import can tell if any of it was changed.
const MarkPrefix = "Archived for transfer to another host; state digest sha256:"

// Write writes incident ref as an archive. In one write transaction it
// encodes the incident's record and state, appends an entry recording
// their digest, and writes the timeline with that entry and then the
// state, so that the digest covers exactly what the file holds.
func Write(ctx context.Context, svc *incident.Service, actor incident.Actor, ref string, w io.Writer) (Summary, error) {
	out := bufio.NewWriterSize(w, 64*1024)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	var sum Summary

	err := svc.UpdateAs(ctx, actor, func(tx incident.Tx) error {
		inc, err := svc.ResolveIncidentIn(ctx, tx, ref)
		if err != nil {
			return err
		}

		sum.Ref = inc.Ref

		var covered bytes.Buffer
		head := json.NewEncoder(&covered)
		head.SetEscapeHTML(false)

		if err := head.Encode(header{Record: recHeader, Format: Format, Ref: inc.Ref, ExportedAt: svc.Now(), ExportedBy: actor.ID}); err != nil {
			return err
		}

		if err := put(head, recIncident, inc); err != nil {
			return err
		}

		var state bytes.Buffer
		stateEnc := json.NewEncoder(&state)
		stateEnc.SetEscapeHTML(false)

		if err := writeState(ctx, stateEnc, tx, inc); err != nil {
			return err
		}

		digest := sha256.Sum256(append(append([]byte{}, covered.Bytes()...), state.Bytes()...))

		mark := incident.NewEntry{Kind: incident.KindSystem, Text: MarkPrefix + hex.EncodeToString(digest[:])}
		if _, err := svc.AppendEntry(ctx, tx, actor, inc, mark); err != nil {
			return fmt.Errorf("record the archive on the timeline: %w", err)
		}

		if _, err := out.Write(covered.Bytes()); err != nil {
			return err
		}

		v := incident.NewChainVerifier(inc.Ref)

		err = tx.ScanEntries(ctx, incident.EntryQuery{IncidentID: inc.ID, Order: incident.BySeq}, func(e *incident.Entry) error {
			if err := v.Check(e); err != nil {
				return fmt.Errorf("the timeline of %s does not verify, so it cannot be archived: %w", inc.Ref, err)
			}

			rec := export.RecordOf(inc.Ref, e)

			return enc.Encode(&rec)
		})
		if err != nil {
			return err
		}

		if _, err := out.Write(state.Bytes()); err != nil {
			return err
		}

		sum.Entries = v.Count()
		sum.Seal = incident.Seal{Ref: inc.Ref, Entries: v.Count(), Head: v.Head()}

		return enc.Encode(item{Record: recEnd, Entries: v.Count(), Head: v.Head()})
	})
	if err != nil {
		return sum, fmt.Errorf("archive incident %s: %w", ref, err)
	}

	return sum, out.Flush()
}

func put(enc *json.Encoder, record string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}

	return enc.Encode(item{Record: record, Data: data})
}

// writeState writes the register, the roster and the incident's state.
func writeState(ctx context.Context, enc *json.Encoder, r incident.Reader, inc incident.Incident) error {
	systems, err := r.Systems(ctx)
	if err != nil {
		return err
	}

	staff, err := r.Staff(ctx)
	if err != nil {
		return err
	}

	states, err := r.SystemStates(ctx, inc.ID)
	if err != nil {
		return err
	}

	sigs, err := r.GateSignatures(ctx, inc.ID)
	if err != nil {
		return err
	}

	tasks, err := r.Tasks(ctx, inc.ID)
	if err != nil {
		return err
	}

	duties, err := r.Duties(ctx, inc.ID)
	if err != nil {
		return err
	}

	calls, err := r.RollCalls(ctx, inc.ID)
	if err != nil {
		return err
	}

	messages, err := r.Messages(ctx, inc.ID)
	if err != nil {
		return err
	}

	deadlines, err := r.Deadlines(ctx, inc.ID)
	if err != nil {
		return err
	}

	sitreps, err := r.Sitreps(ctx, inc.ID)
	if err != nil {
		return err
	}

	welfare, err := r.WelfareInterval(ctx, inc.ID)
	if err != nil {
		return err
	}

	var lines []item

	add := func(record string, v any) {
		data, err2 := json.Marshal(v)
		if err2 != nil && err == nil {
			err = err2
		}

		lines = append(lines, item{Record: record, Data: data})
	}

	for _, v := range systems {
		add(recSystem, v)
	}

	for _, v := range staff {
		add(recStaff, v)
	}

	for _, v := range states {
		add(recState, v)
	}

	for _, v := range sigs {
		add(recSignature, v)
	}

	for _, v := range tasks {
		add(recTask, v)
	}

	for _, v := range duties {
		add(recDuty, v)
	}

	for _, v := range calls {
		add(recRollCall, v)
	}

	for _, v := range deadlines {
		add(recDeadline, v)
	}

	for _, v := range messages {
		add(recMessage, v)
	}

	for _, v := range sitreps {
		add(recSitrep, v)
	}

	add(recSettings, settings{Welfare: welfare})

	if err != nil {
		return err
	}

	for _, l := range lines {
		if err := enc.Encode(l); err != nil {
			return err
		}
	}

	return nil
}
