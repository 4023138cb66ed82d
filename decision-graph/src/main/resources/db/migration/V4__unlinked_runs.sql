-- What shipped without a decision, run by run: na_runs counts the chain's runs on the commit itself (head_sha = sha;
-- a merge's runs also appear in the chains of the commits it brought, and count once, on the merge) whose
-- decision_ids are empty (decision_ref "N/A"). Filled by the projection from each chain; rows projected before this
-- migration are filled here from body.
ALTER TABLE chain ADD COLUMN na_runs integer NOT NULL DEFAULT 0;

UPDATE chain SET na_runs = (
    SELECT count(*) FROM jsonb_array_elements(COALESCE(body::jsonb -> 'ci_runs', '[]'::jsonb)) AS r(run)
    WHERE r.run ->> 'head_sha' = chain.sha
      AND jsonb_array_length(COALESCE(r.run -> 'decision_ids', '[]'::jsonb)) = 0);

-- the unlinked runs of one repository, and the gauge's sum per repository
CREATE INDEX chain_na_runs ON chain (repo) WHERE na_runs > 0;
