#!/usr/bin/env bash
# Throw-away PostgreSQL server for tests.
#
#   scripts/pg-temp.sh start        -> starts a private server on 127.0.0.1,
#                                      prints its URL on the LAST stdout line:
#                                      postgres://postgres@127.0.0.1:PORT/polyiam_test
#   scripts/pg-temp.sh stop [DIR]   -> stops it and deletes DIR (default: the
#                                      dir recorded by the last `start`)
#
# Everything lives in one temp dir (data, unix socket, log); nothing global is
# registered (no pg_ctlcluster, no systemd unit, no /etc changes).
# As root, initdb/pg_ctl run as the unprivileged `postgres` system user (they
# refuse to run as root); otherwise they run as the current user.
#
# Environment knobs (all optional):
#   PG_TEMP_BIN         directory with initdb/pg_ctl/psql (default: newest
#                       /usr/lib/postgresql/*/bin, else next to `initdb` on PATH)
#   PG_TEMP_OS_USER     OS user to run the server as when invoked as root
#                       (default: postgres)
#   PG_TEMP_PORT        first port to try (default 55432)
#   PG_TEMP_DB          database to create (default polyiam_test)
#   PG_TEMP_STATE_FILE  where `start` records the dir (default:
#                       <repo>/.polyiam-test/pg-temp.dir)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
SELF="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"
STATE_FILE="${PG_TEMP_STATE_FILE:-$REPO_DIR/.polyiam-test/pg-temp.dir}"
DB_NAME="${PG_TEMP_DB:-polyiam_test}"
FIRST_PORT="${PG_TEMP_PORT:-55432}"
MARKER=".polyiam-pg-temp"

log() { echo "pg-temp: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- locate binaries -------------------------------------------------------
find_bindir() {
  if [[ -n "${PG_TEMP_BIN:-}" ]]; then
    [[ -x "$PG_TEMP_BIN/initdb" && -x "$PG_TEMP_BIN/pg_ctl" ]] \
      || die "PG_TEMP_BIN=$PG_TEMP_BIN has no initdb/pg_ctl"
    echo "$PG_TEMP_BIN"; return
  fi
  # Debian layout: /usr/lib/postgresql/<ver>/bin. Pick the newest version that
  # has both initdb and pg_ctl, so they always come from the same build.
  local d best=""
  while IFS= read -r d; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && best="$d"
  done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V)
  if [[ -n "$best" ]]; then echo "$best"; return; fi
  # Fallback: whatever initdb is on PATH; resolve symlinks and use its dir.
  local i
  i="$(command -v initdb 2>/dev/null)" || die "no initdb found (install postgresql)"
  i="$(readlink -f "$i")"
  [[ -x "$(dirname "$i")/pg_ctl" ]] || die "no pg_ctl next to $i"
  dirname "$i"
}

