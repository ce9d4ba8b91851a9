#!/usr/bin/env bash
# Several app replicas behind Debian's nginx, on loopback, sharing one registry.
#
#   make serve-replicas [PORT=8501] [REPLICAS=2]
#   bash scripts/serve-replicas.sh
#
# Settings (environment):
#   PORT            the proxy's port on 127.0.0.1 (default 8501)
#   REPLICAS        how many streamlit processes (default 2)
#   REPLICA_PORTS   their ports, space-separated (default PORT+1, PORT+2, …)
#   RUN_DIR         folder for the nginx config, logs and replicas.txt (default: new
#                   temporary folder)
#   PY              the Python with the project installed (default .venv/bin/python)
#   The registry is the one the app is configured with (KYODO_DATABASE_URL, or the
#   SQLite file in KYODO_REGISTRY_DIR / var/), shared by every replica; it is
#   created and seeded once before the replicas start.
#
# Runs in the foreground until interrupted, then stops nginx and every replica. A
# replica that dies is not restarted: nginx sends its visitors to the others. Prints
# "proxy URL" and one "replica N PID PORT" line per replica (also in
# RUN_DIR/replicas.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8501}"
REPLICAS="${REPLICAS:-2}"
PY="${PY:-.venv/bin/python}"
TEMPLATE=deploy/nginx.conf.template

die() {
  echo "serve-replicas: $*" >&2
  exit 1
}

NGINX="$(command -v nginx || true)"
[ -n "$NGINX" ] || { [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx; } ||
  die "nginx is not installed: run make sysdeps"
[ -x "$PY" ] || die "$PY not found: run make venv"
if [ -z "${REPLICA_PORTS:-}" ]; then
  REPLICA_PORTS="$(seq -s ' ' $((PORT + 1)) $((PORT + REPLICAS)))"
fi
read -r -a ports <<<"$REPLICA_PORTS"
[ ${#ports[@]} -ge 1 ] || die "no replica ports"

RUN_DIR="${RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/kyodo-replicas.XXXXXX")}"
mkdir -p "$RUN_DIR"
: >"$RUN_DIR/replicas.txt"

pids=()
nginx_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    alive=0
    for pid in "${pids[@]}" $nginx_pid; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ "$alive" -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}" $nginx_pid; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  echo "stopped (logs in $RUN_DIR)" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export KYODO_REGISTRY="${KYODO_REGISTRY:-1}"
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
# create and seed the shared registry once, before the replicas race to do it
"$PY" -m geo.registry audit --limit 1 >/dev/null ||
  die "the registry could not be opened"

n=0
for port in "${ports[@]}"; do
  n=$((n + 1))
  "$PY" -m streamlit run ui/server.py \
    --server.address 127.0.0.1 --server.port "$port" --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none \
    >"$RUN_DIR/replica-$n.log" 2>&1 &
  pids+=($!)
  echo "replica $n $! $port" >>"$RUN_DIR/replicas.txt"
done

# wait until every replica answers (a minute at most)
"$PY" - "${ports[@]}" <<'EOF' || die "a replica did not start (logs in $RUN_DIR)"
import sys, time, urllib.request

deadline = time.monotonic() + 60
for port in sys.argv[1:]:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"replica on port {port} did not answer")
            time.sleep(0.3)
EOF

servers=""
for port in "${ports[@]}"; do
  servers+="server 127.0.0.1:$port max_fails=1 fail_timeout=10s; "
done
user_line=""
mkdir -p "$RUN_DIR"/{client-body,proxy,fastcgi,uwsgi,scgi}
if [ "$(id -u)" -eq 0 ]; then
  worker=www-data
  id "$worker" >/dev/null 2>&1 || worker=nobody
  user_line="user $worker;"
  chown "$worker" "$RUN_DIR"/{client-body,proxy,fastcgi,uwsgi,scgi}
fi
sed -e "s|@USER_LINE@|$user_line|" -e "s|@RUN_DIR@|$RUN_DIR|g" \
  -e "s|@LISTEN@|127.0.0.1:$PORT|" -e "s|@SERVERS@|$servers|" \
  "$TEMPLATE" >"$RUN_DIR/nginx.conf"
"$NGINX" -e "$RUN_DIR/nginx-error.log" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -t -q ||
  die "the nginx configuration is wrong: $(tail -3 "$RUN_DIR/nginx-error.log")"
"$NGINX" -e "$RUN_DIR/nginx-error.log" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" &
nginx_pid=$!
echo "nginx $nginx_pid $PORT" >>"$RUN_DIR/replicas.txt"

echo "proxy http://127.0.0.1:$PORT"
cat "$RUN_DIR/replicas.txt"
echo "run dir $RUN_DIR"
wait "$nginx_pid"
