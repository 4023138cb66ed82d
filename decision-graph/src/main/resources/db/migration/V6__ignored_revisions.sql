-- Lines that a commit the repository's blame ignores (.git-blame-ignore-revs) added with no match in its parent:
-- they stay with that commit, and the answers say so.
ALTER TABLE blame_range ADD COLUMN ignored_rev boolean NOT NULL DEFAULT false;
