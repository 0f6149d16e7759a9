package tui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/store"
)

// entryLine matches a timeline row as drawn: marker, HH:MM, then #seq.
var entryLine = regexp.MustCompile(`^(› |  )\d\d:\d\d +#\d+ `)

func logMixed(f *fixture) {
	f.log(incident.NewEntry{Kind: incident.KindDecision, Level: incident.LevelGold, Text: "Gold decision one", Rationale: "r"})
	f.log(incident.NewEntry{Kind: incident.KindDecision, Level: incident.LevelSilver, Text: "Silver decision two", Rationale: "r"})
	f.log(incident.NewEntry{Kind: incident.KindAction, Level: incident.LevelGold, Text: "Gold action three"})
	f.log(incident.NewEntry{Kind: incident.KindObservation, Level: incident.LevelBronze, Text: "Bronze observation four"})
}

func TestTimelineFilterKind(t *testing.T) {
	f := newFixture(t, false)
	logMixed(f)

	m := press(t, f.model(80, 24), "2", "K")
	text := screenText(m)

	for _, want := range []string{"Gold decision one", "Silver decision two", "kind decision", "2 of 5"} {
		if !strings.Contains(text, want) {
			t.Errorf("kind filter decision: screen lacks %q:\n%s", want, text)
		}
	}

	for _, hidden := range []string{"Gold action three", "Bronze observation four", "Incident declared"} {
		if strings.Contains(text, hidden) {
			t.Errorf("kind filter decision: screen still shows %q:\n%s", hidden, text)
		}
	}
}

func TestTimelineFilterLevel(t *testing.T) {
	f := newFixture(t, false)
	logMixed(f)

	m := press(t, f.model(80, 24), "2", "K", "L")
	text := screenText(m)

	for _, want := range []string{"Gold decision one", "kind decision", "level gold", "1 of 5"} {
		if !strings.Contains(text, want) {
			t.Errorf("kind decision and level gold: screen lacks %q:\n%s", want, text)
		}
	}

	if strings.Contains(text, "Silver decision two") {
		t.Errorf("level gold still shows a silver decision:\n%s", text)
	}

	m = press(t, m, "x")
	if got := m.timeline.count(&m.entries); got != 5 {
		t.Errorf("after clearing filters %d rows show, want 5", got)
	}
}

func TestTimelineFilterText(t *testing.T) {
	f := newFixture(t, false)
	logMixed(f)

	m := press(t, f.model(80, 24), "2", "/")
	m = typeText(t, m, "BRONZE")
	m = press(t, m, "enter")
	text := screenText(m)

	if !strings.Contains(text, "Bronze observation four") || !strings.Contains(text, `text "BRONZE"`) || !strings.Contains(text, "1 of 5") {
		t.Errorf("text filter BRONZE: screen lacks the match or the filter line:\n%s", text)
	}

	if strings.Contains(text, "Gold action three") {
		t.Errorf("text filter BRONZE still shows other rows:\n%s", text)
	}

	m = press(t, m, "/", "esc")
	if got := m.timeline.count(&m.entries); got != 5 {
		t.Errorf("after esc in the text filter %d rows show, want 5", got)
	}
}

func TestTimelineAmendmentStruck(t *testing.T) {
	f := newFixture(t, false)
	orig := f.log(incident.NewEntry{Kind: incident.KindAction, Text: "Ambulances diverted to St Mary's"})

	fix, err := f.svc.Amend(context.Background(), f.actor, f.inc.Ref, orig.Seq, "wrong hospital named",
		incident.NewEntry{Text: "Ambulances diverted to St Thomas'"})
	if err != nil {
		t.Fatalf("amend: %v", err)
	}

	m := f.model(120, 24)
	m.opts.NoColor = true // plain attributes only, so strikethrough is exactly ESC[9m
	m.theme.NoColor = true
	m.applyTheme()
	m = press(t, m, "2")

	raw := strings.Split(m.View().Content, "\n")
	origLine, fixLine := "", ""

	for _, l := range raw {
		switch plain := ansi.Strip(l); {
		case strings.Contains(plain, "St Mary's"):
			origLine = l
		case strings.Contains(plain, "St Thomas'"):
			fixLine = l
		}
	}

	if want := fmt.Sprintf("corrected by #%d", fix.Seq); !strings.Contains(ansi.Strip(origLine), want) {
		t.Errorf("amended row lacks %q: %q", want, ansi.Strip(origLine))
	}

	if !strings.Contains(origLine, "\x1b[9m") {
		t.Errorf("amended row is not struck through: %q", origLine)
	}

	if want := fmt.Sprintf("corrects #%d", orig.Seq); !strings.Contains(ansi.Strip(fixLine), want) {
		t.Errorf("correction row lacks %q: %q", want, ansi.Strip(fixLine))
	}

	if strings.Contains(fixLine, "9m") {
		t.Errorf("correction row is struck through: %q", fixLine)
	}
}

func TestTimelineLateMarker(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Text: "Phones were down", OccurredAt: testNow.Add(-45 * time.Minute), LateReason: "no phones"})
	f.log(incident.NewEntry{Text: "Phones are back"})

	lines := screen(press(t, f.model(80, 24), "2"))

	if l := lineWith(lines, "Phones were down"); !strings.Contains(l, "LATE") {
		t.Errorf("late row lacks the LATE badge: %q", l)
	}

	if l := lineWith(lines, "Phones are back"); strings.Contains(l, "LATE") {
		t.Errorf("row recorded on time shows LATE: %q", l)
	}
}

