#!/usr/bin/env bash
# The evidence export of 10,000 commits against the walk of the same range through GET /api/v1/chains, as a ratio, with
# the service's heap peak during each (issue #20). The same harness as bench/pages.sh (the local runtime and ONLY
# decision-graph in a data directory of its own, stopped on exit), running EvidenceBench instead of PageBench.
#
#   bench/evidence.sh                        defaults: commits=10000 rounds=5
#   bench/evidence.sh commits=2000 rounds=3  EvidenceBench's arguments, key=value
BENCH_MAIN=io.decisionlog.graph.bench.evidence.EvidenceBench exec "$(dirname "${BASH_SOURCE[0]}")/pages.sh" "$@"
