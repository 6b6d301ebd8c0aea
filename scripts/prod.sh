#!/usr/bin/env bash
# Production profile on this machine: PostgreSQL tracker store, Redis lock store, N Rasa replicas,
# one action server, nginx in front. Usage: scripts/prod.sh install|start|stop|run|status
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export RUN_DIR=${RUN_DIR:-/tmp/conseiller-prod}
export PG_PORT=${PG_PORT:-5433} REDIS_PORT=${REDIS_PORT:-6380} NGINX_PORT=${NGINX_PORT:-8000}
export ACTIONS_PORT=${ACTIONS_PORT:-5056} RASA_PORTS=${RASA_PORTS:-"5006 5007"}
export ADMIN_PORT=${ADMIN_PORT:-5057}  # the /admin dashboard (web/serve.py), on loopback behind nginx, when ADMIN_TOKEN is set
export RETENTION_INTERVAL=${RETENTION_INTERVAL:-3600}  # seconds between two retention runs of `run` (RETENTION_DAYS)
export RATE_LIMIT=${RATE_LIMIT:-20} RATE_BURST=${RATE_BURST:-40}
export CONNECTION_LIMIT=${CONNECTION_LIMIT:-100}  # open connections per address (nginx limit_conn)
# per conversation (X-Sender-Id): a quarter of the per-address limit, at least 1 message/s
export CONVERSATION_RATE_LIMIT=${CONVERSATION_RATE_LIMIT:-$(( RATE_LIMIT / 4 > 0 ? RATE_LIMIT / 4 : 1 ))}
export CONVERSATION_RATE_BURST=${CONVERSATION_RATE_BURST:-$(( RATE_BURST / 4 > 0 ? RATE_BURST / 4 : 1 ))}
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PG_PORT POSTGRES_DB=conseiller POSTGRES_USER=conseiller
export REDIS_HOST=127.0.0.1 ACTION_ENDPOINT_URL="http://127.0.0.1:$ACTIONS_PORT/webhook"
export PYTHONPATH=$REPO RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
export SANIC_HOST=127.0.0.1  # the action server answers only on loopback (only Rasa calls it)
# A conversation's Redis lock must outlive its slowest turn (action timeout 10 s + the tracker store's retries,
# ~27 s: tests/reliability/test_turn_budget.py), or a second replica could answer it meanwhile. A replica that
# dies mid-turn leaves its lock: that conversation waits up to this long (Rasa's default is 60 s).
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-40}
# REST is for integrations: here it needs `Authorization: Bearer $REST_TOKEN`, and is off when REST_TOKEN is unset
export REST_REQUIRE_TOKEN=true
MODEL=${MODEL:-$REPO/models/conseiller.tar.gz}
PG_DIR=$RUN_DIR/pg  # owned by the postgres user: data, socket and log
APP_DIR=$RUN_DIR/app  # owned by the service user: its HOME, Redis's files, the generated passwords
MARKER=$RUN_DIR/.conseiller-prod  # written when this script creates or claims RUN_DIR
# Charts written by the action server and served by nginx (/charts/<id>.png). As root the directory is the service
# user's with nginx's group (nogroup) allowed to traverse it only (2710): nginx opens a chart whose random id it
# is given, and cannot list the others; the action server writes them readable by that group only (umask 027).
export CHARTS_DIR=$RUN_DIR/charts
# As root, Rasa, the action server and Redis run as this unprivileged system user (created by `install`).
export SERVICE_USER=${SERVICE_USER:-conseiller}
# As root the services run a release the service user can read but not write (scripts/release.sh): the Python
# and its packages under RELEASE_ROOT, the code, the knowledge store and the model copied into $RUN_DIR/release.
# Otherwise they run the clone's .venv and files.
export RELEASE_ROOT=${RELEASE_ROOT:-/opt/conseiller}
APP_ROOT=$REPO PYTHON=$REPO/.venv/bin/python PYTHON_LIBRARY=""

say() { echo "[prod] $*"; }
die() { echo "[prod] ERREUR : $*" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }  # from /: the clone may be private
pg_superuser() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
# as_service CMD…: replaces the calling (sub)shell by CMD, as the service user when root; with `&`, $! is then
# the service's own pid (stop and the fault tests signal it). In the foreground, call it in a ( subshell ).
as_service() {
  if [ "$(id -u)" = 0 ]; then
    HOME=$APP_DIR exec setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups -- "$@"
  fi
  exec "$@"
}
# as_app PYTHON-ARGS…: the project's Python in the release (or the clone), replacing the calling (sub)shell
as_app() {
  cd "$APP_ROOT" || exit 1
  if [ -n "$PYTHON_LIBRARY" ]; then export LD_LIBRARY_PATH=$PYTHON_LIBRARY; fi
  PYTHONPATH=$APP_ROOT as_service "$PYTHON" "$@"
}

