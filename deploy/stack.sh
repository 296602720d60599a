# Shared by deploy/check.sh and bench/load.sh (sourced, not run): the loopback stack's ports,
# run folder, stop-everything trap, and a scratch PostgreSQL database. Needs $PY.

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# stack_prepare NAME: free ports (APP_PORT, PROXY_PORT), a run folder (RUN_DIR with static/
# and media/), and a trap that stops every pid in PIDS (and nginx) and removes the folder.
stack_prepare() {
  APP_PORT=$(free_port)
  PROXY_PORT=$(free_port)
  RUN_DIR=$(mktemp -d "/tmp/kennisbank-$1.XXXXXX")
  chmod 755 "$RUN_DIR"
  mkdir -p "$RUN_DIR/static" "$RUN_DIR/media"
  PIDS=()
  trap stop_all EXIT
}

stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$RUN_DIR/nginx.pid" ] && kill "$(cat "$RUN_DIR/nginx.pid" 2>/dev/null)" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN_DIR"
}

# fresh_database URL: drop and create the database URL names (on the same server).
fresh_database() {
  "$PY" - "${1%/*}/postgres" "${1##*/}" <<'PYEOF'
import sys
import psycopg
url, name = sys.argv[1], sys.argv[2]
with psycopg.connect(url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
PYEOF
}
