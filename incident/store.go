package incident

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned, wrapped with the value looked for, when a record
// does not exist.
var ErrNotFound = errors.New("not found")

// Store is the storage the Service works through. The store package
// implements it on SQLite.
type Store interface {
	// Update runs fn in one write transaction. Writers queue for the write
	// lock instead of failing, and fn's writes commit together or not at all.
	Update(ctx context.Context, fn func(tx Tx) error) error

	// Read runs fn against one consistent snapshot.
	Read(ctx context.Context, fn func(r Reader) error) error
}

// EntryOrder chooses the order ScanEntries visits entries in.
type EntryOrder int

// Entry orders.
const (
	BySeq      EntryOrder = iota // chain order
	ByOccurred                   // occurred time, ties by sequence number
)

// EntryQuery selects entries of one incident for ScanEntries.
type EntryQuery struct {
	IncidentID int64
	AfterID    int64 // only entries with a larger row id, for fetching what is new
	Order      EntryOrder
	Limit      int // 0 means no limit
}

// Reader is the read side of the store.
type Reader interface {
	Incidents(ctx context.Context) ([]Incident, error)
	IncidentByRef(ctx context.Context, ref string) (Incident, error)

	// ChainHead returns the sequence number and hash of the incident's last
	// entry, or 0 and "" when it has none.
	ChainHead(ctx context.Context, incidentID int64) (seq int64, hash string, err error)
	EntryBySeq(ctx context.Context, incidentID, seq int64) (Entry, error)

	// ScanEntries calls fn for each selected entry, streaming, so that
	// exports of a long timeline need not hold it all in memory. An error
	// from fn stops the scan and is returned.
	ScanEntries(ctx context.Context, q EntryQuery, fn func(*Entry) error) error

	Systems(ctx context.Context) ([]System, error)
	SystemStatuses(ctx context.Context, incidentID int64) (map[string]SystemStatus, error)
	Staff(ctx context.Context) ([]StaffMember, error)
	StaffByID(ctx context.Context, id string) (StaffMember, error)

	// SystemByID returns the system with id, or an error wrapping
	// ErrNotFound.
	SystemByID(ctx context.Context, id string) (System, error)

	// SystemState returns one system's recorded state, and false when it
	// has none (it is then operational).
	SystemState(ctx context.Context, incidentID int64, systemID string) (SystemState, bool, error)

	// SystemStates returns the recorded state of each system in the
	// incident, by system id. A system with no state is operational.
	SystemStates(ctx context.Context, incidentID int64) (map[string]SystemState, error)

	// GateSignatures returns every gate check signed in the incident, of
	// every episode.
	GateSignatures(ctx context.Context, incidentID int64) ([]GateSignature, error)

	// Tasks returns the incident's tasks in number order, with Due as
	// stored: set only when it was set by hand.
	Tasks(ctx context.Context, incidentID int64) ([]Task, error)

	// WelfareInterval returns the incident's welfare interval, or 0 when
	// it has not set one (DefaultWelfareInterval then applies).
	WelfareInterval(ctx context.Context, incidentID int64) (time.Duration, error)

	// Duties returns every spell on duty in the incident, open and closed,
	// in check-in order.
	Duties(ctx context.Context, incidentID int64) ([]Duty, error)

	// RollCalls returns the incident's roll calls in number order, each
	// with its marks.
	RollCalls(ctx context.Context, incidentID int64) ([]RollCall, error)

	// Messages returns the incident's messages in number order.
	Messages(ctx context.Context, incidentID int64) ([]Message, error)

	// Deadlines returns the incident's notification duties in id order.
	Deadlines(ctx context.Context, incidentID int64) ([]Deadline, error)

	// Sitreps returns the incident's saved situation reports in number
	// order.
	Sitreps(ctx context.Context, incidentID int64) ([]SitrepRecord, error)

	// HasStaff reports whether the roster has anyone on it.
	HasStaff(ctx context.Context) (bool, error)

	// StaffByLogin returns the staff member whose login is login, or an
	// error wrapping ErrNotFound.
	StaffByLogin(ctx context.Context, login string) (StaffMember, error)

	// StaffKeys returns every registered key, revoked ones too, by staff
	// id then time added. StaffKey returns one by fingerprint, or an error
	// wrapping ErrNotFound.
	StaffKeys(ctx context.Context) ([]StaffKey, error)
	StaffKey(ctx context.Context, fingerprint string) (StaffKey, error)

	// Presence returns the consoles open on the incident, in the order
	// they opened, whether or not their process is still alive.
	Presence(ctx context.Context, incidentID int64) ([]Presence, error)

	// Draft returns the person's draft on the incident, and false when
	// there is none.
	Draft(ctx context.Context, staffID string, incidentID int64) (Draft, bool, error)
}

