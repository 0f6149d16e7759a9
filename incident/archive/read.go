package archive

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/export"
)

// contents is an archive read into memory.
type contents struct {
	header    header
	incident  incident.Incident
	entries   []incident.Entry // in sequence order
	systems   []incident.System
	staff     []incident.StaffMember
	states    []incident.SystemState
	sigs      []incident.GateSignature
	tasks     []incident.Task
	duties    []incident.Duty
	calls     []incident.RollCall
	deadlines []incident.Deadline
	messages  []incident.Message
	sitreps   []incident.SitrepRecord
	settings  settings
	end       *item

	// covered is every line the chain does not cover, as written, which
	// the archive's mark entry holds the digest of.
	covered hash.Hash
}

// read parses an archive and verifies its chain and its last line, so
// that nothing from a broken or cut-short archive is imported.
func read(r io.Reader) (*contents, error) {
	c := &contents{covered: sha256.New()}

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)

	for line := 1; sc.Scan(); line++ {
		if err := c.add(sc.Bytes(), line); err != nil {
			return nil, err
		}
	}

	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read archive: %w", err)
	}

	if c.header.Format == "" || c.incident.Ref == "" {
		return nil, fmt.Errorf("not a sitroom archive: make one with sitroom archive export")
	}

	if c.end == nil {
		return nil, fmt.Errorf("the archive of %s has no last line, so it was cut short: copy it again", c.incident.Ref)
	}

	slices.SortFunc(c.entries, func(a, b incident.Entry) int { return int(a.Seq - b.Seq) })

	if err := incident.VerifyChain(c.incident.Ref, c.entries); err != nil {
		return nil, fmt.Errorf("the archive's chain does not verify, so nothing was imported: %w", err)
	}

	n := int64(len(c.entries))

	head := ""
	if n > 0 {
		head = c.entries[n-1].Hash
	}

	if c.end.Entries != n || c.end.Head != head {
		return nil, fmt.Errorf("the archive's last line says %d entries ending %.16s, but it holds %d ending %.16s: "+
			"entries or the last line were changed; nothing was imported", c.end.Entries, c.end.Head, n, head)
	}

	return c, c.checkDigest()
}

// checkDigest compares the digest of the lines the chain does not cover
// with the one the archive's last entry recorded when it was written.
func (c *contents) checkDigest() error {
	n := len(c.entries)
	if n == 0 || !strings.HasPrefix(c.entries[n-1].Text, MarkPrefix) {
		return fmt.Errorf("the archive's last entry does not record its digest, so its incident, systems, staff and state cannot be checked: " +
			"entries were removed from its end, or it was not made by sitroom archive export; nothing was imported")
	}

	want := strings.TrimPrefix(c.entries[n-1].Text, MarkPrefix)
	if got := hex.EncodeToString(c.covered.Sum(nil)); got != want {
		return fmt.Errorf("the archive's incident, systems, staff or state differ from what its entry %d recorded when it was written, "+
			"so they were changed since: nothing was imported", c.entries[n-1].Seq)
	}

	return nil
}

func (c *contents) add(data []byte, line int) error {
	if err := c.note(data, line); err != nil {
		return err
	}

	if line == 1 {
		if err := json.Unmarshal(data, &c.header); err != nil || c.header.Record != recHeader {
			return fmt.Errorf("not a sitroom archive (line 1): make one with sitroom archive export")
		}

		if c.header.Format != Format {
			return fmt.Errorf("archive format %q; this sitroom reads %q", c.header.Format, Format)
		}

		return nil
	}

	var it item
	if err := json.Unmarshal(data, &it); err != nil {
		return fmt.Errorf("archive line %d is not JSON: the file was damaged; copy it again: %w", line, err)
	}

	if c.end != nil {
		return fmt.Errorf("archive line %d follows the last line: the file was damaged; copy it again", line)
	}

	if it.Record == recEntry {
		return c.addEntry(data, line)
	}

	if it.Record == recEnd {
		c.end = &it

		return nil
	}

	target, ok := c.target(it.Record)
	if !ok {
		return fmt.Errorf("archive line %d has a record %q where none belongs: the file was changed, or it comes from a newer sitroom; nothing was imported", line, it.Record)
	}

	if err := json.Unmarshal(it.Data, target); err != nil {
		return fmt.Errorf("archive line %d: unreadable %s: %w", line, it.Record, err)
	}

	return nil
}

func (c *contents) addEntry(data []byte, line int) error {
	var rec export.EntryRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return fmt.Errorf("archive line %d: unreadable entry: %w", line, err)
	}

	e, err := rec.Entry()
	if err != nil {
		return fmt.Errorf("archive line %d: %w", line, err)
	}

	c.entries = append(c.entries, e)

	return nil
}

// target returns where a record of kind record is decoded to: the single
// value, or a new element of its list.
func (c *contents) target(record string) (any, bool) {
	switch record {
	case recIncident:
		return &c.incident, true
	case recSystem:
		return grow(&c.systems), true
	case recStaff:
		return grow(&c.staff), true
	case recState:
		return grow(&c.states), true
	case recSignature:
		return grow(&c.sigs), true
	case recTask:
		return grow(&c.tasks), true
	case recDuty:
		return grow(&c.duties), true
	case recRollCall:
		return grow(&c.calls), true
	case recDeadline:
		return grow(&c.deadlines), true
	case recMessage:
		return grow(&c.messages), true
	case recSitrep:
		return grow(&c.sitreps), true
	case recSettings:
		return &c.settings, true
	}

	return nil, false
}

// grow appends a zero value to list and returns a pointer to it.
func grow[T any](list *[]T) *T {
	var zero T
	*list = append(*list, zero)

	return &(*list)[len(*list)-1]
}

// note adds a line the chain does not cover to the digest: every line but
// the entries and the last.
func (c *contents) note(data []byte, line int) error {
	if line > 1 {
		var kind struct {
			Record string `json:"record"`
		}

		if err := json.Unmarshal(data, &kind); err != nil {
			return fmt.Errorf("archive line %d is not JSON: the file was damaged; copy it again: %w", line, err)
		}

		if kind.Record == recEntry || kind.Record == recEnd {
			return nil
		}
	}

	c.covered.Write(data)
	c.covered.Write([]byte{'\n'})

	return nil
}
