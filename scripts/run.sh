#!/usr/bin/env bash
# Starts the action server and the Rasa server; Ctrl-C stops everything it started.
# Usage: scripts/run.sh [--shell]   (--shell: chat in this terminal instead of serving REST)
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONS=(.venv/bin/python -m runtime.action_server)  # `rasa run actions` after the explicit start-up
SERVE=(.venv/bin/python -m runtime.serve)  # the Rasa server's entry point: `rasa run` with runtime/speedups
MODEL=models/conseiller.tar.gz
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
export RASA_SOCKET_URL=${RASA_SOCKET_URL:-http://localhost:$RASA_PORT}
export WEB_ORIGINS=${WEB_ORIGINS:-"http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT"}
export PYTHONPATH=$PWD RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
export SANIC_HOST=127.0.0.1  # the action server answers only on loopback (only Rasa calls it)
mkdir -p logs

# endpoints.yml names the action server on its default port; another ACTIONS_PORT gets a copy that names it
ENDPOINTS=endpoints.yml
DEFAULT_ACTIONS_URL="http://127.0.0.1:5055/webhook"
if [ "$ACTIONS_PORT" != 5055 ]; then
  grep -qF "$DEFAULT_ACTIONS_URL" endpoints.yml || { echo "endpoints.yml ne désigne plus $DEFAULT_ACTIONS_URL"; exit 1; }
  ENDPOINTS=logs/endpoints.run.yml
  sed "s|$DEFAULT_ACTIONS_URL|http://127.0.0.1:$ACTIONS_PORT/webhook|" endpoints.yml >"$ENDPOINTS"
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo; echo "Arrêt des serveurs…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

wait_for() {  # wait_for URL NAME LOGFILE PID
  for _ in $(seq 1 180); do
    curl -sf "$1" >/dev/null 2>&1 && return 0
    kill -0 "$4" 2>/dev/null || { echo "$2 s'est arrêté au démarrage ; voir $3 :"; tail -20 "$3"; exit 1; }
    sleep 1
  done
  echo "$2 ne répond pas sur $1 après 180 s ; voir $3"; exit 1
}

"${ACTIONS[@]}" --actions actions --port "$ACTIONS_PORT" >logs/actions.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ACTIONS_PORT/health" "Le serveur d'actions" logs/actions.log "${pids[-1]}"

if [ "${1:-}" = "--shell" ]; then
  "${SERVE[@]}" shell --model "$MODEL" --endpoints "$ENDPOINTS"
  exit 0
fi

api=()  # Rasa's HTTP API only with a token from the environment, never open
[ -n "${RASA_API_TOKEN:-}" ] && api=(--enable-api)  # runtime.serve reads the token from the environment, not argv (ps)
"${SERVE[@]}" --model "$MODEL" --port "$RASA_PORT" --interface 127.0.0.1 --endpoints "$ENDPOINTS" \
  --credentials credentials.yml "${api[@]}" >logs/rasa.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$RASA_PORT/" "Le serveur Rasa" logs/rasa.log "${pids[-1]}"

WEB_PORT=$WEB_PORT .venv/bin/python web/serve.py >logs/web.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$WEB_PORT/" "La page web" logs/web.log "${pids[-1]}"

if [ -n "${TELEGRAM_TOKEN:-}" ]; then
  telegram="Telegram : activé, webhook ${TELEGRAM_WEBHOOK_URL:-(TELEGRAM_WEBHOOK_URL non défini : webhook à enregistrer)}"
else
  telegram="Telegram : désactivé (définissez TELEGRAM_TOKEN, voir README)"
fi

cat <<MSG

Le conseiller est prêt.
  Page web : http://localhost:$WEB_PORT/   (le conseiller s'ouvre dans la page)
  REST :    POST http://localhost:$RASA_PORT/webhooks/rest/webhook
            curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender": "moi", "message": "c'"'"'est quoi le micro-travail ?"}'
  $telegram
  Terminal : make shell
  Journaux : logs/rasa.log, logs/actions.log
Ctrl-C pour tout arrêter.
MSG
wait -n "${pids[@]}"
echo "Un des serveurs s'est arrêté ; voir logs/."
