#!/usr/bin/env bash
# `make deploy-check`: the production stack on loopback from a fresh PostgreSQL database —
# release step, gunicorn, db_worker and nginx on unprivileged high ports — then fetch a page,
# a static file, an image rendition, a public document and a restricted document (anonymous:
# refused or sent to the login), and stop everything again. Exits non-zero on any failure.
#
# DEPLOY_CHECK_DATABASE_URL: the scratch database (dropped and created anew); default
#   postgres://postgres@127.0.0.1:5432/kennisbank_deploycheck
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
if [ ! -x "$NGINX" ]; then
  echo "deploy-check: nginx not found; install it with 'apt-get install nginx-light' (.ci/run does)." >&2
  exit 3
fi

DB_URL=${DEPLOY_CHECK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kennisbank_deploycheck}
DB_NAME=${DB_URL##*/}

. deploy/stack.sh
stack_prepare deploycheck

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=${SECRET_KEY:-deploy-check-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export SITE_URL="http://127.0.0.1:$PROXY_PORT"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export DATABASE_URL="$DB_URL"
export STATIC_ROOT="$RUN_DIR/static" MEDIA_ROOT="$RUN_DIR/media"
export SECURE_SSL_REDIRECT=0   # plain http on loopback; a server terminates TLS in nginx
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export APP_PORT
unset DJANGO_ALLOW_ASYNC_UNSAFE

echo "== deploy-check: fresh database $DB_NAME"
fresh_database "$DB_URL"

echo "== deploy-check: release (migrate, createcachetable, collectstatic)"
PYTHON="$PY" deploy/release.sh
URLS=$("$PY" manage.py shell -v0 -c "exec(open('deploy/check_content.py').read())")

echo "== deploy-check: starting gunicorn :$APP_PORT, db_worker, nginx :$PROXY_PORT"
MALLOC_ARENA_MAX=2 "$PY" -m gunicorn -c deploy/gunicorn.conf.py config.wsgi >"$RUN_DIR/gunicorn.log" 2>&1 &
PIDS+=($!)
"$PY" manage.py db_worker >"$RUN_DIR/worker.log" 2>&1 &
PIDS+=($!)
LISTEN="127.0.0.1:$PROXY_PORT" RUN_DIR="$RUN_DIR" deploy/render-nginx.sh >/dev/null
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
PIDS+=($!)

BASE="http://127.0.0.1:$PROXY_PORT"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$BASE/robots.txt" 2>/dev/null && break
  sleep 0.2
done

FAILED=0
expect() {  # expect NAME PATH STATUS... : the status must be one of STATUS
  local name=$1 path=$2; shift 2
  local status
  status=$(curl -s -o "$RUN_DIR/body" -w '%{http_code}' "$BASE$path")
  if [[ " $* " == *" $status "* ]]; then
    echo "ok   $name $path -> $status"
  else
    echo "FAIL $name $path -> $status (expected $*)"; FAILED=1
  fi
}
STATIC=$("$PY" manage.py shell -v0 -c "from django.templatetags.static import static; print(static('kennisbank/css/kennisbank.css'))")
expect page / 200
expect lessons /lessen/ 200
expect static "$STATIC" 200
while read -r name url; do
  case $name in
    rendition) expect rendition "$url" 200 ;;
    public_document) expect public_document "$url" 200 ;;
    restricted_document) expect restricted_document "$url" 302 403 ;;
  esac
done <<<"$URLS"
expect document_file_bypass "/media/documents/besloten.txt" 404
expect security_txt /.well-known/security.txt 200
if ! grep -q "Content-Security-Policy" <(curl -sI "$BASE/"); then
  echo "FAIL page has no Content-Security-Policy"; FAILED=1
fi
for pid in "${PIDS[@]}"; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "FAIL a process died (pid $pid)"; FAILED=1; fi
done
if [ $FAILED -ne 0 ]; then
  echo "--- gunicorn.log"; tail -40 "$RUN_DIR/gunicorn.log"
  echo "--- worker.log"; tail -20 "$RUN_DIR/worker.log"
  echo "--- nginx-error.log"; tail -20 "$RUN_DIR/nginx-error.log" 2>/dev/null || true
  exit 1
fi
echo "== deploy-check: all good; stopping"
