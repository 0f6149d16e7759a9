package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/themes"
)

// viewID names the views on the number keys.
type viewID int

const (
	viewDashboard viewID = iota
	viewTimeline
	viewBoard // the systems board
	viewTasks
	viewPeople
	viewComms
	viewSitrep
)

// flashFor is how long a confirmation such as "Logged entry #12" stays in
// the footer.
const flashFor = 5 * time.Second

// Model is the console's root bubbletea model. It owns the timeline's
// entries, which both views read, and routes each message to one handler.
type Model struct {
	opts     Options
	keys     keyMap
	theme    themes.Choice
	styles   themes.Styles
	styleGen int // counts theme changes, so that cached drawings are redrawn
	help     help.Model
	layout   layout

	now time.Time
	inc incident.Incident

	view     viewID
	showHelp bool
	dialog   *dialog    // a question over everything else, or nil
	form     *entryForm // the new-entry form, or nil when closed
	popup    popup      // a status change, gate check or task popup over the board or tasks, or nil
	popupSeq int        // id of the latest popup opened

	// pending is the change the open confirmation makes on yes.
	pending pendingChange

	// conflict is the task whose change the service rejected because
	// someone else changed it first, reported once the board is read
	// again.
	conflict *taskConflict

	entries  entrySet
	loaded   bool // the first full read of the timeline has arrived
	fetching bool // a read of new entries is running
	refetch  bool // a change arrived during that read, so read again after it
	loadErr  error

	dash     dashData
	dashGen  int  // generation of the latest dashboard request
	dashBusy bool // a dashboard read is running
	dashMore bool // a change arrived during that read

	timeline timeline

	cont     *containment // latest read of the containment board, or nil before the first
	contErr  error        // error of the latest read, or nil
	contGen  int          // generation of the latest board request
	contBusy bool         // a board read is running
	contMore bool         // a change arrived during that read

	board boardList
	tasks taskList

	people     *peopleData // latest read of the people picture, or nil before the first
	peopleErr  error
	peopleRead readState
	peopleList peopleList

	comms     *commsData // latest read of messages, duties and sitreps, or nil before the first
	commsErr  error
	commsRead readState
	commsList commsList

	sitrep sitrepScreen

	stale staleData // reads a change left for when their view is shown

	present     []incident.Presence // consoles open on the incident
	presentRead bool                // the first read of them has arrived

	lastInput  time.Time // last key or paste, for the idle timeout
	idleWarned bool
	ending     Ending

	flash      string
	flashErr   bool
	flashUntil time.Time
}

// New returns the console for opts.Incident. Run it with tea.NewProgram;
// Init starts the first reads.
func New(opts Options) Model {
	opts = opts.withDefaults()

	m := Model{
		opts:     opts,
		keys:     defaultKeyMap(),
		theme:    themes.Choice{NoColor: opts.NoColor, DarkBackground: true},
		help:     help.New(),
		now:      opts.Now(),
		inc:      opts.Incident,
		fetching: true,
		dashGen:  1,
		dashBusy: true,
		timeline: newTimeline(),
		contGen:  1,
		contBusy: true,
		board:    newBoardList(),
		tasks:    newTaskList(),

		peopleRead: readState{gen: 1, busy: true},
		peopleList: newPeopleList(),
		commsRead:  readState{gen: 1, busy: true},
		commsList:  newCommsList(),
		sitrep:     newSitrepScreen(opts.Now, opts.Zone),
		lastInput:  opts.Now(),
	}

	m.applyTheme()
	m.view, m.tasks.filter.mine = startView(opts.Actor.Level)

	return m
}

// startView chooses the view a session opens on by the user's command
// level: gold the strategic dashboard, silver the systems board, bronze
// their own tasks. Everyone else starts on the dashboard; every view stays
// reachable by its number.
func startView(level incident.Level) (viewID, bool) {
	switch level {
	case incident.LevelSilver:
		return viewBoard, false
	case incident.LevelBronze:
		return viewTasks, true
	}

	return viewDashboard, false
}

// Init requests the terminal's background colour and starts the first
// reads, the wait for changes and the clock.
func (m Model) Init() tea.Cmd {
	return tea.Batch(
		tea.RequestBackgroundColor,
		fetchEntries(m.opts.Context, m.opts.Service, m.inc.ID, 0, m.opts.Zone),
		loadDashboard(m.opts.Context, m.opts.Service, m.inc.Ref, m.dashGen),
		loadBoard(m.opts.Context, m.opts.Service, m.inc.Ref, m.contGen),
		loadPeople(m.opts.Context, m.opts.Service, m.inc.Ref, m.peopleRead.gen),
		loadComms(m.opts.Context, m.opts.Service, m.inc.Ref, m.inc.ID, m.commsRead.gen),
		loadPresence(m.opts.Context, m.opts.Service, m.inc.ID),
		waitForChange(m.opts.Changes),
		waitForNotice(m.opts.Notices),
		tickClock(),
	)
}

