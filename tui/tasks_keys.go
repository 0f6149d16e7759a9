package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// handleTasksKey moves through the tasks, changes the filters, or acts on
// the selected task.
func (m *Model) handleTasksKey(msg tea.KeyPressMsg) tea.Cmd {
	t, k := &m.tasks, m.keys.Tasks

	if t.detail != nil {
		return m.handleTaskPaneKey(msg)
	}

	if moved := m.moveInList(msg, k.listKeys, &t.cur, len(t.visible), m.layout.TaskListHeight); moved {
		if it := t.at(t.cur.cursor); it != nil {
			t.selected = it.task.Num
		}

		return nil
	}

	if m.changeTaskFilter(msg) {
		m.rebuildTasks()

		return nil
	}

	switch {
	case key.Matches(msg, k.Search):
		t.searching = true

		return t.search.Focus()
	case key.Matches(msg, k.Add):
		return m.openAddTaskPopup(t.filter.system)
	}

	it := t.at(t.cur.cursor)
	if it == nil {
		return nil
	}

	if key.Matches(msg, k.Open) {
		t.detail = &taskPane{num: it.task.Num}
		m.renderTaskDetail()

		return nil
	}

	return m.actOnTask(msg, it.task)
}

// changeTaskFilter applies a filter key and reports whether msg was one.
func (m *Model) changeTaskFilter(msg tea.KeyPressMsg) bool {
	f, k := &m.tasks.filter, m.keys.Tasks

	switch {
	case key.Matches(msg, k.Mine):
		f.mine = !f.mine
	case key.Matches(msg, k.Status):
		f.status = cycle(taskStatusFilters, f.status, 1, true)
	case key.Matches(msg, k.Level):
		f.level = nextLevel(f.level)
	case key.Matches(msg, k.Owner) && m.cont != nil:
		f.owner = nextOwner(f.owner, m.cont)
	case key.Matches(msg, k.System) && m.cont != nil && len(m.cont.taskSystems) > 0:
		f.system = cycle(m.cont.taskSystems, f.system, 1, true)
	case key.Matches(msg, k.Clear):
		*f = taskFilter{}
		m.tasks.search.SetValue("")
	default:
		return false
	}

	return true
}

// actOnTask starts, finishes, blocks, cancels, reopens or assigns t, the
// task as shown. Start and reopen save at once. Done and cancel ask first,
// naming the task, because a slip of the finger on the wrong row would
// close someone else's work.
func (m *Model) actOnTask(msg tea.KeyPressMsg, t incident.Task) tea.Cmd {
	k := m.keys.Tasks
	title := truncate(incident.SanitizeLine(t.Title), 40)

	switch {
	case key.Matches(msg, k.Start):
		return m.saveTaskAction(t, incident.TaskStart, "")
	case key.Matches(msg, k.Done) && t.Status.Closed():
		m.setFlash(t.Label()+" is already "+string(t.Status), true)
	case key.Matches(msg, k.Done):
		m.confirmTask(t, incident.TaskFinish, "Mark "+t.Label()+" done: "+title+"?")
	case key.Matches(msg, k.Block):
		return m.openBlockPopup(t)
	case key.Matches(msg, k.Cancel) && t.Status.Closed():
		m.setFlash(t.Label()+" is "+string(t.Status)+", so it cannot be cancelled", true)
	case key.Matches(msg, k.Cancel):
		m.confirmTask(t, incident.TaskCancel, "Cancel "+t.Label()+": "+title+"? It stays on record as cancelled.")
	case key.Matches(msg, k.Reopen) && !reopenable(t.Status):
		m.setFlash(t.Label()+" is "+string(t.Status)+": only a done, cancelled or blocked task can be reopened", true)
	case key.Matches(msg, k.Reopen):
		return m.saveTaskAction(t, incident.TaskReopen, "")
	case key.Matches(msg, k.Assign):
		return m.openOwnerPopup(t)
	}

	return nil
}

// reopenable reports whether TaskReopen applies to a task with status s.
func reopenable(s incident.TaskStatus) bool {
	return s == incident.TaskDone || s == incident.TaskCancelled || s == incident.TaskBlocked
}

// confirmTask shows question and applies action to t as shown on yes.
func (m *Model) confirmTask(t incident.Task, action incident.TaskAction, question string) {
	m.pending = pendingChange{task: t, taskAction: action}
	m.dialog = &dialog{question: question, onYes: actionChangeTask}
}

// saveTaskAction sends action on t to the service with the status shown
// as Expect, unless a change to t is still on its way.
func (m *Model) saveTaskAction(t incident.Task, action incident.TaskAction, note string) tea.Cmd {
	if m.tasks.saving[t.Num] {
		m.setFlash(t.Label()+" is still being saved; try again in a moment", true)

		return nil
	}

	m.tasks.saving[t.Num] = true

	return changeTask(m.opts.Context, m.opts.Service, m.opts.Actor, m.inc.Ref, 0,
		incident.TaskChange{Num: t.Num, Action: action, Note: note, Expect: t.Status})
}

// handleTaskPaneKey scrolls or closes a task's detail. The keys that act
// on the task work there too.
func (m *Model) handleTaskPaneKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.tasks.detail

	if m.scrollPane(msg, &p.pane) {
		return nil
	}

	if key.Matches(msg, m.keys.Pane.Close) {
		m.tasks.detail = nil

		return nil
	}

	if it := m.cont.byNum[p.num]; it != nil {
		return m.actOnTask(msg, it.task)
	}

	return nil
}

func (m *Model) rebuildTasks() {
	if m.cont != nil {
		m.tasks.rebuild(m.cont, m.layout, m.opts.Actor.ID)
	}
}

// handleTasksSearchKey edits the tasks' text filter.
func (m *Model) handleTasksSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	t := &m.tasks

	done, cleared := m.searchBoxKey(msg, &t.search, &t.searching)
	if cleared {
		t.filter.text = ""
		m.rebuildTasks()
	}

	if done {
		return nil
	}

	return m.updateTasksSearch(msg)
}

func (m *Model) updateTasksSearch(msg tea.Msg) tea.Cmd {
	t := &m.tasks

	var cmd tea.Cmd
	t.search, cmd = t.search.Update(msg)

	if text := strings.ToLower(strings.TrimSpace(t.search.Value())); text != t.filter.text {
		t.filter.text = text
		m.rebuildTasks()
	}

	return cmd
}
