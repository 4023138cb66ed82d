#!/usr/bin/env bash
# rev=: one file's blame at a past revision as the blame-ingester computes it, against `git blame --porcelain REV --
# PATH` on the same file, interleaved, with the ratio pair by pair and the fidelity of every line:
#
#   bench/past-blame.sh /path/to/jenkins.git HEAD~1000 core/src/main/java/hudson/model/Run.java [ROUNDS]
set -euo pipefail
: "${3:?usage: bench/past-blame.sh GIT_DIR REV PATH [ROUNDS]}"
exec "$(dirname "$0")/blame-main.sh" PastBlameBench "$@"
