#!/usr/bin/env bash
# What checking SSH or OpenPGP commit signatures costs against `git log --format=%G?` on the same signed history (made
# by git with ssh-keygen or gpg keys in WORK_DIR), interleaved, with every verdict compared to git's:
#
#   bench/signatures.sh WORK_DIR [COMMITS] [ROUNDS] [ssh|openpgp]   (a WORK_DIR per format)
set -euo pipefail
: "${1:?usage: bench/signatures.sh WORK_DIR [COMMITS] [ROUNDS] [ssh|openpgp]}"
exec "$(dirname "$0")/blame-main.sh" SignatureBench "$@"
