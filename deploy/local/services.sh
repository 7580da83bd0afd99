#!/usr/bin/env bash
# Starts (or stops) the services a cluster uses, on loopback only, with their data under one folder:
# PostgreSQL, RabbitMQ and an S3-compatible server (s3rver). Idempotent: a running service is left be.
#   deploy/local/services.sh start [DIR]   # default DIR: ./.services
#   deploy/local/services.sh stop  [DIR]
#   deploy/local/services.sh env   [DIR]   # prints the environment a silo needs to use them
#   deploy/local/services.sh restart-postgres|restart-rabbitmq [DIR]   # an outage, for resilience tests
# Ports and the RabbitMQ node name come from PG_PORT, AMQP_PORT, AMQP_DIST_PORT, S3_PORT and RABBIT_NODE,
# so several independent sets can run side by side.
set -euo pipefail

action=${1:-start}
root=$(realpath -m "${2:-${SERVICES_DIR:-./.services}}")
pg_port=${PG_PORT:-55432}
amqp_port=${AMQP_PORT:-55672}
s3_port=${S3_PORT:-54569}
rabbit_node=${RABBIT_NODE:-eo@localhost}
here=$(cd "$(dirname "$0")" && pwd)

install_packages() {
  local missing=()
  for p in postgresql rabbitmq-server; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
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
  if ! su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data' status >/dev/null 2>&1"; then
    su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data' -l '$data/server.log' -w \
      -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$data' -c fsync=on\" start >/dev/null"
  fi
}

start_rabbitmq() {
  local data="$root/rabbitmq"
  mkdir -p "$data" && chown -R rabbitmq:rabbitmq "$data"
  export RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$amqp_port \
    RABBITMQ_DIST_PORT=${AMQP_DIST_PORT:-55673} RABBITMQ_MNESIA_BASE="$data/mnesia" RABBITMQ_LOG_BASE="$data/log" \
    RABBITMQ_PID_FILE="$data/rabbit.pid" RABBITMQ_ENABLED_PLUGINS_FILE="$data/enabled_plugins"
  if ! rabbitmqctl -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
    echo "[]." > "$data/enabled_plugins"; chown rabbitmq:rabbitmq "$data/enabled_plugins"
    # -detached loses the environment in this setup; a background process keeps it.
    nohup setsid rabbitmq-server > "$data/server.out" 2>&1 &
    rabbitmqctl -n "$RABBITMQ_NODENAME" wait --timeout 90 "$data/rabbit.pid" >/dev/null
  fi
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
    start_rabbitmq
    start_s3
    echo "services up under $root: postgres 127.0.0.1:$pg_port, rabbitmq 127.0.0.1:$amqp_port, s3 http://127.0.0.1:$s3_port"
    ;;
  stop)
    [ -f "$root/s3rver.pid" ] && kill "$(cat "$root/s3rver.pid")" 2>/dev/null || true
    rm -f "$root/s3rver.pid"
    rabbitmqctl -n "$rabbit_node" stop >/dev/null 2>&1 || true
    [ -f "$root/postgres/PG_VERSION" ] && su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$root/postgres' -m fast stop >/dev/null" || true
    echo "services stopped"
    ;;
  restart-postgres)
    su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$root/postgres' -m fast stop >/dev/null"
    start_postgres
    ;;
  restart-rabbitmq)
    rabbitmqctl -n "$rabbit_node" stop >/dev/null 2>&1 || true
    start_rabbitmq
    ;;
  env)
    # Everything a silo needs to join the cluster on these services; add Silo__InstanceId and --urls per silo.
    # Quoted, so `eval "$(services.sh env)"` keeps the semicolons of the connection string.
    echo "Silo__Transport='rabbitmq'"
    echo "Silo__Store='postgres'"
    echo "Silo__ObjectStore='s3'"
    echo "ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
    echo "ConnectionStrings__RabbitMq='amqp://guest:guest@127.0.0.1:$amqp_port/'"
    echo "S3__ServiceUrl='http://127.0.0.1:$s3_port'"
    ;;
  *) echo "usage: $0 start|stop|env|restart-postgres|restart-rabbitmq [DIR]" >&2; exit 2 ;;
esac
