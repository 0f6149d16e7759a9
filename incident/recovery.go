package incident

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
	"time"
)

// OrderPlace is one system's place in the recovery order.
type OrderPlace struct {
	Place    int // 1, 2, 3…
	SystemID string
	Reason   string // why it is here, for the board
}

// RecoveryOrder returns the order to bring systems back: a system comes
// after everything it depends on; among systems whose dependencies are all
// placed, higher criticality first, then the least RTO left at now, then
// the id. Dependencies on systems outside the list are ignored. A cycle is
// an error naming the systems in it.
func RecoveryOrder(systems []System, states map[string]SystemState, now time.Time) ([]OrderPlace, error) {
	byID := make(map[string]*orderNode, len(systems))
	for i := range systems {
		s := &systems[i]
		byID[s.ID] = &orderNode{sys: s, rtoLeft: RTOLeft(*s, states[s.ID], now), out: states[s.ID].Status.OutOfService()}
	}

	for _, n := range byID {
		for _, dep := range n.sys.DependsOn {
			if d, ok := byID[dep]; ok && dep != n.sys.ID {
				n.waiting++
				d.dependents = append(d.dependents, n)
				n.deps = append(n.deps, dep)
			}
		}
	}

	ready := &orderQueue{}
	for _, n := range byID {
		if n.waiting == 0 {
			heap.Push(ready, n)
		}
	}

	out := make([]OrderPlace, 0, len(systems))
	for ready.Len() > 0 {
		n := heap.Pop(ready).(*orderNode)
		out = append(out, OrderPlace{Place: len(out) + 1, SystemID: n.sys.ID, Reason: n.reason()})

		for _, d := range n.dependents {
			d.waiting--
			if d.waiting == 0 {
				heap.Push(ready, d)
			}
		}
	}

	if len(out) < len(systems) {
		return out, fmt.Errorf("the system register has a dependency cycle among %s: correct depends_on and import it again", cycleMembers(byID))
	}

	return out, nil
}

type orderNode struct {
	sys        *System
	rtoLeft    time.Duration
	out        bool // out of service now
	deps       []string
	dependents []*orderNode
	waiting    int
}

func (n *orderNode) reason() string {
	var parts []string

	if len(n.deps) == 0 {
		parts = append(parts, "depends on nothing")
	} else {
		deps := append([]string(nil), n.deps...)
		sort.Strings(deps)
		parts = append(parts, "after "+strings.Join(deps, ", "))
	}

	parts = append(parts, fmt.Sprintf("criticality %d", n.sys.Criticality))

	switch {
	case !n.out:
		parts = append(parts, "in service")
	case n.rtoLeft < 0:
		parts = append(parts, "RTO breached by "+FormatDuration(-n.rtoLeft))
	default:
		parts = append(parts, FormatDuration(n.rtoLeft)+" of RTO left")
	}

	return strings.Join(parts, "; ")
}

// cycleMembers names the systems still waiting when the order stalls: the
// members of a cycle and those that depend on one.
func cycleMembers(byID map[string]*orderNode) string {
	var ids []string

	for id, n := range byID {
		if n.waiting > 0 {
			ids = append(ids, id)
		}
	}

	sort.Strings(ids)

	return strings.Join(ids, ", ")
}

// orderQueue is a heap of ready systems, best first.
type orderQueue []*orderNode

func (q orderQueue) Len() int { return len(q) }

func (q orderQueue) Less(i, j int) bool {
	a, b := q[i], q[j]

	if a.sys.Criticality != b.sys.Criticality {
		return a.sys.Criticality > b.sys.Criticality
	}

	if a.rtoLeft != b.rtoLeft {
		return a.rtoLeft < b.rtoLeft
	}

	return a.sys.ID < b.sys.ID
}

func (q orderQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }

func (q *orderQueue) Push(x any) { *q = append(*q, x.(*orderNode)) }

func (q *orderQueue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]

	return n
}
