-- Schema 2: containment state per system, the reinfection gate and
-- recovery tasks. Times are Unix nanoseconds in UTC.

ALTER TABLE system_states ADD COLUMN out_since    INTEGER;
ALTER TABLE system_states ADD COLUMN episode      INTEGER NOT NULL DEFAULT 0;
ALTER TABLE system_states ADD COLUMN override_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE system_states ADD COLUMN changed_by   TEXT    NOT NULL DEFAULT '';
ALTER TABLE system_states ADD COLUMN entry_seq    INTEGER NOT NULL DEFAULT 0;

CREATE TABLE gate_signatures (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    system_id   TEXT    NOT NULL,
    episode     INTEGER NOT NULL,
    check_name  TEXT    NOT NULL,
    signed_by   TEXT    NOT NULL,
    signed_at   INTEGER NOT NULL,
    note        TEXT    NOT NULL,
    entry_seq   INTEGER NOT NULL,
    PRIMARY KEY (incident_id, system_id, episode, check_name)
);

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    num         INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '',
    system_id   TEXT    NOT NULL DEFAULT '',
    owner       TEXT    NOT NULL DEFAULT '',
    level       TEXT    NOT NULL DEFAULT 'bronze',
    priority    INTEGER NOT NULL DEFAULT 3,
    status      TEXT    NOT NULL DEFAULT 'todo',
    depends_on  TEXT    NOT NULL DEFAULT '[]',
    due_at      INTEGER,
    created_at  INTEGER NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    UNIQUE (incident_id, num)
);

-- States written by schema 1 have no outage start: count an outage from
-- when the system entered its out-of-service status.
UPDATE system_states SET out_since = since, episode = 1
WHERE status IN ('compromised', 'isolated', 'shut down (precaution)', 'rebuilding', 'validating');
