package tui

import (
	"log/slog"

	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/incident"
)

// handleClock moves the clocks on, expires the footer message and lets the
// form re-check whether its occurred time has become late.
func (m *Model) handleClock() tea.Cmd {
	m.now = m.opts.Now()

	if m.flash != "" && !m.flashErr && !m.now.Before(m.flashUntil) {
		m.flash = ""
	}

	if m.form != nil {
		m.form.refresh(m.now, m.opts.Zone)
	}

	if p := m.board.detail; p != nil && m.cont != nil {
		if it := m.cont.byID[p.id]; it != nil && !it.row.State.OutSince.IsZero() {
			m.renderSystemDetail() // its time out of service moves on
		}
	}

	m.tickPeople()

	return tea.Batch(tickClock(), m.checkIdle())
}

// handleChange reads what another process wrote, then waits for the next
// change.
func (m *Model) handleChange(msg changeMsg) tea.Cmd {
	if msg.closed {
		slog.Info("console: change notifications ended", "incident", m.inc.Ref)

		return nil
	}

	reads := append([]tea.Cmd{m.fetchNew(), m.refreshComms(), loadPresence(m.opts.Context, m.opts.Service, m.inc.ID)},
		m.refreshForView()...)

	return tea.Batch(readTogether(reads...), m.sitrepStale(), waitForChange(m.opts.Changes))
}

// handleReads gives each reply of reads run together to its handler.
func (m *Model) handleReads(msg readsMsg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(msg))
	for _, reply := range msg {
		cmds = append(cmds, m.update(reply))
	}

	return tea.Batch(cmds...)
}

// fetchNew starts a read of entries above the largest row id seen. While a
// read is running it only notes that another must follow that one.
func (m *Model) fetchNew() tea.Cmd {
	if m.fetching {
		m.refetch = true

		return nil
	}

	m.fetching = true

	return fetchEntries(m.opts.Context, m.opts.Service, m.inc.ID, m.entries.maxID, m.opts.Zone)
}

func (m *Model) refreshDashboard() tea.Cmd {
	if m.dashBusy {
		m.dashMore = true

		return nil
	}

	m.dashBusy = true
	m.dashGen++

	return loadDashboard(m.opts.Context, m.opts.Service, m.inc.Ref, m.dashGen)
}

// handleEntries places newly read entries in the timeline.
func (m *Model) handleEntries(msg entriesMsg) tea.Cmd {
	m.fetching = false

	var next tea.Cmd
	if m.refetch {
		m.refetch = false
		next = m.fetchNew()
	}

	if msg.err != nil {
		slog.Error("console: read timeline", "incident", m.inc.Ref, "after_id", msg.afterID, "err", msg.err)
		m.loadErr = msg.err
		m.setFlash("Could not read the timeline: "+incident.SanitizeLine(msg.err.Error()), true)

		return next
	}

	if m.loadErr != nil {
		m.loadErr = nil
		m.flash = ""
	}

	m.loaded = true
	m.timeline.place(&m.entries, msg.rows, m.layout)
	m.selectPending()

	if d := m.timeline.detail; d != nil && !m.layout.TooSmall {
		d.render(&m.entries, m.styles, m.opts.Zone, m.layout.Width, m.layout.BodyHeight-filterRows) // a new correction may name it
	}

	return tea.Batch(next, m.restoreDraft())
}

// handleDashboard keeps the newest dashboard reply and drops any older one.
func (m *Model) handleDashboard(msg dashboardMsg) tea.Cmd {
	if msg.generation != m.dashGen {
		return nil
	}

	m.dashBusy = false

	var next tea.Cmd
	if m.dashMore {
		m.dashMore = false
		next = m.refreshDashboard()
	}

	if msg.err != nil {
		slog.Error("console: read dashboard", "incident", m.inc.Ref, "err", msg.err)
		m.dash.err = msg.err

		return next
	}

	m.inc = msg.incident
	m.dash = dashData{loaded: true, systems: msg.systems, counts: msg.counts, seal: msg.seal}

	return next
}

// handleSaved closes the form after a write, or shows the service's reason
// for refusing it with everything typed still in place.
func (m *Model) handleSaved(msg savedMsg) tea.Cmd {
	if m.form == nil {
		return nil
	}

	m.form.saving = false

	if msg.err != nil {
		slog.Info("console: entry refused", "incident", m.inc.Ref, "actor", m.opts.Actor.ID, "err", msg.err)

		id := fieldForError(msg.err)
		m.form.setError(incident.SanitizeLine(msg.err.Error()), id)

		if id != fieldNone && m.form.shows(id) {
			return m.form.focusOn(id)
		}

		return nil
	}

	e := msg.entry
	m.form = nil

	if e.Amends != 0 {
		slog.Info("console: entry corrected", "incident", m.inc.Ref, "seq", e.Seq, "amends", e.Amends, "actor", m.opts.Actor.ID)
		m.setFlash("Logged correction #"+itoa(int(e.Seq))+" of entry #"+itoa(int(e.Amends)), false)
		m.timeline.selectSeq = e.Seq
		m.selectPending()
	} else {
		slog.Info("console: entry logged", "incident", m.inc.Ref, "seq", e.Seq, "actor", m.opts.Actor.ID)
		m.setFlash("Logged entry #"+itoa(int(e.Seq))+" ("+string(e.Kind)+")", false)
	}

	return tea.Batch(m.fetchNew(), m.refreshDashboard())
}

// selectPending moves the timeline's cursor to the entry whose sequence
// number selectSeq names, once that entry has arrived, unless the filter
// hides it.
func (m *Model) selectPending() {
	t := &m.timeline
	if t.selectSeq == 0 {
		return
	}

	r := m.entries.findSeq(t.selectSeq)
	if r == nil {
		return
	}

	t.selectSeq = 0
	if t.matches != nil && !t.filter.match(r) {
		return
	}

	t.moveTo(&m.entries, t.visibleIndex(&m.entries, r), m.layout.ListHeight)
	t.unseen = max(0, t.unseen-1) // the selected entry is in view, so no longer new
}
