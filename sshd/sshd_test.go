package sshd

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

func TestHostKeyMadeOnceAndPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host")

	first, created, err := HostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, %v", created, err)
	}

	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode = %v, %v; want 0600", info.Mode().Perm(), err)
	}

	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type = %s, want ed25519", first.PublicKey().Type())
	}

	again, created, err := HostKey(path)
	if err != nil || created || Fingerprint(again.PublicKey()) != Fingerprint(first.PublicKey()) {
		t.Errorf("second start: created %v, err %v, same key %v", created, err, err == nil && Fingerprint(again.PublicKey()) == Fingerprint(first.PublicKey()))
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}

	if _, _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "run chmod 600 "+path) {
		t.Errorf("a readable host key: %v, want a refusal naming chmod 600", err)
	}
}

func TestParseStaffKey(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}

	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshPub))) + " siân@laptop\n"

	k, err := ParseStaffKey("ST01", []byte(line))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	if k.Fingerprint != gossh.FingerprintSHA256(sshPub) || k.Comment != "siân@laptop" || k.StaffID != "ST01" || strings.Contains(k.PublicKey, "siân") {
		t.Errorf("parsed key = %+v", k)
	}

	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}

	bad := map[string]string{
		"private key":  "-----BEGIN " + block.Type + "-----\nAAAA\n-----END " + block.Type + "-----\n",
		"two keys":     line + line,
		"options":      `command="sh" ` + line,
		"not a key":    "hello",
		"empty":        "",
		"control text": "ssh-ed25519 \x1b[2J",
	}

	want := map[string]string{
		"private key": "this is a private key", "two keys": "more than one key", "options": "has options",
		"not a key": "not an SSH public key", "empty": "not an SSH public key", "control text": "not an SSH public key",
	}

	for name, text := range bad {
		if _, err := ParseStaffKey("ST01", []byte(text)); err == nil || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s: %v, want %q", name, err, want[name])
		}
	}
}

// startServer runs a server for a new database holding ST01 with a key,
// on a free loopback port, and returns its address and ST01's signer.
func startServer(t *testing.T) (string, gossh.Signer, gossh.PublicKey) {
	t.Helper()

	ctx := context.Background()

	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "sitroom.db"))
	if err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() { db.Close() })

	svc := incident.NewService(db, nil)
	boss := incident.Actor{ID: "ST01", Setup: true}

	if err := svc.ImportStaff(ctx, boss, "staff.csv", []incident.StaffMember{{ID: "ST01", Name: "Siân", Level: incident.LevelGold}}); err != nil {
		t.Fatal(err)
	}

	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	user, _ := gossh.NewSignerFromKey(priv)
	k, err := ParseStaffKey("ST01", gossh.MarshalAuthorizedKey(user.PublicKey()))
	if err != nil {
		t.Fatal(err)
	}

	if _, err := svc.AddStaffKey(ctx, incident.Actor{ID: "ST01", OnRoster: true}, k); err != nil {
		t.Fatal(err)
	}

	host, _, err := HostKey(filepath.Join(t.TempDir(), "host"))
	if err != nil {
		t.Fatal(err)
	}

	srv, err := New(Config{HostKey: host}, Backend{Service: svc})
	if err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}

	serveCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)

	go func() { done <- srv.Serve(serveCtx, ln) }()

	t.Cleanup(func() {
		stop()

		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})

	return ln.Addr().String(), user, host.PublicKey()
}

func dial(addr string, host gossh.PublicKey, auth ...gossh.AuthMethod) error {
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "anyone", Auth: auth, HostKeyCallback: gossh.FixedHostKey(host), Timeout: 5 * time.Second,
	})
	if err == nil {
		client.Close()
	}

	return err
}

func TestOnlyRegisteredKeysGetIn(t *testing.T) {
	addr, user, host := startServer(t)

	if err := dial(addr, host, gossh.PublicKeys(user)); err != nil {
		t.Fatalf("registered key refused: %v", err)
	}

	password := gossh.Password("hunter2")
	interactive := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return []string{"hunter2"}, nil
	})

	_, other, _ := ed25519.GenerateKey(rand.Reader)
	stranger, _ := gossh.NewSignerFromKey(other)

	for name, auth := range map[string]gossh.AuthMethod{"password": password, "keyboard-interactive": interactive, "unknown key": gossh.PublicKeys(stranger)} {
		err := dial(addr, host, auth)

		var refused *gossh.ServerAuthError
		if err == nil || (!errors.As(err, &refused) && !strings.Contains(err.Error(), "unable to authenticate")) {
			t.Errorf("%s: %v, want an authentication refusal", name, err)
		}

		if err != nil && !strings.Contains(err.Error(), "[none publickey]") && !strings.Contains(err.Error(), "no supported methods remain") {
			t.Errorf("%s: %v, want publickey the only method offered", name, err)
		}
	}
}
