package main

import (
	"os"
	"os/user"
	"path/filepath"
	"strings"
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
		wantContains(t, "member roster", errOut, "only a gold or silver commander may change the roster")
	}

	// A loggist cannot register keys, even writing for a commander, and
	// only a loggist writes for someone else.
	key := filepath.Join(env.dir, "k.pub")
	writeText(t, key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0ny6fhL8y2VCrA6r4NJZ2ay0x9vCv7YmD2Nq0Hq9oZ test\n")

	for _, args := range [][]string{{"--as", "ST22"}, {"--as", "ST22", "--for", "ST01"}} {
		if _, errOut, code := env.run(append(args, "keys", "add", "ST01", key)...); code == 0 {
			t.Errorf("%v registered a key for ST01", args)
		} else {
			wantContains(t, "loggist keys", errOut, "only a gold or silver commander")
		}
	}

	_, errOut, code = env.run("--as", "ST40", "--for", "ST01", "log", "--kind", "decision", "--rationale", "r", "In gold's name")
	if code == 0 {
		t.Error("a silver commander wrote as gold with --for")
	}

	wantContains(t, "--for by a commander", errOut, "only a loggist writes for someone else")

	env.mustRun("--as", "ST40", "keys", "add", "ST01", key)

	// Nobody records above the level they hold, or in someone else's name
	// unless they are a loggist or a commander.
	_, errOut, code = env.run("--as", "ST10", "log", "--level", "gold", "Escalating")
	if code == 0 {
		t.Error("a bronze member logged at gold level")
	}

	wantContains(t, "level above", errOut, "ST10 is bronze on the roster, so an entry in their name cannot be at gold level")

	_, errOut, code = env.run("--as", "ST10", "log", "--decision-maker", "ST01", "Gold said so")
	if code == 0 {
		t.Error("a member logged in a commander's name")
	}

	wantContains(t, "member for another", errOut, "only a loggist or a commander records an entry in someone else's name")

	// Someone with no command level records at level none.
	if _, errOut, code := env.run("--as", "ST22", "log", "--level", "gold", "Loggist's own note at gold"); code == 0 {
		t.Error("a loggist with no level logged at gold as themselves")
	} else {
		wantContains(t, "no-level ceiling", errOut, "ST22 is none on the roster, so an entry in their name cannot be at gold level")
	}

	// Importing a timeline writes in its authors' names, so a member may
	// not; a row cannot make a member's decision either.
	rows := filepath.Join(env.dir, "rows.csv")
	writeText(t, rows, "occurred_at,recorded_at,actor,command_level,kind,text\n"+
		"2026-06-11T08:00:00+01:00,2026-06-11T08:01:00+01:00,ST01,gold,decision,Forged gold decision. Rationale: none\n")

	if _, errOut, code := env.run("--as", "ST10", "import", "timeline", rows); code == 0 {
		t.Error("a member imported entries in a commander's name")
	} else {
		wantContains(t, "member import", errOut, "only a loggist or a commander records an entry in someone else's name")
	}
}

func TestRosterReimportKeepsAccess(t *testing.T) {
	env := newTestEnv(t)
	env.mustRun("import", "staff", accessRoster(t, env))

	// A roster without access or login columns changes nobody's access.
	plain := filepath.Join(env.dir, "plain.csv")
	writeText(t, plain, "id,name,command_level\nST31,Ruth Okafor,none\nST40,Łukasz Wróblewski,silver\n")
	env.mustRun("--as", "ST01", "import", "staff", plain)

	if _, errOut, code := env.run("--as", "ST31", "log", "Still watching"); code == 0 || !strings.Contains(errOut, "is an observer") {
		t.Errorf("observer after a plain re-import: exit %d, %s", code, errOut)
	}

	env.mustRun("--as", "ST01", "incident", "new", "--ref", "R-1", "--title", "Reimport")
	env.mustRun("log", "By login") // the OS user is still ST40

	// Two people cannot share a login.
	twice := filepath.Join(env.dir, "twice.csv")
	login := strings.TrimPrefix(strings.SplitN(readText(t, filepath.Join(env.dir, "roster.csv")), "\n", 7)[5], "ST40,Łukasz Wróblewski,Head of Cyber Security,silver,,")
	writeText(t, twice, "id,name,login\nST10,Mateo Nuñez,"+login+"\n")

	_, errOut, code := env.run("--as", "ST01", "import", "staff", twice)
	if code == 0 {
		t.Fatal("two people were given one login")
	}

	wantContains(t, "shared login", errOut, `is given to both ST10 and ST40`)
}
