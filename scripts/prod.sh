#!/usr/bin/env bash
# Production profile on this machine: PostgreSQL tracker store, Redis lock store, N Rasa replicas,
# one action server, nginx in front. Usage: scripts/prod.sh install|start|stop|run|status
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export RUN_DIR=${RUN_DIR:-/tmp/conseiller-prod}
export PG_PORT=${PG_PORT:-5433} REDIS_PORT=${REDIS_PORT:-6380} NGINX_PORT=${NGINX_PORT:-8000}
export ACTIONS_PORT=${ACTIONS_PORT:-5056} RASA_PORTS=${RASA_PORTS:-"5006 5007"}
export RATE_LIMIT=${RATE_LIMIT:-20} RATE_BURST=${RATE_BURST:-40}
# per conversation (X-Sender-Id): a quarter of the per-address limit, at least 1 message/s
export CONVERSATION_RATE_LIMIT=${CONVERSATION_RATE_LIMIT:-$(( RATE_LIMIT / 4 > 0 ? RATE_LIMIT / 4 : 1 ))}
export CONVERSATION_RATE_BURST=${CONVERSATION_RATE_BURST:-$(( RATE_BURST / 4 > 0 ? RATE_BURST / 4 : 1 ))}
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PG_PORT POSTGRES_DB=conseiller POSTGRES_USER=conseiller
export REDIS_HOST=127.0.0.1 ACTION_ENDPOINT_URL="http://127.0.0.1:$ACTIONS_PORT/webhook"
export PYTHONPATH=$REPO RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
export SANIC_HOST=127.0.0.1  # the action server answers only on loopback (only Rasa calls it)
# A replica that dies while handling a message leaves that conversation's lock in Redis; Rasa's default
# lifetime (60 s) would hold the conversation that long on the surviving replica. Messages take < 1 s here.
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-15}
MODEL=${MODEL:-$REPO/models/conseiller.tar.gz}
PG_DIR=$RUN_DIR/pg  # owned by the postgres user: data, socket and log
RASA=$REPO/.venv/bin/rasa
SERVE=("$REPO/.venv/bin/python" -m runtime.serve)  # the Rasa server's entry point: `rasa run` with runtime/speedups

say() { echo "[prod] $*"; }
die() { echo "[prod] ERREUR : $*" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }  # from /: the clone may be private
pg_superuser() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run 'sudo scripts/prod.sh install' (needs root for apt-get)"
  say "installation de ${missing[*]} (apt-get)…"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  # Debian starts the packaged services on their default ports: this profile runs its own instances.
  for service in postgresql redis-server nginx; do service "$service" stop >/dev/null 2>&1 || true; done
}

