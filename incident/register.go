package incident

// System is a service in the trust's register.
type System struct {
	ID            string // short id such as EPR or NET-CORE
	Name          string
	Function      string
	OwnerRole     string
	Criticality   int // 1 (low) to 5 (highest)
	PatientImpact string
	RTOHours      float64 // recovery time objective
	RPOHours      float64 // recovery point objective
	DependsOn     []string
	Supplier      string
	Hosting       string
}

// StaffMember is a person on the roster.
type StaffMember struct {
	ID       string // short id such as ST05; sessions identify as this
	Name     string
	Role     string
	Level    Level
	Team     string
	Phone    string
	Location string
	OnCall   bool
	Access   Access // what they may do in sitroom
	Login    string // the host account that identifies them when no --as is given
}
