#!/usr/bin/env bash
# The gate on a real range against git itself, whole commands, interleaved (A B A B ...), the ratio pair by pair:
#   pull_request policy (one diff of merge-base..head)  vs  git diff --unified=0 BASE..HEAD
#   commit policy (each commit against its parent)      vs  git log -p --unified=0 --no-merges BASE..HEAD
# and the JVM's start (the CLI's `help`) as the floor under any whole-command Java figure. Every path is governed
# (governed: ["**"]); decision-graph is a constant local endpoint answering every decision unknown, and the run is
# not recorded (--no-record): what is measured is the gate's own work on the runner.
#
#   bench/gate.sh /path/to/repo.git BASE HEAD [ROUNDS]
set -euo pipefail
GIT_DIR_ARG=${1:?usage: bench/gate.sh GIT_DIR BASE HEAD [ROUNDS]}
BASE=${2:?usage: bench/gate.sh GIT_DIR BASE HEAD [ROUNDS]}
HEAD_REV=${3:?usage: bench/gate.sh GIT_DIR BASE HEAD [ROUNDS]}
ROUNDS=${4:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(cd "$GIT_DIR_ARG" && pwd)

"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -pl deploy/cli -am install -DskipTests
CP="$ROOT/deploy/cli/target/classes:$(cat "$ROOT/deploy/cli/target/runtime.classpath")"
JAVA=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" io.decisionlog.cli.Main)

WORK=$(mktemp -d)
STUB_PID=
cleanup() { [ -z "$STUB_PID" ] || kill "$STUB_PID" 2> /dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
printf 'governed: ["**"]\nrequire: pull_request\n' > "$WORK/range.yaml"
printf 'governed: ["**"]\nrequire: commit\n' > "$WORK/commit.yaml"

# the constant endpoint: POST /api/v1/gate answers no decision known
python3 - "$WORK/port" << 'PY' &
import http.server, sys
class Gate(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        body = b'{"repo":"bench/gate","statuses":["accepted"],"decisions":[]}'
        self.send_response(200); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Gate)
open(sys.argv[1], 'w').write(str(server.server_port))
server.serve_forever()
PY
STUB_PID=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
URL="http://127.0.0.1:$(cat "$WORK/port")"

gate() { # POLICY: the gate's whole command; its stderr's "read ... in N ms" kept for the in-process figure
  "${JAVA[@]}" gate --repo bench/gate --dir "$REPO" --base "$BASE" --head "$HEAD_REV" --policy "$WORK/$1.yaml" \
    --url "$URL" --no-record > "$WORK/out.txt" 2> "$WORK/err.txt" || [ $? -eq 1 ]
  grep -o 'in [0-9]* ms' "$WORK/err.txt" | grep -o '[0-9]*' >> "$WORK/inproc-$1"
}
ms() { local start=$(date +%s%N); "$@" > /dev/null; echo $(( ($(date +%s%N) - start) / 1000000 )); }

echo "range: $(git -C "$REPO" rev-list --count "$BASE..$HEAD_REV") commits," \
  "$(git -C "$REPO" diff --name-only "$BASE" "$HEAD_REV" | wc -l) files, $(git --version)"
gate range; gate commit; git -C "$REPO" diff --unified=0 "$BASE" "$HEAD_REV" > /dev/null # warm-up
rm -f "$WORK"/inproc-*
for round in $(seq "$ROUNDS"); do
  a=$(ms gate range); b=$(ms git -C "$REPO" diff --unified=0 "$BASE" "$HEAD_REV" --output=/dev/null)
  c=$(ms gate commit); d=$(ms git -C "$REPO" log -p --unified=0 --no-merges "$BASE..$HEAD_REV" --output=/dev/null)
  f=$(ms "${JAVA[@]}" help)
  echo "$round $a $b $c $d $f" >> "$WORK/rounds"
done
summary() { # LABEL AWK-EXPRESSION-PER-ROUND
  awk "{ print $2 }" "$WORK/rounds" | sort -g | awk -v label="$1" '{ v[NR] = $1 }
    END { printf "%-58s median %8.2f  range %.2f-%.2f  (%d rounds)\n", label, v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}
summary "gate pull_request / git diff -U0 (whole commands)" '$2 / $3'
summary "gate commit / git log -p -U0 --no-merges (whole commands)" '$4 / $5'
summary "gate pull_request, ms" '$2'
summary "git diff -U0, ms" '$3'
summary "gate commit, ms" '$4'
summary "git log -p -U0 --no-merges, ms" '$5'
summary "JVM start floor (decisionlog help), ms" '$6'
paste "$WORK/inproc-range" <(awk '{ print $3 }' "$WORK/rounds") | awk '{ print $1 / $2 }' | sort -g | awk '{ v[NR] = $1 }
  END { printf "%-58s median %8.2f  range %.2f-%.2f\n", "gate pull_request in-process read / git diff -U0", v[int((NR + 1) / 2)], v[1], v[NR] }'
paste "$WORK/inproc-commit" <(awk '{ print $5 }' "$WORK/rounds") | awk '{ print $1 / $2 }' | sort -g | awk '{ v[NR] = $1 }
  END { printf "%-58s median %8.2f  range %.2f-%.2f\n", "gate commit in-process read / git log -p -U0", v[int((NR + 1) / 2)], v[1], v[NR] }'
head -3 "$WORK/err.txt"
