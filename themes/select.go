package themes

import "github.com/charmbracelet/colorprofile"

// Choice is the terminal information the console picks a theme from.
type Choice struct {
	NoColor        bool                 // NO_COLOR is set to a non-empty value
	Profile        colorprofile.Profile // colorprofile.Unknown until the terminal reports one
	DarkBackground bool                 // from the terminal's reply to a background colour query
}

// Select returns the palette for c: monochrome when NO_COLOR is set or the
// terminal has no colour, else the default palette for its background. An
// unknown profile counts as colour, because bubbletea reports the real
// profile at start-up and the styles are rebuilt then.
func Select(c Choice) Palette {
	if c.NoColor || c.Profile == colorprofile.NoTTY || c.Profile == colorprofile.Ascii {
		return Monochrome()
	}

	return Default(c.DarkBackground)
}
