package archive

import (
	"context"

	"github.com/northbridge-nhs/sitroom/incident"
)

// applyState makes the incident's state here what the archive records.
// It runs only when the archive brought new entries, so its state is the
// more recent. Rows are matched by what identifies them within the
// incident (system, task and message numbers, a deadline's name, a spell's
// person and start), because row ids differ between hosts.
func applyState(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	steps := []func(context.Context, incident.Tx, incident.Incident, *contents) error{
		applySystems, applyTasks, applyDuties, applyRollCalls, applyComms, applySitreps,
	}

	for _, step := range steps {
		if err := step(ctx, tx, inc, c); err != nil {
			return err
		}
	}

	return tx.SetWelfareInterval(ctx, inc.ID, c.settings.Welfare)
}

func applySystems(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	for _, st := range c.states {
		if err := tx.PutSystemState(ctx, inc.ID, st); err != nil {
			return err
		}
	}

	here, err := tx.GateSignatures(ctx, inc.ID)
	if err != nil {
		return err
	}

	type key struct {
		system, check string
		episode       int64
	}

	signed := map[key]bool{}
	for _, s := range here {
		signed[key{s.SystemID, string(s.Check), int64(s.Episode)}] = true
	}

	for _, s := range c.sigs {
		if !signed[key{s.SystemID, string(s.Check), int64(s.Episode)}] {
			if err := tx.InsertGateSignature(ctx, inc.ID, s); err != nil {
				return err
			}
		}
	}

	return nil
}

func applyTasks(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	here, err := tx.Tasks(ctx, inc.ID)
	if err != nil {
		return err
	}

	ids := map[int64]int64{}
	for _, t := range here {
		ids[t.Num] = t.ID
	}

	for _, t := range c.tasks {
		t.IncidentID = inc.ID

		if id, ok := ids[t.Num]; ok {
			t.ID = id
			if err := tx.UpdateTask(ctx, t); err != nil {
				return err
			}

			continue
		}

		t.ID = 0
		if err := tx.InsertTask(ctx, &t); err != nil {
			return err
		}
	}

	return nil
}

func applyDuties(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	here, err := tx.Duties(ctx, inc.ID)
	if err != nil {
		return err
	}

	type key struct {
		staff string
		since int64
	}

	ids := map[key]int64{}
	for _, d := range here {
		ids[key{d.StaffID, d.OnSince.UnixNano()}] = d.ID
	}

	for _, d := range c.duties {
		d.IncidentID = inc.ID

		if id, ok := ids[key{d.StaffID, d.OnSince.UnixNano()}]; ok {
			d.ID = id
			if err := tx.UpdateDuty(ctx, d); err != nil {
				return err
			}

			continue
		}

		d.ID = 0
		if err := tx.InsertDuty(ctx, &d); err != nil {
			return err
		}
	}

	return nil
}

func applyRollCalls(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	here, err := tx.RollCalls(ctx, inc.ID)
	if err != nil {
		return err
	}

	ids := map[int64]int64{}
	for _, rc := range here {
		ids[rc.Num] = rc.ID
	}

	for _, rc := range c.calls {
		id, ok := ids[rc.Num]
		if !ok {
			rc.ID, rc.IncidentID = 0, inc.ID
			if err := tx.InsertRollCall(ctx, &rc); err != nil {
				return err
			}

			continue
		}

		for _, m := range rc.Marks {
			if err := tx.PutRollMark(ctx, id, m); err != nil {
				return err
			}
		}

		if !rc.ClosedAt.IsZero() {
			if err := tx.CloseRollCall(ctx, id, rc.ClosedAt); err != nil {
				return err
			}
		}
	}

	return nil
}

// applyComms brings in the notification duties, matched by name, then
// the messages, whose duty ids are translated to the ids here.
func applyComms(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	stored, err := tx.Deadlines(ctx, inc.ID)
	if err != nil {
		return err
	}

	byName := map[string]int64{}
	for _, d := range stored {
		byName[d.Name] = d.ID
	}

	deadlineIDs := map[int64]int64{}

	for _, d := range c.deadlines {
		from := d.ID
		d.IncidentID = inc.ID

		if id, ok := byName[d.Name]; ok {
			d.ID = id
			if err := tx.UpdateDeadline(ctx, d); err != nil {
				return err
			}
		} else {
			d.ID = 0
			if err := tx.InsertDeadline(ctx, &d); err != nil {
				return err
			}
		}

		deadlineIDs[from] = d.ID
	}

	here, err := tx.Messages(ctx, inc.ID)
	if err != nil {
		return err
	}

	ids := map[int64]int64{}
	for _, m := range here {
		ids[m.Num] = m.ID
	}

	for _, m := range c.messages {
		m.IncidentID, m.DeadlineID = inc.ID, deadlineIDs[m.DeadlineID]

		if id, ok := ids[m.Num]; ok {
			m.ID = id
			if err := tx.UpdateMessage(ctx, m); err != nil {
				return err
			}

			continue
		}

		m.ID = 0
		if err := tx.InsertMessage(ctx, &m); err != nil {
			return err
		}
	}

	return nil
}

// applySitreps adds the saved sitreps missing here, pointing each at the
// row id its entry has here.
func applySitreps(ctx context.Context, tx incident.Tx, inc incident.Incident, c *contents) error {
	here, err := tx.Sitreps(ctx, inc.ID)
	if err != nil {
		return err
	}

	saved := map[int64]bool{}
	for _, s := range here {
		saved[s.Num] = true
	}

	for _, s := range c.sitreps {
		if saved[s.Num] {
			continue
		}

		e, err := tx.EntryBySeq(ctx, inc.ID, s.EntrySeq)
		if err != nil {
			return err
		}

		s.IncidentID, s.EntryID = inc.ID, e.ID
		if err := tx.InsertSitrep(ctx, s); err != nil {
			return err
		}
	}

	return nil
}