// Tx is a write transaction.
type Tx interface {
	Reader

	// InsertIncident stores a new incident and sets its ID.
	InsertIncident(ctx context.Context, in *Incident) error

	// InsertEntry appends an entry whose Seq, PrevHash and Hash the caller
	// has already set, and sets its ID.
	InsertEntry(ctx context.Context, e *Entry) error

	// PutSystem adds a system to the register or replaces the one with its ID.
	PutSystem(ctx context.Context, s System) error

	// PutStaff adds a staff member to the roster or replaces the one with
	// their ID.
	PutStaff(ctx context.Context, m StaffMember) error

	// PutSystemState records a system's state in the incident, replacing
	// the one before.
	PutSystemState(ctx context.Context, incidentID int64, st SystemState) error

	// InsertGateSignature records one signed gate check.
	InsertGateSignature(ctx context.Context, incidentID int64, sig GateSignature) error

	// InsertTask stores a new task, whose Num the caller has chosen, and
	// sets its ID.
	InsertTask(ctx context.Context, t *Task) error

	// UpdateTask replaces the stored task with the same incident and Num.
	UpdateTask(ctx context.Context, t Task) error

	// SetWelfareInterval sets the incident's welfare interval.
	SetWelfareInterval(ctx context.Context, incidentID int64, d time.Duration) error

	// InsertDuty stores a new spell on duty and sets its ID; UpdateDuty
	// replaces the one with the same ID.
	InsertDuty(ctx context.Context, d *Duty) error
	UpdateDuty(ctx context.Context, d Duty) error

	// InsertRollCall stores a new roll call with its Expected list and sets
	// its ID; CloseRollCall sets its closing time; PutRollMark records or
	// replaces one person's mark.
	InsertRollCall(ctx context.Context, rc *RollCall) error
	CloseRollCall(ctx context.Context, id int64, at time.Time) error
	PutRollMark(ctx context.Context, rollCallID int64, m RollMark) error

	// InsertMessage stores a new message and sets its ID; UpdateMessage
	// replaces the one with the same ID.
	InsertMessage(ctx context.Context, m *Message) error
	UpdateMessage(ctx context.Context, m Message) error

	// InsertDeadline stores a new notification duty and sets its ID;
	// UpdateDeadline replaces the one with the same ID.
	InsertDeadline(ctx context.Context, d *Deadline) error
	UpdateDeadline(ctx context.Context, d Deadline) error

	// InsertSitrep records a saved situation report.
	InsertSitrep(ctx context.Context, s SitrepRecord) error

	// PutStaffKey adds a key or replaces the one with its fingerprint.
	PutStaffKey(ctx context.Context, k StaffKey) error

	// PutPresence records an open console; DeletePresence removes the one
	// with id, and does nothing when there is none.
	PutPresence(ctx context.Context, p Presence) error
	DeletePresence(ctx context.Context, id string) error

	// PutDraft stores the person's draft on the incident, replacing any
	// before; DeleteDraft removes it.
	PutDraft(ctx context.Context, d Draft) error
	DeleteDraft(ctx context.Context, staffID string, incidentID int64) error
}
