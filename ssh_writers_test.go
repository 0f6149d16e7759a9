package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// dialSitroom opens an SSH connection to srv with the private key at
// keyPath, with the Go SSH client, checking the host key against the
// fingerprint the server printed.
func dialSitroom(t testing.TB, srv *sshServer, keyPath string) *gossh.Client {
	t.Helper()

	data, err := os.ReadFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}

	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		t.Fatalf("parse key %s: %v", keyPath, err)
	}

	config := &gossh.ClientConfig{
		User: "test",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			if got := gossh.FingerprintSHA256(key); got != srv.fingerprint {
				return fmt.Errorf("host key %s, want %s", got, srv.fingerprint)
			}

			return nil
		},
		Timeout: 10 * time.Second,
	}

	client, err := gossh.Dial("tcp", "127.0.0.1:"+srv.port, config)
	if err != nil {
		t.Fatalf("dial sitroom serve: %v", err)
	}

	return client
}

// runRemote runs command in a new session of client and returns its
// output and exit status.
func runRemote(client *gossh.Client, command string) (string, string, int, error) {
	sess, err := client.NewSession()
	if err != nil {
		return "", "", 0, err
	}
	defer sess.Close()

	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr

	err = sess.Run(command)
	if exit, ok := err.(*gossh.ExitError); ok {
		return stdout.String(), stderr.String(), exit.ExitStatus(), nil
	}

	return stdout.String(), stderr.String(), 0, err
}

// TestConcurrentSSHWriters has twenty staff members, each on their own
// connection to one sitroom serve, log 200 entries each at once.
func TestConcurrentSSHWriters(t *testing.T) {
	const writers, perWriter = 20, 200

	var ids []string
	for i := 1; i <= writers; i++ {
		ids = append(ids, fmt.Sprintf("ST%02d", i))
	}

	env := newSSHEnv(t, ids...)
	srv := env.serve("--max-sessions", "64")
	before := len(jsonlEntries(t, env.testEnv))

	var wg sync.WaitGroup
	failures := make(chan string, writers*perWriter)
	start := time.Now()

	for _, id := range ids {
		client := dialSitroom(t, srv, env.keyPath(id))
		defer client.Close()

		wg.Add(1)
		go func() {
			defer wg.Done()

			for n := 1; n <= perWriter; n++ {
				out, errOut, code, err := runRemote(client, fmt.Sprintf("log --kind observation 'Report %d from %s'", n, id))
				if err != nil || code != 0 || errOut != "" || !strings.HasPrefix(out, "logged entry ") {
					failures <- fmt.Sprintf("%s entry %d: exit %d, err %v, stdout %q, stderr %q", id, n, code, err, out, errOut)

					return
				}
			}
		}()
	}

	wg.Wait()
	close(failures)

	for f := range failures {
		t.Error(f)
	}

	t.Logf("%d SSH writers of %d entries each finished in %s", writers, perWriter, time.Since(start).Round(time.Millisecond))

	entries := jsonlEntries(t, env.testEnv)
	if got := len(entries) - before; got != writers*perWriter {
		t.Fatalf("timeline grew by %d entries, want %d", got, writers*perWriter)
	}

	counts := map[string]int{}
	for i, e := range entries {
		if e.Seq != int64(i+1) {
			t.Fatalf("entry %d has sequence number %d: a gap or a repeat", i+1, e.Seq)
		}

		if strings.HasPrefix(e.Text, "Report ") {
			counts[e.Author]++
		}
	}

	for _, id := range ids {
		if counts[id] != perWriter {
			t.Errorf("%s has %d entries on the timeline, want %d", id, counts[id], perWriter)
		}
	}

	wantContains(t, "verify", env.mustRun("verify"), fmt.Sprintf("chain OK: NBH-2026-014 seal: %d entries", len(entries)))
}
