package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

// methaneField is one line of a METHANE report and the flag that fills it.
type methaneField struct {
	flag   string
	letter string
	label  string // the line's heading in the report
	hint   string // a description of the field's content, for help and errors
	value  string
}

// newMethaneFields returns the seven METHANE lines in report order, adapted
// to a cyber incident. The location is the sites, systems and data centre.
// The hazards are spread, data loss and patient safety. Access is how to
// reach the command room and the isolated network.
func newMethaneFields() []methaneField {
	return []methaneField{
		{flag: "major-incident", letter: "M", label: "Major incident declared", hint: "yes or no"},
		{flag: "location", letter: "E", label: "Exact location (sites, systems, data centre)", hint: "the sites, systems and data centre affected"},
		{flag: "type", letter: "T", label: "Type of incident", hint: "what happened, such as ransomware through a supplier link"},
		{flag: "hazards", letter: "H", label: "Hazards (spread, data loss, patient safety)", hint: "the risk of spread, of data loss and to patient safety"},
		{flag: "access", letter: "A", label: "Access (command room, isolated network)", hint: "how to reach the command room and the isolated network"},
		{flag: "number", letter: "N", label: "Number of casualties or people affected", hint: "patients, staff and services affected"},
		{flag: "services", letter: "E", label: "Emergency services present and required", hint: "who is present and who is needed, such as NCSC, police or suppliers"},
	}
}

// sitrepFlags are the options of 'sitroom sitrep'.
type sitrepFlags struct {
	ref, conditions, actions, needs, nextMeeting string
	save, methane                                bool
	fields                                       []methaneField
}

