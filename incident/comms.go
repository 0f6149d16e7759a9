package incident

import (
	"fmt"
	"strings"
	"time"
)

// Direction is whether a message came in or went out.
type Direction string

// Directions.
const (
	Inbound  Direction = "in"
	Outbound Direction = "out"
)

// Channel is the means by which a message travelled.
type Channel string

// Channels that work when email, Teams and the network are gone.
const (
	ChannelPhone        Channel = "phone"
	ChannelSMS          Channel = "sms"
	ChannelRadio        Channel = "radio"
	ChannelFaceToFace   Channel = "face to face"
	ChannelRunner       Channel = "runner"
	ChannelOutOfBand    Channel = "out-of-band email"
	ChannelMessagingApp Channel = "messaging app"
	ChannelPressRelease Channel = "press release"
	ChannelWebsite      Channel = "website"
)

// Channels lists every channel.
var Channels = []Channel{
	ChannelPhone, ChannelSMS, ChannelRadio, ChannelFaceToFace, ChannelRunner, ChannelOutOfBand,
	ChannelMessagingApp, ChannelPressRelease, ChannelWebsite,
}

// Audience is who a message is for or from.
type Audience string

// Audiences.
const (
	AudienceStaff      Audience = "staff"
	AudiencePublic     Audience = "patients and public"
	AudienceNHSEngland Audience = "NHS England"
	AudienceICB        Audience = "ICB"
	AudienceNCSC       Audience = "NCSC"
	AudienceICO        Audience = "ICO"
	AudiencePolice     Audience = "police"
	AudienceSuppliers  Audience = "suppliers"
	AudiencePress      Audience = "press"
	AudienceGPs        Audience = "GP practices"
	AudienceMutualAid  Audience = "mutual aid"
)

// Audiences lists every audience.
var Audiences = []Audience{
	AudienceStaff, AudiencePublic, AudienceNHSEngland, AudienceICB, AudienceNCSC, AudienceICO,
	AudiencePolice, AudienceSuppliers, AudiencePress, AudienceGPs, AudienceMutualAid,
}

// PublicFacing reports whether a message to this audience speaks for the
// trust in public, so that only a gold commander may approve it.
func (a Audience) PublicFacing() bool { return a == AudiencePublic || a == AudiencePress }

// ParseChannel reads a channel name, ignoring case, spaces and dashes.
func ParseChannel(s string) (Channel, error) {
	for _, c := range Channels {
		if looseEqual(string(c), s) {
			return c, nil
		}
	}

	if looseEqual(s, "email") {
		return ChannelOutOfBand, nil
	}

	return "", fmt.Errorf("invalid channel %q: use one of %s", s, joinNames(Channels))
}

// ParseAudience reads an audience name, ignoring case, spaces and dashes;
// "public" and "patients" mean patients and public, "gp" GP practices.
func ParseAudience(s string) (Audience, error) {
	for _, a := range Audiences {
		if looseEqual(string(a), s) {
			return a, nil
		}
	}

	switch {
	case looseEqual(s, "public"), looseEqual(s, "patients"):
		return AudiencePublic, nil
	case looseEqual(s, "gp"), looseEqual(s, "gps"):
		return AudienceGPs, nil
	case looseEqual(s, "nhse"):
		return AudienceNHSEngland, nil
	}

	return "", fmt.Errorf("invalid audience %q: use one of %s", s, joinNames(Audiences))
}

func looseEqual(a, b string) bool {
	norm := func(s string) string {
		return strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	}

	return norm(a) == norm(b)
}

func joinNames[T ~string](list []T) string {
	names := make([]string, len(list))
	for i, v := range list {
		names[i] = string(v)
	}

	return strings.Join(names, ", ")
}

// MessageStatus is the state of a message. Inbound messages are received;
// outbound ones go from draft through approved to sent and acknowledged.
type MessageStatus string

// Message statuses.
const (
	MessageReceived     MessageStatus = "received"
	MessageDraft        MessageStatus = "draft"
	MessageApproved     MessageStatus = "approved"
	MessageSent         MessageStatus = "sent"
	MessageAcknowledged MessageStatus = "acknowledged"
)

// Message is one message in or out.
type Message struct {
	ID          int64
	IncidentID  int64
	Num         int64 // M-1, M-2… within the incident
	Direction   Direction
	Channel     Channel
	Counterpart string // who it went to or came from
	Audience    Audience
	Summary     string
	Status      MessageStatus
	DeadlineID  int64 // the notification duty a sent message meets, or 0

	CreatedAt      time.Time
	CreatedBy      string
	ApprovedBy     string
	ApprovedAt     time.Time
	ApproverLevel  Level
	SentAt         time.Time
	SentBy         string
	AcknowledgedAt time.Time
}

// Label returns the message's display id, such as M-4.
func (m Message) Label() string { return fmt.Sprintf("M-%d", m.Num) }

// ParseMessageLabel reads "M-4", "m4" or "4" as message number 4.
func ParseMessageLabel(s string) (int64, error) {
	v := strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "M"), "-")

	var n int64
	if _, err := fmt.Sscanf(v, "%d", &n); err != nil || n < 1 || fmt.Sprint(n) != v {
		return 0, fmt.Errorf("invalid message %q: give its number as shown, for example M-4", s)
	}

	return n, nil
}
