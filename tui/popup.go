package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/northbridge-nhs/sitroom/themes"
)

// popup is a small form over the board or the tasks, such as the status
// change or the gate check. While one is open it takes every key but
// ctrl+c. A popup never changes the model: update returns what the user
// requested, and submit returns the Cmd that calls the service. The root
// passes the service's reply back through the popup's base.
type popup interface {
	base() *popupBase

	// update handles a key or an input's own message.
	update(msg tea.Msg) (tea.Cmd, popupOutcome)

	// submit checks what was typed and returns the Cmd that saves it, or
	// nil after setting the base's error.
	submit() tea.Cmd

	// dirty reports whether closing would lose something typed.
	dirty() bool

	// view draws the popup at most width cells wide and height lines high.
	view(st themes.Styles, width, height int) string

	resize(width int)
}

// popupRefresher is a popup that checks a new read of the board against
// what it was opened with, such as a status someone else has changed.
type popupRefresher interface {
	refresh(data *containment)
}

// popupOutcome is the request a key makes of a popup.
type popupOutcome int

const (
	outcomeNone   popupOutcome = iota
	outcomeSubmit              // save
	outcomeCancel              // close without saving
)

// popupBase is the state every popup shares.
type popupBase struct {
	id     int    // replies name it, so one for a popup since closed is only flashed
	err    string // reason the last save failed, from the popup or the service
	saving bool
}

func (b *popupBase) base() *popupBase { return b }

// popupWidth is the widest a popup is drawn, border included.
const popupWidth = 72

// popupInner returns the width inside a popup's border and padding for a
// screen width cells wide.
func popupInner(width int) int {
	return min(width-4, popupWidth) - 4
}

// inputKind is the kind of input a popup field takes.
type inputKind int

const (
	inputTyped  inputKind = iota // a line of text
	inputList                    // one of a few options, listed one a line; ↑/↓ or a digit
	inputChoice                  // one of a few options on one line; ←/→
)

// popupField is one field of a popup.
type popupField struct {
	label    string
	required bool
	kind     inputKind

	input textinput.Model // for inputTyped

	options []string // for inputList and inputChoice, already sanitised
	choice  int      // -1 while nothing is chosen in a list
	initial int      // choice when opened, for dirty

	// disabled marks the options of a list that cannot be chosen, such as
	// a gate check already signed. ↑/↓ pass over them and a digit for one
	// leaves the choice as it was.
	disabled []bool

	// hint returns a line to show under a typed field for its value, such
	// as what a typed time means, and whether it is an error. It runs when
	// the value changes, not while drawing, and stores its result in
	// hintText and hintErr.
	hint     func(value string) (string, bool)
	hintText string
	hintErr  bool
}

// checkHint runs the field's hint on its current value.
func (f *popupField) checkHint() {
	if f.hint != nil {
		f.hintText, f.hintErr = f.hint(f.input.Value())
	}
}

func typedField(label, placeholder string, required bool) *popupField {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 2000

	return &popupField{label: label, required: required, kind: inputTyped, input: in}
}

// fieldSet is the fields of a popup and which has focus.
type fieldSet struct {
	fields []*popupField
	focus  int
}

func (s *fieldSet) focused() *popupField { return s.fields[s.focus] }

func (s *fieldSet) focusOn(i int) tea.Cmd {
	s.focus = (i%len(s.fields) + len(s.fields)) % len(s.fields)

	var cmd tea.Cmd
	for j, f := range s.fields {
		if f.kind != inputTyped {
			continue
		}

		if j == s.focus {
			cmd = f.input.Focus()
		} else {
			f.input.Blur()
		}
	}

	return cmd
}

// handle applies msg to the focused field: tab and shift+tab move, enter
// moves on or, on the last field, saves, ctrl+s saves and esc cancels.
func (s *fieldSet) handle(msg tea.Msg) (tea.Cmd, popupOutcome) {
	f := s.focused()

	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if f.kind != inputTyped {
			return nil, outcomeNone
		}

		var cmd tea.Cmd
		f.input, cmd = f.input.Update(msg)
		f.checkHint()

		return cmd, outcomeNone
	}

	switch k.String() {
	case "esc":
		return nil, outcomeCancel
	case "ctrl+s":
		return nil, outcomeSubmit
	case "tab":
		return s.focusOn(s.focus + 1), outcomeNone
	case "shift+tab":
		return s.focusOn(s.focus - 1), outcomeNone
	case "enter":
		if s.focus == len(s.fields)-1 {
			return nil, outcomeSubmit
		}

		return s.focusOn(s.focus + 1), outcomeNone
	}

	switch f.kind {
	case inputList:
		f.choice = listKeySkipping(k.String(), f.choice, len(f.options), f.disabled)
	case inputChoice:
		f.choice = choiceKey(k.String(), f.choice, len(f.options))
	default:
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(msg)
		f.checkHint()

		return cmd, outcomeNone
	}

	return nil, outcomeNone
}

// listKey moves a choice among n options listed one a line: ↑/↓, k/j,
// or a digit for the option with that number.
func listKey(key string, choice, n int) int {
	switch key {
	case "up", "k":
		return max(0, choice-1)
	case "down", "j":
		return min(n-1, choice+1)
	}

	if len(key) == 1 && key[0] >= '1' && key[0] <= '9' {
		if i := int(key[0] - '1'); i < n {
			return i
		}
	}

	return choice
}

