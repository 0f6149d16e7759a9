package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/importer"
)

const importFormatHelp = `The file is UTF-8 CSV (a byte order mark is allowed) with commas between
columns, a header row naming the columns in any order, and quotes around any
value that holds a comma, quote or line break. List columns separate items
with ';' (or ',' inside quotes). The whole file is checked before anything is written: a file with
a problem changes nothing, and the error lists each problem by line.`

func newImportCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("import", "Import the system register, the staff roster or a timeline from CSV",
		`Import the system register, the staff roster or a timeline from CSV files.
Import the register and the roster before a timeline that names their ids.

`+importFormatHelp,
		newImportSystemsCommand(g), newImportStaffCommand(g), newImportTimelineCommand(g))
}

func newImportSystemsCommand(g *globalFlags) *cobra.Command {
	var dryRun bool

	cmd := &cobra.Command{
		Use:         "systems FILE",
		Annotations: mayCreateDatabase(),
		Short:       "Add systems to the register, replacing those with the same id",
		Long: `Add the systems in FILE to the register, replacing stored systems with the
same id. FILE - reads standard input.

Columns: id, name, criticality (1 low to 5 highest), rto_hours and rpo_hours
(numbers of hours, 0 or more) are required; function, owner_role,
patient_impact, depends_on (system ids), supplier and hosting are optional.
Every system named in depends_on must be in the file or the register, and
the dependencies must have no cycle.

` + importFormatHelp,
		Args: cobra.ExactArgs(1),
		RunE: registerImport(g, &dryRun, "system", "systems", importer.Importer.Systems),
	}

	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check the file and count what would change, but write nothing")

	return cmd
}

func newImportStaffCommand(g *globalFlags) *cobra.Command {
	var dryRun bool

	cmd := &cobra.Command{
		Use:         "staff FILE",
		Annotations: mayCreateDatabase(),
		Short:       "Add people to the staff roster, replacing those with the same id",
		Long: `Add the people in FILE to the staff roster, replacing stored staff members
with the same id. FILE - reads standard input.

Columns: id and name are required; role, command_level (gold, silver, bronze
or none; blank is none), team, phone, location, on_call (yes or no; blank
is no), access and login are optional. A staff member's id is what they give
to --as. access is commander, loggist, member or observer; blank keeps what
the roster holds, or for someone new is loggist for a loggist by title,
commander with a command level, else member. login is the host account that
acts as them without --as; blank keeps the one they have, and - removes it.
Only a gold or silver commander may change the roster once it has anyone.

` + importFormatHelp,
		Args: cobra.ExactArgs(1),
		RunE: registerImport(g, &dryRun, "staff member", "staff members", importer.Importer.Staff),
	}

	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check the file and count what would change, but write nothing")

	return cmd
}

