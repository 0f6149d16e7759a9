-- Schema 4: what each person may do, their SSH keys, who is connected now,
-- and entries left half-typed when a session ended. Times are Unix
-- nanoseconds in UTC.

ALTER TABLE staff ADD COLUMN access TEXT NOT NULL DEFAULT 'member';
ALTER TABLE staff ADD COLUMN login TEXT NOT NULL DEFAULT '';

UPDATE staff SET access = CASE
    WHEN lower(role) LIKE '%loggist%' THEN 'loggist'
    WHEN level IN ('gold', 'silver', 'bronze') THEN 'commander'
    ELSE 'member'
END;

CREATE INDEX staff_by_login ON staff (login) WHERE login <> '';

-- Keys are never deleted: a revoked key keeps its row, so the record shows
-- who could get in and when.
CREATE TABLE staff_keys (
    fingerprint TEXT    PRIMARY KEY,
    staff_id    TEXT    NOT NULL,
    public_key  TEXT    NOT NULL,
    comment     TEXT    NOT NULL DEFAULT '',
    added_at    INTEGER NOT NULL,
    added_by    TEXT    NOT NULL,
    revoked_at  INTEGER,
    revoked_by  TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- One row per open console. A row whose process has gone is ignored and
-- pruned by the next console to open.
CREATE TABLE presence (
    id          TEXT    PRIMARY KEY,
    incident_id INTEGER NOT NULL,
    staff_id    TEXT    NOT NULL,
    name        TEXT    NOT NULL DEFAULT '',
    level       TEXT    NOT NULL DEFAULT 'none',
    access      TEXT    NOT NULL DEFAULT '',
    via         TEXT    NOT NULL,
    pid         INTEGER NOT NULL,
    started_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE drafts (
    staff_id    TEXT    NOT NULL,
    incident_id INTEGER NOT NULL,
    saved_at    INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    PRIMARY KEY (staff_id, incident_id)
) WITHOUT ROWID;
