# Sourced by bench/blame-builds.sh and bench/graph-builds.sh: worktree_of REV checks REV out in a worktree of its own
# under a new temporary directory, which goes (worktree and directory) when the script exits; sets WORK (that
# directory, for the script's own files too) and TREE (the worktree), and says which build is A and which is B.
worktree_of() {
  WORK=$(mktemp -d)
  TREE=$WORK/tree
  trap 'git worktree remove --force "$TREE" > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  git worktree add -q --detach "$TREE" "$1"
  echo "A: $(git -C "$TREE" log --oneline -1)"
  echo "B: the working tree, $(git log --oneline -1)$(git diff --quiet HEAD || echo ' with changes')"
}
