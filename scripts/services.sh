#!/usr/bin/env bash
# Throw-away local PostgreSQL and Redis for the scale-out profile (tests, bench, development).
#
#   scripts/services.sh start   # installs them if missing, starts both on free ports of
#                               # 127.0.0.1, prints the settings as `export NAME=value` lines
#   scripts/services.sh stop    # stops both and deletes their data
#
# Use: eval "$(scripts/services.sh start)". The settings are also kept in
# $SERVICES_DIR/services.env (mode 600). SERVICES_DIR defaults to var/services; PG_PORT and
# REDIS_PORT choose the ports. Secrets are made up at random for each start.
# In production, set the same variables to point at your managed PostgreSQL and Redis.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SERVICES_DIR="$(mkdir -p "${SERVICES_DIR:-$ROOT/var/services}" && cd "${SERVICES_DIR:-$ROOT/var/services}" && pwd)"
SETTINGS="$SERVICES_DIR/services.env"
DB_NAME=assistant
DB_USER=assistant

log() { echo "services: $*" >&2; }

# PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  # The server's folder: the client package alone also makes /usr/lib/postgresql/N/bin (psql).
  dir="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && dirname "$dir"
}

install_missing() {
  local packages=()
  pg_bin > /dev/null || packages+=(postgresql)
  command -v redis-server > /dev/null || packages+=(redis-server)
  [ ${#packages[@]} -eq 0 ] && return
  if [ "$(id -u)" != 0 ]; then
    log "please install ${packages[*]} (Debian packages), then run this again"
    exit 1
  fi
  log "installing ${packages[*]}"
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" > /dev/null
}

free_port() {
  local python
  python="$(command -v python3 || echo "$ROOT/.venv/bin/python")"
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

start_postgres() {
  local bin
  bin="$(pg_bin)"
  # /tmp is reachable by the postgres user whatever the permissions above SERVICES_DIR are.
  PGDATA="$(mktemp -d "${TMPDIR:-/tmp}/mad-efile-pg.XXXXXX")"
  echo "$PGDATA" > "$SERVICES_DIR/pgdata"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
  as_postgres "$bin/initdb" -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    > "$SERVICES_DIR/initdb.log"
  as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start -o \
    "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDATA -c max_connections=400" \
    > /dev/null
  # The password goes on stdin, never on a command line.
  as_postgres "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$PGDATA" -p "$PG_PORT" -d postgres <<SQL
CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
CREATE DATABASE $DB_NAME OWNER $DB_USER;
SQL
}

start_redis() {
  mkdir -p "$SERVICES_DIR/redis"
  # The password goes in a private config file, never on a command line.
  (umask 077 && cat > "$SERVICES_DIR/redis/redis.conf" <<CONF
port $REDIS_PORT
bind 127.0.0.1
daemonize yes
save ""
appendonly no
dir $SERVICES_DIR/redis
pidfile $SERVICES_DIR/redis/redis.pid
logfile $SERVICES_DIR/redis/redis.log
requirepass $REDIS_PASSWORD
CONF
  )
  redis-server "$SERVICES_DIR/redis/redis.conf"
  for _ in $(seq 50); do
    REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" ping 2> /dev/null | grep -q PONG && return
    sleep 0.1
  done
  log "redis did not answer; see $SERVICES_DIR/redis/redis.log"
  exit 1
}

write_settings() {
  (umask 077 && cat > "$SETTINGS" <<ENV
export TRACKER_DB_HOST=127.0.0.1
export TRACKER_DB_PORT=$PG_PORT
export TRACKER_DB_NAME=$DB_NAME
export TRACKER_DB_USER=$DB_USER
export TRACKER_DB_PASSWORD=$DB_PASSWORD
export LOCK_STORE_HOST=127.0.0.1
export LOCK_STORE_PORT=$REDIS_PORT
export LOCK_STORE_DB=1
export LOCK_STORE_PASSWORD=$REDIS_PASSWORD
export CHAT_RATE_REDIS_URL=redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/2
export SUBMISSIONS_DB_URL=postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME
ENV
  )
}

is_running() {
  [ -f "$SETTINGS" ] && kill -0 "$(cat "$SERVICES_DIR/redis/redis.pid" 2> /dev/null)" 2> /dev/null &&
    as_postgres "$(pg_bin)/pg_ctl" -D "$(cat "$SERVICES_DIR/pgdata")" status > /dev/null 2>&1
}

start() {
  if is_running; then
    log "already running from $SERVICES_DIR (stop it first to start afresh)"
    cat "$SETTINGS"
    return
  fi
  stop  # whatever an earlier start left behind
  install_missing
  PG_PORT="${PG_PORT:-$(free_port)}"
  REDIS_PORT="${REDIS_PORT:-$(free_port)}"
  DB_PASSWORD="$(secret)"
  REDIS_PASSWORD="$(secret)"
  trap stop ERR
  start_postgres
  start_redis
  write_settings
  trap - ERR
  log "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT"
  cat "$SETTINGS"
}

stop() {
  local pgdata pid
  if [ -f "$SERVICES_DIR/redis/redis.pid" ]; then
    pid="$(cat "$SERVICES_DIR/redis/redis.pid")"
    kill "$pid" 2> /dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  fi
  if [ -f "$SERVICES_DIR/pgdata" ]; then
    pgdata="$(cat "$SERVICES_DIR/pgdata")"
    if [ -f "$pgdata/postmaster.pid" ]; then
      as_postgres "$(pg_bin)/pg_ctl" -D "$pgdata" -m fast -w stop > /dev/null || true
    fi
    rm -rf "$pgdata"
  fi
  rm -rf "$SERVICES_DIR/redis" "$SERVICES_DIR/pgdata" "$SERVICES_DIR/initdb.log" "$SETTINGS"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
