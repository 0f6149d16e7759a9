package main

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sshEnv is a demo database with SSH keys for some of its staff, and the
// paths a sitroom server and the OpenSSH client use in the test.
type sshEnv struct {
	*testEnv
	knownHosts string
	hostKey    string
}

// newSSHEnv loads the demo into a test database and makes a key for each
// staff id in keyed, registered by the demo's gold commander.
func newSSHEnv(t testing.TB, keyed ...string) *sshEnv {
	t.Helper()

	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: install openssh-client to run the SSH tests", tool)
		}
	}

	env := &sshEnv{testEnv: newTestEnv(t)}
	env.knownHosts = filepath.Join(env.dir, "known_hosts")
	env.hostKey = filepath.Join(env.dir, "host", "ssh_host_ed25519_key")
	env.mustRun("--db", env.db, "demo", "--load-only")

	for _, id := range keyed {
		env.register(id, env.newKey(id))
	}

	return env
}

// newKey makes an ed25519 key pair named name in the test folder and
// returns the private key's path.
func (e *sshEnv) newKey(name string) string {
	e.t.Helper()

	path := filepath.Join(e.dir, "key-"+name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name+"@test", "-f", path).CombinedOutput(); err != nil {
		e.t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}

	return path
}

func (e *sshEnv) register(staffID, key string) {
	e.t.Helper()
	e.mustRun("--as", "ST01", "keys", "add", staffID, key+".pub")
}

// sshServer is a running 'sitroom serve'.
type sshServer struct {
	port        string
	fingerprint string
	cmd         *exec.Cmd
	stdout      *bytes.Buffer
}

// serve starts sitroom serve on a free loopback port with extra flags and
// waits until it prints its host key fingerprint. The server is stopped
// with SIGTERM when the test ends.
func (e *sshEnv) serve(extra ...string) *sshServer {
	e.t.Helper()

	port := freePort(e.t)
	args := append([]string{"serve", "--listen", "127.0.0.1:" + port, "--host-key", e.hostKey}, extra...)

	cmd := exec.Command(sitroomBin, args...)
	cmd.Env = e.environ()
	cmd.Dir = e.dir

	pipe, err := cmd.StdoutPipe()
	if err != nil {
		e.t.Fatal(err)
	}

	cmd.Stderr = os.Stderr

	if err := cmd.Start(); err != nil {
		e.t.Fatalf("start sitroom serve: %v", err)
	}

	srv := &sshServer{port: port, cmd: cmd, stdout: &bytes.Buffer{}}
	e.t.Cleanup(func() { srv.stop() })

	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			srv.stdout.WriteString(sc.Text() + "\n")
			if fp, ok := strings.CutPrefix(sc.Text(), "host key fingerprint "); ok {
				found <- fp
			}
		}
		close(found)
	}()

	select {
	case fp, ok := <-found:
		if !ok {
			e.t.Fatalf("sitroom serve ended before listening")
		}

		srv.fingerprint = fp
	case <-time.After(15 * time.Second):
		e.t.Fatalf("sitroom serve printed no fingerprint within 15s")
	}

	return srv
}

// stop sends SIGTERM and waits for the server to end.
func (s *sshServer) stop() {
	if s.cmd.ProcessState != nil {
		return
	}

	_ = s.cmd.Process.Signal(syscall.SIGTERM)

	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()

	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

func freePort(t testing.TB) string {
	t.Helper()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer ln.Close()

	_, port, _ := net.SplitHostPort(ln.Addr().String())

	return port
}

// sshArgs returns OpenSSH client options for the server: loopback, the
// test's known_hosts, no agent, no prompts, and the given identity files.
func (e *sshEnv) sshArgs(srv *sshServer, keys ...string) []string {
	args := []string{"-p", srv.port, "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=accept-new",
		"-o", "UserKnownHostsFile=" + e.knownHosts, "-o", "BatchMode=yes", "-o", "IdentityAgent=none",
		"-o", "ConnectTimeout=10", "-F", "/dev/null"}

	for _, k := range keys {
		args = append(args, "-i", k)
	}

	return args
}

// ssh runs the OpenSSH client with args and returns its output and exit
// status, failing the test if it takes more than 30 seconds.
func (e *sshEnv) ssh(args ...string) (string, string, int) {
	e.t.Helper()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	cmd := exec.CommandContext(ctx, "ssh", args...)
	cmd.Dir = e.dir

	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr

	err := cmd.Run()
	if ctx.Err() != nil {
		e.t.Fatalf("ssh %v did not finish within 30s (a hang)\nstdout: %s\nstderr: %s", args, stdout.String(), stderr.String())
	}

	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		e.t.Fatalf("run ssh: %v", err)
	}

	return stdout.String(), stderr.String(), code
}

// sshConsole opens a console over SSH with key in a tmux window.
func (e *sshEnv) sshConsole(srv *sshServer, key string, width, height int, extra ...string) *consoleSession {
	e.t.Helper()

	words := append([]string{"ssh"}, e.sshArgs(srv, key)...)
	words = append(words, extra...)
	words = append(words, "-tt", "127.0.0.1")

	return startInTmux(e.t, e.dir, width, height, words)
}

// logText returns the server's log file.
func (e *sshEnv) logText() string {
	e.t.Helper()

	data, err := os.ReadFile(filepath.Join(e.dir, "sitroom.log"))
	if err != nil {
		e.t.Fatalf("read log: %v", err)
	}

	return string(data)
}
