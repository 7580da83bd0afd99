#!/usr/bin/env bash
# Starts (or stops) the services a cluster uses, on loopback only, with their data under one folder:
# PostgreSQL (Orleans membership, grain state and reminders, the STAC catalog), Redis (durable event
# streams) and an S3-compatible server (s3rver). Idempotent: a running service is left be.
#   deploy/local/services.sh start [DIR]              # default DIR: ./.services
#   deploy/local/services.sh stop  [DIR]
#   deploy/local/services.sh env   [DIR]              # prints the environment a silo needs to use them
#   deploy/local/services.sh restart-postgres|restart-redis [DIR]   # an outage, for resilience tests
# Ports come from PG_PORT, REDIS_PORT and S3_PORT, so several independent sets can run side by side.
set -euo pipefail

action=${1:-start}
root=$(realpath -m "${2:-${SERVICES_DIR:-./.services}}")
pg_port=${PG_PORT:-55432}
s3_port=${S3_PORT:-54569}
redis_port=${REDIS_PORT:-56379}
here=$(cd "$(dirname "$0")" && pwd)

install_packages() {
  local missing=()
  for p in postgresql redis-server; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ! -x "$here/node_modules/.bin/s3rver" ]; then
    (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)
  fi
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

start_postgres() {
  local data="$root/postgres"
  # One already serving this port (another checkout's, a developer's) is used as it is.
  if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then return; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chown postgres:postgres "$data"
    su postgres -s /bin/sh -c "$pg_bin/initdb -D '$data' -U postgres --auth=trust -E UTF8 >/dev/null"
  fi
  # max_connections=300, not the default 100: every silo holds several pools of up to 20 connections
  # (the Orleans ADO.NET providers' pool, the STAC catalog's data source), and three silos plus the
  # tests' own queries would otherwise exhaust the server and fail connections cluster-wide under load.
  if ! su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data' status >/dev/null 2>&1"; then
    su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data' -l '$data/server.log' -w \
      -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$data' -c fsync=on -c max_connections=300\" start >/dev/null"
  fi
}

stop_postgres() {
  [ -f "$root/postgres/PG_VERSION" ] || return 0
  su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$root/postgres' -m fast stop >/dev/null"
}

start_redis() {
  local data="$root/redis"
  if [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; then return; fi
  mkdir -p "$data"
  # Every write is in the append-only file before Redis answers, so a restart loses no event.
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$data" --appendonly yes --appendfsync always \
    --save "" --daemonize yes --pidfile "$root/redis.pid" --logfile "$root/redis.log"
  for _ in $(seq 1 100); do [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] && return; sleep 0.1; done
  echo "redis-server did not start, see $root/redis.log" >&2; return 1
}

stop_redis() {
  [ -f "$root/redis.pid" ] || return 0
  redis-cli -p "$redis_port" shutdown >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do [ -f "$root/redis.pid" ] && kill -0 "$(cat "$root/redis.pid")" 2>/dev/null || break; sleep 0.1; done
  rm -f "$root/redis.pid"
}

start_s3() {
  local data="$root/s3"
  mkdir -p "$data"
  if ! curl -fs "http://127.0.0.1:$s3_port/" >/dev/null 2>&1; then
    nohup "$here/node_modules/.bin/s3rver" --address 127.0.0.1 --port "$s3_port" --directory "$data" \
      --silent > "$root/s3rver.log" 2>&1 &
    echo $! > "$root/s3rver.pid"
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$s3_port/" >/dev/null 2>&1 && return; sleep 0.1; done
    echo "s3rver did not start, see $root/s3rver.log" >&2; return 1
  fi
}

case "$action" in
  start)
    install_packages
    mkdir -p "$root"
    start_postgres
    start_redis
    start_s3
    echo "services up under $root: postgres 127.0.0.1:$pg_port, redis 127.0.0.1:$redis_port, s3 http://127.0.0.1:$s3_port"
    ;;
  stop)
    [ -f "$root/s3rver.pid" ] && kill "$(cat "$root/s3rver.pid")" 2>/dev/null || true
    rm -f "$root/s3rver.pid"
    stop_redis || true
    stop_postgres || true
    echo "services stopped"
    ;;
  restart-postgres)
    stop_postgres
    start_postgres
    ;;
  restart-redis)
    stop_redis
    start_redis
    ;;
  env)
    # Everything a silo needs to join the cluster on these services; add Silo__InstanceId, --urls and, for
    # several silos on one machine, Orleans__SiloPort and Orleans__GatewayPort per silo.
    # Quoted, so `eval "$(services.sh env)"` keeps the semicolons of the connection string.
    echo "Silo__Store='postgres'"
    echo "Silo__ObjectStore='s3'"
    echo "ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
    echo "S3__ServiceUrl='http://127.0.0.1:$s3_port'"
    echo "Silo__Streams='redis'"
    echo "ConnectionStrings__Redis='127.0.0.1:$redis_port'"
    ;;
  *) echo "usage: $0 start|stop|env|restart-postgres|restart-redis [DIR]" >&2; exit 2 ;;
esac
