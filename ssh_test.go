package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestServeAuthentication checks who gets in to sitroom serve, as whom,
// with the OpenSSH client on loopback.
func TestServeAuthentication(t *testing.T) {
	env := newSSHEnv(t, "ST01", "ST09")
	srv := env.serve()
	st01, st09 := env.keyPath("ST01"), env.keyPath("ST09")

	// The host key was made with mode 0600, and the fingerprint printed is
	// the one the client stores.
	if info, err := os.Stat(env.hostKey); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode: %v, %v; want 0600", info, err)
	}

	out, errOut, code := env.ssh(append(env.sshArgs(srv, st09), "-T", "127.0.0.1", "status")...)
	if code != 0 {
		t.Fatalf("status over SSH exited %d: %s", code, errOut)
	}

	wantContains(t, "status as ST09", out, "You         Marcus Delacroix-Bennett (ST09), silver commander")
	wantContains(t, "status", out, "NBH-2026-014")

	known, err := exec.Command("ssh-keygen", "-l", "-f", env.knownHosts).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh-keygen -l: %v\n%s", err, known)
	}

	wantContains(t, "known host fingerprint", string(known), srv.fingerprint)

	// A key nobody registered is refused.
	stranger := env.newKey("stranger")
	if _, errOut, code := env.ssh(append(env.sshArgs(srv, stranger), "-T", "127.0.0.1", "status")...); code != 255 {
		t.Errorf("unknown key: exit %d, want 255 (refused)", code)
	} else {
		wantContains(t, "unknown key", errOut, "Permission denied (publickey)")
	}

	// Passwords are never asked for.
	pw := append(env.sshArgs(srv), "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive",
		"-T", "127.0.0.1", "status")
	if _, errOut, code := env.ssh(pw...); code != 255 {
		t.Errorf("password attempt: exit %d, want 255", code)
	} else {
		wantContains(t, "password attempt", errOut, "Permission denied (publickey)")
	}

	// Offering ST09's public key first, without its private key, and then
	// signing in with ST01's key gives ST01, never ST09.
	offered := env.dir + "/offered-st09.pub"
	copyFile(t, st09+".pub", offered)

	out, errOut, code = env.ssh(append(env.sshArgs(srv, offered, st01), "-T", "127.0.0.1", "status")...)
	if code != 0 {
		t.Fatalf("offer then sign: exit %d: %s", code, errOut)
	}

	wantContains(t, "identity after offering another key", out, "You         Siân Pritchard-Evans (ST01), gold commander")

	// A revoked key is refused from then on.
	env.mustRun("--as", "ST01", "keys", "revoke", "ST09")

	if _, errOut, code := env.ssh(append(env.sshArgs(srv, st09), "-T", "127.0.0.1", "status")...); code != 255 {
		t.Errorf("revoked key: exit %d, want 255", code)
	} else {
		wantContains(t, "revoked key", errOut, "Permission denied (publickey)")
	}

	wantContains(t, "keys list", env.mustRun("keys", "list"), "revoked")

	// The log names each refusal with the key's fingerprint.
	log := env.logText()
	for _, want := range []string{"ssh: key refused", "is not registered", "was revoked by ST01", "ssh: session", "staff=ST01", "ssh: disconnection"} {
		wantContains(t, "server log", log, want)
	}

	// A second start reuses the host key.
	srv.stop()

	if again := env.serve(); again.fingerprint != srv.fingerprint {
		t.Errorf("host key changed between starts: %s then %s", srv.fingerprint, again.fingerprint)
	}
}

// keyPath returns the private key newSSHEnv made for id.
func (e *sshEnv) keyPath(id string) string { return e.dir + "/key-" + id }

func copyFile(t *testing.T, from, to string) {
	t.Helper()

	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}

	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestServeWithoutTerminal checks the plain-text answers to sessions that
// have no terminal, and that none of them hangs.
func TestServeWithoutTerminal(t *testing.T) {
	env := newSSHEnv(t, "ST09")
	srv := env.serve()
	args := env.sshArgs(srv, env.keyPath("ST09"))

	_, errOut, code := env.ssh(append(args, "-T", "127.0.0.1")...)
	if code != 1 {
		t.Errorf("console without a terminal: exit %d, want 1", code)
	}

	wantContains(t, "no terminal", errOut, "needs a terminal: use ssh -t")

	out, errOut, code := env.ssh(append(args, "-T", "127.0.0.1", "sitrep")...)
	if code != 0 {
		t.Fatalf("sitrep: exit %d: %s", code, errOut)
	}

	wantContains(t, "sitrep", out, "NBH-2026-014")
	wantContains(t, "sitrep", out, "SEAL before this sitrep: 152 entries")

	out, _, code = env.ssh(append(args, "-T", "127.0.0.1", "export", "--format", "md")...)
	if code != 0 || !strings.HasPrefix(out, "# ") {
		t.Errorf("export over SSH: exit %d, starts %q", code, firstLine(out))
	}

	_, errOut, code = env.ssh(append(args, "-T", "127.0.0.1", "export", "--format", "md", "--output", "/tmp/x.md")...)
	if code == 0 {
		t.Error("export wrote a file on the server")
	}

	wantContains(t, "export to a server file", errOut, "comes back to your terminal")

	_, errOut, code = env.ssh(append(args, "-T", "127.0.0.1", "status --db /etc/passwd")...)
	if code == 0 {
		t.Error("a client chose the database")
	}

	wantContains(t, "--db over SSH", errOut, "unknown flag: --db")

	_, errOut, code = env.ssh(append(args, "-T", "127.0.0.1", "import", "staff", "x.csv")...)
	if code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}

	wantContains(t, "unknown command", errOut, "over SSH sitroom runs status")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")

	return line
}

// TestServeSessionLimit holds the only session open with a console and
// checks that the next is refused with a message, not left waiting.
func TestServeSessionLimit(t *testing.T) {
	env := newSSHEnv(t, "ST01", "ST09")
	srv := env.serve("--max-sessions", "1")

	c := env.sshConsole(srv, env.keyPath("ST01"), 100, 30)
	c.waitFor("Siân Pritchard-Evans (ST01) · gold", 15*time.Second)

	_, errOut, code := env.ssh(append(env.sshArgs(srv, env.keyPath("ST09")), "-T", "127.0.0.1", "status")...)
	if code != 1 {
		t.Errorf("session over the limit: exit %d, want 1", code)
	}

	wantContains(t, "over the limit", errOut, "limit of 1 sessions open")
}

// TestServeIdleTimeout leaves a console untouched until the server closes
// it, after a warning.
func TestServeIdleTimeout(t *testing.T) {
	env := newSSHEnv(t, "ST09")
	srv := env.serve("--idle-timeout", "3s")

	c := env.sshConsole(srv, env.keyPath("ST09"), 100, 30)
	c.waitFor("this session closes in", 10*time.Second)

	if status := c.waitExit(10 * time.Second); status != "0" {
		t.Errorf("ssh exit status after the idle close = %s, want 0", status)
	}

	wantContains(t, "idle close", c.tmux("capture-pane", "-p", "-S", "-50", "-t", "console"), "closed after 3s with no key pressed")
	wantContains(t, "server log", env.logText(), "console: closed when idle")
}
