-- A decision's revisions: each version of its minutes the projection saw, numbered from 1, with the minutes commit
-- that made it. The minutes topic is compacted (it keeps each decision's latest), so this table is the history's
-- only home: a rebuild does not truncate it, and a version already recorded (the same minutes, which name their
-- commit) adds nothing, so neither a redelivery nor a replay makes a revision. The rows present when this migration
-- runs start it.
CREATE TABLE decision_revision (
    decision_id     text        NOT NULL,
    revision        integer     NOT NULL,
    status          text,
    title           text,
    minutes_commit  text,
    minutes_path    text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    body            text,
    PRIMARY KEY (decision_id, revision)
);

INSERT INTO decision_revision (decision_id, revision, status, title, minutes_commit, minutes_path, body)
SELECT decision_id, 1, status, title, body::jsonb #>> '{meeting,commit}', body::jsonb #>> '{meeting,path}', body
FROM decision;
