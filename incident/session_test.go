package incident_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/northbridge-nhs/sitroom/incident"
)

// sessionRoster puts a commander and a member on the fixture's roster.
func sessionRoster(t *testing.T, f *fixture) (incident.Actor, incident.Actor) {
	t.Helper()

	boss := incident.Actor{ID: "ST01", Name: "Siân", Level: incident.LevelGold, Access: incident.AccessCommander, OnRoster: true}
	member := incident.Actor{ID: "ST10", Name: "Mateo", Level: incident.LevelNone, Access: incident.AccessMember, OnRoster: true}

	staff := []incident.StaffMember{
		{ID: "ST01", Name: "Siân", Level: incident.LevelGold},
		{ID: "ST10", Name: "Mateo", Access: incident.AccessMember},
	}
	if err := f.svc.ImportStaff(context.Background(), boss, "staff.csv", staff); err != nil {
		t.Fatalf("import staff: %v", err)
	}

	return boss, member
}

func TestStaffKeys(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	boss, member := sessionRoster(t, f)

	key := incident.StaffKey{Fingerprint: "SHA256:aaaa", StaffID: "ST10", PublicKey: "ssh-ed25519 AAAA"}

	if _, err := f.svc.AddStaffKey(ctx, member, key); !errors.Is(err, incident.ErrNotPermitted) {
		t.Errorf("a member registered a key: %v", err)
	}

	if _, err := f.svc.AddStaffKey(ctx, boss, key); err != nil {
		t.Fatalf("add key: %v", err)
	}

	other := key
	other.StaffID = "ST01"
	if _, err := f.svc.AddStaffKey(ctx, boss, other); err == nil || !strings.Contains(err.Error(), "already registered to ST10") {
		t.Errorf("one key for two people: %v", err)
	}

	if a, err := f.svc.ActorForKey(ctx, "SHA256:aaaa"); err != nil || a.ID != "ST10" || a.Access != incident.AccessMember || !a.OnRoster {
		t.Errorf("actor for key = %+v, %v", a, err)
	}

	if _, err := f.svc.ActorForKey(ctx, "SHA256:zzzz"); !errors.Is(err, incident.ErrUnknownKey) {
		t.Errorf("unregistered key: %v", err)
	}

	second := incident.StaffKey{Fingerprint: "SHA256:aazz", StaffID: "ST01", PublicKey: "ssh-ed25519 BBBB"}
	if _, err := f.svc.AddStaffKey(ctx, boss, second); err != nil {
		t.Fatal(err)
	}

	if _, err := f.svc.RevokeStaffKey(ctx, boss, "SHA256:a"); err == nil || !strings.Contains(err.Error(), "matches 2 keys") {
		t.Errorf("a prefix matching two keys: %v", err)
	}

	revoked, err := f.svc.RevokeStaffKey(ctx, boss, "SHA256:aaa")
	if err != nil || len(revoked) != 1 || revoked[0].RevokedBy != "ST01" {
		t.Fatalf("revoke by prefix: %+v, %v", revoked, err)
	}

	if _, err := f.svc.ActorForKey(ctx, "SHA256:aaaa"); err == nil || !strings.Contains(err.Error(), "revoked by ST01") {
		t.Errorf("revoked key: %v", err)
	}

	// A revoked key cannot come back, and its record stays.
	if _, err := f.svc.AddStaffKey(ctx, boss, key); err == nil || !strings.Contains(err.Error(), "make a new key") {
		t.Errorf("add again after revoking: %v", err)
	}

	if keys, err := f.svc.StaffKeys(ctx); err != nil || len(keys) != 2 || keys[1].RevokedBy != "ST01" || keys[0].Revoked() {
		t.Errorf("keys = %+v, %v; want ST01's in use and ST10's revoked, kept", keys, err)
	}
}

func TestPresenceIgnoresDeadConsoles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	inc, err := f.svc.Declare(ctx, incident.Actor{ID: "ST01"}, incident.NewIncident{Ref: "P-1", Title: "Presence"})
	if err != nil {
		t.Fatal(err)
	}

	dead := map[int]bool{200: true}
	f.svc.SetProcessCheck(func(pid int) bool { return !dead[pid] })

	for _, p := range []incident.Presence{
		{ID: "a", IncidentID: inc.ID, StaffID: "ST01", Via: incident.ViaLocal, PID: 100},
		{ID: "b", IncidentID: inc.ID, StaffID: "ST09", Via: incident.ViaSSH, PID: 200},
	} {
		if err := f.svc.Join(ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	got, err := f.svc.Present(ctx, inc.ID)
	if err != nil || len(got) != 1 || got[0].StaffID != "ST01" {
		t.Errorf("present = %+v, %v; want ST01 only, ST09's process having gone", got, err)
	}

	// The next console to join clears the dead row away.
	if err := f.svc.Join(ctx, incident.Presence{ID: "c", IncidentID: inc.ID, StaffID: "ST07", PID: 100}); err != nil {
		t.Fatal(err)
	}

	err = f.db.Read(ctx, func(r incident.Reader) error {
		rows, err := r.Presence(ctx, inc.ID)
		if err == nil && len(rows) != 2 {
			t.Errorf("presence rows after a join = %d, want 2 (the dead one pruned)", len(rows))
		}

		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if err := f.svc.Leave(ctx, "a"); err != nil {
		t.Fatal(err)
	}

	if got, _ := f.svc.Present(ctx, inc.ID); len(got) != 1 || got[0].StaffID != "ST07" {
		t.Errorf("present after leaving = %+v, want ST07", got)
	}
}

func TestDraftTakenOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	d := incident.Draft{StaffID: "ST01", IncidentID: 1, SavedAt: f.now, Body: `{"text":"half"}`}
	if err := f.svc.KeepDraft(ctx, d); err != nil {
		t.Fatal(err)
	}

	got, found, err := f.svc.TakeDraft(ctx, "ST01", 1)
	if err != nil || !found || got.Body != d.Body || !got.SavedAt.Equal(f.now) {
		t.Errorf("take draft = %+v, %v, %v", got, found, err)
	}

	if _, found, _ := f.svc.TakeDraft(ctx, "ST01", 1); found {
		t.Error("a draft was offered twice")
	}
}
