#!/usr/bin/env bash
# The cost of honouring .git-blame-ignore-revs on a full sync's blame: without and with, interleaved, the ratio
#
#   bench/ignore-revs.sh /path/to/repo.git [ROUNDS]
set -euo pipefail
: "${1:?usage: bench/ignore-revs.sh GIT_DIR [ROUNDS]}"
exec "$(dirname "$0")/blame-main.sh" IgnoreRevsBench "$@"
