package tui

import (
	"strconv"

	"github.com/northbridge-nhs/sitroom/incident"
)

// boardView draws the systems board: the filter line, the column names
// and the rows that fit, or the detail of one system. It reads only the
// rows on screen, so its cost does not grow with the register.
func (m Model) boardView() string {
	l, b, st := m.layout, &m.board, m.styles

	lines := make([]string, 0, l.BodyHeight)
	lines = append(lines, m.boardFilterLine())

	switch {
	case b.detail != nil:
		lines = append(lines, b.detail.visible()...)
	case m.contErr != nil && m.cont == nil:
		lines = append(lines, "", st.Error.Render("Could not read the board: "+incident.SanitizeLine(m.contErr.Error())))
	case m.cont == nil:
		lines = append(lines, "", st.Subtle.Render("Reading the board…"))
	case len(m.cont.systems) == 0:
		lines = append(lines, "", st.Subtle.Render("No systems in the register yet. Import them with: sitroom import systems FILE"))
	case len(b.visible) == 0:
		lines = append(lines, "", st.Subtle.Render("No systems match these filters. Press x to clear them."))
	default:
		lines = append(lines, m.boardHeader())
		for i := b.cur.offset; i < len(b.visible) && i < b.cur.offset+l.BoardListHeight; i++ {
			lines = append(lines, m.boardRow(b.visible[i], i == b.cur.cursor))
		}
	}

	return block(lines, l.Width, l.BodyHeight)
}

// boardHeader names the columns. When the register has a dependency cycle,
// which leaves the recovery order incomplete, it shows that error instead.
func (m Model) boardHeader() string {
	st, c := m.styles, m.board.cols

	if err := m.cont.board.OrderErr; err != nil {
		return st.Warning.Render("Recovery order incomplete: " + incident.SanitizeLine(err.Error()))
	}

	cells := []string{
		fit("", c.Marker) + padLeft("#", c.Place), fit("status", c.Status), fit("C", c.Crit), fit("system", c.ID),
	}

	rto := fit("out/RTO", c.RTO)
	if c.Bar > 0 {
		rto = fit("RTO used", c.Bar+gapCols+c.RTO)
	}

	cells = append(cells, rto, fit("gate", c.Gate))

	if c.Owner > 0 {
		cells = append(cells, fit("owner role", c.Owner))
	}

	if c.Impact > 0 {
		cells = append(cells, "patient impact")
	}

	line := ""
	for i, cell := range cells {
		if i > 0 {
			line += " "
		}

		line += cell
	}

	return st.Subtle.Render(line)
}

// boardRow draws one system on one line.
func (m Model) boardRow(it *systemItem, selected bool) string {
	st, c, row := m.styles, m.board.cols, it.row
	rto := rtoStateOf(row, m.now)
	gap := segment{text: " "}

	marker := "  "
	if selected {
		marker = "› "
	}

	segs := []segment{
		{text: marker, style: st.Accent},
		{text: padLeft(strconv.Itoa(row.Place.Place), c.Place), style: st.Subtle}, gap,
		{text: fit(systemStatusLabel(row.State.Status), c.Status), style: st.SystemStatus(row.State.Status)}, gap,
		{text: fit(strconv.Itoa(row.Criticality), c.Crit), style: st.Base}, gap,
		{text: fit(it.id, c.ID), style: st.Heading}, gap,
	}

	if c.Bar > 0 {
		segs = append(segs, segment{text: rto.bar(c.Bar), style: rto.style(st)}, gap)
	}

	figures := rto.figures(row.System)
	if w := rto.word(); w != "" {
		figures += " " + w
	}

	segs = append(segs, segment{text: fit(figures, c.RTO), style: rto.style(st)}, gap)

	gate, gateStyle := gateCell(row)
	segs = append(segs, segment{text: fit(gate, c.Gate), style: st.Base})
	switch gateStyle {
	case gateOverridden:
		segs[len(segs)-1].style = st.Override
	case gateComplete:
		segs[len(segs)-1].style = st.Success
	case gateNone:
		segs[len(segs)-1].style = st.Subtle
	}

	if c.Owner > 0 {
		segs = append(segs, gap, segment{text: fit(it.owner, c.Owner), style: st.Subtle})
	}

	if c.Impact > 0 {
		segs = append(segs, gap, segment{text: fit(it.impact, c.Impact), style: st.Base})
	}

	return renderSegments(segs, st, selected)
}

// gateLook is the style class of a gate cell.
type gateLook int

const (
	gatePartial    gateLook = iota // some checks signed
	gateComplete                   // all six signed
	gateOverridden                 // a decision overrode it
	gateNone                       // in service with nothing signed
)

// gateCell writes a system's gate as "4/6", "OVERRIDE" or, for a system in
// service with nothing signed, "–".
func gateCell(row incident.SystemRow) (string, gateLook) {
	signed := len(row.Gate.Signed)

	switch {
	case row.Gate.OverrideSeq != 0:
		return "OVERRIDE", gateOverridden
	case signed == len(incident.GateChecks):
		return strconv.Itoa(signed) + "/" + strconv.Itoa(len(incident.GateChecks)), gateComplete
	case signed == 0 && row.State.OutSince.IsZero():
		return "–", gateNone
	}

	return strconv.Itoa(signed) + "/" + strconv.Itoa(len(incident.GateChecks)), gatePartial
}

// boardFilterLine shows the order, the filters, how many systems show and
// how many are past their RTO.
func (m Model) boardFilterLine() string {
	b, st := &m.board, m.styles

	if b.detail != nil {
		return st.Subtle.Render("System detail · esc back to the board")
	}

	status := "any"
	if b.status != "" {
		status = statusWord(b.status)
	}

	left := st.Subtle.Render("sort ") + st.Accent.Render(boardSortNames[b.sort]) +
		st.Subtle.Render(" · status ") + st.Accent.Render(status) + st.Subtle.Render(" · ")

	switch {
	case b.searching:
		left += b.search.View()
	case b.text != "":
		left += st.Subtle.Render("text ") + st.Accent.Render(strconv.Quote(b.search.Value()))
	default:
		left += st.Subtle.Render("/ to search")
	}

	if m.cont == nil {
		return left
	}

	right := groupThousands(len(m.cont.systems))
	if b.filtered() {
		right = groupThousands(len(b.visible)) + " of " + right
	}

	if n := m.cont.breachedAt(m.now); n > 0 {
		right += st.Subtle.Render(" · ") + st.RTOOver.Render(groupThousands(n)+" over RTO")
	}

	return spread(left, right, m.layout.Width)
}
