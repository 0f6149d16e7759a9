package incident

import (
	"context"
	"sort"
	"time"
)

// SystemRow is one system on the containment board.
type SystemRow struct {
	System
	State      SystemState
	Gate       GateStatus
	Place      OrderPlace // its place in the recovery order
	Dependents []string   // systems that depend on it
}

// Board is a snapshot of an incident's systems and tasks, read in one
// transaction and computed at Now.
type Board struct {
	Incident Incident
	Now      time.Time
	Systems  []SystemRow // in recovery order
	Tasks    []Task      // in number order, with due times filled in

	// OrderErr is set when the register has a dependency cycle; Systems is
	// then in id order past the systems that could be placed.
	OrderErr error
}

// Board reads the incident's containment board: every system in the
// register with its state, gate and recovery place, and every task with
// its due time.
func (s *Service) Board(ctx context.Context, ref string) (Board, error) {
	b := Board{Now: s.Now()}

	err := s.store.Read(ctx, func(r Reader) error {
		inc, err := resolveIncident(ctx, r, ref)
		if err != nil {
			return err
		}

		b.Incident = inc

		systems, err := r.Systems(ctx)
		if err != nil {
			return err
		}

		states, err := r.SystemStates(ctx, inc.ID)
		if err != nil {
			return err
		}

		sigs, err := r.GateSignatures(ctx, inc.ID)
		if err != nil {
			return err
		}

		tasks, err := r.Tasks(ctx, inc.ID)
		if err != nil {
			return err
		}

		b.Systems, b.OrderErr = boardRows(systems, states, sigs, b.Now)
		b.Tasks = withDueTimes(tasks, systems, states)

		return nil
	})

	return b, err
}

func boardRows(systems []System, states map[string]SystemState, sigs []GateSignature, now time.Time) ([]SystemRow, error) {
	order, orderErr := RecoveryOrder(systems, states, now)

	place := make(map[string]OrderPlace, len(order))
	for _, p := range order {
		place[p.SystemID] = p
	}

	dependents := map[string][]string{}
	for _, sys := range systems {
		for _, dep := range sys.DependsOn {
			dependents[dep] = append(dependents[dep], sys.ID)
		}
	}

	rows := make([]SystemRow, len(systems))
	for i, sys := range systems {
		st, ok := states[sys.ID]
		if !ok {
			st = SystemState{SystemID: sys.ID, Status: SystemOperational}
		}

		p, ok := place[sys.ID]
		if !ok {
			p = OrderPlace{Place: len(systems) + 1, SystemID: sys.ID, Reason: "in a dependency cycle"}
		}

		rows[i] = SystemRow{System: sys, State: st, Gate: GateStatusOf(st, sigs), Place: p, Dependents: dependents[sys.ID]}
	}

	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Place.Place < rows[j].Place.Place })

	return rows, orderErr
}

// withDueTimes fills in the due time of each task not set by hand: the
// start of its system's outage plus the system's RTO.
func withDueTimes(tasks []Task, systems []System, states map[string]SystemState) []Task {
	rto := make(map[string]float64, len(systems))
	for _, sys := range systems {
		rto[sys.ID] = sys.RTOHours
	}

	for i := range tasks {
		t := &tasks[i]
		if t.DueSet || t.SystemID == "" {
			continue
		}

		st := states[t.SystemID]
		if st.OutSince.IsZero() {
			continue
		}

		t.Due = st.OutSince.Add(time.Duration(rto[t.SystemID] * float64(time.Hour)))
	}

	return tasks
}

// Tasks returns the incident's tasks with their due times.
func (s *Service) Tasks(ctx context.Context, ref string) ([]Task, error) {
	b, err := s.Board(ctx, ref)

	return b.Tasks, err
}
