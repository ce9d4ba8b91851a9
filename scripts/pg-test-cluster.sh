#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for the tests, on 127.0.0.1 only.
#
#   pg-test-cluster.sh start [DIR]   initdb into DIR (default: a new temporary folder),
#                                    start it on a free loopback port, create the
#                                    database kyodo_test with PostGIS, and print
#                                      dir=DIR
#                                      url=postgresql+psycopg://postgres@127.0.0.1:PORT/kyodo_test
#   pg-test-cluster.sh stop DIR      stop the cluster and delete DIR
#
# Uses Debian's binaries in /usr/lib/postgresql/<version>/bin (make sysdeps installs
# postgresql and postgis). initdb refuses to run as root: as root the cluster runs as
# the postgres system user, which owns DIR. Authentication is trust, on loopback only:
# never point this at data that matters.
set -euo pipefail

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Runs a command as the cluster's owner: postgres when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port
  bin="$(bindir)" || die "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run make sysdeps"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no postgres user to own the cluster"
  fi
  dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/kyodo-pg.XXXXXX")}"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$dir/initdb.log")"
  local tries=0
  while :; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    [ "$tries" -lt 3 ] || die "the server did not start: $(tail -5 "$dir/server.log")"
  done
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE kyodo_test" >/dev/null
  if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d kyodo_test -qAt \
    -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS postgis" >"$dir/postgis.log" 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    die "PostGIS is not available: $(tail -3 "$dir/postgis.log") (make sysdeps installs it)"
  fi
  echo "dir=$dir"
  echo "url=postgresql+psycopg://postgres@127.0.0.1:$port/kyodo_test"
}

stop() {
  local dir="${1:-}" bin
  [ -n "$dir" ] || die "usage: $0 stop DIR"
  [ -d "$dir/data" ] || die "$dir is not a test cluster"
  bin="$(bindir)" || die "PostgreSQL is not installed"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: $0 start [DIR] | stop DIR" ;;
esac