func newSitrepCommand(g *globalFlags) *cobra.Command {
	fl := sitrepFlags{fields: newMethaneFields()}

	cmd := &cobra.Command{
		Use:   "sitrep [--conditions TEXT] [--actions TEXT] [--needs TEXT] [--next-meeting TIME] [--save] | sitrep --methane --major-incident yes|no --location TEXT --type TEXT --hazards TEXT --access TEXT --number TEXT --services TEXT",
		Short: "Print the situation report built from the incident's state, or save a METHANE report",
		Long: `Print the next situation report, built from the incident's state: systems by
status and those out of service with their effect on patients, decisions
since the last saved sitrep, open and overdue recovery tasks, staffing,
comms and notification duties, the next meeting and the seal. --conditions,
--actions and --needs add what the state cannot give. --next-meeting takes
+2h, 18:00 (the next time the clock shows it) or a timestamp, read in the
display zone. --save records the report on the timeline as a comms entry.

--methane instead records a METHANE report as a comms entry. Every field is
required:
  --major-incident  M  major incident declared: yes or no
  --location        E  exact location: the sites, systems and data centre affected
  --type            T  type of incident
  --hazards         H  hazards: the risk of spread, of data loss and to patient safety
  --access          A  access: how to reach the command room and the isolated network
  --number          N  number of casualties or people affected
  --services        E  emergency services present and required (NCSC, police, suppliers)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkSitrepFlags(cmd, fl); err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				if fl.methane {
					return runMethane(ctx, cmd.OutOrStdout(), a, fl)
				}

				return runSitrep(ctx, cmd, a, fl)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&fl.conditions, "conditions", "", "the situation now, in the commander's words")
	f.StringVar(&fl.actions, "actions", "", "what is being done")
	f.StringVar(&fl.needs, "needs", "", "what the command room needs: people, equipment, decisions")
	f.StringVar(&fl.nextMeeting, "next-meeting", "", "when the command team next meets: +2h, 18:00 or a timestamp")
	f.BoolVar(&fl.save, "save", false, "record the report on the timeline")
	f.BoolVar(&fl.methane, "methane", false, "record a METHANE report from the flags below instead")

	for i := range fl.fields {
		field := &fl.fields[i]
		f.StringVar(&field.value, field.flag, "", fmt.Sprintf("METHANE %s: %s", field.letter, field.hint))
	}

	return cmd
}

// sitrepOnlyFlags are the flags of a situation report that a METHANE
// report has no place for.
var sitrepOnlyFlags = []string{"conditions", "actions", "needs", "next-meeting"}

// checkSitrepFlags rejects a mix of sitrep and METHANE flags, and a METHANE
// report with any field missing, naming every missing flag at once.
func checkSitrepFlags(cmd *cobra.Command, fl sitrepFlags) error {
	if !fl.methane {
		for _, field := range fl.fields {
			if cmd.Flags().Changed(field.flag) {
				return fmt.Errorf("--%s belongs to a METHANE report: add --methane and give every METHANE field", field.flag)
			}
		}

		return nil
	}

	for _, name := range sitrepOnlyFlags {
		if cmd.Flags().Changed(name) {
			return fmt.Errorf("--%s belongs to a situation report, not a METHANE report: run 'sitroom sitrep' without --methane for it", name)
		}
	}

	var missing []string

	for _, field := range fl.fields {
		if strings.TrimSpace(field.value) == "" {
			missing = append(missing, fmt.Sprintf("--%s (%s: %s)", field.flag, field.letter, field.hint))
		}
	}

	if len(missing) > 0 {
		return fmt.Errorf("METHANE report is missing %s: every field is required", strings.Join(missing, ", "))
	}

	switch strings.ToLower(strings.TrimSpace(fl.fields[0].value)) {
	case "yes", "no":
		return nil
	}

	return fmt.Errorf("invalid --major-incident %q: use yes or no", fl.fields[0].value)
}

func runSitrep(ctx context.Context, cmd *cobra.Command, a *app, fl sitrepFlags) error {
	in := incident.SitrepInput{Conditions: fl.conditions, Actions: fl.actions, Needs: fl.needs}

	if fl.nextMeeting != "" {
		var err error
		if in.NextMeeting, err = parseDue(fl.nextMeeting, a.svc.Now(), a.zone); err != nil {
			return err
		}
	}

	w := cmd.OutOrStdout()

	if !fl.save {
		rep, err := a.svc.BuildSitrep(ctx, fl.ref, in, a.zone)
		if err != nil {
			return err
		}

		fmt.Fprintln(w, incident.Sanitize(rep.Text))
		fmt.Fprintln(cmd.ErrOrStderr(), "not saved: add --save to record it on the timeline")

		return nil
	}

	rep, e, err := a.svc.SaveSitrep(ctx, a.actor, fl.ref, in, a.zone)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, incident.Sanitize(rep.Text))
	fmt.Fprintf(w, "\nSITREP %d saved as entry %d\n", rep.Num, e.Seq)

	return nil
}

func runMethane(ctx context.Context, w io.Writer, a *app, fl sitrepFlags) error {
	inc, err := a.svc.ResolveIncident(ctx, fl.ref)
	if err != nil {
		return err
	}

	var b strings.Builder

	if inc.Exercise {
		b.WriteString("EXERCISE EXERCISE EXERCISE. ")
	}

	fmt.Fprintf(&b, "METHANE report, incident %s: %s", inc.Ref, incident.SanitizeLine(inc.Title))

	for _, field := range fl.fields {
		value := incident.SanitizeLine(strings.TrimSpace(field.value))
		if field.flag == "major-incident" {
			value = strings.ToLower(value)
		}

		fmt.Fprintf(&b, "\n%s  %s: %s", field.letter, field.label, value)
	}

	e, err := a.svc.Log(ctx, a.actor, fl.ref, incident.NewEntry{Kind: incident.KindComms, Text: b.String()})
	if err != nil {
		return err
	}

	fmt.Fprintln(w, incident.Sanitize(b.String()))
	fmt.Fprintf(w, "\nMETHANE report saved as entry %d\n", e.Seq)

	return nil
}
