// Package themes turns a semantic palette into the lipgloss styles the
// console draws with. A theme is a named constructor that returns a
// Palette, and NewStyles is the one builder that turns any palette into
// Styles.
//
// Colour never carries meaning alone: every status, level and kind the
// console shows also has a word or symbol, so the monochrome theme loses
// emphasis but no information.
package themes

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette names colours by what they mean, not by hue. A nil colour means
// the terminal's default, and the monochrome palette leaves every colour nil.
type Palette struct {
	Name   string
	Colour bool // false when the builder must use bold, reverse and underline in place of colour

	Base      color.Color // ordinary text
	Subtle    color.Color // secondary text: hints, separators, struck-through entries
	Accent    color.Color // focus, active tab, headings
	Success   color.Color
	Warning   color.Color
	Danger    color.Color
	Selection color.Color // background of the selected row

	Gold   color.Color // command levels
	Silver color.Color
	Bronze color.Color

	Decision    color.Color // entry kinds
	Action      color.Color
	Observation color.Color
	Comms       color.Color
	Containment color.Color
	Recovery    color.Color
	CheckIn     color.Color
	Inject      color.Color
	System      color.Color
}

// Default returns the standard palette for a dark or a light terminal
// background. Each colour is chosen with lipgloss.LightDark, so the same
// meaning keeps enough contrast on either background.
func Default(darkBackground bool) Palette {
	pick := lipgloss.LightDark(darkBackground)
	hex := func(light, dark string) color.Color {
		return pick(lipgloss.Color(light), lipgloss.Color(dark))
	}

	name := "default-light"
	if darkBackground {
		name = "default-dark"
	}

	return Palette{
		Name:      name,
		Colour:    true,
		Base:      hex("#1c1c1c", "#e4e4e4"),
		Subtle:    hex("#6c6c6c", "#8a8a8a"),
		Accent:    hex("#005faf", "#5fafff"),
		Success:   hex("#00875f", "#5fd787"),
		Warning:   hex("#af5f00", "#ffaf00"),
		Danger:    hex("#d70000", "#ff5f5f"),
		Selection: hex("#d7d7ee", "#2e3a4e"),

		Gold:   hex("#8a6d00", "#ffd75f"),
		Silver: hex("#5f5f6f", "#c6c6d0"),
		Bronze: hex("#8a4b1f", "#d7875f"),

		Decision:    hex("#8700af", "#d787ff"),
		Action:      hex("#005faf", "#5fafff"),
		Observation: hex("#4e4e4e", "#bcbcbc"),
		Comms:       hex("#007f7f", "#5fd7d7"),
		Containment: hex("#c04000", "#ff875f"),
		Recovery:    hex("#4f7a00", "#87d75f"),
		CheckIn:     hex("#3f6f9f", "#87afd7"),
		Inject:      hex("#af005f", "#ffafd7"),
		System:      hex("#6c6c6c", "#9e9e9e"),
	}
}

// Monochrome returns the palette for terminals without colour, and for
// anyone who sets NO_COLOR. Emphasis comes from bold, reverse, underline
// and strikethrough alone.
func Monochrome() Palette {
	return Palette{Name: "monochrome", Colour: false}
}
