#!/usr/bin/env bash
# Fill in deploy/nginx.conf.template from the environment and write it to $RUN_DIR/nginx.conf:
#   LISTEN (e.g. 127.0.0.1:8080 or 80), APP_PORT (gunicorn, default 8001),
#   STATIC_ROOT, MEDIA_ROOT (absolute paths), RUN_DIR (pid, logs, temp files; created).
# Then: nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;"
set -euo pipefail
cd "$(dirname "$0")/.."
: "${LISTEN:?set LISTEN}" "${STATIC_ROOT:?set STATIC_ROOT}" "${MEDIA_ROOT:?set MEDIA_ROOT}" "${RUN_DIR:?set RUN_DIR}"
APP_PORT=${APP_PORT:-8001}
mkdir -p "$RUN_DIR"
sed -e "s#\${RUN_DIR}#$RUN_DIR#g" -e "s#\${APP_PORT}#$APP_PORT#g" -e "s#\${LISTEN}#$LISTEN#g" \
    -e "s#\${STATIC_ROOT}#$STATIC_ROOT#g" -e "s#\${MEDIA_ROOT}#$MEDIA_ROOT#g" \
    deploy/nginx.conf.template >"$RUN_DIR/nginx.conf"
echo "$RUN_DIR/nginx.conf"