func newImportTimelineCommand(g *globalFlags) *cobra.Command {
	var opts importer.TimelineImport

	cmd := &cobra.Command{
		Use:   "timeline FILE",
		Short: "Append a timeline transcript to an incident",
		Long: `Append the rows of FILE to the incident's timeline in file order, then one
entry recording who imported which file and its SHA-256. Each row keeps its
own occurred and recorded times. FILE - reads standard input.

Columns: occurred_at, recorded_at, actor (a staff id on the roster), kind
(decision, action, observation, comms, containment, recovery, check-in or
inject) and text are required. Optional: command_level (blank means the
actor's level on the roster), system_ids (ids in the register),
decision_maker (a staff id, when the actor recorded it for someone else),
rationale (for a decision without one, the text after "Rationale:" in the
text is taken), options (separated by ';') and late_reason.

Times are RFC 3339 with a UTC offset, such as 2026-06-11T05:38:00+01:00, or a
date and time without one (2026-06-11 05:38 or 11/06/2026 05:38) read in the
display zone. A local time that a clock change makes ambiguous is rejected.

Entries can never be removed, so a file is rejected when any row matches an
entry already on the timeline (same occurred time, actor, kind and text) or
an earlier row of the file. Check a file first with --dry-run.

` + importFormatHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				name, data, err := readImportFile(cmd, args[0])
				if err != nil {
					return err
				}

				res, err := importerFor(a).Timeline(ctx, name, data, opts)

				var dupErr *importer.DuplicateError
				if errors.As(err, &dupErr) && !dupErr.AllImported() {
					return fmt.Errorf("%w (--allow-duplicates)", err)
				}

				if err != nil {
					return err
				}

				printTimelineResult(cmd.OutOrStdout(), res, name, opts.DryRun)

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&opts.Ref, "incident", "", "incident reference (default: the only open incident)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "check the file and count the rows, but write nothing")
	f.BoolVar(&opts.AllowDuplicates, "allow-duplicates", false, "import rows that repeat existing entries, when they record separate events")

	return cmd
}

// registerLoader is importer.Importer.Systems or importer.Importer.Staff.
type registerLoader func(im importer.Importer, ctx context.Context, name string, data []byte, dryRun bool) (importer.RegisterResult, error)

// registerImport returns the RunE of the systems and staff imports, which
// differ only in the loader and the nouns they print.
func registerImport(g *globalFlags, dryRun *bool, singular, pluralForm string, load registerLoader) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		return withApp(cmd, g, func(ctx context.Context, a *app) error {
			name, data, err := readImportFile(cmd, args[0])
			if err != nil {
				return err
			}

			res, err := load(importerFor(a), ctx, name, data, *dryRun)
			if err != nil {
				return err
			}

			printRegisterResult(cmd.OutOrStdout(), res, singular, pluralForm, name, *dryRun)

			return nil
		})
	}
}

func importerFor(a *app) importer.Importer {
	return importer.Importer{Service: a.svc, Actor: a.actor, Zone: a.zone}
}

// readImportFile reads path, or standard input for "-", and returns the name
// to show and record for it. The name is sanitised because it is printed in
// messages and stored in the timeline entry that records an import.
func readImportFile(cmd *cobra.Command, path string) (string, []byte, error) {
	if path == "-" {
		data, err := io.ReadAll(cmd.InOrStdin())
		if err != nil {
			return "", nil, fmt.Errorf("read standard input: %w", err)
		}

		return "stdin", data, nil
	}

	name := incident.SanitizeLine(path)

	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, fmt.Errorf("read %s: check the path and its permissions: %w", name, err)
	}

	return name, data, nil
}

func printRegisterResult(out io.Writer, res importer.RegisterResult, singular, pluralForm, name string, dryRun bool) {
	counted := plural(res.Rows, singular, pluralForm)

	if dryRun {
		fmt.Fprintf(out, "checked %s in %s: %d would be added and %d would replace stored ones; nothing was written (--dry-run)\n",
			counted, filepath.Base(name), res.Added, res.Replaced)

		return
	}

	fmt.Fprintf(out, "imported %s from %s: %d added, %d replaced\n", counted, filepath.Base(name), res.Added, res.Replaced)
}

func printTimelineResult(out io.Writer, res importer.TimelineResult, name string, dryRun bool) {
	repeats := ""
	if res.Duplicates > 0 {
		repeats = fmt.Sprintf(", %d of them repeating existing entries", res.Duplicates)
	}

	if dryRun {
		fmt.Fprintf(out, "checked %s in %s for %s%s: all can be imported; nothing was written (--dry-run)\n",
			plural(res.Rows, "row", "rows"), filepath.Base(name), res.Ref, repeats)

		return
	}

	fmt.Fprintf(out, "imported %s from %s into %s%s, and one entry recording the import\n%s\n",
		plural(res.Rows, "entry", "entries"), filepath.Base(name), res.Ref, repeats, res.Seal)
}

// plural returns n with the noun in the form its count needs.
func plural(n int, singular, pluralForm string) string {
	if n == 1 {
		return "1 " + singular
	}

	return fmt.Sprintf("%d %s", n, pluralForm)
}
