package tui

import (
	"context"
	"time"

	"github.com/northbridge-nhs/sitroom/incident"
)

// Service is the part of incident.Service the console calls. Reads go
// through Store().Read or Board, so the console uses the domain's Reader
// and never SQL.
type Service interface {
	ResolveIncident(ctx context.Context, ref string) (incident.Incident, error)
	Log(ctx context.Context, actor incident.Actor, ref string, in incident.NewEntry) (incident.Entry, error)
	Amend(ctx context.Context, actor incident.Actor, ref string, seq int64, reason string, in incident.NewEntry) (incident.Entry, error)
	SealOf(ctx context.Context, ref string) (incident.Seal, error)
	Store() incident.Store

	Board(ctx context.Context, ref string) (incident.Board, error)
	SetSystemStatus(ctx context.Context, actor incident.Actor, ref string, ch incident.StatusChange) (incident.Entry, error)
	SignGateCheck(ctx context.Context, actor incident.Actor, ref, systemID string, check incident.GateCheck, note string) (incident.Entry, error)
	AddTasks(ctx context.Context, actor incident.Actor, ref string, in []incident.NewTask) ([]incident.Task, error)
	ChangeTask(ctx context.Context, actor incident.Actor, ref string, ch incident.TaskChange) (incident.Task, error)

	People(ctx context.Context, ref string) (incident.People, error)
	CheckInPerson(ctx context.Context, actor incident.Actor, ref string, in incident.CheckIn, lateReason string) (incident.Duty, error)
	CheckOutPerson(ctx context.Context, actor incident.Actor, ref, staffID, note string) (incident.Duty, error)
	WelfareCheck(ctx context.Context, actor incident.Actor, ref, staffID, note string) (incident.Duty, error)
	RestDecision(ctx context.Context, actor incident.Actor, ref, staffID, decision, rationale string) (incident.Entry, error)
	StartRollCall(ctx context.Context, actor incident.Actor, ref string) (incident.RollCall, error)
	MarkRollCall(ctx context.Context, actor incident.Actor, ref, staffID string, accounted bool, note string) (incident.RollCall, error)
	CloseRollCall(ctx context.Context, actor incident.Actor, ref string) (incident.RollCall, error)

	Messages(ctx context.Context, ref string) ([]incident.Message, error)
	Deadlines(ctx context.Context, ref string) ([]incident.Deadline, error)
	AddMessage(ctx context.Context, actor incident.Actor, ref string, in incident.NewMessage) (incident.Message, error)
	ApproveMessage(ctx context.Context, actor incident.Actor, ref string, num int64) (incident.Message, error)
	SendMessage(ctx context.Context, actor incident.Actor, ref string, num, deadlineID int64) (incident.Message, *incident.Deadline, error)
	AcknowledgeMessage(ctx context.Context, actor incident.Actor, ref string, num int64) (incident.Message, error)
	StartDeadline(ctx context.Context, actor incident.Actor, ref, which string, aware time.Time, rationale, lateReason string) (incident.Deadline, error)

	BuildSitrep(ctx context.Context, ref string, in incident.SitrepInput, zone *time.Location) (incident.Sitrep, error)
	SaveSitrep(ctx context.Context, actor incident.Actor, ref string, in incident.SitrepInput, zone *time.Location) (incident.Sitrep, incident.Entry, error)

	Present(ctx context.Context, incidentID int64) ([]incident.Presence, error)
}

var _ Service = (*incident.Service)(nil)

// Options is everything the console needs from its caller.
type Options struct {
	// Context bounds every read and write the console starts.
	Context context.Context

	Service  Service
	Incident incident.Incident // the incident to open, already resolved
	Actor    incident.Actor    // user at the keyboard, who writes every entry
	Zone     *time.Location    // display zone for times and for parsing typed times

	// Changes receives a value whenever another connection commits to the
	// database, such as store.DB.Watch returns. A nil channel means no
	// live updates. A closed channel ends them.
	Changes <-chan struct{}

	// Notices carries messages from work in the background, such as a
	// failed backup, to show in the footer. nil means none.
	Notices <-chan string

	// NoColor selects the monochrome theme whatever the terminal supports.
	NoColor bool

	// IdleTimeout closes the console after that long without a key, with a
	// warning in the footer during the last minute (or quarter of it). 0
	// means never.
	IdleTimeout time.Duration

	// Draft is the entry the user was typing when their last console on this
	// incident closed, from DraftOf; the console reopens the form on it.
	Draft *incident.Draft

	// Now returns the current time, or is nil for time.Now. Tests set it.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Context == nil {
		o.Context = context.Background()
	}

	if o.Zone == nil {
		o.Zone = time.Local
	}

	if o.Now == nil {
		o.Now = time.Now
	}

	return o
}
