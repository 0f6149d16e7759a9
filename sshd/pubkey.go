package sshd

import (
	"bytes"
	"fmt"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"github.com/northbridge-nhs/sitroom/incident"
)

// ParseStaffKey reads one public key in authorized_keys format (the .pub
// file ssh-keygen writes) for staffID. A file holding a private key, or
// more than one key, is refused.
func ParseStaffKey(staffID string, data []byte) (incident.StaffKey, error) {
	if bytes.Contains(data, []byte("PRIVATE KEY")) {
		return incident.StaffKey{}, fmt.Errorf("this is a private key: give the public key, the file ending in .pub, and keep the private one secret")
	}

	key, comment, options, rest, err := gossh.ParseAuthorizedKey(data)
	if err != nil {
		return incident.StaffKey{}, fmt.Errorf("not an SSH public key: give the .pub file that ssh-keygen wrote: %w", err)
	}

	if len(options) > 0 {
		return incident.StaffKey{}, fmt.Errorf("the key line has options (%s): give the key alone, as ssh-keygen writes it", strings.Join(options, ","))
	}

	if len(bytes.TrimSpace(rest)) > 0 {
		return incident.StaffKey{}, fmt.Errorf("more than one key given: register one key at a time")
	}

	return incident.StaffKey{
		Fingerprint: Fingerprint(key),
		StaffID:     staffID,
		PublicKey:   strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key))),
		Comment:     incident.SanitizeLine(comment),
	}, nil
}
