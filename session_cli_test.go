package main

import (
	"bytes"
	"os/exec"
	"testing"
)

// runForced runs 'sitroom session' as the host's sshd would for a forced
// command, with the client's request in SSH_ORIGINAL_COMMAND and no
// terminal.
func runForced(t *testing.T, env *testEnv, request string, args ...string) (string, string, int) {
	t.Helper()

	cmd := exec.Command(sitroomBin, append([]string{"session"}, args...)...)
	cmd.Env = append(env.environ(), "SSH_ORIGINAL_COMMAND="+request)
	cmd.Dir = env.dir

	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr

	err := cmd.Run()
	code := 0

	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run sitroom session: %v", err)
	}

	return stdout.String(), stderr.String(), code
}

func TestForcedCommandSession(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("--db", env.db, "demo", "--load-only")

	out, errOut, code := runForced(t, env, "status", "--as", "ST09")
	if code != 0 {
		t.Fatalf("status: exit %d: %s", code, errOut)
	}

	wantContains(t, "status", out, "Marcus Delacroix-Bennett (ST09), silver commander")

	// Quoting in the request is read as a shell would.
	out, errOut, code = runForced(t, env, `log --kind action 'Runner sent to ED with the downtime forms'`, "--as", "ST09")
	if code != 0 {
		t.Fatalf("log: exit %d: %s", code, errOut)
	}

	wantContains(t, "log", out, "logged entry 153 (action, silver)")

	entries := jsonlEntries(t, env)
	if last := entries[len(entries)-1]; last.Text != "Runner sent to ED with the downtime forms" || last.Author != "ST09" {
		t.Errorf("last entry = %q by %s", last.Text, last.Author)
	}

	// The client cannot pick the database or the identity.
	if _, errOut, code := runForced(t, env, "status --as ST01", "--as", "ST09"); code == 0 {
		t.Error("the client chose its identity")
	} else {
		wantContains(t, "--as from the client", errOut, "unknown flag: --as")
	}

	// No command and no terminal: a clear refusal, not a hang.
	_, errOut, code = runForced(t, env, "", "--as", "ST09")
	if code != 1 {
		t.Errorf("console without a terminal: exit %d, want 1", code)
	}

	wantContains(t, "no terminal", errOut, "the console needs a terminal: use ssh -t")
}
