#!/usr/bin/env bash
# Full blame against its floor, whole process against whole process (issue #24): the blame-ingester's full blame of
# HEAD (BlameBench with no git comparison, the service's JVM flags) against `git log -p -U0 --no-renames HEAD`, the
# same history's diffs as git itself reads them. PAIRS pairs, run in turn (ABBA: ours first in odd pairs, git first in
# even ones, after one untimed run of each to warm the page cache), each timed by /usr/bin/time. Prints each pair and
# the median and range of the wall and CPU (user+sys) ratios, and each side's peak RSS. Last, one JVM blames the
# repository three times: the third walk's time (what the long-running service pays once compiled) is set against
# git's median wall, and CHECK_FILES files (default 30, picked at random with a fixed seed) of it are compared line by
# line with `git blame --porcelain`, so a speed-up that changed an answer shows here.
#
#   bench/blame-floor.sh /path/to/clone.git [PAIRS=5]
#
# BLAME_JAVA_OPTS: our side's JVM flags (default the services' -Xmx256m -XX:+UseSerialGC, as ./decisionlog runs them).
# BLAME_CDS=1: our side starts from an AppCDS archive that one untimed run writes (JDK 17's dynamic archive,
# -XX:ArchiveClassesAtExit). What a process that starts from one would pay: neither the services nor the CLI start
# that way. JDK 17 leaves the classes of signed jars out of such an archive, and JGit's jar is signed, so this side
# runs copies of signed jars with their signatures removed; directories of classes go in as jars (an archive takes
# jars only).
# FLOOR_EXCLUDE: paths (space-separated) that git's side leaves out, with --full-history so that no side branch is
# pruned: for a partial clone whose missing blobs stop `git log -p` (our walk passes over them as absent versions).
# The pathspec costs git time of its own (~0.85 s on jenkinsci/jenkins); a fairer floor for such a clone is a copy in
# which each missing blob is replaced by the empty one, which git reads in its place:
#   e=$(git --git-dir=COPY hash-object -w --stdin < /dev/null)
#   git --git-dir=COPY rev-list --objects --missing=print HEAD | sed -n 's/^?//p' |
#     while read -r blob; do git --git-dir=COPY update-ref "refs/replace/$blob" "$e"; done
set -euo pipefail
cd "$(dirname "$0")/.."
GIT_DIR=$(cd "${1:?usage: bench/blame-floor.sh GIT_DIR [PAIRS]}" && pwd)
PAIRS=${2:-5}
JAVA_OPTS=${BLAME_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
if [ ! -x /usr/bin/time ]; then
  echo "bench/blame-floor.sh: /usr/bin/time is missing (Debian: apt-get install time)" >&2
  exit 2
fi

# shellcheck source=bench/classpath.sh
. bench/classpath.sh
module_classpath blame-ingester
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

timed() { # name output command...: appends "wall user sys maxrss_kb" to $WORK/name
  local name=$1 output=$2
  shift 2
  /usr/bin/time -f "%e %U %S %M" -a -o "$WORK/$name" "$@" > "$output" 2>> "$WORK/$name.err"
}
# ours: a full blame of HEAD, nothing compared (BlameBench prints files, lines, peak heap); the floor: git's diffs
# shellcheck disable=SC2086
ours() { timed "$1" "$WORK/$1.out" java $JAVA_OPTS -cp "$CP" io.decisionlog.blame.bench.BlameBench "$GIT_DIR" 0; }

# CLASSPATH DIR: the class path with its directories as jars and its signed jars unsigned, copies in DIR
archivable_classpath() {
  local dir=$2 entry i=0 entries out=()
  mkdir -p "$dir"
  IFS=: read -ra entries <<< "$1"
  for entry in "${entries[@]}"; do
    i=$((i + 1))
    if [ -d "$entry" ]; then
      jar cf "$dir/$i.jar" -C "$entry" .
      out+=("$dir/$i.jar")
    elif unzip -l "$entry" 'META-INF/*.SF' > /dev/null 2>&1; then
      cp "$entry" "$dir/$i.jar"
      zip -q -d "$dir/$i.jar" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' > /dev/null || true
      out+=("$dir/$i.jar")
    else
      out+=("$entry")
    fi
  done
  (IFS=:; echo "${out[*]}")
}
if [ "${BLAME_CDS:-0}" = 1 ]; then
  CP=$(archivable_classpath "$CP" "$WORK/cds")
  # shellcheck disable=SC2086
  java $JAVA_OPTS -XX:ArchiveClassesAtExit="$WORK/cds/blame.jsa" -cp "$CP" io.decisionlog.blame.bench.BlameBench \
    "$GIT_DIR" 0 > "$WORK/cds/training.out" 2>&1
  [ -s "$WORK/cds/blame.jsa" ] || { tail -n 20 "$WORK/cds/training.out" >&2; echo "no AppCDS archive written" >&2; exit 1; }
  JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$WORK/cds/blame.jsa"
  echo "our side starts from an AppCDS archive of $(du -h "$WORK/cds/blame.jsa" | cut -f1)"
fi
FLOOR_PATHS=()
if [ -n "${FLOOR_EXCLUDE:-}" ]; then
  FLOOR_PATHS=(--full-history -- .)
  for path in $FLOOR_EXCLUDE; do FLOOR_PATHS+=(":(exclude)$path"); done
fi
floor() { timed "$1" /dev/null git --git-dir="$GIT_DIR" log -p -U0 --no-renames HEAD "${FLOOR_PATHS[@]}"; }

echo "warm-up: one run of each, untimed"
ours warm-ours
floor warm-floor
grep "decision-log:" "$WORK/warm-ours.out" || { cat "$WORK/warm-ours.err" >&2; exit 1; }

for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then
    ours ours
    floor floor
  else
    floor floor
    ours ours
  fi
  echo "pair $i: ours $(tail -n 1 "$WORK/ours") | git $(tail -n 1 "$WORK/floor")   (wall s, user s, sys s, peak RSS KiB)"
done

paste -d ' ' "$WORK/ours" "$WORK/floor" | awk -v pairs="$PAIRS" '
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    n++
    wall[n] = $1 / $5; cpu[n] = ($2 + $3) / ($6 + $7)
    ow[n] = $1; fw[n] = $5; oc[n] = $2 + $3; fc[n] = $6 + $7; orss[n] = $4 / 1024; frss[n] = $8 / 1024
  }
  END {
    split("", s); for (i = 1; i <= n; i++) s[i] = wall[i]; mw = median(s, n); lo = s[1]; hi = s[n]
    split("", s); for (i = 1; i <= n; i++) s[i] = cpu[i]; mc = median(s, n); clo = s[1]; chi = s[n]
    split("", s); for (i = 1; i <= n; i++) s[i] = ow[i]; a = median(s, n)
    split("", s); for (i = 1; i <= n; i++) s[i] = fw[i]; b = median(s, n)
    split("", s); for (i = 1; i <= n; i++) s[i] = oc[i]; c = median(s, n)
    split("", s); for (i = 1; i <= n; i++) s[i] = fc[i]; d = median(s, n)
    split("", s); for (i = 1; i <= n; i++) s[i] = orss[i]; e = median(s, n)
    split("", s); for (i = 1; i <= n; i++) s[i] = frss[i]; f = median(s, n)
    printf "ours: wall %.2f s, CPU %.2f s, peak RSS %.0f MiB (medians)\n", a, c, e
    printf "git log -p -U0: wall %.2f s, CPU %.2f s, peak RSS %.0f MiB (medians)\n", b, d, f
    printf "ratio, wall: median %.2f (%.2f-%.2f); CPU: median %.2f (%.2f-%.2f), over %d pairs\n", mw, lo, hi, mc, clo, chi, n
  }' | tee "$WORK/summary"

echo "check: one JVM blames three times; ${CHECK_FILES:-30} files of the third against git blame"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CP" io.decisionlog.blame.bench.BlameBench "$GIT_DIR" "${CHECK_FILES:-30}" 3 > "$WORK/check.out"
grep -A 15 "^fidelity:" "$WORK/check.out"
# the service blames repository after repository in one JVM: its third walk, compiled, against git's median wall
warm=$(sed -n 's/^decision-log: .* blamed in \([0-9.]*\) s.*/\1/p' "$WORK/check.out")
git_wall=$(sed -n 's/^git log -p -U0: wall \([0-9.]*\) s.*/\1/p' "$WORK/summary")
awk -v warm="$warm" -v git="$git_wall" 'BEGIN { printf "warm JVM: the third full blame in one JVM took %.2f s, %.2fx git'"'"'s median wall\n", warm, warm / git }'
