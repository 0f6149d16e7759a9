package incident

import (
	"fmt"
	"regexp"
	"time"
)

// Incident is one cyber incident or exercise that the command room runs.
type Incident struct {
	ID         int64
	Ref        string // human reference such as NBH-2026-014, unique per database
	Title      string
	Kind       string // free text, for example "ransomware (supplier-borne)"
	Severity   string // free text, for example "critical"
	Status     Status
	DeclaredAt time.Time
	DeclaredBy string // identity of whoever declared it
	Exercise   bool   // an exercise is marked EXERCISE on every screen and export
}

var refPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// ValidateRef checks that ref is short, starts with a letter or digit, and
// holds only letters, digits, dots, dashes and underscores, so that it is
// safe in file names and easy to read out over a phone.
func ValidateRef(ref string) error {
	if !refPattern.MatchString(ref) {
		return fmt.Errorf("invalid incident reference %q: use 1 to 40 letters, digits, '.', '-' or '_', for example NBH-2026-014", ref)
	}

	return nil
}
