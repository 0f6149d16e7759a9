// Package incident is sitroom's domain: incidents, the append-only timeline
// and its hash chain, the system register and the staff roster, and the
// Service that applies each change together with its timeline entry.
//
// The package knows neither SQL nor the terminal. Storage is reached through
// the Store interface, which the store package implements.
package incident
