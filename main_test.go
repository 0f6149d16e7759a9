package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sitroomBin is the binary built once for the tests that run sitroom as a
// real process (command line, concurrency and console tests).
var sitroomBin string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "sitroom-test-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "create folder for test binary:", err)

		return 2
	}
	defer os.RemoveAll(dir)

	sitroomBin = filepath.Join(dir, "sitroom")

	build := exec.Command("go", "build", "-o", sitroomBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stderr = os.Stderr

	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build sitroom for tests:", err)

		return 2
	}

	return m.Run()
}

// testEnv is a database, log and zone for one test, kept in t.TempDir().
type testEnv struct {
	t   testing.TB
	dir string
	db  string
}

func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	dir := t.TempDir()

	return &testEnv{t: t, dir: dir, db: filepath.Join(dir, "sitroom.db")}
}

// environ returns the environment a sitroom process runs with in tests:
// the test's database and log, Europe/London, and no inherited identity.
func (e *testEnv) environ() []string {
	return append(os.Environ(),
		"SITROOM_DB="+e.db,
		"SITROOM_LOG="+filepath.Join(e.dir, "sitroom.log"),
		"SITROOM_TZ=Europe/London",
		"SITROOM_USER=",
		"NO_COLOR=",
	)
}

// run runs sitroom with args and returns stdout, stderr and the exit code.
func (e *testEnv) run(args ...string) (string, string, int) {
	e.t.Helper()

	return e.runStdin("", args...)
}

// runStdin is run with stdin fed to the process.
func (e *testEnv) runStdin(stdin string, args ...string) (string, string, int) {
	e.t.Helper()

	cmd := exec.Command(sitroomBin, args...)
	cmd.Env = e.environ()
	cmd.Dir = e.dir
	cmd.Stdin = strings.NewReader(stdin)

	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr

	err := cmd.Run()
	code := 0

	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		e.t.Fatalf("run sitroom %v: %v", args, err)
	}

	return stdout.String(), stderr.String(), code
}

// mustRun runs sitroom and fails the test unless it exits 0.
func (e *testEnv) mustRun(args ...string) string {
	e.t.Helper()

	out, errOut, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("sitroom %v exited %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
	}

	return out
}