// importSpread writes n entries ten minutes apart, ending at testNow, in
// one transaction.
func importSpread(t testing.TB, f *fixture, n int) {
	t.Helper()

	rows := make([]incident.ImportedEntry, n)
	for i := range rows {
		at := testNow.Add(-time.Duration(n-i) * 10 * time.Minute)
		rows[i] = incident.ImportedEntry{OccurredAt: at, RecordedAt: at, Actor: "ST09", Level: incident.LevelSilver,
			Kind: incident.KindObservation, Text: fmt.Sprintf("Entry number %d", i), Source: "test"}
	}

	if _, err := f.svc.ImportEntries(context.Background(), f.actor, f.inc.Ref, "test", rows); err != nil {
		t.Fatalf("import %d entries: %v", n, err)
	}
}

func TestTimelineRowsFillHeight(t *testing.T) {
	f := newFixture(t, false)
	importSpread(t, f, 400) // 400 × 10 min spans four days, so date lines appear

	m := press(t, f.model(80, 24), "2")

	for _, keys := range [][]string{nil, {"pgup"}, {"pgup", "pgup", "pgup"}, {"home"}, {"pgdown"}, {"end"}} {
		m = press(t, m, keys...)
		lines := screen(m)

		if len(lines) != 24 {
			t.Fatalf("after %v the screen has %d lines, want 24", keys, len(lines))
		}

		list := lines[m.layout.StatusHeight+filterRows+stickyRows : m.layout.StatusHeight+filterRows+stickyRows+m.layout.ListHeight]
		rows, dates := 0, 0

		for _, l := range list {
			switch {
			case entryLine.MatchString(l):
				rows++
			case strings.HasPrefix(l, "── "):
				dates++
			}
		}

		if rows+dates != m.layout.ListHeight {
			t.Errorf("after %v: %d rows and %d date lines, want them to fill %d lines:\n%s",
				keys, rows, dates, m.layout.ListHeight, strings.Join(list, "\n"))
		}

		if rows < m.layout.ListHeight-2 {
			t.Errorf("after %v only %d rows drawn in %d lines", keys, rows, m.layout.ListHeight)
		}

		if sel := lineWith(list, "› "); sel == "" {
			t.Errorf("after %v the selected row is not on screen", keys)
		}
	}
}

func TestTimelineLiveUpdate(t *testing.T) {
	f := newFixture(t, false)
	importSpread(t, f, 50)

	m := press(t, f.model(80, 24), "2")

	other, err := store.Open(context.Background(), f.db.Path())
	if err != nil {
		t.Fatalf("open second connection: %v", err)
	}
	defer other.Close()

	otherSvc := incident.NewService(other, func() time.Time { return f.now })
	if _, err := otherSvc.Log(context.Background(), incident.Actor{ID: "ST07"}, f.inc.Ref, incident.NewEntry{Text: "Written by another process"}); err != nil {
		t.Fatalf("log from second connection: %v", err)
	}

	m = send(t, m, changeMsg{})

	if l := lineWith(screen(m), "Written by another process"); !strings.HasPrefix(l, "› ") {
		t.Errorf("following the end, the new entry should show selected at the bottom: %q", l)
	}

	m = press(t, m, "home")
	if _, err := otherSvc.Log(context.Background(), incident.Actor{ID: "ST07"}, f.inc.Ref, incident.NewEntry{Text: "Second from elsewhere"}); err != nil {
		t.Fatalf("log from second connection: %v", err)
	}

	m = send(t, m, changeMsg{})
	lines := screen(m)

	if m.timeline.cursor != 0 {
		t.Errorf("not following: cursor moved to %d, want it kept on the first row", m.timeline.cursor)
	}

	if filterLine := lines[m.layout.StatusHeight]; !strings.Contains(filterLine, "1 new") {
		t.Errorf("filter line should count the entry that arrived below: %q", filterLine)
	}
}

func TestTimelineDetail(t *testing.T) {
	f := newFixture(t, false)
	f.log(incident.NewEntry{Kind: incident.KindDecision, Text: "Shut down the EPR", Rationale: "Stop the spread to clinical systems",
		Options: []string{"Keep EPR up"}, OccurredAt: testNow.Add(-30 * time.Minute), LateReason: "in the gold meeting"})

	m := press(t, f.model(80, 30), "2", "enter")
	text := screenText(m)

	for _, want := range []string{"Entry #2", "Stop the spread to clinical systems", "- Keep EPR up", "in the gold meeting", "Written by", "Hash", "LATE"} {
		if !strings.Contains(text, want) {
			t.Errorf("detail lacks %q:\n%s", want, text)
		}
	}

	m = press(t, m, "esc")
	if m.timeline.detail != nil {
		t.Error("esc did not close the detail")
	}
}

func TestTimelineStartsTooSmall(t *testing.T) {
	f := newFixture(t, false)
	importSpread(t, f, 100)

	m := f.model(50, 15)
	m = send(t, m, teaResize(80, 24))
	m = press(t, m, "2")

	if last := m.timeline.count(&m.entries) - 1; m.timeline.cursor != last || !m.timeline.follow {
		t.Errorf("after growing from too small: cursor %d, follow %v; want the last row %d, following", m.timeline.cursor, m.timeline.follow, last)
	}

	if l := lineWith(screen(m), "› "); !strings.Contains(l, "Imported 100 timeline entries") {
		t.Errorf("the last entry is not selected on screen: %q", l)
	}
}
