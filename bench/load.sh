#!/usr/bin/env bash
# `make bench-load`: the deployed stack (gunicorn behind nginx, production settings,
# PostgreSQL) with the demo site plus BENCH_LESSONS generated lessons, driven by wrk on
# loopback: /zoeken/ with rotating hand-written Dutch queries (the judged relevance set),
# a lesson page and a dossier PDF. Prints req/s, latency percentiles and non-2xx for each,
# with the machine's load average and core count. Bounded: WRK_SECONDS per target, then
# everything stops.
#
# BENCH_LESSONS (default 10000), WRK_CONNECTIONS (8), WRK_SECONDS (30),
# BENCH_LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kennisbank_load;
# dropped and created anew; BENCH_LOAD_REUSE=1 keeps the database of an earlier run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
WRK=$(command -v wrk || true)
[ -n "$WRK" ] || { echo "bench-load: wrk not found; apt-get install wrk" >&2; exit 3; }
[ -x "$NGINX" ] || { echo "bench-load: nginx not found; apt-get install nginx-light" >&2; exit 3; }

LESSONS=${BENCH_LESSONS:-10000}
CONNECTIONS=${WRK_CONNECTIONS:-8}
SECONDS_PER_TARGET=${WRK_SECONDS:-30}
DB_URL=${BENCH_LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kennisbank_load}
DB_NAME=${DB_URL##*/}

. deploy/stack.sh
stack_prepare load

export SECRET_KEY=bench-load-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export SITE_URL="http://127.0.0.1:$PROXY_PORT" ALLOWED_HOSTS="127.0.0.1,localhost"
export DATABASE_URL="$DB_URL" STATIC_ROOT="$RUN_DIR/static" MEDIA_ROOT="$RUN_DIR/media"
export SECURE_SSL_REDIRECT=0 EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export APP_PORT

if [ "${BENCH_LOAD_REUSE:-0}" = 1 ]; then
  echo "== reusing $DB_NAME"
  DJANGO_SETTINGS_MODULE=config.settings.production PYTHON="$PY" deploy/release.sh
else
  fresh_database "$DB_URL"
  echo "== release, demo site and $LESSONS generated lessons into $DB_NAME"
  DJANGO_SETTINGS_MODULE=config.settings.production PYTHON="$PY" deploy/release.sh
  DJANGO_SETTINGS_MODULE=config.settings.dev "$PY" manage.py load_demo >/dev/null
  DJANGO_SETTINGS_MODULE=config.settings.dev "$PY" manage.py bench_import --files "$LESSONS" | tail -2
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
read -r LESSON PDF <<<"$("$PY" manage.py shell -v0 -c "
from lessons.models import LessonPage
from dossiers.models import DossierPage
print(LessonPage.objects.live().filter(zichtbaarheid='openbaar').order_by('pk').first().url,
      DossierPage.objects.live().order_by('pk').first().url + 'pdf/')")"
# Rotating queries: the hand-written judged set (bench/relevance/queries.yaml).
"$PY" - "$RUN_DIR/queries.lua" <<'PYEOF'
import sys
import urllib.parse
import yaml
queries = [q["q"] for q in yaml.safe_load(open("bench/relevance/queries.yaml"))]
paths = ["/zoeken/?" + urllib.parse.urlencode({"q": q}) for q in dict.fromkeys(queries)]
with open(sys.argv[1], "w") as out:
    out.write("paths = {\n" + ",\n".join('"%s"' % p.replace('"', '\\"') for p in paths) + "\n}\n")
    out.write("i = 0\nrequest = function()\n  i = i % #paths + 1\n")
    out.write("  return wrk.format('GET', paths[i])\nend\n")
    out.write(f"-- {len(paths)} distinct queries\n")
PYEOF
cat >>"$RUN_DIR/queries.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("non-2xx/3xx: %d, socket errors: %d\n", e.status, e.connect + e.read + e.write + e.timeout))
end
LUA
cat >"$RUN_DIR/errors.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("non-2xx/3xx: %d, socket errors: %d\n", e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

"$PY" -m gunicorn -c deploy/gunicorn.conf.py config.wsgi >"$RUN_DIR/gunicorn.log" 2>&1 &
PIDS+=($!)
LISTEN="127.0.0.1:$PROXY_PORT" RUN_DIR="$RUN_DIR" deploy/render-nginx.sh >/dev/null
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
PIDS+=($!)
BASE="http://127.0.0.1:$PROXY_PORT"
for _ in $(seq 1 150); do curl -fsS -o /dev/null "$BASE/robots.txt" 2>/dev/null && break; sleep 0.2; done
# Warm each target once (PDF cache, facet structures) and report the cold first response.
for path in "/zoeken/?q=schade" "$LESSON" "$PDF"; do
  curl -s -o /dev/null -w "cold $path: %{http_code} in %{time_total}s\n" "$BASE$path"
done

run() {  # run NAME PATH [LUA]
  echo "== $1 ($CONNECTIONS connections, ${SECONDS_PER_TARGET}s; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$WRK" -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_TARGET}s" --latency -s "${3:-$RUN_DIR/errors.lua}" "$BASE$2" \
    | grep -E "Requests/sec|50%|90%|99%|non-2xx|Socket errors|requests in"
}
run "/zoeken/ rotating queries" "/zoeken/" "$RUN_DIR/queries.lua"
run "lesson page" "$LESSON"
run "dossier PDF" "$PDF"
echo "== done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