// Update routes msg to the handler for its family.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)

	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.handleResize(msg)
	case tea.BackgroundColorMsg:
		return m.handleBackground(msg)
	case tea.ColorProfileMsg:
		return m.handleProfile(msg)
	case tea.KeyPressMsg:
		m.noteInput()

		return m.handleKey(msg)
	case tea.PasteMsg:
		m.noteInput()

		return m.handlePaste(msg)
	case presenceMsg:
		return m.handlePresence(msg)
	case readsMsg:
		return m.handleReads(msg)
	case StopMsg:
		return m.handleStop(msg)
	case writeForMsg:
		return m.handleWriteFor(msg)
	case noticeMsg:
		return m.handleNotice(msg)
	case clockMsg:
		return m.handleClock()
	case changeMsg:
		return m.handleChange(msg)
	case entriesMsg:
		return m.handleEntries(msg)
	case dashboardMsg:
		return m.handleDashboard(msg)
	case savedMsg:
		return m.handleSaved(msg)
	case boardMsg:
		return m.handleBoard(msg)
	case statusSavedMsg:
		return m.handleStatusSaved(msg)
	case gateSignedMsg:
		return m.handleGateSigned(msg)
	case tasksAddedMsg:
		return m.handleTasksAdded(msg)
	case taskChangedMsg:
		return m.handleTaskChanged(msg)
	case peopleMsg:
		return m.handlePeople(msg)
	case commsMsg:
		return m.handleComms(msg)
	case writtenMsg:
		return m.handleWritten(msg)
	case sitrepMsg:
		return m.handleSitrep(msg)
	case sitrepSavedMsg:
		return m.handleSitrepSaved(msg)
	}

	return m.forwardToInput(msg)
}

// View draws the whole screen: the status bar, the focused view and the
// footer, or only a request for a larger terminal when it is too small.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true

	return v
}

func (m Model) render() string {
	l := m.layout
	if l.Width == 0 {
		return ""
	}

	var screen string
	if l.TooSmall {
		screen = m.tooSmallView()
	} else {
		screen = strings.Join([]string{m.statusBar(), m.body(), m.footer()}, "\n")
	}

	if m.popup != nil && !l.TooSmall {
		screen = overlayCentre(screen, m.popup.view(m.styles, l.Width, l.Height), l.Width, l.Height)
	}

	if m.dialog != nil {
		screen = overlayCentre(screen, m.dialog.view(m.styles, l.Width-4), l.Width, l.Height)
	}

	return screen
}

func (m Model) body() string {
	switch {
	case m.showHelp:
		return m.helpView()
	case m.form != nil:
		return m.form.view(m.styles, m.layout, m.opts.Actor, m.inc.Ref)
	case m.view == viewTimeline:
		return m.timelineView()
	case m.view == viewBoard:
		return m.boardView()
	case m.view == viewTasks:
		return m.tasksView()
	case m.view == viewPeople:
		return m.peopleView()
	case m.view == viewComms:
		return m.commsView()
	case m.view == viewSitrep:
		return m.sitrepView()
	}

	return m.dashboardView()
}

func (m Model) tooSmallView() string {
	l := m.layout
	text := "sitroom needs at least " + itoa(MinWidth) + "x" + itoa(MinHeight) +
		"; this terminal is " + itoa(l.Width) + "x" + itoa(l.Height) + ".\nEnlarge the window, or press q to quit."

	box := m.styles.Warning.Width(max(1, min(l.Width-2, 60))).Align(lipgloss.Center).Render(text)

	return overlayCentre("", box, l.Width, l.Height)
}

// applyTheme rebuilds every style from the current theme choice.
func (m *Model) applyTheme() {
	m.styles = themes.NewStyles(themes.Select(m.theme))
	m.styleGen++
	m.help.Styles = help.Styles{
		ShortKey:       m.styles.HelpKey,
		ShortDesc:      m.styles.HelpDesc,
		ShortSeparator: m.styles.HelpSeparator,
		FullKey:        m.styles.HelpKey,
		FullDesc:       m.styles.HelpDesc,
		FullSeparator:  m.styles.HelpSeparator,
		Ellipsis:       m.styles.HelpSeparator,
	}

	m.timeline.applyStyles(m.styles)
	m.board.applyStyles(m.styles)
	m.tasks.applyStyles(m.styles)
	m.peopleList.applyStyles(m.styles)
	m.commsList.applyStyles(m.styles)
	m.sitrep.applyStyles(m.styles)

	if m.form != nil {
		m.form.applyStyles(m.styles)
	}
}

// setFlash shows text in the footer for flashFor.
func (m *Model) setFlash(text string, isErr bool) {
	m.flash, m.flashErr, m.flashUntil = text, isErr, m.now.Add(flashFor)
}
