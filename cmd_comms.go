package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
)

// channelWords and audienceWords are the help text's lists of the names
// ParseChannel and ParseAudience read.
const (
	channelWords  = "phone, sms, radio, face-to-face, runner, email (out-of-band), messaging-app, press-release, website"
	audienceWords = "staff, public (patients and public), nhse (NHS England), ICB, NCSC, ICO, police, suppliers, press, gp (GP practices), mutual-aid"
)

func newCommsCommand(g *globalFlags) *cobra.Command {
	return newParentCommand("comms", "Log messages in and out, approve and send them, and draft templates",
		`The message log: every message that came in or went out, by which channel,
to or from which audience. An outbound message starts as a draft and must be
approved before it is sent: by a gold commander when it goes to patients and
the public or to the press, otherwise by gold or silver. Sending a message to
the audience of a running notification duty ('sitroom deadline list') meets
that duty. Every step is recorded on the timeline under the acting identity
(--as).

Channels: `+channelWords+`.
Audiences: `+audienceWords+`.`,
		newCommsAddCommand(g), newCommsApproveCommand(g), newCommsSendCommand(g), newCommsAckCommand(g),
		newCommsListCommand(g), newCommsTemplateCommand(g))
}

// commsAddFlags are the options of 'sitroom comms add'.
type commsAddFlags struct {
	ref, direction, channel, audience, counterpart string
}

func newCommsAddCommand(g *globalFlags) *cobra.Command {
	var fl commsAddFlags

	cmd := &cobra.Command{
		Use:   "add --direction in|out --channel C --audience A [--counterpart TEXT] SUMMARY",
		Short: "Log a message: one received, or an outbound draft for approval",
		Long: `Log a message with SUMMARY, what it said. An inbound message (--direction in)
is logged as received; an outbound one (--direction out) as a draft that
must be approved ('sitroom comms approve') before it is sent.

--channel is one of: ` + channelWords + `.
--audience is one of: ` + audienceWords + `.
--counterpart names who it went to or came from, such as "ICO case officer".`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("no message summary: give what the message said as the last argument, for example: sitroom comms add --direction out --channel phone --audience ICB \"Initial notification of the incident\"")
			}

			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := parseNewMessage(fl, strings.Join(args, " "))
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				m, err := a.svc.AddMessage(ctx, a.actor, fl.ref, in)
				if err != nil {
					return err
				}

				fmt.Fprintln(cmd.OutOrStdout(), messageLoggedWords(m))

				return nil
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&fl.direction, "direction", "", "in (received) or out (to send) (required)")
	f.StringVar(&fl.channel, "channel", "", "how it travelled, such as phone or press-release (required)")
	f.StringVar(&fl.audience, "audience", "", "who it is for or from, such as ICO or public (required)")
	f.StringVar(&fl.counterpart, "counterpart", "", "the person or office it went to or came from")
	_ = cmd.MarkFlagRequired("direction")
	_ = cmd.MarkFlagRequired("channel")
	_ = cmd.MarkFlagRequired("audience")

	return cmd
}

func parseNewMessage(fl commsAddFlags, summary string) (incident.NewMessage, error) {
	in := incident.NewMessage{Counterpart: fl.counterpart, Summary: summary}

	switch strings.ToLower(strings.TrimSpace(fl.direction)) {
	case "in", "inbound":
		in.Direction = incident.Inbound
	case "out", "outbound":
		in.Direction = incident.Outbound
	default:
		return in, fmt.Errorf("invalid --direction %q: use in for a message received or out for one to send", fl.direction)
	}

	var err error

	if in.Channel, err = incident.ParseChannel(fl.channel); err != nil {
		return in, err
	}

	if in.Audience, err = incident.ParseAudience(fl.audience); err != nil {
		return in, err
	}

	return in, nil
}

// messageLoggedWords describes a message just logged and, for a draft, who
// must approve it.
func messageLoggedWords(m incident.Message) string {
	if m.Direction == incident.Inbound {
		return fmt.Sprintf("%s received from %s by %s", m.Label(), m.Audience, m.Channel)
	}

	approver := "a gold or silver commander"
	if m.Audience.PublicFacing() {
		approver = "a gold commander"
	}

	return fmt.Sprintf("%s drafted to %s by %s: %s must approve it before it is sent", m.Label(), m.Audience, m.Channel, approver)
}

