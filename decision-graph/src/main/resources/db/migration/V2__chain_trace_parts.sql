-- What a trace answer shows of each chain, rendered once by the projection with the API's own JSON mapper and
-- without e-mail addresses, so that GET /api/v1/trace copies text instead of parsing body and writing it again on
-- every request (10-20 % of a trace's CPU; decision-graph/BENCHMARKS.md, issue #7):
--   trace_commit  {"author", "committer", "authored_at", "committed_at", "subject"}: the answer's blame, less the line
--   trace_links   {"ci_runs", "decisions", "complete", "missing"}
-- NULL in rows projected before this migration: a trace renders those from body, as it always did, until the chain
-- changes or POST /api/v1/admin/rebuild rewrites them. body stays the record as the topology wrote it.
ALTER TABLE chain
    ADD COLUMN trace_commit text,
    ADD COLUMN trace_links  text;
