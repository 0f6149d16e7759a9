package main

import (
	"os"
	"os/user"
	"path/filepath"
	"testing"
)

// accessRoster is a roster naming each access role, with ST40's login set
// to the user running the tests.
func accessRoster(t *testing.T, env *testEnv) string {
	t.Helper()

	u, err := user.Current()
	if err != nil {
		t.Skipf("no OS user to map: %v", err)
	}

	roster := "id,name,role,command_level,access,login\n" +
		"ST01,Siân Pritchard-Evans,Strategic Commander,gold,,\n" +
		"ST10,Mateo Nuñez,IT Infrastructure Manager,bronze,member,\n" +
		"ST22,Chloé Martin-Dubois,Loggist,none,,\n" +
		"ST31,Ruth Okafor,Non-executive director,none,observer,\n" +
		"ST40,Łukasz Wróblewski,Head of Cyber Security,silver,," + u.Username + "\n"

	path := filepath.Join(env.dir, "roster.csv")
	if err := os.WriteFile(path, []byte(roster), 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

func TestSetupBeforeRosterThenIdentityNeeded(t *testing.T) {
	env := newTestEnv(t)

	// Nobody is on a roster yet, so the OS user sets the database up.
	env.mustRun("import", "systems", scenarioPath(t, "systems.csv"))
	env.mustRun("incident", "new", "--ref", "NBH-T", "--title", "Test")

	u, err := user.Current()
	if err != nil {
		t.Skipf("no OS user: %v", err)
	}

	if got := jsonlEntries(t, env)[0].Author; got != u.Username {
		t.Errorf("declaration author = %q, want the OS user %q", got, u.Username)
	}

	env.mustRun("--as", "ST01", "import", "staff", scenarioPath(t, "staff.csv"))

	// Now someone off the roster may read but not write.
	_, errOut, code := env.run("--as", "VISITOR", "log", "Not allowed")
	if code == 0 {
		t.Fatal("a write by an identity off the roster succeeded")
	}

	wantContains(t, "refusal", errOut, "VISITOR is not on the staff roster, so may read but not write")
	wantContains(t, "refusal", errOut, "--as")
	wantContains(t, "read by a visitor", env.mustRun("--as", "VISITOR", "verify"), "chain OK")

	if n := len(jsonlEntries(t, env)); n != 1 {
		t.Errorf("entries after the refused write = %d, want 1", n)
	}
}

func TestRolesOnTheRoster(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "staff", accessRoster(t, env))
	env.mustRun("--as", "ST01", "incident", "new", "--ref", "NBH-T", "--title", "Test")

	// The OS user is ST40 through the login column.
	env.mustRun("log", "Firewall rules pushed")

	last := func() string {
		entries := jsonlEntries(t, env)

		return entries[len(entries)-1].Author
	}

	if got := last(); got != "ST40" {
		t.Errorf("author by login = %q, want ST40", got)
	}

	// An observer reads but every write is refused.
	_, errOut, code := env.run("--as", "ST31", "log", "Looks bad")
	if code == 0 {
		t.Fatal("observer's entry was saved")
	}

	wantContains(t, "observer refusal", errOut, "Ruth Okafor (ST31) is an observer and may read but not write")

	if _, _, code := env.run("--as", "ST31", "checkin", "ST31"); code == 0 {
		t.Error("observer checked someone in")
	}

	// A member records actions but cannot take decisions.
	_, errOut, code = env.run("--as", "ST10", "log", "--kind", "decision", "--rationale", "fast", "Rebuild now")
	if code == 0 {
		t.Fatal("member's decision was saved")
	}

	wantContains(t, "member decision", errOut, "only a commander takes decisions")

	// A loggist writing for a commander records both, at the commander's level.
	env.mustRun("--as", "ST22", "--for", "ST01", "log", "--kind", "decision", "--rationale", "protect patients", "Divert ambulances")

	entries := jsonlEntries(t, env)
	e := entries[len(entries)-1]

	if e.Author != "ST22" || e.DecisionMaker != "ST01" || e.Level != "gold" || e.Kind != "decision" {
		t.Errorf("loggist entry: author %s, decision maker %s, level %s, kind %s; want ST22, ST01, gold, decision",
			e.Author, e.DecisionMaker, e.Level, e.Kind)
	}

	// Writing for someone who is not a commander is refused.
	_, errOut, code = env.run("--as", "ST22", "--for", "ST10", "log", "Note")
	if code == 0 {
		t.Fatal("loggist wrote for a member")
	}

	wantContains(t, "for a member", errOut, "Mateo Nuñez is a member, and a loggist writes for a commander")

	// Only a commander changes the roster.
	if _, errOut, code := env.run("--as", "ST10", "import", "staff", scenarioPath(t, "staff.csv")); code == 0 {
		t.Error("member replaced the roster")
	} else {
		wantContains(t, "member roster", errOut, "only a commander may change the roster")
	}
}
