package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

// commsTemplate is one standard message the comms team drafts early in an
// incident.
type commsTemplate struct {
	title    string // the heading, such as "Holding statement for patients and the public"
	audience incident.Audience
	channel  incident.Channel // used when --channel is not given
	body     func(f templateFacts) string
	notes    func(f templateFacts) string // for the approver only, never part of the message; nil for none
}

// templateFacts are the incident details a template is filled from.
type templateFacts struct {
	inc        incident.Incident
	out        []incident.SystemRow // systems out of service, most critical first
	nextUpdate string               // when the next update comes, or a placeholder to fill in
}

// nextUpdatePlaceholder is the text put in place of the next update's time
// when --next-update is not given, for the drafter to fill in.
const nextUpdatePlaceholder = "[time of next update]"

var commsTemplates = map[string]commsTemplate{
	"holding": {
		title: "Holding statement for patients and the public", audience: incident.AudiencePublic,
		channel: incident.ChannelPressRelease, body: holdingStatement, notes: outOfServiceNotes,
	},
	"staff": {
		title: "Staff briefing", audience: incident.AudienceStaff,
		channel: incident.ChannelFaceToFace, body: staffBriefing,
	},
	"gp": {
		title: "Notice to GP practices", audience: incident.AudienceGPs,
		channel: incident.ChannelOutOfBand, body: gpNotice,
	},
}

// templateFlags are the options of 'sitroom comms template'.
type templateFlags struct {
	ref, channel, counterpart, nextUpdate string
	add                                   bool
}

func newCommsTemplateCommand(g *globalFlags) *cobra.Command {
	var fl templateFlags

	cmd := &cobra.Command{
		Use:   "template holding|staff|gp [--next-update TIME] [--add [--channel C] [--counterpart TEXT]]",
		Short: "Print a holding statement, staff briefing or GP practice notice filled from the incident",
		Long: `Print a standard message filled from the incident's state: the incident, the
systems out of service and what that means for patients, and what the
reader should do.

  holding  holding statement for patients and the public (press release)
  staff    staff briefing (face to face)
  gp       notice to GP practices (out-of-band email)

--next-update fills in when the next update comes (+2h, 18:00 or a
timestamp, read in the display zone); without it the text holds the
placeholder ` + nextUpdatePlaceholder + `. An exercise is marked EXERCISE at the
start and the end.

--add also drafts the text as an outbound message to the matching audience,
by the channel above or --channel, for approval ('sitroom comms approve').
The notes for the approver that follow a holding statement are not part of
the message.`,
		ValidArgs: []string{"holding", "staff", "gp"},
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("name one template: holding, staff or gp")
			}

			if _, ok := commsTemplates[strings.ToLower(args[0])]; !ok {
				return fmt.Errorf("invalid template %q: use holding, staff or gp", args[0])
			}

			if !fl.add && (fl.channel != "" || fl.counterpart != "") {
				return fmt.Errorf("--channel and --counterpart go with --add, which drafts the template as a message")
			}

			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			tmpl := commsTemplates[strings.ToLower(args[0])]

			channel := tmpl.channel
			if fl.channel != "" {
				var err error
				if channel, err = incident.ParseChannel(fl.channel); err != nil {
					return err
				}
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runCommsTemplate(ctx, cmd, a, fl, tmpl, channel)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&fl.nextUpdate, "next-update", "", "when the next update comes: +2h, 18:00 or a timestamp (default: a placeholder)")
	f.BoolVar(&fl.add, "add", false, "also draft the text as an outbound message for approval")
	f.StringVar(&fl.channel, "channel", "", "with --add, the channel instead of the template's own")
	f.StringVar(&fl.counterpart, "counterpart", "", "with --add, who the message goes to, such as \"local media list\"")

	return cmd
}

func runCommsTemplate(ctx context.Context, cmd *cobra.Command, a *app, fl templateFlags, tmpl commsTemplate, channel incident.Channel) error {
	b, err := a.svc.Board(ctx, fl.ref)
	if err != nil {
		return err
	}

	facts := templateFacts{inc: b.Incident, nextUpdate: nextUpdatePlaceholder}

	if fl.nextUpdate != "" {
		at, err := parseDue(fl.nextUpdate, a.svc.Now(), a.zone)
		if err != nil {
			return err
		}

		facts.nextUpdate = at.In(a.zone).Format("15:04 MST on Monday 2 January")
	}

	for _, row := range b.Systems {
		if row.State.Status.OutOfService() {
			facts.out = append(facts.out, row)
		}
	}

	sort.SliceStable(facts.out, func(i, j int) bool { return facts.out[i].Criticality > facts.out[j].Criticality })

	text := templateText(tmpl, facts)
	w := cmd.OutOrStdout()
	fmt.Fprintln(w, incident.Sanitize(text))

	if tmpl.notes != nil {
		fmt.Fprintf(w, "\n%s\n", incident.Sanitize(tmpl.notes(facts)))
	}

	if !fl.add {
		return nil
	}

	m, err := a.svc.AddMessage(ctx, a.actor, fl.ref, incident.NewMessage{
		Direction: incident.Outbound, Channel: channel, Audience: tmpl.audience, Counterpart: fl.counterpart, Summary: text,
	})
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "\n%s\n", messageLoggedWords(m))

	return nil
}