func newCommsApproveCommand(g *globalFlags) *cobra.Command {
	return newMessageActionCommand(g, "approve", "Approve a drafted outbound message",
		`Approve the drafted outbound message M-N as the acting identity (--as). A
message to patients and the public or to the press needs a gold commander;
any other, gold or silver.`,
		func(ctx context.Context, cmd *cobra.Command, a *app, ref string, num int64) error {
			m, err := a.svc.ApproveMessage(ctx, a.actor, ref, num)
			if err != nil {
				return err
			}

			fmt.Fprintf(cmd.OutOrStdout(), "%s approved by %s, %s: %s\n", m.Label(), incident.SanitizeLine(a.actor.Label()),
				m.ApproverLevel, cut(incident.SanitizeLine(m.Summary), maxSummaryWidth))

			return nil
		})
}

func newCommsAckCommand(g *globalFlags) *cobra.Command {
	return newMessageActionCommand(g, "ack", "Record that the recipient confirmed a sent message",
		"Record that the recipient of the sent message M-N confirmed they have it.",
		func(ctx context.Context, cmd *cobra.Command, a *app, ref string, num int64) error {
			m, err := a.svc.AcknowledgeMessage(ctx, a.actor, ref, num)
			if err != nil {
				return err
			}

			fmt.Fprintf(cmd.OutOrStdout(), "%s acknowledged by %s\n", m.Label(), m.Audience)

			return nil
		})
}

// messageAction applies one change to message num.
type messageAction func(ctx context.Context, cmd *cobra.Command, a *app, ref string, num int64) error

