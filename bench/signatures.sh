#!/usr/bin/env bash
# What checking SSH commit signatures costs against `git log --format=%G?` on the same signed history (made by git and
# ssh-keygen in WORK_DIR), interleaved, with every verdict compared to git's:
#
#   bench/signatures.sh WORK_DIR [COMMITS] [ROUNDS]
set -euo pipefail
: "${1:?usage: bench/signatures.sh WORK_DIR [COMMITS] [ROUNDS]}"
exec "$(dirname "$0")/blame-main.sh" SignatureBench "$@"
