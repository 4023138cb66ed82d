# Sourced by the benchmarks that run the local runtime in a data directory of their own (bench/pages.sh,
# bench/registration.sh; bench/store.sh, which starts its own, for `say` and the header): `stack_up MESSAGE` starts it
# with the DECISIONLOG_* environment the caller exported, the stack making its own admin token in DATA_DIR; on exit,
# always, `./decisionlog down` runs and DATA_DIR goes (KEEP=1 keeps it). `stack_auth_header` writes that token as an
# Authorization header to AUTH_HEADER (mode 600), for `curl -H @"$AUTH_HEADER"`: never on a command line. Needs
# DATA_DIR, and the repository's root as the working directory.
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

stack_down() {
  local status=$?
  set +e
  say "stopping the stack"
  ./decisionlog down > "$DATA_DIR/down.log" 2>&1 || cat "$DATA_DIR/down.log"
  if [ "${KEEP:-0}" = 1 ]; then say "data kept in $DATA_DIR"; else rm -rf "$DATA_DIR"; fi
  exit $status
}

stack_auth_header() {
  AUTH_HEADER=$DATA_DIR/auth.header
  (umask 077 && printf 'Authorization: Bearer %s\n' "$(cat "$DATA_DIR/admin.token")" > "$AUTH_HEADER")
}

stack_up() {
  unset DECISIONLOG_ADMIN_TOKEN DECISIONLOG_TOKEN
  trap stack_down EXIT
  trap 'exit 130' INT TERM
  say "$1 (data in $DATA_DIR)"
  ./decisionlog up > "$DATA_DIR/up.log" 2>&1 || { cat "$DATA_DIR/up.log"; exit 1; }
}
