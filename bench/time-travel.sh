#!/usr/bin/env bash
# Time travel on a real repository against git itself: rev= blame vs `git blame --porcelain REV -- PATH` (20
# revisions), blame with the repository's .git-blame-ignore-revs vs `git blame --ignore-revs-file`, and line histories
# vs `git log -L`, with the lines that differ:
#
#   bench/time-travel.sh /path/to/repo.git [FILES_PER_REVISION] [HISTORY_LINES] [IGNORE_FILES]
set -euo pipefail
: "${1:?usage: bench/time-travel.sh GIT_DIR [FILES_PER_REVISION] [HISTORY_LINES] [IGNORE_FILES]}"
exec "$(dirname "$0")/blame-main.sh" TimeTravelCheck "$@"