secret() {
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    [ -s "$RUN_DIR/postgres.password" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$RUN_DIR/postgres.password")
    POSTGRES_PASSWORD=$(cat "$RUN_DIR/postgres.password")
  fi
  export POSTGRES_PASSWORD
}

start_postgres() {
  local bin data=$PG_DIR/data sock=$PG_DIR/sock
  bin=$(pg_bin); [ -n "$bin" ] || die "PostgreSQL not installed: run scripts/prod.sh install"
  mkdir -p "$data" "$sock"; chmod 700 "$data"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PG_DIR"
  if [ ! -s "$data/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$data" -U "$(pg_superuser)" -A peer --auth-host=scram-sha-256 >"$RUN_DIR/initdb.log"
    echo "include 'conseiller.conf'" | as_pg tee -a "$data/postgresql.conf" >/dev/null
    sed "s/postgres                 peer/all                      peer/" "$REPO/ops/postgres/pg_hba.conf" \
      | as_pg tee "$data/pg_hba.conf" >/dev/null
  fi
  # a copy the postgres user can read even when the clone is private (e.g. under /root), refreshed each start
  as_pg tee "$data/conseiller.conf" <"$REPO/ops/postgres/postgresql.conf" >/dev/null
  as_pg "$bin/pg_ctl" -D "$data" -l "$PG_DIR/postgres.log" -o "-p $PG_PORT -k $sock" -w start >/dev/null \
    || die "PostgreSQL did not start; see $PG_DIR/postgres.log"
  local psql=(as_pg "$bin/psql" -h "$sock" -p "$PG_PORT" -U "$(pg_superuser)" -d postgres -qtA -v ON_ERROR_STOP=1)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='$POSTGRES_USER'")" != 1 ]; then
    "${psql[@]}" -c "create role $POSTGRES_USER login password '$POSTGRES_PASSWORD'"
  else
    "${psql[@]}" -c "alter role $POSTGRES_USER password '$POSTGRES_PASSWORD'"
  fi
  [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$POSTGRES_DB'")" = 1 ] \
    || "${psql[@]}" -c "create database $POSTGRES_DB owner $POSTGRES_USER"
  say "PostgreSQL prêt sur 127.0.0.1:$PG_PORT"
}

start_redis() {
  redis-server "$REPO/ops/redis/redis.conf" --port "$REDIS_PORT" --daemonize yes --dir "$RUN_DIR" \
    --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.2; done
  say "Redis prêt sur 127.0.0.1:$REDIS_PORT"
}

wait_http() {  # wait_http URL NAME LOG PID
  for _ in $(seq 1 240); do
    curl -sf "$1" >/dev/null 2>&1 && return 0
    kill -0 "$4" 2>/dev/null || die "$2 stopped while starting; see $3"
    sleep 0.5
  done
  die "$2 not answering on $1 after 120 s; see $3"
}

start_app() {
  [ -f "$MODEL" ] || die "no model at $MODEL: run 'make train' first"
  start_actions
  for port in $RASA_PORTS; do start_replica "$port"; done
  for port in $RASA_PORTS; do
    wait_http "http://127.0.0.1:$port/" "Rasa replica $port" "$RUN_DIR/rasa-$port.log" "$(cat "$RUN_DIR/rasa-$port.pid")"
  done
  say "serveur d'actions :$ACTIONS_PORT, répliques Rasa : $RASA_PORTS"
}

start_nginx() {
  local upstreams="" user_line=""
  for port in $RASA_PORTS; do upstreams+="        server 127.0.0.1:$port max_fails=3 fail_timeout=2s;"$'\n'; done
  export RASA_UPSTREAMS=$upstreams
  mkdir -p "$RUN_DIR"/nginx-{body,proxy,fastcgi,uwsgi,scgi}; chmod 777 "$RUN_DIR"/nginx-*
  [ "$(id -u)" = 0 ] && user_line="user nobody nogroup;"
  { echo "$user_line"; python3 - "$REPO/ops/nginx/nginx.conf.template" <<'PY'
import os, re, sys
names = ("RUN_DIR", "NGINX_PORT", "RATE_LIMIT", "RATE_BURST", "CONVERSATION_RATE_LIMIT", "CONVERSATION_RATE_BURST",
         "RASA_UPSTREAMS")
text = open(sys.argv[1], encoding="utf-8").read()
print(re.sub(r"\$\{(%s)\}" % "|".join(names), lambda m: os.environ[m.group(1)], text))
PY
  } >"$RUN_DIR/nginx.conf"
  nginx -t -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" >/dev/null 2>&1 || nginx -t -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
  nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
  say "nginx : http://127.0.0.1:$NGINX_PORT (REST : /webhooks/rest/webhook)"
}

stop_all() {
  [ -f "$RUN_DIR/nginx.pid" ] && { nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -s quit 2>/dev/null || true; }
  for pidfile in "$RUN_DIR"/rasa-*.pid "$RUN_DIR"/actions.pid; do
    [ -f "$pidfile" ] && { kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; }
  done
  [ -f "$RUN_DIR/redis.pid" ] && { kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null || true; }
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] && [ -f "$PG_DIR/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  say "tout est arrêté"
}

start_actions() {
  "$RASA" run actions --actions actions --port "$ACTIONS_PORT" >>"$RUN_DIR/actions.log" 2>&1 &
  echo $! >"$RUN_DIR/actions.pid"
  wait_http "http://127.0.0.1:$ACTIONS_PORT/health" "action server" "$RUN_DIR/actions.log" "$(cat "$RUN_DIR/actions.pid")"
}

start_replica() {  # start_replica PORT
  local api=()
  [ -n "${RASA_API_TOKEN:-}" ] && api=(--enable-api)  # runtime.serve reads the token from the environment, not argv (ps)
  "${SERVE[@]}" --model "$MODEL" --port "$1" --interface 127.0.0.1 --endpoints endpoints.prod.yml \
    --credentials "${CREDENTIALS:-credentials.yml}" "${api[@]}" >>"$RUN_DIR/rasa-$1.log" 2>&1 &
  echo $! >"$RUN_DIR/rasa-$1.pid"
}

case "${1:-}" in
  install) install_packages ;;
  start) install_packages; mkdir -p "$RUN_DIR"; chmod 755 "$RUN_DIR"; secret
         start_postgres; start_redis; start_app; start_nginx ;;
  stop) stop_all ;;
  restart-actions) secret; start_actions ;;
  restart-replicas) secret
    for port in $RASA_PORTS; do
      kill -0 "$(cat "$RUN_DIR/rasa-$port.pid" 2>/dev/null)" 2>/dev/null && continue
      start_replica "$port"
      wait_http "http://127.0.0.1:$port/" "Rasa replica $port" "$RUN_DIR/rasa-$port.log" "$(cat "$RUN_DIR/rasa-$port.pid")"
    done ;;
  restart-postgres) as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" \
      -o "-p $PG_PORT -k $PG_DIR/sock" -m fast -w restart >/dev/null ;;
  run) "$0" start; trap '"$0" stop; exit 0' INT TERM
       echo "Profil production prêt : http://127.0.0.1:$NGINX_PORT/webhooks/rest/webhook. Ctrl-C pour tout arrêter."
       secret  # the retention below reads endpoints.prod.yml, which needs the database password
       while sleep 3600; do  # hourly: erase conversations idle for more than RETENTION_DAYS, when it is set
         [ -z "${RETENTION_DAYS:-}" ] || "$REPO/.venv/bin/python" scripts/retention.py --endpoints endpoints.prod.yml \
           >>"$RUN_DIR/retention.log" 2>&1 || say "retention failed; see $RUN_DIR/retention.log"
       done ;;
  *) echo "usage: $0 install|start|stop|run|restart-actions|restart-replicas|restart-postgres"; exit 2 ;;
esac
