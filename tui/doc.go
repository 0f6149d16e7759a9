// Package tui is sitroom's terminal console, a bubbletea v2 program: a
// status bar, the dashboard (key 1), the timeline (key 2), the systems
// board (key 3), the recovery tasks (key 4) and a new-entry form (key n)
// over one incident. The same form, opened with a on the timeline or in an
// entry's detail, writes a correction of that entry through Service.Amend.
//
// Where things go:
//
//   - model.go holds the root Model. Update only routes: each message family
//     has a handleX method in a handle_*.go file (keys, data, terminal).
//   - commands.go holds every Cmd and the message it returns. A Cmd captures
//     plain values (ids, the service, a context) and never the model. All
//     I/O happens there, and Update and View do none.
//   - Each view has its own file: dashboard.go, timeline_view.go with
//     row_view.go, detail.go, form_view.go, help.go, statusbar.go and
//     footer.go. View functions read the model and change nothing.
//   - form.go is the entry form's state and form_amend.go what differs
//     when it corrects an entry; form_keys.go opens, saves and cancels it.
//   - entryset.go keeps the timeline in reading order and what the dashboard
//     shows of it. timeline.go is the list's cursor, scrolling and filters.
//     Entries are append-only, so after the first read only rows with a
//     larger id are fetched, each time the store reports a change.
//   - containment.go prepares each read of the board (Service.Board)
//     inside its Cmd: systems in recovery order, tasks, and slices sorted
//     by RTO deadline and due time, so that counting breaches or overdue
//     tasks is a binary search. board.go and tasks.go keep each list's
//     filters, order and cursor. They filter and sort again when the data
//     or a filter changes, never while drawing, and keep the selection by
//     system id and task number. board_view.go, tasks_view.go and
//     dashboard_containment.go draw only the rows on screen.
//   - popup.go is the small form over the board or the tasks: the status
//     change, a gate check, the standard tasks after isolating, a block
//     note, an owner, a new task (one popup_*.go file each). A popup
//     returns what the user asked for and the Cmd that saves it; the
//     service's refusal comes back into it with everything typed kept.
//     Each save carries the status the user saw as Expect, and a popup
//     checks every new read of the board for a change someone else made.
//   - layout.go computes every size once per resize. Views draw with those
//     sizes and no offsets of their own.
//   - keys.go is the one key map. The root matches ctrl+c, then an open
//     question, then global keys unless an input takes typed text, then
//     the focused view's keys. Model implements help.KeyMap by asking the
//     focused part, so ? lists exactly the keys that work there.
//   - Styles come from the themes package, rebuilt when the terminal reports
//     its background colour or colour profile.
//
// The package imports the incident domain but never the store or SQL: it
// reads through incident.Store and writes through Service.
package tui
