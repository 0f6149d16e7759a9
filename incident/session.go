package incident

import (
	"time"
)

// StaffKey is an SSH public key registered to a staff member for sitroom's
// own SSH server. A revoked key keeps its record.
type StaffKey struct {
	Fingerprint string // SHA256:… as ssh-keygen -l prints it
	StaffID     string
	PublicKey   string // one line in authorized_keys format, without comment
	Comment     string
	AddedAt     time.Time
	AddedBy     string
	RevokedAt   time.Time // zero while the key is in use
	RevokedBy   string
}

// Revoked reports whether the key no longer lets anyone in.
func (k StaffKey) Revoked() bool { return !k.RevokedAt.IsZero() }

// Ways a console is reached, shown on the presence line.
const (
	ViaLocal = "local" // the binary run in a shell on the host, including through the host's sshd
	ViaSSH   = "ssh"   // a session of sitroom serve
)

// Presence is one open console, shown to the others on the presence line.
type Presence struct {
	ID         string // unique per console
	IncidentID int64
	StaffID    string
	Name       string
	Level      Level
	Access     Access
	Via        string // ViaLocal or ViaSSH
	PID        int    // process holding the console; a row whose process has gone is ignored
	StartedAt  time.Time
}

// Draft is an entry form left half-typed when a console closed, kept for
// the same person's next console on the incident. Body is opaque to the
// service: the console stores its form there.
type Draft struct {
	StaffID    string
	IncidentID int64
	SavedAt    time.Time
	Body       string
}
