-- The transparency log (issue #20): decisionlog.log.v1's entries in their order, and the hashes of the Merkle tree's
-- complete subtrees (RFC 9162), so a root or a proof reads O(log n) rows. The topic is the truth; a rebuild reads it
-- back into the same tree.
CREATE TABLE log_entry (
    idx         bigint PRIMARY KEY,
    log_offset  bigint NOT NULL UNIQUE,
    source      text   NOT NULL,
    source_key  text,
    body        text   NOT NULL
);
-- a sign-off's entries (given, revoked) by its id, for the evidence export's inclusion proofs
CREATE INDEX log_entry_by_source_key ON log_entry (source, source_key);

CREATE TABLE log_node (
    level  integer NOT NULL,
    idx    bigint  NOT NULL,
    hash   bytea   NOT NULL,
    PRIMARY KEY (level, idx)
);
