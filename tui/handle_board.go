package tui

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// taskConflict is a task change the service rejected because the task had
// moved on from the status the user saw.
type taskConflict struct {
	num   int64
	popup int // the popup that sent the change, or 0
}

// refreshBoard starts a read of the board. While a read is running it
// only notes that another must follow that one.
func (m *Model) refreshBoard() tea.Cmd {
	if m.contBusy {
		m.contMore = true

		return nil
	}

	m.contBusy = true
	m.contGen++

	return loadBoard(m.opts.Context, m.opts.Service, m.inc.Ref, m.contGen)
}

// handleBoard swaps in a new read of the board, keeping each list's
// selection, filters and order, and any popup with what was typed in it.
func (m *Model) handleBoard(msg boardMsg) tea.Cmd {
	if msg.generation != m.contGen {
		return nil
	}

	m.contBusy = false

	var next tea.Cmd
	if m.contMore {
		m.contMore = false
		next = m.refreshBoard()
	}

	if msg.err != nil {
		slog.Error("console: read board", "incident", m.inc.Ref, "err", msg.err)
		m.contErr = msg.err
		m.setFlash("Could not read the board: "+incident.SanitizeLine(msg.err.Error()), true)

		return next
	}

	if m.contErr != nil && m.flashErr {
		m.flash = ""
	}

	m.contErr = nil
	m.cont = msg.data
	m.board.rebuild(m.cont, m.layout)
	m.tasks.rebuild(m.cont, m.layout, m.opts.Actor.ID)
	m.renderSystemDetail()
	m.renderTaskDetail()

	if r, ok := m.popup.(popupRefresher); ok {
		r.refresh(m.cont)
	}

	m.reportConflict()

	return next
}

// reportConflict shows the current status of a task that someone else
// changed, in the popup that tried to change it or else in the footer.
func (m *Model) reportConflict() {
	c := m.conflict
	if c == nil {
		return
	}

	m.conflict = nil

	text := incident.TaskLabel(c.num) + " is no longer in this incident"
	if it := m.cont.byNum[c.num]; it != nil {
		text = "Someone else changed " + it.label + " to " + string(it.task.Status) + " since you looked"
	}

	if p := m.popupFor(c.popup); p != nil {
		p.base().err = text + "."

		return
	}

	m.setFlash(text, true)
}

// popupFor returns the open popup when its id is id, else nil: a reply to
// a popup since closed goes to the footer instead.
func (m *Model) popupFor(id int) popup {
	if id == 0 || m.popup == nil || m.popup.base().id != id {
		return nil
	}

	return m.popup
}

// afterWrite reads again everything a containment write changes: the
// board, the timeline, which contains the write's entry, and the dashboard.
func (m *Model) afterWrite() tea.Cmd {
	return tea.Batch(m.refreshBoard(), m.fetchNew(), m.refreshDashboard())
}

// showRejection shows why the service rejected a change, in the popup that
// sent it with what was typed kept, or in the footer when that popup has
// closed.
func (m *Model) showRejection(id int, err error) {
	text := rejectionText(err)

	if p := m.popupFor(id); p != nil {
		p.base().saving = false
		p.base().err = text

		return
	}

	m.setFlash(text, true)
}

// handleStatusSaved closes the status popup after a change, and offers
// the standard tasks when the system was isolated. A refusal stays in the
// popup. A conflict reads the board again, and the popup then names who
// changed the system to what.
func (m *Model) handleStatusSaved(msg statusSavedMsg) tea.Cmd {
	if msg.err != nil {
		slog.Info("console: status change refused", "incident", m.inc.Ref, "system", msg.systemID, "to", msg.to, "actor", m.opts.Actor.ID, "err", msg.err)
		m.showRejection(msg.popup, msg.err)

		var gate *incident.GateClosedError
		if errors.As(msg.err, &gate) {
			if p := m.popupFor(msg.popup); p != nil {
				p.base().err = gateClosedText(gate)
			}

			return nil
		}

		if errors.Is(msg.err, incident.ErrConflict) {
			if p := m.popupFor(msg.popup); p != nil {
				p.base().err = "Someone else changed " + incident.SanitizeLine(msg.systemID) + " since you looked; reading it again…"
			}

			return m.refreshBoard()
		}

		return nil
	}

	slog.Info("console: status changed", "incident", m.inc.Ref, "system", msg.systemID, "from", msg.from, "to", msg.to, "seq", msg.entry.Seq, "actor", m.opts.Actor.ID)

	var sys incident.System
	if p, ok := m.popupFor(msg.popup).(*statusPopup); ok {
		sys = p.system
		m.popup = nil
	}

	m.setFlash(incident.SanitizeLine(msg.systemID)+": "+statusWord(msg.from)+" → "+statusWord(msg.to)+", entry #"+strconv.FormatInt(msg.entry.Seq, 10), false)
	cmd := m.afterWrite()

	if msg.to == incident.SystemIsolated && sys.ID != "" && m.popup == nil {
		return tea.Batch(cmd, m.openTaskSetPopup(sys))
	}

	return cmd
}

