-- Schema 1: incidents, the append-only timeline, the system register, the
-- staff roster and per-incident containment status.
-- Times are Unix nanoseconds in UTC. Lists are JSON arrays of strings.

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    ref         TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT '',
    severity    TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'declared',
    declared_at INTEGER NOT NULL,
    declared_by TEXT    NOT NULL,
    exercise    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entries (
    id             INTEGER PRIMARY KEY,
    incident_id    INTEGER NOT NULL REFERENCES incidents (id),
    seq            INTEGER NOT NULL,
    occurred_at    INTEGER NOT NULL,
    recorded_at    INTEGER NOT NULL,
    author         TEXT    NOT NULL,
    decision_maker TEXT    NOT NULL,
    level          TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    rationale      TEXT    NOT NULL DEFAULT '',
    options        TEXT    NOT NULL DEFAULT '[]',
    review_at      INTEGER,
    late_reason    TEXT    NOT NULL DEFAULT '',
    amends         INTEGER NOT NULL DEFAULT 0,
    amend_reason   TEXT    NOT NULL DEFAULT '',
    systems        TEXT    NOT NULL DEFAULT '[]',
    tasks          TEXT    NOT NULL DEFAULT '[]',
    people         TEXT    NOT NULL DEFAULT '[]',
    source         TEXT    NOT NULL DEFAULT '',
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (incident_id, seq)
);

CREATE INDEX entries_by_occurred ON entries (incident_id, occurred_at, seq);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
    SELECT RAISE(ABORT, 'timeline entries are append-only: record a correction as an amendment');
END;

CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN
    SELECT RAISE(ABORT, 'timeline entries are append-only: they cannot be deleted');
END;

CREATE TABLE systems (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    function       TEXT    NOT NULL DEFAULT '',
    owner_role     TEXT    NOT NULL DEFAULT '',
    criticality    INTEGER NOT NULL DEFAULT 3,
    patient_impact TEXT    NOT NULL DEFAULT '',
    rto_hours      REAL    NOT NULL DEFAULT 0,
    rpo_hours      REAL    NOT NULL DEFAULT 0,
    depends_on     TEXT    NOT NULL DEFAULT '[]',
    supplier       TEXT    NOT NULL DEFAULT '',
    hosting        TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE staff (
    id       TEXT    PRIMARY KEY,
    name     TEXT    NOT NULL,
    role     TEXT    NOT NULL DEFAULT '',
    level    TEXT    NOT NULL DEFAULT 'none',
    team     TEXT    NOT NULL DEFAULT '',
    phone    TEXT    NOT NULL DEFAULT '',
    location TEXT    NOT NULL DEFAULT '',
    on_call  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE system_states (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    system_id   TEXT    NOT NULL REFERENCES systems (id),
    status      TEXT    NOT NULL,
    since       INTEGER NOT NULL,
    PRIMARY KEY (incident_id, system_id)
);