// templateText puts a template's heading and body together, between
// EXERCISE lines when the incident is an exercise.
func templateText(tmpl commsTemplate, f templateFacts) string {
	var b strings.Builder

	if f.inc.Exercise {
		b.WriteString("EXERCISE EXERCISE EXERCISE\n\n")
	}

	fmt.Fprintf(&b, "%s, incident %s: %s\n\n", tmpl.title, f.inc.Ref, f.inc.Title)
	b.WriteString(tmpl.body(f))

	if f.inc.Exercise {
		b.WriteString("\n\nEXERCISE EXERCISE EXERCISE")
	}

	return b.String()
}

func holdingStatement(f templateFacts) string {
	opening := `We are responding to a cyber security incident. Our services are running,
and we are working with our partners to investigate it.`

	if len(f.out) > 0 {
		opening = `We are responding to a cyber security incident. Some of our IT systems are
out of service while we deal with it, and our staff are following their
paper-based business continuity procedures so that care can continue
safely.`
	}

	return opening + `

Patient safety is our priority. Please keep coming to your appointments
unless we contact you to rearrange them. It helps to bring a list of your
medicines and any recent hospital letters. Some appointments may take
longer than usual, and we are sorry for the inconvenience.

In an emergency, call 999 or go to your nearest emergency department. For
urgent medical help that is not an emergency, use NHS 111 online or call
111.

Please do not phone the hospital to ask about the incident: keeping our
lines free helps the patients who need to reach us.

We are checking whether any personal information has been affected. If it
has, we will contact the people concerned directly.

We will give a further update by ` + f.nextUpdate + "."
}

// outOfServiceNotes lists the systems out of service and their effect on
// patients for the approver of a public statement, which names none of
// them.
func outOfServiceNotes(f templateFacts) string {
	return "For the approver, not for release. Systems out of service and the effect on patients:\n" + outOfServiceList(f)
}

// outOfServiceList lists each system out of service with its status and
// the effect on patients from the register.
func outOfServiceList(f templateFacts) string {
	if len(f.out) == 0 {
		return "- none at present"
	}

	lines := make([]string, len(f.out))
	for i, row := range f.out {
		lines[i] = fmt.Sprintf("- %s (%s), %s: %s", row.Name, row.ID, row.State.Status, orDash(row.PatientImpact))
	}

	return strings.Join(lines, "\n")
}

func staffBriefing(f templateFacts) string {
	return `We are responding to a cyber security incident. Please read this briefing
and share it with colleagues who have not seen it, including those on later
shifts.

Systems out of service and what it means for patients:
` + outOfServiceList(f) + `

What to do:
- Use your department's business continuity (downtime) procedures and
  paper forms for the systems above.
- Do not switch on, log in to or reconnect any computer or device that has
  been disconnected, and do not plug in USB sticks or personal devices.
- Do not try to fix affected systems yourself. Report anything unusual,
  such as strange messages on screen, files you cannot open or requests for
  your password, to your manager or the IT service desk by phone at once.
- Be wary of calls, texts or emails that claim to come from IT or a
  supplier. We will never ask you for your password.
- Keep paper records secure: do not leave them where others can read them,
  and keep track of where paper notes go.
- Do not discuss the incident with the media or on social media. Pass any
  media enquiry to the communications team.
- Look after yourselves and each other. Take your breaks, and tell your
  manager if you are struggling.
- If you are called in to help, check in with the incident coordination
  centre when you arrive and check out before you leave.

We will give a further update by ` + f.nextUpdate + "."
}

func gpNotice(f templateFacts) string {
	return `The trust is responding to a cyber security incident. Some services to your
practice and your patients are affected.

Systems out of service and what it means for patients:
` + outOfServiceList(f) + `

What we ask of practices:
- Keep referring patients as usual. Where electronic referral or requesting
  is not available, please use paper forms or phone the department.
- Expect some results and discharge letters to be delayed. We will phone
  urgent and significantly abnormal results to the practice.
- Please send patients to the emergency department only if they need
  emergency care.
- Please phone rather than email: messages to our usual email addresses may
  not be read until our systems are back.
- Tell patients who ask to keep coming to their appointments unless we
  contact them.
- Be wary of unexpected messages that seem to come from the trust,
  especially any that ask you to open attachments, follow links or change
  payment details. If in doubt, check with us by phone.

We will send a further update by ` + f.nextUpdate + "."
}
