// Package importer reads the trust's CSV files (the system register, the
// staff roster and timeline transcripts) and writes them through an
// incident.Service.
//
// Every file is read and checked in full before anything is written, so a
// file with a problem changes nothing. Timeline rows are checked against the
// entries already on the incident, because an appended entry can never be
// removed: importing the same rows twice would leave permanent copies.
//
// Files are UTF-8 (a leading byte order mark is allowed), comma-separated,
// with RFC 4180 quoting and a header row naming the columns in any order.
// List columns separate their items with ';' or ','.
package importer