func (m *Model) handleGateSigned(msg gateSignedMsg) tea.Cmd {
	if msg.err != nil {
		slog.Info("console: gate check refused", "incident", m.inc.Ref, "system", msg.systemID, "check", msg.check, "actor", m.opts.Actor.ID, "err", msg.err)
		m.showRejection(msg.popup, msg.err)

		return nil
	}

	slog.Info("console: gate check signed", "incident", m.inc.Ref, "system", msg.systemID, "check", msg.check, "seq", msg.entry.Seq, "actor", m.opts.Actor.ID)

	if m.popupFor(msg.popup) != nil {
		m.popup = nil
	}

	m.setFlash(incident.SanitizeLine(msg.systemID)+": "+string(msg.check)+" signed, entry #"+strconv.FormatInt(msg.entry.Seq, 10), false)

	return m.afterWrite()
}

func (m *Model) handleTasksAdded(msg tasksAddedMsg) tea.Cmd {
	if msg.err != nil {
		slog.Info("console: tasks refused", "incident", m.inc.Ref, "actor", m.opts.Actor.ID, "err", msg.err)
		m.showRejection(msg.popup, msg.err)

		return nil
	}

	if m.popupFor(msg.popup) != nil {
		m.popup = nil
	}

	switch n := len(msg.tasks); n {
	case 0:
		m.setFlash("No tasks created", false)
	case 1:
		m.setFlash("Created "+msg.tasks[0].Label(), false)
		m.tasks.selected = msg.tasks[0].Num
	default:
		m.setFlash("Created "+msg.tasks[0].Label()+" to "+msg.tasks[n-1].Label(), false)
		m.tasks.selected = msg.tasks[0].Num
	}

	slog.Info("console: tasks created", "incident", m.inc.Ref, "count", len(msg.tasks), "actor", m.opts.Actor.ID)

	return m.afterWrite()
}

// handleTaskChanged shows the new state of a task at once, before the
// board is read again, or why the service refused the change.
func (m *Model) handleTaskChanged(msg taskChangedMsg) tea.Cmd {
	ch := msg.change
	delete(m.tasks.saving, ch.Num)

	if msg.err != nil {
		slog.Info("console: task change refused", "incident", m.inc.Ref, "task", ch.Num, "action", ch.Action, "actor", m.opts.Actor.ID, "err", msg.err)
		m.showRejection(msg.popup, msg.err)

		var gate *incident.GateClosedError
		if errors.As(msg.err, &gate) {
			if p := m.popupFor(msg.popup); p != nil {
				p.base().err = gateClosedText(gate)
			}

			return nil
		}

		if errors.Is(msg.err, incident.ErrConflict) {
			m.conflict = &taskConflict{num: ch.Num, popup: msg.popup}

			return m.refreshBoard()
		}

		return nil
	}

	slog.Info("console: task changed", "incident", m.inc.Ref, "task", ch.Num, "action", ch.Action, "status", msg.task.Status, "actor", m.opts.Actor.ID)

	if m.popupFor(msg.popup) != nil {
		m.popup = nil
	}

	if m.cont != nil {
		if it := m.cont.byNum[ch.Num]; it != nil {
			it.task.Status, it.task.Owner, it.task.Note, it.task.UpdatedAt = msg.task.Status, msg.task.Owner, msg.task.Note, msg.task.UpdatedAt
			it.owner = incident.SanitizeLine(msg.task.Owner)
			m.tasks.rebuild(m.cont, m.layout, m.opts.Actor.ID)
		}
	}

	m.setFlash(taskChangeText(msg.task, ch), false)

	return m.afterWrite()
}

// rejectionText returns the service's reason for rejecting a change,
// sanitised. The service wraps each reason in what it was doing, as in
// "change task T-2: task T-2 cannot be started before T-1 is done". The
// popup or the list already shows that, so only the reason is kept.
func rejectionText(err error) string {
	text := err.Error()
	if inner := errors.Unwrap(err); inner != nil && strings.HasSuffix(text, ": "+inner.Error()) {
		text = inner.Error()
	}

	return incident.SanitizeLine(text)
}

// taskChangeText returns the footer message for a change, such as
// "T-3 started".
func taskChangeText(t incident.Task, ch incident.TaskChange) string {
	label := t.Label()

	switch ch.Action {
	case incident.TaskStart:
		return label + " started"
	case incident.TaskFinish:
		return label + " done"
	case incident.TaskBlock:
		return label + " blocked"
	case incident.TaskCancel:
		return label + " cancelled"
	case incident.TaskReopen:
		return label + " reopened"
	}

	if ch.Owner != nil && *ch.Owner == "" {
		return label + " unassigned"
	}

	if ch.Owner != nil {
		return label + " assigned to " + incident.SanitizeLine(*ch.Owner)
	}

	return label + " changed"
}

// gateClosedText says which gate checks are missing in the console's own
// terms: g on the board signs them.
func gateClosedText(e *incident.GateClosedError) string {
	names := make([]string, len(e.Missing))
	for i, c := range e.Missing {
		names[i] = string(c)
	}

	return fmt.Sprintf("%s cannot be restored yet: %d of %d gate checks unsigned (%s). Sign them with g on the board, or a gold or silver commander records an override.",
		incident.SanitizeLine(e.SystemID), len(e.Missing), len(incident.GateChecks), strings.Join(names, ", "))
}
