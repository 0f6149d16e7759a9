-- Schema 3: people on duty, roll calls, messages, notification duties and
-- saved situation reports. Times are Unix nanoseconds in UTC.

CREATE TABLE incident_settings (
    incident_id     INTEGER PRIMARY KEY REFERENCES incidents (id),
    welfare_minutes INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE duties (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    staff_id     TEXT    NOT NULL,
    on_since     INTEGER NOT NULL,
    off_at       INTEGER,
    location     TEXT    NOT NULL DEFAULT '',
    route        TEXT    NOT NULL DEFAULT 'mobile',
    contact      TEXT    NOT NULL DEFAULT '',
    last_welfare INTEGER NOT NULL,
    rest_seq     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX duties_by_staff ON duties (incident_id, staff_id);

CREATE TABLE roll_calls (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    num         INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    started_by  TEXT    NOT NULL,
    closed_at   INTEGER,
    expected    TEXT    NOT NULL DEFAULT '[]',
    UNIQUE (incident_id, num)
);

CREATE TABLE roll_marks (
    roll_call_id INTEGER NOT NULL REFERENCES roll_calls (id),
    staff_id     TEXT    NOT NULL,
    accounted    INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    by           TEXT    NOT NULL,
    note         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (roll_call_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id),
    num             INTEGER NOT NULL,
    direction       TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    counterpart     TEXT    NOT NULL DEFAULT '',
    audience        TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    deadline_id     INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    approved_by     TEXT    NOT NULL DEFAULT '',
    approved_at     INTEGER,
    approver_level  TEXT    NOT NULL DEFAULT '',
    sent_at         INTEGER,
    sent_by         TEXT    NOT NULL DEFAULT '',
    acknowledged_at INTEGER,
    UNIQUE (incident_id, num)
);

CREATE TABLE deadlines (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    name        TEXT    NOT NULL,
    audience    TEXT    NOT NULL,
    start_event TEXT    NOT NULL DEFAULT '',
    within_ns   INTEGER NOT NULL DEFAULT 0,
    started_at  INTEGER,
    start_seq   INTEGER NOT NULL DEFAULT 0,
    met_at      INTEGER,
    met_by      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sitreps (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    num          INTEGER NOT NULL,
    entry_seq    INTEGER NOT NULL,
    entry_id     INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    next_meeting INTEGER,
    PRIMARY KEY (incident_id, num)
) WITHOUT ROWID;