func newMessageActionCommand(g *globalFlags, name, short, long string, action messageAction) *cobra.Command {
	var ref string

	cmd := &cobra.Command{
		Use:   name + " M-N",
		Short: short,
		Long:  long,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			num, err := incident.ParseMessageLabel(args[0])
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return action(ctx, cmd, a, ref, num)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")

	return cmd
}

func newCommsSendCommand(g *globalFlags) *cobra.Command {
	var ref, deadline string

	cmd := &cobra.Command{
		Use:   "send M-N [--deadline ID]",
		Short: "Record that an approved message went out, and the notification duty it meets",
		Long: `Record that the approved outbound message M-N went out now. When it goes to
the audience of a running notification duty, it meets that duty: the one
given with --deadline (its id, or a part of its name that only it has), or
else the running duty for that audience that falls due first. The duty met,
if any, is printed with MET or MET LATE.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			num, err := incident.ParseMessageLabel(args[0])
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				return runCommsSend(ctx, cmd.OutOrStdout(), a, ref, num, deadline)
			})
		},
	}

	cmd.Flags().StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	cmd.Flags().StringVar(&deadline, "deadline", "", "the notification duty this message meets: its id or a part of its name")

	return cmd
}

func runCommsSend(ctx context.Context, w io.Writer, a *app, ref string, num int64, which string) error {
	var deadlineID int64

	if which != "" {
		d, err := pickDeadline(ctx, a, ref, which)
		if err != nil {
			return err
		}

		if d.ID == 0 || !d.Started() {
			return fmt.Errorf("notification duty %q has not started, so no message can meet it yet: start its clock with 'sitroom deadline start'", d.Name)
		}

		deadlineID = d.ID
	}

	m, met, err := a.svc.SendMessage(ctx, a.actor, ref, num, deadlineID)
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "%s sent to %s by %s at %s\n", m.Label(), m.Audience, m.Channel, m.SentAt.In(a.zone).Format(dayLayout))

	if met != nil {
		fmt.Fprintf(w, "meets the notification duty %s (due %s): %s\n", incident.SanitizeLine(met.Name), dueWords(*met, a),
			deadlineStateWords(*met, a.svc.Now(), a))
	}

	return nil
}

// pickDeadline finds a notification duty by its id or by a part of its
// name that only it has.
func pickDeadline(ctx context.Context, a *app, ref, which string) (incident.Deadline, error) {
	all, err := a.svc.Deadlines(ctx, ref)
	if err != nil {
		return incident.Deadline{}, err
	}

	if id, err := strconv.ParseInt(strings.TrimSpace(which), 10, 64); err == nil {
		for _, d := range all {
			if d.ID == id && id != 0 {
				return d, nil
			}
		}
	}

	var found []incident.Deadline

	for _, d := range all {
		if strings.Contains(strings.ToLower(d.Name), strings.ToLower(strings.TrimSpace(which))) {
			found = append(found, d)
		}
	}

	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return incident.Deadline{}, fmt.Errorf("no notification duty matches %q: list them with 'sitroom deadline list'", which)
	}

	return incident.Deadline{}, fmt.Errorf("%q matches %d notification duties: give its id or a part of its name that only it has; list them with 'sitroom deadline list'",
		which, len(found))
}

// commsListFlags are the options of 'sitroom comms list'.
type commsListFlags struct {
	ref       string
	audiences []string
	statuses  []string
}

func newCommsListCommand(g *globalFlags) *cobra.Command {
	var fl commsListFlags

	cmd := &cobra.Command{
		Use:   "list [--audience A]... [--status S]...",
		Short: "List the message log: direction, status, audience, approval, summary",
		Long: `List the incident's messages in number order: direction, status, audience,
channel, counterpart, who approved it, when it was sent (display zone), the
notification duty it met, and its summary.

--audience and --status keep only the given audiences or statuses (repeat
them, or separate with commas). Statuses: received, draft, approved, sent,
acknowledged.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			audiences, err := parseAudienceFilter(fl.audiences)
			if err != nil {
				return err
			}

			statuses, err := parseMessageStatusFilter(fl.statuses)
			if err != nil {
				return err
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				msgs, err := a.svc.Messages(ctx, fl.ref)
				if err != nil {
					return err
				}

				deadlines, err := a.svc.Deadlines(ctx, fl.ref)
				if err != nil {
					return err
				}

				var rows []incident.Message

				for _, m := range msgs {
					if (audiences == nil || audiences[m.Audience]) && (statuses == nil || statuses[m.Status]) {
						rows = append(rows, m)
					}
				}

				return writeMessageTable(cmd.OutOrStdout(), rows, deadlines, a)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringSliceVar(&fl.audiences, "audience", nil, "keep only messages to or from this audience; repeat or separate with commas")
	f.StringSliceVar(&fl.statuses, "status", nil, "keep only messages in this status; repeat or separate with commas")

	return cmd
}

func parseAudienceFilter(names []string) (map[incident.Audience]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}

	keep := map[incident.Audience]bool{}

	for _, name := range names {
		aud, err := incident.ParseAudience(name)
		if err != nil {
			return nil, err
		}

		keep[aud] = true
	}

	return keep, nil
}

// messageStatuses lists every message status in the order a message moves
// through them.
var messageStatuses = []incident.MessageStatus{
	incident.MessageReceived, incident.MessageDraft, incident.MessageApproved, incident.MessageSent, incident.MessageAcknowledged,
}

// parseMessageStatus reads a message status name, ignoring case; "ack"
// means acknowledged.
func parseMessageStatus(s string) (incident.MessageStatus, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "ack" || v == "acked" {
		v = string(incident.MessageAcknowledged)
	}

	for _, st := range messageStatuses {
		if incident.MessageStatus(v) == st {
			return st, nil
		}
	}

	return "", fmt.Errorf("invalid message status %q: use received, draft, approved, sent or acknowledged", s)
}

func parseMessageStatusFilter(names []string) (map[incident.MessageStatus]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}

	keep := map[incident.MessageStatus]bool{}

	for _, name := range names {
		st, err := parseMessageStatus(name)
		if err != nil {
			return nil, err
		}

		keep[st] = true
	}

	return keep, nil
}

// Widths, in characters, beyond which the message table cuts a column
// with an ellipsis.
const (
	maxCounterpartWidth  = 24
	maxDeadlineNameWidth = 32
	maxSummaryWidth      = 60
)

func writeMessageTable(w io.Writer, msgs []incident.Message, deadlines []incident.Deadline, a *app) error {
	if len(msgs) == 0 {
		_, err := fmt.Fprintln(w, "no messages match")

		return err
	}

	names := map[int64]string{}
	for _, d := range deadlines {
		names[d.ID] = d.Name
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MSG\tDIR\tSTATUS\tAUDIENCE\tCHANNEL\tCOUNTERPART\tAPPROVED BY\tSENT\tMEETS\tSUMMARY")

	for _, m := range msgs {
		approved, sent, meets := "-", "-", "-"

		if m.ApprovedBy != "" {
			approved = incident.SanitizeLine(m.ApprovedBy) + " " + string(m.ApproverLevel)
		}

		if !m.SentAt.IsZero() {
			sent = m.SentAt.In(a.zone).Format(dayLayout)
		}

		if m.DeadlineID != 0 {
			meets = cut(incident.SanitizeLine(orDash(names[m.DeadlineID])), maxDeadlineNameWidth)
		}

		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Label(), m.Direction, m.Status,
			incident.SanitizeLine(string(m.Audience)), incident.SanitizeLine(string(m.Channel)),
			cut(incident.SanitizeLine(orDash(m.Counterpart)), maxCounterpartWidth), approved, sent, meets,
			cut(incident.SanitizeLine(m.Summary), maxSummaryWidth))
	}

	return tw.Flush()
}
