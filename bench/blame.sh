#!/usr/bin/env bash
# Full blame of a real repository, side by side with `git blame --porcelain` over the same files, and the share
# of lines whose commit differs. Point it at any clone (bare is fine):
#
#   bench/blame.sh /path/to/helm-charts.git [SAMPLE_FILES_FOR_GIT]
set -euo pipefail
GIT_DIR=${1:?usage: bench/blame.sh GIT_DIR [SAMPLE_FILES]}
exec "$(dirname "$0")/blame-main.sh" BlameBench "$GIT_DIR" "${2:-100000}"
