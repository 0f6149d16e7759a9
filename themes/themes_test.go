package themes

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/northbridge-nhs/sitroom/incident"
)

func TestSelectMonochrome(t *testing.T) {
	cases := []struct {
		name   string
		choice Choice
		want   string
	}{
		{"no colour set", Choice{NoColor: true, Profile: colorprofile.TrueColor, DarkBackground: true}, "monochrome"},
		{"ascii terminal", Choice{Profile: colorprofile.Ascii}, "monochrome"},
		{"not a terminal", Choice{Profile: colorprofile.NoTTY}, "monochrome"},
		{"unknown profile, dark", Choice{Profile: colorprofile.Unknown, DarkBackground: true}, "default-dark"},
		{"256 colours, light", Choice{Profile: colorprofile.ANSI256}, "default-light"},
		{"true colour, dark", Choice{Profile: colorprofile.TrueColor, DarkBackground: true}, "default-dark"},
	}

	for _, c := range cases {
		if got := Select(c.choice).Name; got != c.want {
			t.Errorf("%s: Select = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestMonochromeHasNoColour(t *testing.T) {
	s := NewStyles(Monochrome())

	rendered := []string{
		s.Exercise.Render("EXERCISE"), s.Late.Render("LATE"), s.Error.Render("x"), s.Selected.Render("x"),
		s.Struck.Render("x"), s.Heading.Render("x"),
	}
	for _, l := range incident.Levels {
		rendered = append(rendered, s.Level(l).Render(string(l)))
	}

	for _, k := range incident.Kinds {
		rendered = append(rendered, s.Kind(k).Render(string(k)))
	}

	for _, r := range rendered {
		if strings.Contains(r, "38;") || strings.Contains(r, "48;") {
			t.Errorf("monochrome style sets a colour: %q", r)
		}
	}

	if !strings.Contains(s.Exercise.Render("EXERCISE"), "\x1b[") {
		t.Error("monochrome EXERCISE badge has no emphasis at all")
	}

	if !strings.Contains(s.Struck.Render("x"), "9m") {
		t.Error("monochrome struck style is not struck through")
	}
}

func TestDefaultLightDarkDiffer(t *testing.T) {
	dark, light := NewStyles(Default(true)), NewStyles(Default(false))

	if dark.Base.Render("x") == light.Base.Render("x") {
		t.Error("base text is the same colour on dark and light backgrounds")
	}

	if !strings.Contains(dark.Kind(incident.KindDecision).Render("decision"), "38;") {
		t.Error("the default theme does not colour the decision kind")
	}
}

func TestEveryValueHasStyle(t *testing.T) {
	s := NewStyles(Default(true))
	base := s.Base.Render("x")

	for _, st := range incident.SystemStatuses {
		if s.SystemStatus(st).Render("x") == base {
			t.Errorf("system status %q falls back to the base style", st)
		}
	}

	for _, k := range incident.Kinds {
		if s.Kind(k).Render("x") == base {
			t.Errorf("kind %q falls back to the base style", k)
		}
	}

	for _, l := range incident.Levels {
		if s.Level(l).Render("x") == base {
			t.Errorf("level %q falls back to the base style", l)
		}
	}
}

func TestEveryTaskStatusHasStyle(t *testing.T) {
	s := NewStyles(Default(true))

	for _, st := range incident.TaskStatuses {
		if _, ok := s.taskStatuses[st]; !ok {
			t.Errorf("task status %q has no style of its own", st)
		}
	}

	if s.TaskStatus(incident.TaskBlocked).Render("x") == s.TaskStatus(incident.TaskDone).Render("x") {
		t.Error("blocked and done tasks look the same")
	}
}

func TestRTOStylesDiffer(t *testing.T) {
	s := NewStyles(Default(true))
	within, near, over := s.RTOWithin.Render("x"), s.RTONear.Render("x"), s.RTOOver.Render("x")

	if within == near || near == over || within == over {
		t.Errorf("RTO styles are not distinct: within %q, near %q, over %q", within, near, over)
	}

	if s.RTOOver.Render("x") != s.Error.Render("x") {
		t.Errorf("a breached RTO = %q, want the danger colour of errors %q", over, s.Error.Render("x"))
	}
}

func TestMonochromeContainmentEmphasis(t *testing.T) {
	s := NewStyles(Monochrome())

	for name, r := range map[string]string{
		"RTO over": s.RTOOver.Render("x"), "RTO near": s.RTONear.Render("x"),
		"overdue": s.Overdue.Render("x"), "override": s.Override.Render("x"),
	} {
		if strings.Contains(r, "38;") || strings.Contains(r, "48;") {
			t.Errorf("monochrome %s style sets a colour: %q", name, r)
		}

		if !strings.Contains(r, "\x1b[") {
			t.Errorf("monochrome %s style has no emphasis: %q", name, r)
		}
	}
}

func TestDeadlineStylesByState(t *testing.T) {
	s := NewStyles(Default(true))

	cases := []struct {
		state incident.DeadlineState
		want  lipgloss.Style
		name  string
	}{
		{incident.DeadlineSoon, s.Warning, "amber"},
		{incident.DeadlineMissed, s.Error, "red"},
		{incident.DeadlineMetLate, s.Warning, "amber"},
	}

	for _, c := range cases {
		if got := s.Deadline(c.state).Render("x"); got != c.want.Render("x") {
			t.Errorf("deadline state %d = %q, want %s %q", c.state, got, c.name, c.want.Render("x"))
		}
	}

	if met := s.Deadline(incident.DeadlineMet).Render("x"); !strings.Contains(met, "38;") || met == s.Deadline(incident.DeadlineOpen).Render("x") {
		t.Errorf("a met deadline = %q, want a colour of its own", met)
	}
}

func TestDutyStylesRise(t *testing.T) {
	s := NewStyles(Default(true))
	fine, long, rest := s.Duty(incident.DutyFine).Render("x"), s.Duty(incident.DutyLong).Render("x"), s.Duty(incident.DutyRestNeeded).Render("x")

	if fine == long || long == rest {
		t.Errorf("duty styles are not distinct: fine %q, 12h+ %q, rest needed %q", fine, long, rest)
	}

	if rest != s.Error.Render("x") {
		t.Errorf("rest needed = %q, want red like errors %q", rest, s.Error.Render("x"))
	}
}

func TestEveryMessageStatusHasStyle(t *testing.T) {
	s := NewStyles(Default(true))

	for _, st := range []incident.MessageStatus{incident.MessageReceived, incident.MessageDraft, incident.MessageApproved,
		incident.MessageSent, incident.MessageAcknowledged} {
		if _, ok := s.messages[st]; !ok {
			t.Errorf("message status %q has no style of its own", st)
		}
	}

	mono := NewStyles(Monochrome())
	for _, r := range []string{mono.Deadline(incident.DeadlineMissed).Render("x"), mono.Duty(incident.DutyRestNeeded).Render("x")} {
		if strings.Contains(r, "38;") || !strings.Contains(r, "\x1b[") {
			t.Errorf("monochrome alert style = %q, want emphasis without colour", r)
		}
	}
}
