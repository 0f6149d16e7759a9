package tui

import "github.com/northbridge-nhs/sitroom/incident"

// The symbols before each status word. Each has a width of one cell in
// x/ansi and in tmux, and none is an emoji, which some terminals draw two
// cells wide.
var (
	systemSymbols = map[incident.SystemStatus]string{
		incident.SystemOperational: "●",
		incident.SystemSuspected:   "?",
		incident.SystemCompromised: "✕",
		incident.SystemIsolated:    "◼",
		incident.SystemShutDown:    "○",
		incident.SystemRebuilding:  "↻",
		incident.SystemValidating:  "◐",
		incident.SystemRestored:    "✓",
	}

	taskSymbols = map[incident.TaskStatus]string{
		incident.TaskTodo:       "○",
		incident.TaskInProgress: "▶",
		incident.TaskBlocked:    "■",
		incident.TaskDone:       "✓",
		incident.TaskCancelled:  "–",
	}
)

// statusCols is the width of the longest status label, "✕ compromised".
const statusCols = 13

// statusWord returns the short word for a containment status: "shut down"
// for shut down (precaution), else its name.
func statusWord(s incident.SystemStatus) string {
	if w := statusWords[s]; w != "" {
		return w
	}

	return string(s)
}

// systemStatusLabel returns a status as its symbol and word, such as
// "✕ compromised", so that it reads without colour.
func systemStatusLabel(s incident.SystemStatus) string {
	sym := systemSymbols[s]
	if sym == "" {
		sym = "·"
	}

	return sym + " " + statusWord(s)
}

// taskStatusLabel returns a task status as its symbol and word, such as
// "▶ in progress".
func taskStatusLabel(s incident.TaskStatus) string {
	sym := taskSymbols[s]
	if sym == "" {
		sym = "·"
	}

	return sym + " " + string(s)
}