ensure_service_user() {
  [ "$(id -u)" = 0 ] || return 0
  # two starts at once (parallel tests) may both try: the loser finds the user the winner created
  id -u "$SERVICE_USER" >/dev/null 2>&1 \
    || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVICE_USER" \
    || id -u "$SERVICE_USER" >/dev/null
}

# release_paths: where the services' Python and files are; as root, the runtime is built on first use
release_paths() {
  [ "$(id -u)" = 0 ] || return 0
  local runtime
  runtime=$(bash "$REPO/scripts/release.sh" runtime) || die "no release for $SERVICE_USER (see above)"
  # the copied interpreter still names its library under /root (its RUNPATH): LD_LIBRARY_PATH comes first
  APP_ROOT=$RUN_DIR/release PYTHON=$runtime/venv/bin/python PYTHON_LIBRARY=$runtime/python/lib
  export MODEL=$APP_ROOT/models/${MODEL##*/}
}

make_release() {  # the code, the knowledge store and the model, copied fresh at each start
  [ "$(id -u)" = 0 ] || return 0
  [ -f "$MODEL" ] || die "no model at $MODEL: run 'make train' first"
  local started=$SECONDS
  bash "$REPO/scripts/release.sh" app "$RUN_DIR/release" "$MODEL"
  release_paths
  (as_app -c "") || die "the user $SERVICE_USER cannot run $PYTHON (see above)"
  say "version de $SERVICE_USER prête en $((SECONDS - started)) s : $APP_ROOT"
}

# RUN_DIR is created here (mode 711, only traversable by the service users), or claimed if it is an empty
# directory of ours, or reused if this script created it; anything else (a symlink, someone else's directory,
# a writable-by-others one, leftovers) is refused: the run directory holds passwords and the services' files.
make_run_dir() {
  if [ -L "$RUN_DIR" ]; then die "$RUN_DIR is a symbolic link: refused"; fi
  if [ ! -e "$RUN_DIR" ]; then
    mkdir -m 711 "$RUN_DIR" || die "cannot create $RUN_DIR"
  else
    [ -d "$RUN_DIR" ] && [ "$(stat -c %u "$RUN_DIR")" = "$(id -u)" ] || die "$RUN_DIR is not a directory of $(id -un): refused"
    [ -f "$MARKER" ] && [ ! -L "$MARKER" ] || [ -z "$(ls -A "$RUN_DIR")" ] \
      || die "$RUN_DIR was not created by scripts/prod.sh and is not empty: refused (choose another RUN_DIR)"
    chmod 711 "$RUN_DIR"
  fi
  : >"$MARKER"
  mkdir -p -m 700 "$APP_DIR" "$APP_DIR/redis"
  mkdir -p -m 700 "$CHARTS_DIR"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$SERVICE_USER:" "$APP_DIR"
    chown -R "$SERVICE_USER:nogroup" "$CHARTS_DIR"
    chmod 2710 "$CHARTS_DIR"
  fi
  return 0
}

# secret_file NAME: a random password generated once into $APP_DIR/NAME, readable by the service user only
secret_file() {
  local file=$APP_DIR/$1
  [ -L "$file" ] && die "$file is a symbolic link: refused"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$file")  # always 32 URL-safe characters
    [ "$(id -u)" = 0 ] && chown "$SERVICE_USER:" "$file"
  fi
  cat "$file"
}

missing_packages() {
  [ -n "$(pg_bin)" ] || echo postgresql
  command -v redis-server >/dev/null || echo redis-server
  command -v nginx >/dev/null || echo nginx
}

install_packages() {
  local missing=()
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run 'sudo scripts/prod.sh install' (needs root for apt-get)"
  # one installation at a time (parallel tests): the one that waited finds the packages installed
  exec 9>/tmp/conseiller-apt.lock
  flock -w 900 9 || die "another installation holds /tmp/conseiller-apt.lock"
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && { exec 9>&-; return 0; }
  say "installation de ${missing[*]} (apt-get)…"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  # Debian starts the packaged services on their default ports: this profile runs its own instances.
  for service in postgresql redis-server nginx; do service "$service" stop >/dev/null 2>&1 || true; done
  exec 9>&-
}

secret() {  # passwords from the environment, else generated once into files only the service user can read
  [ -n "${POSTGRES_PASSWORD:-}" ] || POSTGRES_PASSWORD=$(secret_file postgres.password)
  [ -n "${REDIS_PASSWORD:-}" ] || REDIS_PASSWORD=$(secret_file redis.password)
  export POSTGRES_PASSWORD REDIS_PASSWORD
  if [ -z "${WEB_SESSION_SECRET:-}" ]; then  # signs the website sessions; every replica reads the same secret
    WEB_SESSION_SECRET=$(secret_file web-session.secret)
  fi
  export WEB_SESSION_SECRET
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
  local verb=alter  # the password goes through standard input, never on psql's command line (ps)
  [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='$POSTGRES_USER'")" = 1 ] || verb="create"
  "${psql[@]}" <<<"$verb role $POSTGRES_USER login password '$POSTGRES_PASSWORD'"
  [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$POSTGRES_DB'")" = 1 ] \
    || "${psql[@]}" -c "create database $POSTGRES_DB owner $POSTGRES_USER"
  say "PostgreSQL prêt sur 127.0.0.1:$PG_PORT"
}

start_redis() {  # the password in a file of the service user (not on redis-server's command line)
  local conf=$APP_DIR/redis/redis.conf
  # the project's settings copied, not included: the service user may not be able to read the clone
  (umask 077; { cat "$REPO/ops/redis/redis.conf"
    printf 'port %s\ndir %s\npidfile %s\nlogfile %s\nrequirepass "%s"\ndaemonize yes\n' \
      "$REDIS_PORT" "$APP_DIR/redis" "$APP_DIR/redis/redis.pid" "$APP_DIR/redis/redis.log" "$REDIS_PASSWORD"; } >"$conf")
  [ "$(id -u)" = 0 ] && chown "$SERVICE_USER:" "$conf"
  (as_service redis-server "$conf")
  for _ in $(seq 1 50); do REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.2; done
  say "Redis prêt sur 127.0.0.1:$REDIS_PORT (mot de passe requis)"
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
    # a tracker store class that does not import makes Rasa keep conversations in memory, only saying so
    ! grep -q "InMemoryTrackerStore" "$RUN_DIR/rasa-$port.log" \
      || die "Rasa replica $port could not load the tracker store of endpoints.prod.yml; see $RUN_DIR/rasa-$port.log"
  done
  say "serveur d'actions :$ACTIONS_PORT, répliques Rasa : $RASA_PORTS"
}

start_nginx() {
  nginx_config
  nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
  say "nginx : http://127.0.0.1:$NGINX_PORT (REST : /webhooks/rest/webhook)"
}

nginx_config() {  # $RUN_DIR/nginx.conf from the template and this environment, checked by nginx -t
  local upstreams="" user_line=""
  for port in $RASA_PORTS; do upstreams+="        server 127.0.0.1:$port max_fails=3 fail_timeout=2s;"$'\n'; done
  export RASA_UPSTREAMS=$upstreams
  # /admin reaches the dashboard only when ADMIN_TOKEN is set (start_admin); otherwise it does not exist
  export ADMIN_ROUTE="return 404;"
  [ -z "${ADMIN_TOKEN:-}" ] || ADMIN_ROUTE="proxy_pass http://127.0.0.1:$ADMIN_PORT;"
  mkdir -p -m 700 "$RUN_DIR"/nginx-{body,proxy,fastcgi,uwsgi,scgi}
  if [ "$(id -u)" = 0 ]; then user_line="user nobody nogroup;"; chown nobody:nogroup "$RUN_DIR"/nginx-*; fi
  { echo "$user_line"; python3 - "$REPO/ops/nginx/nginx.conf.template" <<'PY'
import os, re, sys
names = ("RUN_DIR", "NGINX_PORT", "RATE_LIMIT", "RATE_BURST", "CONVERSATION_RATE_LIMIT", "CONVERSATION_RATE_BURST",
         "CONNECTION_LIMIT", "RASA_UPSTREAMS", "ADMIN_ROUTE")
text = open(sys.argv[1], encoding="utf-8").read()
print(re.sub(r"\$\{(%s)\}" % "|".join(names), lambda m: os.environ[m.group(1)], text))
PY
  } >"$RUN_DIR/nginx.conf"
  nginx -t -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" >/dev/null 2>&1 || nginx -t -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
}

stop_all() {
  [ -f "$RUN_DIR/nginx.pid" ] && { nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -s quit 2>/dev/null || true; }
  for pidfile in "$RUN_DIR"/rasa-*.pid "$RUN_DIR"/actions.pid "$RUN_DIR"/admin.pid; do
    [ -f "$pidfile" ] && { kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; }
  done
  [ -f "$APP_DIR/redis/redis.pid" ] && { kill "$(cat "$APP_DIR/redis/redis.pid")" 2>/dev/null || true; }
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] && [ -f "$PG_DIR/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  say "tout est arrêté"
}

start_actions() {  # umask 027: its charts readable by nginx's group (CHARTS_DIR), by no one else
  (umask 027; as_app -m runtime.action_server --actions actions --port "$ACTIONS_PORT") >>"$RUN_DIR/actions.log" 2>&1 &
  echo $! >"$RUN_DIR/actions.pid"
  wait_http "http://127.0.0.1:$ACTIONS_PORT/health" "action server" "$RUN_DIR/actions.log" "$(cat "$RUN_DIR/actions.pid")"
}

# The operator's dashboard on loopback (nginx proxies /admin to it), reading the PostgreSQL tracker store;
# web/serve.py reads ADMIN_TOKEN from the environment and refuses a weak one.
start_admin() {
  [ -n "${ADMIN_TOKEN:-}" ] || return 0
  (WEB_HOST=127.0.0.1 WEB_PORT=$ADMIN_PORT ADMIN_ENDPOINTS=endpoints.prod.yml as_app web/serve.py) \
    >>"$RUN_DIR/admin.log" 2>&1 &
  echo $! >"$RUN_DIR/admin.pid"
  wait_http "http://127.0.0.1:$ADMIN_PORT/" "admin dashboard" "$RUN_DIR/admin.log" "$(cat "$RUN_DIR/admin.pid")"
  say "tableau de bord : http://127.0.0.1:$NGINX_PORT/admin/ (mot de passe : ADMIN_TOKEN)"
}

# One retention run (scripts/retention.py, RETENTION_DAYS) as the service user, on the release, logged.
retention_once() {
  (as_app scripts/retention.py --endpoints endpoints.prod.yml) >>"$RUN_DIR/retention.log" 2>&1 \
    || { say "retention failed; see $RUN_DIR/retention.log"; return 1; }
}

require_profile() {  # commands on a running profile: its passwords and files are in RUN_DIR
  [ -f "$MARKER" ] && [ -d "$APP_DIR" ] || die "no production profile in $RUN_DIR: run scripts/prod.sh start first"
}

check_retention_interval() {  # a bad value would end the schedule's loop, and `run` with it, silently
  [[ $RETENTION_INTERVAL =~ ^[1-9][0-9]*$ ]] \
    || die "RETENTION_INTERVAL must be a whole number of seconds, at least 1 (got '$RETENTION_INTERVAL')"
}

# What `run` does while the profile runs: every RETENTION_INTERVAL seconds, a retention run when RETENTION_DAYS is set.
retention_schedule() {
  while sleep "$RETENTION_INTERVAL"; do
    [ -z "${RETENTION_DAYS:-}" ] || retention_once || true  # said and logged; the next run may succeed
  done
}

start_replica() {  # start_replica PORT
  local api=()
  [ -n "${RASA_API_TOKEN:-}" ] && api=(--enable-api)  # runtime.serve reads the token from the environment, not argv (ps)
  as_app -m runtime.serve --model "$MODEL" --port "$1" --interface 127.0.0.1 --endpoints endpoints.prod.yml \
    --credentials "${CREDENTIALS:-credentials.yml}" "${api[@]}" >>"$RUN_DIR/rasa-$1.log" 2>&1 &
  echo $! >"$RUN_DIR/rasa-$1.pid"
}

case "${1:-}" in
  install) install_packages; ensure_service_user ;;
  start) install_packages; ensure_service_user; make_run_dir; make_release; secret
         start_postgres; start_redis; start_app; start_admin; start_nginx ;;
  stop) stop_all ;;
  restart-actions) release_paths; secret; start_actions ;;
  restart-replicas) release_paths; secret
    for port in $RASA_PORTS; do
      kill -0 "$(cat "$RUN_DIR/rasa-$port.pid" 2>/dev/null)" 2>/dev/null && continue
      start_replica "$port"
      wait_http "http://127.0.0.1:$port/" "Rasa replica $port" "$RUN_DIR/rasa-$port.log" "$(cat "$RUN_DIR/rasa-$port.pid")"
    done ;;
  retention) require_profile; release_paths; secret; retention_once ;;
  retention-schedule) check_retention_interval; require_profile; release_paths; secret; retention_schedule ;;
  reload-nginx) require_profile; nginx_config; nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -s reload ;;
  stop-postgres) as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null ;;
  start-postgres) as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" \
      -o "-p $PG_PORT -k $PG_DIR/sock" -w start >/dev/null ;;
  restart-postgres) as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" \
      -o "-p $PG_PORT -k $PG_DIR/sock" -m fast -w restart >/dev/null ;;
  run) check_retention_interval; "$0" start; trap '"$0" stop; exit 0' INT TERM
       echo "Profil production prêt : http://127.0.0.1:$NGINX_PORT/webhooks/rest/webhook. Ctrl-C pour tout arrêter."
       release_paths; secret  # the retention reads endpoints.prod.yml, which needs the database password
       retention_schedule ;;
  *) echo "usage: $0 install|start|stop|run|retention|retention-schedule|reload-nginx|restart-actions|restart-replicas|restart-postgres|stop-postgres|start-postgres"; exit 2 ;;
esac
