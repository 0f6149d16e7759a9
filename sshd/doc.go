// Package sshd is sitroom's own SSH server: public-key authentication
// against the keys registered to staff, and one console per session, each
// drawn for its own terminal. It opens no connection itself; it only
// listens where the operator says.
package sshd
