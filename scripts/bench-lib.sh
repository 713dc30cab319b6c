# Shell helpers shared by scripts/bench and scripts/bench-contest (sourced, not run). They
# expect $tmp to name the run's scratch directory.

die() {
  echo "bench: $*" >&2
  exit 1
}

# Starts a server in the background (command in "$@"), sets server_pid and server_port once
# it has printed its address; its output goes to $tmp/server.log.
start_server() {
  local pattern=$1
  shift
  : >"$tmp/server.log"  # exists before the background job opens it
  "$@" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  server_port=""
  local deadline=$((SECONDS + 60))
  while [ -z "$server_port" ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$tmp/server.log" >&2
      die "server exited before listening: $*"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "server did not print its address within 60 s: $*"
    if [[ $(<"$tmp/server.log") =~ $pattern([0-9]+) ]]; then
      server_port=${BASH_REMATCH[1]}
    else
      sleep 0.005
    fi
  done
}

# Stops the server started last with SIGTERM and returns its exit status.
stop_server() {
  local status=0
  kill -TERM "$server_pid"
  wait "$server_pid" || status=$?
  server_pid=""
  return "$status"
}
