-- The decision-chain store: a projection of decisionlog.git.blame.v1, decisionlog.chains.v1 and
-- decisionlog.minutes.v1. Every row can be rebuilt from those topics; migrations only ever add.

-- one row per blamed file at the branch tip; line_count tells "line out of range" from "unknown path"
CREATE TABLE blame_file (
    repo        text    NOT NULL,
    path        text    NOT NULL,
    rev         text    NOT NULL,
    line_count  integer NOT NULL,
    has_text    boolean NOT NULL,
    PRIMARY KEY (repo, path)
);

-- run-length blame: a trace is one index probe, the last range starting at or before the line.
-- lines holds the range's own line texts, so the same probe also yields the line.
CREATE TABLE blame_range (
    repo        text    NOT NULL,
    path        text    NOT NULL,
    start_line  integer NOT NULL,
    line_count  integer NOT NULL,
    sha         text    NOT NULL,
    orig_path   text,
    orig_start  integer NOT NULL,
    lines       text[],
    PRIMARY KEY (repo, path, start_line)
);
-- "the lines a decision still owns" and coverage join ranges to commits
CREATE INDEX blame_range_by_commit ON blame_range (repo, sha);

-- one chain per commit, as decision-graph's topology last wrote it (the JSON of the record, minus nothing)
CREATE TABLE chain (
    repo            text    NOT NULL,
    sha             text    NOT NULL,
    complete        boolean NOT NULL,
    decision_count  integer NOT NULL,
    body            text    NOT NULL,
    PRIMARY KEY (repo, sha)
);

-- the (commit, decision) links of every chain, for "which commits carry this decision"
CREATE TABLE chain_decision (
    decision_id  text NOT NULL,
    repo         text NOT NULL,
    sha          text NOT NULL,
    PRIMARY KEY (decision_id, repo, sha)
);
CREATE INDEX chain_decision_by_commit ON chain_decision (repo, sha);

-- decisions as the minutes record them, searchable by the columns the API filters on
CREATE TABLE decision (
    decision_id  text PRIMARY KEY,
    title        text,
    status       text,
    owner        text,
    topic        text,
    decided_on   date,
    search_text  text NOT NULL,
    body         text NOT NULL
);
CREATE INDEX decision_by_date ON decision (decided_on, decision_id);

-- where the projection stands, written in the same transaction as the rows it covers
CREATE TABLE projection_offset (
    topic        text    NOT NULL,
    partition_no integer NOT NULL,
    next_offset  bigint  NOT NULL,
    PRIMARY KEY (topic, partition_no)
);

-- bumped by a rebuild, so every instance notices that the rows it was extending are gone
CREATE TABLE projection_generation (
    id          integer PRIMARY KEY CHECK (id = 1),
    generation  bigint  NOT NULL
);
INSERT INTO projection_generation VALUES (1, 0);
