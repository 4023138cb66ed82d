-- What the web UI asks of chains beyond a trace: the reviewer's worklist (commits with no decision, newest first, in a
-- date range) and search over commit messages. Filled by the projection from each chain; rows projected before this
-- migration are filled here from body, the record as the topology wrote it.
--   committed_at  the commit's committer time
--   author        the commit author's name (never an e-mail address)
--   search_text   subject and message, lower case, e-mail addresses removed
ALTER TABLE chain
    ADD COLUMN committed_at timestamptz,
    ADD COLUMN author       text,
    ADD COLUMN search_text  text;

UPDATE chain SET
    committed_at = (body::jsonb #>> '{commit,committed_at}')::timestamptz,
    author       = body::jsonb #>> '{commit,author,name}',
    search_text  = lower(regexp_replace(concat_ws(E'\n', body::jsonb #>> '{commit,subject}',
                                                  body::jsonb #>> '{commit,message}'),
                                        '[^[:space:]<>()@,;:"]+@[^[:space:]<>()@,;:"]+', '', 'g'));

-- the worklist: one repository's commits without a decision, newest first
CREATE INDEX chain_unlinked ON chain (repo, committed_at DESC) WHERE decision_count = 0;

-- decision search also reads the rationale (the web UI's search box promises it)
UPDATE decision SET search_text = lower(concat_ws(E'\n', decision_id, body::jsonb ->> 'title', body::jsonb ->> 'topic',
                                                   body::jsonb ->> 'decision', body::jsonb ->> 'owner',
                                                   body::jsonb ->> 'status', body::jsonb ->> 'rationale'));
