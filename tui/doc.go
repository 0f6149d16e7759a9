// Package tui is sitroom's terminal console, a bubbletea v2 program over
// one incident. It has a status bar and seven views: the dashboard (key
// 1), the timeline (key 2), the systems board (key 3), the recovery tasks
// (key 4), the people on duty (key 5), the messages and notification
// deadlines (key 6) and the sitrep (key 7). A new-entry form opens with n.
// The same form, opened with a on the timeline or in an entry's detail,
// writes a correction of that entry through Service.Amend.
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
//   - popup.go is the small form over a view: the status change, a gate
//     check, the standard tasks after isolating, a block note, an owner, a
//     new task, a check-in, a check-out, welfare check or rest decision
//     (popup_person.go), a new message, a deadline clock (one popup_*.go
//     file each). A list whose numbers choose something, such as the gate
//     checks or the duties, numbers every option whatever is done, marks
//     those that cannot be chosen, and chooses nothing for the user where
//     a wrong choice would be saved unnoticed. A popup returns what the
//     user asked for and the Cmd that saves it; the service's refusal
//     comes back into it with everything typed kept. Each save carries the
//     status the user saw as Expect, and a popup checks every new read of
//     its data for a change someone else made.
//   - people.go and comms.go prepare each read of the people picture
//     (Service.People) and of the messages, duties and sitreps inside
//     their Cmds (commands_people.go), with the slices the counts search:
//     people on duty longest first, welfare checks soonest due first,
//     running duties soonest due first. people_list.go and comms_list.go
//     keep each list's filters, cursor and columns; people_view.go,
//     comms_view.go and dashboard_people.go draw only the rows on screen,
//     and deadline_words.go words a duty's state for every width. A
//     confirmation (dialog.go) comes before closing a task, approving or
//     sending a message, starting or closing a roll call and saving a
//     sitrep, and a refusal from a key on a list shows in a notice that
//     stays until closed. sitrep.go holds the sitrep form, kept while
//     other views are used, and the report Service.BuildSitrep writes
//     from it; handle_people.go handles the replies of all of these.
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