# --- run a command as the server's OS user ---------------------------------
# as_user USER cmd args...   (USER empty => current user)
as_user() {
  local u="$1"; shift
  if [[ -z "$u" || "$(id -u)" -ne 0 ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$u" -- "$@"
  elif command -v setpriv >/dev/null 2>&1; then
    setpriv --reuid="$u" --regid="$u" --init-groups -- "$@"
  else
    su -s /bin/sh "$u" -c "$(printf '%q ' "$@")"
  fi
}

port_free() {
  local p="$1"
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$p" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
  else
    # nothing listening => connect fails => treat as free
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
  fi
}

# --- start -----------------------------------------------------------------
cmd_start() {
  local bindir ver run_as="" base dir port ok=0 locale_opt
  bindir="$(find_bindir)"
  ver="$("$bindir/initdb" --version 2>/dev/null || true)"
  log "using $bindir ($ver)"

  if [[ "$(id -u)" -eq 0 ]]; then
    run_as="${PG_TEMP_OS_USER:-postgres}"
    id -u "$run_as" >/dev/null 2>&1 \
      || die "running as root but OS user '$run_as' does not exist (set PG_TEMP_OS_USER)"
  fi

  # The temp dir must be reachable by $run_as; root's TMPDIR might not be.
  base="${TMPDIR:-/tmp}"
  if [[ -n "$run_as" ]] && ! as_user "$run_as" test -x "$base" 2>/dev/null; then
    base=/tmp
  fi
  dir="$(mktemp -d "$base/polyiam-pg.XXXXXX")"
  touch "$dir/$MARKER"
  mkdir -p "$dir/sock"
  if [[ -n "$run_as" ]]; then chown -R "$run_as": "$dir"; fi
  # From here on, stop the server and remove the dir if anything fails.
  CLEANUP_DIR="$dir"
  trap 'if [[ -n "${CLEANUP_DIR:-}" ]]; then log "start failed; cleaning up $CLEANUP_DIR"; "$SELF" stop "$CLEANUP_DIR" || rm -rf "$CLEANUP_DIR"; fi' EXIT

  locale_opt=(--no-locale)
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale_opt=(--locale=C.UTF-8); fi

  # Run from inside the temp dir: the server user may not be able to read $PWD.
  cd "$dir"
  as_user "$run_as" "$bindir/initdb" -D "$dir/data" -U postgres -A trust \
    -E UTF8 "${locale_opt[@]}" --nosync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; false; }

  # Only 127.0.0.1, private socket dir, speed over durability.
  cat >>"$dir/data/postgresql.conf" <<EOF

# --- polyiam pg-temp ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
max_connections = 200
EOF

  port="$FIRST_PORT"
  while (( port < FIRST_PORT + 200 )); do
    if port_free "$port"; then
      : >"$dir/postgres.log"
      if [[ -n "$run_as" ]]; then chown "$run_as": "$dir/postgres.log"; fi
      if as_user "$run_as" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" \
           -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
        ok=1; break
      fi
      if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets' "$dir/postgres.log"; then
        log "port $port taken, trying next"
      else
        cat "$dir/postgres.log" >&2; die "pg_ctl start failed"
      fi
    fi
    port=$((port + 1))
  done
  (( ok )) || die "no free port in $FIRST_PORT..$((port - 1))"
  echo "$port" >"$dir/port"

  # Create the database over TCP (exercises the same path the tests use).
  PGCONNECT_TIMEOUT=10 "$bindir/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE DATABASE \"${DB_NAME//\"/\"\"}\"" >&2

  mkdir -p "$(dirname "$STATE_FILE")"
  echo "$dir" >"$STATE_FILE"
  CLEANUP_DIR=""
  trap - EXIT
  log "running: dir=$dir port=$port (stop: $SELF stop $dir)"
  echo "postgres://postgres@127.0.0.1:$port/$DB_NAME"
}

# --- stop ------------------------------------------------------------------
cmd_stop() {
  local dir="${1:-}"
  if [[ -z "$dir" ]]; then
    [[ -f "$STATE_FILE" ]] || die "no dir given and no state file $STATE_FILE"
    dir="$(cat "$STATE_FILE")"
  fi
  dir="${dir%/}"
  [[ "$(basename "$dir")" == data ]] && dir="$(dirname "$dir")"
  if [[ ! -d "$dir" ]]; then
    log "$dir does not exist; nothing to stop"
    return 0
  fi
  [[ -f "$dir/$MARKER" ]] || die "$dir is not a pg-temp dir (no $MARKER); refusing to touch it"

  local owner="" bindir="" pid=""
  if [[ "$(id -u)" -eq 0 ]]; then owner="$(stat -c %U "$dir")"; fi
  bindir="$(find_bindir 2>/dev/null)" || bindir=""

  if [[ -f "$dir/data/postmaster.pid" ]]; then
    pid="$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
  fi
  if [[ -n "$pid" && -n "$bindir" ]]; then
    (cd "$dir" && as_user "$owner" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1) \
      || (cd "$dir" && as_user "$owner" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1) \
      || true
  fi
  if [[ -n "$pid" ]]; then
    # Last resort: the postmaster pid recorded in its own pid file.
    # Only if that pid is still *our* postmaster (guards against pid reuse).
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
       && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/data"; then
      log "postmaster $pid still alive; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  rm -rf "$dir"
  if [[ -f "$STATE_FILE" && "$(cat "$STATE_FILE" 2>/dev/null)" == "$dir" ]]; then
    rm -f "$STATE_FILE"
  fi
  log "stopped and removed $dir"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop)  shift; cmd_stop "$@" ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
