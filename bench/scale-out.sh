#!/usr/bin/env bash
# Scale-out on this machine (issue #23): a 3-node KRaft cluster, PostgreSQL, two ci-audit-ingesters, two blame-ingesters
# and two decision-graph instances (one standby replica per task), all on 127.0.0.1 on ports of their own (brokers
# 29192-29197, PostgreSQL 25533, services 28180-28190). While CI deliveries and pushes stream in, the blame-ingesters'
# lease holder and then one decision-graph instance are killed -9: the others must take over (timed), the survivor
# answer queries throughout, and every acknowledged delivery be in the chains and the store exactly once. See
# deploy/faults/README.md. The same run is ScaleOutTest in the test command.
#
#   bench/scale-out.sh [options, e.g. --rate 20 --warm-up 30]     (the fault run's options; --help lists them)
#
# Exit code: 0 when every check held, 1 when one failed, 2 when the run could not be carried out, 124 when it
# overran its time limit (SCALE_OUT_TIMEOUT, 900 s). bench/faults.sh builds what is missing, runs it and cleans up.
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULTS_MAIN=io.decisionlog.deploy.faults.ScaleOutRun
export FAULTS_DATA_DIR=${SCALE_OUT_DATA_DIR:-$(pwd)/deploy/faults/target/scale-out-run}
export FAULTS_TIMEOUT=${SCALE_OUT_TIMEOUT:-900}
exec bench/faults.sh "$@"