// listKeySkipping is listKey for a list whose options marked in disabled
// cannot be chosen: ↑/↓ move to the nearest option that can, and a digit
// for one that cannot leaves choice as it was.
func listKeySkipping(key string, choice, n int, disabled []bool) int {
	off := func(i int) bool { return i >= 0 && i < len(disabled) && disabled[i] }

	step := 0
	switch key {
	case "up", "k":
		step = -1
	case "down", "j":
		step = 1
	}

	if step != 0 {
		from := choice + step
		if choice < 0 {
			from, step = 0, 1 // nothing chosen yet: either arrow chooses the first option that can be
		}

		for i := from; i >= 0 && i < n; i += step {
			if !off(i) {
				return i
			}
		}

		return choice
	}

	if next := listKey(key, choice, n); !off(next) {
		return next
	}

	return choice
}

// choiceKey moves a choice among n options on one line with ←/→ or
// space, wrapping.
func choiceKey(key string, choice, n int) int {
	switch key {
	case "right", "space":
		return (choice + 1) % n
	case "left":
		return (choice - 1 + n) % n
	}

	return choice
}

func (s *fieldSet) dirty() bool {
	for _, f := range s.fields {
		if f.kind == inputTyped && strings.TrimSpace(f.input.Value()) != "" {
			return true
		}

		if f.kind != inputTyped && f.choice != f.initial {
			return true
		}
	}

	return false
}

func (s *fieldSet) resize(width, labelWidth int) {
	for _, f := range s.fields {
		f.input.SetWidth(max(10, width-labelWidth-2))
	}
}

func (s *fieldSet) applyStyles(st themes.Styles) {
	for _, f := range s.fields {
		f.input.SetStyles(textInputStyles(st))
	}
}

// lines draws the fields: each label, then a typed field's input on the
// same line with its hint below, or a list's options one a line below it.
func (s *fieldSet) lines(st themes.Styles, width, labelWidth int) []string {
	var out []string

	for i, f := range s.fields {
		focused := i == s.focus
		text := f.label
		if f.required {
			text += " *"
		}

		label := st.FieldLabel.Render(fit("  "+text, labelWidth))
		if focused {
			label = st.FieldLabelFocused.Render(fit("› "+text, labelWidth))
		}

		switch f.kind {
		case inputList:
			out = append(out, label)
			for j, option := range f.options {
				mark, style := "    ", st.Base
				if j < len(f.disabled) && f.disabled[j] {
					style = st.Subtle
				}

				if j == f.choice {
					mark, style = "  ● ", st.Accent
					if focused {
						style = st.Selected
					}
				}

				out = append(out, truncate(mark+style.Render(itoa(j+1)+" "+option), width))
			}
		case inputChoice:
			value := f.options[f.choice]
			if focused {
				value = st.Accent.Render("‹ ") + st.Base.Render(value) + st.Accent.Render(" ›") + st.FieldHint.Render("  ←/→")
			}

			out = append(out, label+" "+value)
		default:
			out = append(out, label+" "+f.input.View())
			if f.hintText != "" {
				style := st.FieldHint
				if f.hintErr {
					style = st.Error
				}

				out = append(out, strings.Repeat(" ", labelWidth+1)+style.Render(truncate(f.hintText, width-labelWidth-1)))
			}
		}
	}

	return out
}

// popupFrame draws a popup: its title, lines of introduction, body, the
// last error, and a line of keys, inside the dialog border. When that is
// taller than height, the blank separators, then the introduction, then
// error lines give way, so that the fields and the keys stay.
func popupFrame(st themes.Styles, width, height int, title string, intro, body []string, b *popupBase, keys string) string {
	inner := popupInner(width)

	var status []string
	switch {
	case b.saving:
		status = []string{st.Subtle.Render("Saving…")}
	case b.err != "":
		for _, line := range limitLines(wrapWords(b.err, inner), inner, 4) {
			status = append(status, st.Error.Render(line))
		}
	}

	room := height - 2 // the border
	fixed := 1 + len(body) + 1
	blanks := 2

	for fixed+len(intro)+len(status)+blanks > room && blanks > 0 {
		blanks--
	}

	for fixed+len(intro)+len(status)+blanks > room && len(intro) > 0 {
		intro = intro[:len(intro)-1]
	}

	for fixed+len(intro)+len(status)+blanks > room && len(status) > 1 {
		status = status[:len(status)-1]
	}

	lines := []string{st.Heading.Render(truncate(title, inner))}
	for _, l := range intro {
		lines = append(lines, truncate(l, inner))
	}

	if blanks > 0 {
		lines = append(lines, "")
	}

	for _, l := range body {
		lines = append(lines, truncate(l, inner))
	}

	if blanks > 1 {
		lines = append(lines, "")
	}

	lines = append(lines, status...)
	lines = append(lines, st.Subtle.Render(truncate(keys, inner)))

	if len(lines) > room {
		lines = lines[:room]
	}

	return st.Dialog.Width(min(width-4, popupWidth)).Render(strings.Join(lines, "\n"))
}
