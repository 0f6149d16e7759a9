-- Schema 2: containment state per system, the reinfection gate and
-- recovery tasks. Times are Unix nanoseconds in UTC.

-- The state table is rebuilt WITHOUT ROWID: keyed by its primary key alone,
-- a status change writes one B-tree for the state instead of a table and
-- its key index.
CREATE TABLE system_states_v2 (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    system_id    TEXT    NOT NULL REFERENCES systems (id),
    status       TEXT    NOT NULL,
    since        INTEGER NOT NULL,
    out_since    INTEGER,
    episode      INTEGER NOT NULL DEFAULT 0,
    override_seq INTEGER NOT NULL DEFAULT 0,
    changed_by   TEXT    NOT NULL DEFAULT '',
    entry_seq    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (incident_id, system_id)
) WITHOUT ROWID;

INSERT INTO system_states_v2 (incident_id, system_id, status, since)
SELECT incident_id, system_id, status, since FROM system_states;

DROP TABLE system_states;
ALTER TABLE system_states_v2 RENAME TO system_states;

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
) WITHOUT ROWID;

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
